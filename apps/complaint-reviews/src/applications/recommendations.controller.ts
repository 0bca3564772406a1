import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { CaseActionsService } from './case-actions.service';
import { ForceResponseDto } from './dto/case-actions.dto';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class RecommendationsController {
  constructor(private readonly actions: CaseActionsService) {}

  /** The force's written response to a recommendation; closes it (domain.md 1.4.5, 1.5.9). */
  @Post(':id/force-response')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  respond(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ForceResponseDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.actions.recordForceResponse(id, dto, principal);
  }
}
