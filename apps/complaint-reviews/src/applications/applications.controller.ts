import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { ApplicationSummaryView, ApplicationView } from './application.view';
import { ApplicationsService } from './applications.service';
import { CaseActionsService } from './case-actions.service';
import {
  ClockStopDto,
  ClosureDto,
  DecisionNotToActDto,
  ExtensionDecisionDto,
  InformationReceivedDto,
  ProceedDespiteMissingDto,
  ReviewBodyAssessmentDto,
  ReviewDecisionDto,
  WithdrawalDto,
} from './dto/case-actions.dto';
import { CreateApplicationDto } from './dto/create-application.dto';
import { ListApplicationsQuery } from './dto/list-applications.query';
import { ClocksService } from '../clocks/clocks.service';
import { AssignmentDto, BulkAssignmentDto } from '../queues/queues.dto';
import { QueuesService } from '../queues/queues.service';

@ApiTags('review applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly clocks: ClocksService,
    private readonly actions: CaseActionsService,
    private readonly queues: QueuesService,
  ) {}

  /** Assigns several reviews to one reviewer, all or nothing (managers). */
  @Post('assignments')
  @HttpCode(200)
  @AllowRoles(Role.OpccManager)
  assignMany(@Body() dto: BulkAssignmentDto, @CurrentPrincipal() principal: Principal) {
    return this.actions.assignMany(dto.applicationIds, dto, principal);
  }

  @Post()
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  create(@Body() dto: CreateApplicationDto, @CurrentPrincipal() principal: Principal) {
    return this.applications.create(dto, principal);
  }

  @Get()
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  @ApiOkResponse({ type: [ApplicationSummaryView] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListApplicationsQuery) {
    return this.queues.list(principal, query);
  }

  @Get(':id')
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  @ApiOkResponse({ type: ApplicationView })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.applications.get(id, principal);
  }

  /**
   * Acknowledges the application: requests the acknowledgement letter (once) and stops the
   * acknowledgement clock.
   */
  @Post(':id/acknowledgement')
  @HttpCode(202)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  async acknowledge(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    const letterRequested = await this.actions.requestAcknowledgement(id, principal); // also checks visibility
    // A clock not started yet is met by its starter, which finds the ACKNOWLEDGED entry (ClockStarterConsumer).
    await this.clocks.signalMetIfRunning(id, 'ACKNOWLEDGEMENT');
    return { accepted: true, letterRequested };
  }

  /** Claim (no assignee), assign or reassign (with a reason) one review. */
  @Post(':id/assignment')
  @HttpCode(200)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  assign(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AssignmentDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.actions.assign(id, dto, principal);
  }

  /** Asks the applicant for the missing validity items; starts the information-request clock. */
  @Post(':id/information-request')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  requestInformation(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.actions.requestInformation(id, principal);
  }

  /** What the applicant sent back: the intake is assessed again and the information clock met. */
  @Post(':id/information-received')
  @HttpCode(200)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  informationReceived(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: InformationReceivedDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.actions.informationReceived(id, dto, principal);
  }

  /** Proceeds despite missing items, with the reason on record. */
  @Post(':id/proceed-despite-missing-items')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  proceedDespiteMissing(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ProceedDespiteMissingDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.actions.proceedDespiteMissing(id, dto, principal);
  }

  /** Stops the completion clock, with a reason. */
  @Post(':id/clock-stop')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  stopClock(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ClockStopDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.actions.stopClock(id, dto, principal);
  }

  /** Restarts the completion clock; answers with the new due date. */
  @Post(':id/clock-restart')
  @HttpCode(200)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  restartClock(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.actions.restartClock(id, principal);
  }

  /** A person's decision on a late application: extend (special circumstances) or refuse (domain.md 1.2.5). */
  @Post(':id/extension-decision')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  decideExtension(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ExtensionDecisionDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.actions.decideExtension(id, dto, principal);
  }

  /** The relevant-review-body checklist; any yes passes the application to the IOPC (1.3.1, 1.2.4). */
  @Post(':id/review-body-assessment')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  assessReviewBody(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ReviewBodyAssessmentDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.actions.assessReviewBody(id, dto, principal);
  }

  @Post(':id/withdrawal')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  withdraw(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: WithdrawalDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.actions.withdraw(id, dto, principal);
  }

  /** A decision not to act, with what was considered and why (the decision log records every decision). */
  @Post(':id/decision-not-to-act')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  decideNotToAct(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: DecisionNotToActDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.actions.recordDecisionNotToAct(id, dto, principal);
  }

  /** Closes the case without a review decision: not eligible, appeal route, or information still missing. */
  @Post(':id/closure')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  close(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ClosureDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.actions.close(id, dto, principal);
  }

  /** The outcome of the review with recommendations; requests both outcome letters (1.1.6, 1.4.3). */
  @Post(':id/decision')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  decide(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ReviewDecisionDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.actions.decide(id, dto, principal);
  }
}
