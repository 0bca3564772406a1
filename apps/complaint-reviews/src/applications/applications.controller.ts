import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { ApplicationSummaryView, ApplicationView } from './application.view';
import { ApplicationsService } from './applications.service';
import { CreateApplicationDto } from './dto/create-application.dto';
import { ListApplicationsQuery } from './dto/list-applications.query';
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
  @ApiOkResponse({ type: [ApplicationSummaryView] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListApplicationsQuery) {
    return this.applications.list(principal, query.status, query.limit);
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
