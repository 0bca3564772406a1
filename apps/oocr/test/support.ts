// Helpers for the end-to-end tests of apps/oocr on the running stack (scripts/start-services.sh).
// The shared helpers (sign-in, API through the gateway, database, audit trail) are @oversight/testing's e2e-client.
import {
  ActorKind,
  buildEvent,
  encodeEvent,
  eventHeaders,
  EventOf,
  Processing,
  TopicDefinition,
} from '@oversight/contracts';
import { connectTemporalClient, isAlreadyStarted } from '@oversight/temporal';
import {
  auditEntriesAbout,
  daysFrom,
  gatewayApi,
  queryDatabase,
  SHARED_TEMPORAL_ADDRESS,
  TestKafkaProducer,
  today,
  waitFor,
} from '@oversight/testing';
import { cautionWorkflowInput } from '../src/cautions/caution-schedule';
import { OocrSettings } from '../src/config/oocr-settings';
import { CAUTION_WORKFLOW, cautionWorkflowId } from '../src/workflows/caution.types';
import { randomUUID } from 'node:crypto';

export { GATEWAY_URL as GATEWAY, tokenFor, daysFrom, today, type ApiResponse } from '@oversight/testing';

/** A request through the gateway (`path` from the root, e.g. /api/oocr/disposals). */
export const api = gatewayApi;

/** Rows of a query on one database of the stack (`oocr`, `audit`...). */
export const query = queryDatabase;

const OOCR_TABLES = [
  'disposal',
  'offender',
  'offender_special_category',
  'victim',
  'resolution_review',
  'review_referral',
  'referral_action',
  'caution',
  'condition',
  'instalment',
  'condition_evidence',
  'caution_extension',
  'breach',
  'officer_task',
  'outbox_message',
];

/** Row counts of every table an oocr write could touch, and the versions of the reviews: to prove a refused request changed nothing. */
export async function oocrState(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  for (const t of OOCR_TABLES) out[t] = (await query('oocr', `SELECT count(*)::int AS n FROM ${t}`))[0].n;
  out.reviewVersions = (
    await query('oocr', `SELECT coalesce(sum(version), 0)::int AS v FROM resolution_review`)
  )[0].v;
  out.cautionStates = (
    await query('oocr', `SELECT coalesce(sum(state_version), 0)::int AS v FROM caution`)
  )[0].v;
  return out;
}

/**
 * The body of POST /api/oocr/disposals for a valid adult conditional caution issued today (domain.md Part 1
 * "Out of Court Resolutions"): an invented offender, criminal damage, a victim whose views were sought, one
 * course condition due in 3 days (inside the reminder window: the workflow reminds at once). The one copy the
 * oocr e2e and scale tests build on; each overrides (shallowly) only what it exercises.
 */
export function conditionalCaution(fullName: string, over: Record<string, unknown> = {}) {
  return {
    disposalType: 'ADULT_CONDITIONAL_CAUTION',
    issueDate: today(),
    crimeReference: '46/61234/26',
    district: 'maidstone',
    offender: {
      fullName,
      dateOfBirth: '1988-02-14',
      gender: 'MALE',
      ethnicity: 'W1',
      email: `offender.${randomUUID().slice(0, 6)}@example.org`,
    },
    offence: {
      code: '58/1',
      description: 'Criminal damage to a bus shelter',
      classification: 'EITHER_WAY',
      offenceDate: daysFrom(-5),
      offenceGroup: 'CRIMINAL_DAMAGE_AND_ARSON',
    },
    issuingOfficer: { id: 'pc.5120', name: 'PC Ndlovu' },
    authoriser: { id: 'ps.2210', rank: 'SERGEANT' },
    admission: 'ADMITTED',
    evidenceSufficientToCharge: true,
    effectExplainedWithBreachWarning: true,
    signedConsent: { documentRef: `DOC-${randomUUID().slice(0, 8)}`, signedOn: today() },
    victims: [
      {
        name: 'Kent Bus Services',
        email: 'claims@example.org',
        wantsUpdates: false,
        views: {
          soughtOn: daysFrom(-2),
          method: 'email',
          outcome: 'VIEWS_GIVEN',
          views: 'Wants the repair paid for',
          requestedAction: 'Pay for the repair',
          requestedActionAttached: true,
        },
      },
    ],
    conditions: [
      {
        purpose: 'REHABILITATIVE',
        kind: 'COURSE',
        description: 'Attend a victim awareness course',
        dueDate: daysFrom(3),
        provider: 'Kent Victim Awareness Programme',
      },
    ],
    ...over,
  };
}

