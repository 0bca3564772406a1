import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import {
  ConsentDto,
  CreateReferralDto,
  DiscussionDto,
  EligibilityDto,
  FollowUpDto,
  ListReferralsQuery,
  SwapDto,
  WithdrawDto,
} from './referral.dto';
import { SkrsReferralView } from './referral.view';
import { ReferralsService } from './referrals.service';

const C = Role.VruCoordinator;
const M = Role.VruManager;
const P = Role.VruPractitioner;
const PARTNER = Role.PartnerReferrer;

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  /** Police, partner agencies, schools and colleges refer a household; VRU staff may refer on their behalf. */
  @Post()
  @HttpCode(201)
  @AllowRoles(PARTNER, C)
  create(@Body() dto: CreateReferralDto, @CurrentPrincipal() p: Principal) {
    return this.referrals.create(dto, p);
  }

  @Get()
  @AllowRoles(PARTNER, C, M, P)
  list(@Query() q: ListReferralsQuery, @CurrentPrincipal() p: Principal) {
    return this.referrals.list(q, p);
  }

  /**
   * A domestic-abuse referral: VRU roles only, with X-Access-Reason; the read is logged, and it shows the
   * household's safe contact (`safeContact`) to the coordinator, manager and practitioner.
   */
  @Get(':id')
  @AllowRoles(PARTNER, C, M, P)
  @ApiHeader({
    name: 'x-access-reason',
    required: false,
    description: 'Required to read a domestic-abuse referral (400 SKRS_ACCESS_REASON_REQUIRED without it)',
  })
  @ApiOkResponse({ type: SkrsReferralView })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() p: Principal,
    @Headers('x-access-reason') reason?: string,
  ) {
    return this.referrals.get(id, p, reason);
  }

  @Post(':id/discussions')
  @HttpCode(201)
  @AllowRoles(C)
  discussion(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: DiscussionDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.referrals.recordDiscussion(id, dto, p);
  }

  @Post(':id/eligibility')
  @HttpCode(200)
  @AllowRoles(C)
  eligibility(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: EligibilityDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.referrals.decideEligibility(id, dto, p);
  }

  @Post(':id/consent')
  @HttpCode(200)
  @AllowRoles(P)
  consent(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ConsentDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.referrals.recordConsent(id, dto, p);
  }

  @Post(':id/swap')
  @HttpCode(201)
  @AllowRoles(P)
  swap(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: SwapDto, @CurrentPrincipal() p: Principal) {
    return this.referrals.recordSwap(id, dto, p);
  }

  @Post(':id/follow-up')
  @HttpCode(200)
  @AllowRoles(P, C)
  followUp(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: FollowUpDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.referrals.recordFollowUp(id, dto, p);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @AllowRoles(C)
  withdraw(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: WithdrawDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.referrals.withdraw(id, dto, p);
  }
}
