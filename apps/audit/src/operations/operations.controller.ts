import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role } from '@oversight/auth';
import { NotFoundError } from '@oversight/domain-errors';
import { AllowRoles, InboxKafkaServer } from '@oversight/nest-platform';

@ApiTags('operations')
@ApiBearerAuth()
@AllowRoles(Role.Administrator)
@Controller('operations')
export class OperationsController {
  constructor(private readonly inbox: InboxKafkaServer) {}

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
}
