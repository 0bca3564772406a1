import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { CreateStoreDto, StockMovementDto, StoresService, TransferDto } from './stores.service';

const C = Role.VruCoordinator;

@ApiTags('stock')
@ApiBearerAuth()
@Controller('stores')
export class StoresController {
  constructor(private readonly stores: StoresService) {}

  @Get()
  @AllowRoles(C, Role.VruManager, Role.VruPractitioner)
  list() {
    return this.stores.list();
  }

  @Post()
  @HttpCode(201)
  @AllowRoles(C)
  create(@Body() dto: CreateStoreDto) {
    return this.stores.create(dto);
  }

  /** A receipt of kits, or a write-off (damaged, lost). */
  @Post(':id/movements')
  @HttpCode(201)
  @AllowRoles(C)
  move(@Param('id') id: string, @Body() dto: StockMovementDto, @CurrentPrincipal() p: Principal) {
    return this.stores.move(id, dto, p);
  }

  @Post(':id/transfers')
  @HttpCode(201)
  @AllowRoles(C)
  transfer(@Param('id') id: string, @Body() dto: TransferDto, @CurrentPrincipal() p: Principal) {
    return this.stores.transfer(id, dto, p);
  }

  @Get(':id/ledger')
  @AllowRoles(C, Role.VruManager)
  ledger(@Param('id') id: string) {
    return this.stores.ledger(id);
  }
}
