import {
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal, IsCalendarDate } from '@oversight/nest-platform';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TagReferralsEnv } from '../config/tag-referrals.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { sweepExpiredLocations } from './location-retention';
import { LOCATION_EXPORTERS, LOCATION_VIEWERS, locationsCsv, readLocations } from './read-locations';

export class LocationQueryDto {
  @IsOptional() @IsCalendarDate() from?: string;
  @IsOptional() @IsCalendarDate() to?: string;
  @IsOptional() @IsString() @MaxLength(200) recipient?: string;
}

const uuid = new ParseUUIDPipe();

/**
 * Location data of an episode (issue 11 item 7): to the roles that review it, with a reason, each read logged as a
 * consultation and each export as a disclosure (read-locations.ts). Nothing else in the service returns it.
 */
@ApiTags('location data')
@ApiBearerAuth()
@Controller('referrals')
export class LocationsController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly env: TagReferralsEnv,
  ) {}

  @Get(':id/locations')
  @AllowRoles(...LOCATION_VIEWERS)
  @ApiHeader({ name: 'x-access-reason', required: true })
  view(
    @Param('id', uuid) id: string,
    @Query() q: LocationQueryDto,
    @CurrentPrincipal() p: Principal,
    @Headers('x-access-reason') reason?: string,
  ) {
    return readLocations(this.prisma, this.env, id, q, p, reason, 'VIEW');
  }

  @Get(':id/locations.csv')
  @AllowRoles(...LOCATION_EXPORTERS)
  @ApiHeader({ name: 'x-access-reason', required: true })
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="tag-locations.csv"')
  async export(
    @Param('id', uuid) id: string,
    @Query() q: LocationQueryDto,
    @CurrentPrincipal() p: Principal,
    @Headers('x-access-reason') reason?: string,
  ) {
    return locationsCsv(await readLocations(this.prisma, this.env, id, q, p, reason, 'EXPORT'));
  }
}

/** Runs the retention sweep now (an operator's action; the schedule runs it anyway). */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations/location-retention')
export class LocationRetentionController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly env: TagReferralsEnv,
  ) {}

  @Post()
  @HttpCode(200)
  @AllowRoles(Role.Administrator)
  sweep() {
    return sweepExpiredLocations(this.prisma, {
      retentionDays: this.env.TAG_LOCATION_RETENTION_DAYS,
      trigger: 'OPERATOR',
    });
  }
}
