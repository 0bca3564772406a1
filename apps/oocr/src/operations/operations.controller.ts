import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role } from '@oversight/auth';
import { NotFoundError } from '@oversight/domain-errors';
import { AllowRoles, InboxKafkaServer, OutboxRelayRunner } from '@oversight/nest-platform';

/** What an operator needs when messages cannot be processed: see them, fix the cause, replay them. */
@ApiTags('operations')
@ApiBearerAuth()
@AllowRoles(Role.Administrator)
@Controller('operations')
export class OperationsController {
  constructor(
    private readonly inbox: InboxKafkaServer,
    private readonly relay: OutboxRelayRunner,
  ) {}

  @Get('parked-messages')
  parked() {
    return this.inbox.inbox.parkedMessages.list();
  }

  @Post('parked-messages/:id/replay')
  @HttpCode(200)
  async replay(@Param('id', new ParseUUIDPipe()) id: string) {
    const outcome = await this.inbox.inbox.replay(id);
    if (outcome === 'not-found') throw new NotFoundError('Parked message', id);
    return { outcome };
  }

  @Get('outbox/parked')
  parkedOutbox() {
    return this.relay.outbox.listParked();
  }

  @Post('outbox/parked/:id/replay')
  @HttpCode(200)
  async replayOutbox(@Param('id', new ParseUUIDPipe()) id: string) {
    if (!(await this.relay.outbox.replayParked(id))) throw new NotFoundError('Parked outbox message', id);
    return { outcome: 'requeued' };
  }
}
