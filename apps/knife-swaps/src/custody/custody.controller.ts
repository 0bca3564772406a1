import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { IsIn, IsOptional } from 'class-validator';
import { CustodyService, CustodyStepDto } from './custody.service';

export class ListCustodyQuery {
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: string;
}

@ApiTags('custody')
@ApiBearerAuth()
@Controller('custody')
export class CustodyController {
  constructor(private readonly custody: CustodyService) {}

  /** Bags of surrendered knives not yet destroyed (the custody exceptions with overdue=true). */
  @Get()
  @AllowRoles(Role.VruCoordinator, Role.VruManager, Role.VruPractitioner)
  list(@Query() q: ListCustodyQuery) {
    return this.custody.list(q.overdue === 'true');
  }

  @Post(':bagId/steps')
  @HttpCode(200)
  @AllowRoles(Role.VruPractitioner)
  step(
    @Param('bagId', new ParseUUIDPipe()) bagId: string,
    @Body() dto: CustodyStepDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.custody.step(bagId, dto, p);
  }
}
