import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { OutcomeDto } from '../referrals/referral.dto';
import { RecordOutcome } from './record-outcome';

@ApiTags('tag referrals')
@ApiBearerAuth()
@Controller('referrals')
export class OutcomesController {
  constructor(private readonly recordOutcome: RecordOutcome) {}

  /** Outcomes at a point (baseline, closure, 3/6/9 months after removal): VRU coordinator, practitioner, manager. */
  @Post(':id/outcomes')
  @AllowRoles(Role.VruCoordinator, Role.VruPractitioner, Role.VruManager)
  record(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: OutcomeDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.recordOutcome.execute(id, dto, p);
  }
}