/** Audit entries about one record (as an auditor, who must give a reason). */
export const auditEntries = (recordId: string) => auditEntriesAbout(recordId, 'oocr e2e: check the trail');

/** Publishes an event as another system would (the field app, a provider): encoded, keyed, with headers. */
export class ExternalPublisher extends TestKafkaProducer {
  constructor() {
    super('oocr-e2e');
  }

  publish<T extends TopicDefinition>(topic: T, event: EventOf<T>): Promise<void> {
    return this.send(topic.name, [
      { key: event.metadata.aggregateId, value: encodeEvent(topic, event), headers: eventHeaders(event) },
    ]);
  }
}

/** An event as an outside system (the field app, a provider) would build it. */
export function externalEvent<T extends TopicDefinition>(
  topic: T,
  meta: { aggregateId: string; subject: string; correlationId: string; processing?: Processing },
  payload: Parameters<typeof buildEvent<T>>[2],
): EventOf<T> {
  return buildEvent(
    topic,
    {
      aggregateId: meta.aggregateId,
      actor: { subject: meta.subject, kind: ActorKind.EXTERNAL_SYSTEM },
      correlationId: meta.correlationId,
      processing: meta.processing ?? Processing.COLLECTION,
    },
    payload,
  );
}

/**
 * Waits for a caution's workflow, started by the oocr consumer from oocr.disposal-recorded.v1. On the shared stack
 * that consumer can be minutes behind (a benchmark issuing thousands of cautions): after `patienceMs` the test
 * starts the workflow itself, exactly as the consumer would (same id, same input built by the same function; the
 * consumer then finds it already started). Tests of what happens after the start use this; the start path itself
 * is tested by conditional-caution.e2e.int-spec.ts, which waits for the consumer.
 */
export async function cautionWorkflowRunning(cautionId: string, patienceMs = 20_000): Promise<void> {
  const state = async () =>
    (await api('GET', `/api/oocr/cautions/${cautionId}/workflow-state`, { as: 'cjops.dan' })).body;
  try {
    await waitFor('the caution workflow', state, (s) => s?.status === 'ACTIVE', { timeoutMs: patienceMs });
    return;
  } catch {
    /* the consumer is behind: start it as the consumer would */
  }
  const [c] = await query(
    'oocr',
    `SELECT d.reference, d.disposal_type, to_char(d.issue_date, 'YYYY-MM-DD') AS issue_date, d.offence_class,
            to_char(d.offence_date, 'YYYY-MM-DD') AS offence_date,
            to_char(c.completion_due_date, 'YYYY-MM-DD') AS completion_due_date
       FROM caution c JOIN disposal d ON d.id = c.disposal_id WHERE c.disposal_id = $1`,
    [cautionId],
  );
  const conditions = await query(
    'oocr',
    `SELECT id, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM condition WHERE caution_id = $1 ORDER BY seq`,
    [cautionId],
  );
  const instalments = await query(
    'oocr',
    `SELECT i.condition_id, i.number, to_char(i.due_date, 'YYYY-MM-DD') AS due_date FROM instalment i JOIN condition c ON c.id = i.condition_id
      WHERE c.caution_id = $1 ORDER BY i.number`,
    [cautionId],
  );
  const settings = OocrSettings.defaults();
  const input = cautionWorkflowInput(
    {
      cautionId,
      reference: c.reference,
      disposalType: c.disposal_type,
      issueDate: c.issue_date,
      completionDueDate: c.completion_due_date,
      offenceClass: c.offence_class,
      offenceDate: c.offence_date,
      conditions: conditions.map((x) => ({
        id: x.id,
        dueDate: x.due_date,
        instalments: instalments
          .filter((i) => i.condition_id === x.id)
          .map((i) => ({ number: i.number, dueDate: i.due_date })),
      })),
      correlationId: `e2e-start-${cautionId}`,
    },
    settings.rules,
    settings.reminderDaysBefore,
  );
  const temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
  try {
    await temporal.workflow.start(CAUTION_WORKFLOW, {
      workflowId: cautionWorkflowId(cautionId),
      taskQueue: 'oocr',
      args: [input],
      memo: { correlationId: input.correlationId, reference: c.reference },
    });
  } catch (err) {
    if (!isAlreadyStarted(err)) throw err;
  } finally {
    await temporal.connection.close();
  }
  await waitFor('the caution workflow', state, (s) => s?.status === 'ACTIVE', { timeoutMs: 60_000 });
}
