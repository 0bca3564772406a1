import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role } from '@oversight/auth';
import { NotFoundError } from '@oversight/domain-errors';
import { AllowRoles } from '../auth/roles.decorator';
import { InboxKafkaServer } from '../kafka/inbox-kafka.server';
import { OutboxRelayRunner } from '../messaging/outbox-relay.runner';

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
  list() {
    return this.inbox.inbox.parkedMessages.list();
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
  list() {
    return this.relay.outbox.listParked();
  }

  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Param('id', new ParseUUIDPipe()) id: string) {
    if (!(await this.relay.outbox.replayParked(id))) throw new NotFoundError('Parked outbox message', id);
    return { outcome: 'requeued' };
  }
}
