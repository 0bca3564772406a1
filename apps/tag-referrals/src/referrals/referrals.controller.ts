import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import {
  AllocationDto,
  ConsentDto,
  CreateReferralDto,
  ExtensionDto,
  FittingDto,
  ListReferralsQuery,
  MoreInformationDto,
  RemovalDto,
  TriageDto,
  WithdrawalDto,
} from './referral.dto';
import { ReferralsService } from './referrals.service';

const COORDINATOR = [Role.VruCoordinator] as const;
const PRACTICE = [Role.VruPractitioner, Role.VruManager] as const;
const VRU = [Role.VruCoordinator, Role.VruManager, Role.VruPractitioner] as const;
const uuid = new ParseUUIDPipe();

@ApiTags('tag referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @AllowRoles(Role.PartnerReferrer, Role.VruCoordinator)
  create(@Body() dto: CreateReferralDto, @CurrentPrincipal() p: Principal) {
    return this.referrals.create(dto, p);
  }

  @Get()
  @AllowRoles(Role.PartnerReferrer, ...VRU)
  list(@Query() q: ListReferralsQuery, @CurrentPrincipal() p: Principal) {
    return this.referrals.list(q, p);
  }

  @Get(':id')
  @AllowRoles(Role.PartnerReferrer, ...VRU)
  get(@Param('id', uuid) id: string, @CurrentPrincipal() p: Principal) {
    return this.referrals.get(id, p);
  }

  @Post(':id/triage')
  @HttpCode(200)
  @AllowRoles(...COORDINATOR)
  triage(@Param('id', uuid) id: string, @Body() dto: TriageDto, @CurrentPrincipal() p: Principal) {
    return this.referrals.triage(id, dto, p);
  }

  @Post(':id/information')
  @HttpCode(200)
  @AllowRoles(Role.PartnerReferrer, Role.VruCoordinator)
  information(
    @Param('id', uuid) id: string,
    @Body() dto: MoreInformationDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.referrals.provideInformation(id, dto, p);
  }

  @Post(':id/consents')
  @AllowRoles(Role.VruCoordinator, Role.VruPractitioner)
  consent(@Param('id', uuid) id: string, @Body() dto: ConsentDto, @CurrentPrincipal() p: Principal) {
    return this.referrals.recordConsent(id, dto, p);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @AllowRoles(Role.PartnerReferrer, ...VRU)
  withdraw(@Param('id', uuid) id: string, @Body() dto: WithdrawalDto, @CurrentPrincipal() p: Principal) {
    return this.referrals.withdraw(id, dto, p);
  }

  @Post(':id/allocation')
  @HttpCode(200)
  @AllowRoles(...COORDINATOR)
  allocate(@Param('id', uuid) id: string, @Body() dto: AllocationDto, @CurrentPrincipal() p: Principal) {
    return this.referrals.allocate(id, dto, p);
  }

  @Post(':id/fitting')
  @HttpCode(200)
  @AllowRoles(...PRACTICE)
  fit(@Param('id', uuid) id: string, @Body() dto: FittingDto, @CurrentPrincipal() p: Principal) {
    return this.referrals.fit(id, dto, p);
  }

  @Post(':id/extension')
  @HttpCode(200)
  @AllowRoles(...PRACTICE)
  extend(@Param('id', uuid) id: string, @Body() dto: ExtensionDto, @CurrentPrincipal() p: Principal) {
    return this.referrals.extend(id, dto, p);
  }

  @Post(':id/removal')
  @HttpCode(200)
  @AllowRoles(...PRACTICE)
  remove(@Param('id', uuid) id: string, @Body() dto: RemovalDto, @CurrentPrincipal() p: Principal) {
    return this.referrals.remove(id, dto, p);
  }
}
