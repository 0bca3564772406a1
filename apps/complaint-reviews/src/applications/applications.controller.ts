import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { ApplicationStatus } from '../generated/prisma/enums';
import { ApplicationSummaryView, ApplicationView } from './application.view';
import { ApplicationsService } from './applications.service';
import { CreateApplicationDto } from './dto/create-application.dto';
import { ClocksService } from '../clocks/clocks.service';

@ApiTags('review applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly clocks: ClocksService,
  ) {}

  @Post()
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  create(@Body() dto: CreateApplicationDto, @CurrentPrincipal() principal: Principal) {
    return this.applications.create(dto, principal);
  }

  @Get()
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  @ApiQuery({ name: 'status', enum: ApplicationStatus, required: false })
  @ApiOkResponse({ type: [ApplicationSummaryView] })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('status', new ParseEnumPipe(ApplicationStatus, { optional: true })) status?: ApplicationStatus,
  ) {
    return this.applications.list(principal, status);
  }

  @Get(':id')
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  @ApiOkResponse({ type: ApplicationView })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.applications.get(id, principal);
  }

  /** The acknowledgement was sent: stops the acknowledgement clock. */
  @Post(':id/acknowledgement')
  @HttpCode(202)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  async acknowledge(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    await this.applications.get(id, principal); // existence and visibility
    await this.clocks.signalMet(id, 'ACKNOWLEDGEMENT');
    return { accepted: true };
  }
}
