import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { CautionsService } from './cautions.service';
import {
  BreachDecisionDto,
  ExtendCompletionDto,
  ListCautionsQuery,
  ProceedingsStartedDto,
  ReasonableExcuseDto,
  RecordEvidenceDto,
  VaryConditionsDto,
} from './dto/caution.dto';

const CJ_OPS = [Role.CjOpsOfficer, Role.CjOpsSupervisor] as const;
const uuid = () => new ParseUUIDPipe();

/**
 * Conditional cautions after issue. Officers record evidence and reasonable-excuse assessments; decisions that
 * change what the offender must do (extensions, variations, breach decisions, proceedings) are for supervisors,
 * who also record the authorising officer and rank the rules require.
 */
@ApiTags('conditional cautions')
@ApiBearerAuth()
@Controller('cautions')
export class CautionsController {
  constructor(private readonly cautions: CautionsService) {}

  @Get()
  @AllowRoles(...CJ_OPS)
  list(@Query() q: ListCautionsQuery) {
    return this.cautions.list(q);
  }

  /** The workflow's live state, queried from Temporal. */
  @Get(':id/workflow-state')
  @AllowRoles(...CJ_OPS)
  workflowState(@Param('id', uuid()) id: string) {
    return this.cautions.workflowState(id);
  }

  @Post(':id/conditions/:conditionId/evidence')
  @HttpCode(202)
  @AllowRoles(...CJ_OPS)
  evidence(
    @Param('id', uuid()) id: string,
    @Param('conditionId', uuid()) conditionId: string,
    @Body() dto: RecordEvidenceDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.cautions.recordEvidence(id, conditionId, dto, p);
  }

  @Post(':id/extension')
  @HttpCode(202)
  @AllowRoles(Role.CjOpsSupervisor)
  extend(
    @Param('id', uuid()) id: string,
    @Body() dto: ExtendCompletionDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.cautions.extend(id, dto, p);
  }

  @Post(':id/variation')
  @HttpCode(202)
  @AllowRoles(Role.CjOpsSupervisor)
  vary(@Param('id', uuid()) id: string, @Body() dto: VaryConditionsDto, @CurrentPrincipal() p: Principal) {
    return this.cautions.vary(id, dto, p);
  }

  @Post(':id/breaches/:breachId/assessment')
  @HttpCode(200)
  @AllowRoles(...CJ_OPS)
  assess(
    @Param('id', uuid()) id: string,
    @Param('breachId', uuid()) breachId: string,
    @Body() dto: ReasonableExcuseDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.cautions.assessBreach(id, breachId, dto, p);
  }

  @Post(':id/breaches/:breachId/decision')
  @HttpCode(202)
  @AllowRoles(Role.CjOpsSupervisor)
  decide(
    @Param('id', uuid()) id: string,
    @Param('breachId', uuid()) breachId: string,
    @Body() dto: BreachDecisionDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.cautions.decideBreach(id, breachId, dto, p);
  }

  @Post(':id/proceedings')
  @HttpCode(202)
  @AllowRoles(Role.CjOpsSupervisor)
  proceedings(
    @Param('id', uuid()) id: string,
    @Body() dto: ProceedingsStartedDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.cautions.proceedingsStarted(id, dto, p);
  }
}
