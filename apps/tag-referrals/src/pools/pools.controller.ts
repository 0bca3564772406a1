import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, NotEquals } from 'class-validator';
import { PoolsService } from './pools.service';

export class RegisterTagDto {
  @ApiProperty({ example: 'BUD-VRU-0001' })
  @IsString()
  @Matches(/^[A-Z0-9-]{4,40}$/, { message: 'serial must be 4–40 capital letters, digits or hyphens' })
  serial!: string;
  @ApiProperty({ enum: ['IOM', 'VRU'] }) @IsIn(['IOM', 'VRU']) pool!: string;
}

export class InspectionDto {
  @ApiProperty({ enum: ['IN_STOCK', 'DAMAGED', 'LOST'] }) @IsIn(['IN_STOCK', 'DAMAGED', 'LOST']) outcome!:
    | 'IN_STOCK'
    | 'DAMAGED'
    | 'LOST';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class ConsumableDto {
  @ApiProperty({ enum: ['LOCKING_PLATE', 'STRAP', 'CHARGER'] })
  @IsIn(['LOCKING_PLATE', 'STRAP', 'CHARGER'])
  kind!: string;
  @ApiPropertyOptional({ enum: ['S', 'M', 'L', 'XL'] })
  @IsOptional()
  @IsIn(['S', 'M', 'L', 'XL'])
  size?: string;
  @ApiProperty({
    description: 'Received (positive) or written off (negative), at most 1,000 either way in one movement',
    minimum: -1000,
    maximum: 1000,
  })
  @Type(() => Number)
  @IsInt()
  @Min(-1000, { message: 'change must be at least -1000 (one movement writes off at most 1,000)' })
  @Max(1000, { message: 'change must be at most 1000 (one movement receives at most 1,000)' })
  @NotEquals(0, { message: 'change must not be 0' })
  change!: number;
}

export class WaitingListQuery {
  @ApiPropertyOptional({ enum: ['IOM', 'VRU'] }) @IsOptional() @IsIn(['IOM', 'VRU']) pool?: string;
}

const STOCK = [Role.VruCoordinator, Role.VruManager] as const;

@ApiTags('tag pools')
@ApiBearerAuth()
@Controller()
export class PoolsController {
  constructor(private readonly pools: PoolsService) {}

  @Get('pools')
  @AllowRoles(...STOCK, Role.VruPractitioner)
  list() {
    return this.pools.pools();
  }

  @Get('waiting-list')
  @AllowRoles(...STOCK)
  waiting(@Query() q: WaitingListQuery) {
    return this.pools.waitingList(undefined, q.pool);
  }

  @Post('tags')
  @AllowRoles(Role.VruCoordinator)
  register(@Body() dto: RegisterTagDto, @CurrentPrincipal() p: Principal) {
    return this.pools.registerTag(dto.serial, dto.pool, p);
  }

  @Post('tags/:serial/inspection')
  @HttpCode(200)
  @AllowRoles(Role.VruCoordinator, Role.VruPractitioner)
  inspect(@Param('serial') serial: string, @Body() dto: InspectionDto, @CurrentPrincipal() p: Principal) {
    return this.pools.inspect(serial, dto.outcome, dto.note, p);
  }

  @Post('consumables')
  @HttpCode(200)
  @AllowRoles(Role.VruCoordinator)
  consumables(@Body() dto: ConsumableDto) {
    return this.pools.adjustConsumable(dto.kind, dto.kind === 'STRAP' ? (dto.size ?? 'M') : '', dto.change);
  }
}
