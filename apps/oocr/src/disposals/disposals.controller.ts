import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { DisposalsService } from './disposals.service';
import { CreateDisposalDto } from './dto/create-disposal.dto';
import { ListDisposalsQuery } from './dto/list-disposals.query';
import { SpecialCategoryService } from './special-category.service';

const CJ_OPS = [Role.CjOpsOfficer, Role.CjOpsSupervisor] as const;

@ApiTags('disposals')
@ApiBearerAuth()
@Controller('disposals')
export class DisposalsController {
  constructor(
    private readonly disposals: DisposalsService,
    private readonly specialCategory: SpecialCategoryService,
  ) {}

  /** Records a disposal (any type); a conditional caution's workflow starts from the event it commits. */
  @Post()
  @HttpCode(201)
  @AllowRoles(...CJ_OPS)
  create(@Body() dto: CreateDisposalDto, @CurrentPrincipal() principal: Principal) {
    return this.disposals.create(dto, principal);
  }

  /** Checks a disposal against every rule without recording it: the violations and warnings it would meet. */
  @Post('validation')
  @HttpCode(200)
  @AllowRoles(...CJ_OPS)
  validate(@Body() dto: CreateDisposalDto, @CurrentPrincipal() principal: Principal) {
    const v = this.disposals.validate(dto, principal.subject);
    return {
      clearToProceed: v.violations.length === 0,
      violations: v.violations,
      acknowledgedWarnings: v.acknowledgedWarnings,
      completionDueDate: v.completionDueDate,
    };
  }

  @Get()
  @AllowRoles(...CJ_OPS)
  list(@Query() q: ListDisposalsQuery) {
    return this.disposals.list(q);
  }

  @Get(':id')
  @AllowRoles(...CJ_OPS)
  @ApiOkResponse({ description: 'The record, without gender and ethnicity' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.disposals.get(id);
  }

  /** Gender and ethnicity: supervisors only, with a reason; the read is recorded by this service and the gateway. */
  @Get(':id/special-category')
  @AllowRoles(Role.CjOpsSupervisor)
  @ApiHeader({ name: 'x-access-reason', required: true })
  special(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-access-reason') reason?: string,
  ) {
    return this.specialCategory.read(id, principal, reason);
  }
}
