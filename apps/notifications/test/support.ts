import {
  ActorKind,
  buildEvent,
  decodeEvent,
  encodeEvent,
  eventHeaders,
  EventOf,
  NotificationChannel,
  NotificationLanguage,
  Processing,
  Topics,
} from '@oversight/contracts';
import {
  ApiResponse,
  tokenFor,
  gatewayAssertionHeaders,
  queryDatabase,
  REPO_ROOT,
  request,
  TestKafkaProducer,
} from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export { GATEWAY_URL as GATEWAY, tokenFor } from '@oversight/testing';

/** The running notifications service (scripts/start-services.sh, or started by hand on :3104). */
export const NOTIFICATIONS = process.env.NOTIFICATIONS_URL ?? 'http://127.0.0.1:3104';
/** Where the running service's local sink writes (its default, relative to the repository root). */
export const SINK_DIR = join(REPO_ROOT, '.local', 'notifications');

export type RequestEvent = EventOf<typeof Topics.notificationRequested>;
export type DispatchedEvent = EventOf<typeof Topics.notificationDispatched>;

export async function assertServiceRunning(): Promise<void> {
  const res = await fetch(`${NOTIFICATIONS}/health/ready`).catch(() => undefined);
  if (res?.status !== 200)
    throw new Error(
      `The notifications service is not ready at ${NOTIFICATIONS}: start it with scripts/start-services.sh (its database migrated by scripts/prisma.sh deploy)`,
    );
}

/** A case's access rules as complaint-reviews sends them (letter-request.ts): its team, restriction, managers. */
export interface CaseRule {
  team: string;
  /** Left out: counts as restricted. */
  restricted?: boolean;
}
export function accessScope(rule: CaseRule) {
  return {
    owningService: 'complaint-reviews',
    recordType: 'review-application',
    recordId: randomUUID(),
    team: rule.team,
    restricted: rule.restricted,
    rolesAcrossTeams: ['OPCC_MANAGER'],
  };
}

/** A valid request for an acknowledgement email to an invented complainant; override any field. */
export function notificationRequest(
  overrides: Partial<{
    notificationId: string;
    channel: NotificationChannel;
    templateKey: string;
    language: NotificationLanguage;
    recipient: { emailAddress?: string; phoneNumber?: string; addressLines?: string[] };
    personalisation: Record<string, string>;
    reference: string;
    correlationId: string;
    eventId: string;
    /** The owning case's team and restriction; null sends no scope (as requesters did before issue 9 item 1). */
    accessScope: CaseRule | null;
  }> = {},
): RequestEvent {
  const notificationId = overrides.notificationId ?? randomUUID();
  return buildEvent(
    Topics.notificationRequested,
    {
      aggregateId: notificationId,
      actor: { subject: 'complaint-reviews', kind: ActorKind.SERVICE },
      correlationId: overrides.correlationId ?? `it-${randomUUID()}`,
      processing: Processing.DISCLOSURE,
      eventId: overrides.eventId,
    },
    {
      notificationId,
      channel: overrides.channel ?? NotificationChannel.EMAIL,
      templateKey: overrides.templateKey ?? 'complaint-review.acknowledgement',
      language: overrides.language ?? NotificationLanguage.ENGLISH,
      recipient: overrides.recipient ?? { emailAddress: 'delphine.arkwright@example.org' },
      personalisation: overrides.personalisation ?? {
        name: 'Delphine Arkwright',
        received_on: '18 November 2026',
        target_weeks: '12',
        contact_details: 'reviews@opcc.example.gov.uk',
        review_body_name: 'Office of the Police and Crime Commissioner',
      },
      reference: overrides.reference ?? uniqueReference(),
      requestedByService: 'complaint-reviews',
      dataSubjectId: randomUUID(),
      accessScope:
        overrides.accessScope === null
          ? undefined
          : accessScope(overrides.accessScope ?? { team: 'opcc-reviews-east', restricted: false }),
    },
  );
}

let counter = 0;
/** A case reference no other test run uses. */
export function uniqueReference(): string {
  return `CR-IT-${Date.now().toString(36).toUpperCase()}-${++counter}`;
}

const requester = new TestKafkaProducer('notifications-it');

/** Publishes requests straight to Kafka, as a requester's outbox relay would. */
export function publish(events: RequestEvent[], key?: string): Promise<void> {
  return requester.send(
    Topics.notificationRequested.name,
    events.map((e) => ({
      key: key ?? e.metadata.aggregateId,
      value: encodeEvent(Topics.notificationRequested, e),
      headers: eventHeaders(e),
    })),
  );
}

export const closeProducer = (): Promise<void> => requester.close();

/** Rows of a query on the notifications database (or another of the stack). */
export const query = <T = any>(
  sql: string,
  params: unknown[] = [],
  database = 'notifications',
): Promise<T[]> => queryDatabase<T>(database, sql, params);

export async function notificationRow(id: string, database?: string) {
  const [row] = await query(`SELECT * FROM notification WHERE id = $1`, [id], database);
  return row as Record<string, any> | undefined;
}

/** The dispatched events in the outbox for one notification, decoded, with their publication time. */
export async function dispatchedEvents(
  id: string,
  database?: string,
): Promise<Array<{ event: DispatchedEvent; publishedAt: Date | null }>> {
  const rows = await query<{ payload: string; published_at: Date | null }>(
    `SELECT payload, published_at FROM outbox_message WHERE topic = $1 AND message_key = $2 ORDER BY seq`,
    [Topics.notificationDispatched.name, id],
    database,
  );
  return rows.map((r) => ({
    event: decodeEvent(Topics.notificationDispatched, r.payload),
    publishedAt: r.published_at,
  }));
}

export function sinkFile(id: string): string {
  return join(SINK_DIR, `${id}.json`);
}

export function readSinkFile(id: string): Record<string, any> | undefined {
  const file = sinkFile(id);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Sink files hold (invented) personal data: tests remove the ones they caused. */
export function removeSinkFiles(ids: string[]): void {
  for (const id of ids) rmSync(sinkFile(id), { force: true });
}

/**
 * A GET as a demo user, to the gateway or straight to the service. Direct calls to the service carry the
 * gateway's assertion, as the gateway would send it (header `x-no-assertion` leaves it out).
 */
export async function get<T = any>(
  base: string,
  path: string,
  as?: string,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const { ['x-no-assertion']: noAssertion, ...sent } = headers;
  const vouched =
    as && base === NOTIFICATIONS && !noAssertion
      ? await gatewayAssertionHeaders({
          service: 'notifications',
          method: 'GET',
          path,
          bearerToken: await tokenFor(as),
        })
      : {};
  return request<T>('GET', `${base}${path}`, { as, headers: { ...sent, ...vouched } });
}
