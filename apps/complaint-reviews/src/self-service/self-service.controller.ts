import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { OwnApplicationView, OwnWithdrawalDto, SelfServiceApplicationDto } from './self-service.dto';
import { SelfServiceService } from './self-service.service';

@ApiTags('self-service (applicants)')
@ApiBearerAuth()
@Controller('self-service/applications')
export class SelfServiceController {
  constructor(private readonly selfService: SelfServiceService) {}

  /** A complainant (or their representative) applies for a review themselves. */
  @Post()
  @HttpCode(201)
  @AllowRoles(Role.ReviewApplicant)
  @ApiCreatedResponse({ type: OwnApplicationView })
  submit(@Body() dto: SelfServiceApplicationDto, @CurrentPrincipal() principal: Principal) {
    return this.selfService.submit(dto, principal);
  }

  /** The caller's own applications and how far each has got. */
  @Get()
  @AllowRoles(Role.ReviewApplicant)
  @ApiOkResponse({ type: [OwnApplicationView] })
  list(@CurrentPrincipal() principal: Principal) {
    return this.selfService.list(principal);
  }

  /** The applicant withdraws one of their own applications. */
  @Post(':reference/withdrawal')
  @HttpCode(201)
  @AllowRoles(Role.ReviewApplicant)
  @ApiCreatedResponse({ type: OwnApplicationView })
  withdraw(
    @Param('reference') reference: string,
    @Body() dto: OwnWithdrawalDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.selfService.withdraw(reference, dto.reason, principal);
  }
}
