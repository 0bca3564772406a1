import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import {
  AccessDeniedError,
  ANY_PARKED_PAYLOAD_ROLE,
  hasAnyRole,
  parkedPayloadRolesFor,
  Principal,
  Role,
} from '@oversight/auth';
import { NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { AllowRoles, CurrentPrincipal } from '../auth/roles.decorator';
import { InboxKafkaServer } from '../kafka/inbox-kafka.server';
import { OutboxRelayRunner } from '../messaging/outbox-relay.runner';

/**
 * A parked message as an operator sees it: where it came from, why it was parked, never the person.
 * The payload (often personal, sometimes special-category data) is replaced by its size.
 */
export function redactPayload<T extends { payload: string | null }>(
  row: T,
): Omit<T, 'payload'> & { payload_redacted: true; payload_bytes: number } {
  const { payload, ...rest } = row;
  return { ...rest, payload_redacted: true, payload_bytes: payload ? Buffer.byteLength(payload) : 0 };
}

/**
 * The payload itself: only to a role that may read this service's records (PARKED_PAYLOAD_ROLES), with
 * a reason (for a service holding others' data, the requesting service's roles: parkedPayloadRolesFor). The
 * payload is looked up first so the check can see whose it is; a refused reader learns nothing of it. The gateway requires the reason and records the read as a consultation before releasing it;
 * the reason seen here is the one the gateway vouched for.
 */
function checkPayloadReader(principal: Principal, reason: string | undefined, payload: string | null): void {
  const allowed = parkedPayloadRolesFor(process.env['SERVICE_NAME'] ?? '', payload);
  if (!hasAnyRole(principal, allowed))
    throw new AccessDeniedError(
      allowed.length
        ? `Reading a parked message's payload needs one of the roles: ${allowed.join(', ')}`
        : 'No role may read the payloads of this service',
    );
  if (!reason || reason.trim().length < 5)
    throw new RuleViolationError([
      {
        rule: 'ACCESS_REASON_REQUIRED',
        field: 'x-access-reason',
        message: "Reading a parked message's payload needs a reason: send it in the X-Access-Reason header.",
      },
    ]);
}

/**
 * What an operator needs when consumed messages cannot be processed: see them, fix the cause,
 * replay them. Every service with a Kafka consumer registers this controller.
 */
@ApiTags('operations')
@ApiBearerAuth()
@AllowRoles(Role.Administrator)
@Controller('operations/parked-messages')
export class ParkedMessagesController {
  constructor(private readonly inbox: InboxKafkaServer) {}

  @Get()
  async list() {
    return (await this.inbox.inbox.parkedMessages.list()).map(redactPayload);
  }

  @Get(':id/payload')
  @AllowRoles(...ANY_PARKED_PAYLOAD_ROLE)
  @ApiHeader({ name: 'x-access-reason', required: true })
  async payload(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-access-reason') reason?: string,
  ) {
    const m = await this.inbox.inbox.parkedMessages.get(id);
    if (!m) throw new NotFoundError('Parked message', id);
    checkPayloadReader(principal, reason, m.payload);
    return { id: m.id, topic: m.topic, message_key: m.message_key, payload: m.payload };
  }

  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Param('id', new ParseUUIDPipe()) id: string) {
    const outcome = await this.inbox.inbox.replay(id);
    if (outcome === 'not-found') throw new NotFoundError('Parked message', id);
    return { outcome };
  }
}

/** The same for outbox rows the relay gave up on. Every service with an outbox registers it. */
@ApiTags('operations')
@ApiBearerAuth()
@AllowRoles(Role.Administrator)
@Controller('operations/outbox/parked')
export class ParkedOutboxController {
  constructor(private readonly relay: OutboxRelayRunner) {}

  @Get()
  async list() {
    return (await this.relay.outbox.listParked()).map(redactPayload);
  }

  @Get(':id/payload')
  @AllowRoles(...ANY_PARKED_PAYLOAD_ROLE)
  @ApiHeader({ name: 'x-access-reason', required: true })
  async payload(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-access-reason') reason?: string,
  ) {
    // Parked outbox rows are few (each is an incident): the list is the lookup.
    const m = (await this.relay.outbox.listParked(10_000)).find((r) => r.id === id);
    if (!m) throw new NotFoundError('Parked outbox message', id);
    checkPayloadReader(principal, reason, m.payload);
    return { id: m.id, topic: m.topic, message_key: m.message_key, payload: m.payload };
  }

  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Param('id', new ParseUUIDPipe()) id: string) {
    if (!(await this.relay.outbox.replayParked(id))) throw new NotFoundError('Parked outbox message', id);
    return { outcome: 'requeued' };
  }
}
