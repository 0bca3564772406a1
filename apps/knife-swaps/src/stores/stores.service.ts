import { Injectable } from '@nestjs/common';
import { Principal } from '@oversight/auth';
import { ConflictError, NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { isKitType, KIT_TYPES } from '@oversight/knife-swap-rules';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { KnifeSwapsEnv } from '../config/knife-swaps.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { moveStock } from './stock.ledger';

export class CreateStoreDto {
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'id must be a store code like medway-vru-office' })
  id!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @IsString()
  district!: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  reorderLevel!: number;
}

/** A number of kits of one type (checked against the scheme's kit types and the stock by the service). */
class KitQuantityDto {
  @IsString()
  kitType!: string;

  @Type(() => Number)
  @IsInt({ message: 'quantity must be a whole number' })
  @Max(10_000)
  quantity!: number;
}

export class StockMovementDto extends KitQuantityDto {
  @IsIn(['RECEIPT', 'WRITE_OFF'])
  kind!: 'RECEIPT' | 'WRITE_OFF';

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class TransferDto extends KitQuantityDto {
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'toStoreId must be a store code' })
  toStoreId!: string;
}

const kitCheck = (kitType: string) => {
  if (!isKitType(kitType))
    throw new RuleViolationError([
      {
        rule: 'SKRS_KIT_TYPE_UNKNOWN',
        field: 'kitType',
        message: `The kit must be one of ${KIT_TYPES.join(', ')} (domain.md 3.3.1).`,
      },
    ]);
};

/** Kit stores and their ledgers (issue 12 §5). */
@Injectable()
export class StoresService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly env: KnifeSwapsEnv,
  ) {}

  async create(dto: CreateStoreDto) {
    if (!this.env.SKRS_DISTRICTS.split(',').includes(dto.district))
      throw new RuleViolationError([
        {
          rule: 'SKRS_DISTRICT_UNKNOWN',
          field: 'district',
          message: `district must be one of ${this.env.SKRS_DISTRICTS}.`,
        },
      ]);
    if (await this.prisma.store.findUnique({ where: { id: dto.id } }))
      throw new ConflictError(`Store ${dto.id} exists already`);
    await this.prisma.store.create({ data: dto });
    return { id: dto.id };
  }

  async list() {
    const stores = await this.prisma.store.findMany({ include: { balances: true }, orderBy: { id: 'asc' } });
    return stores.map((s) => ({
      id: s.id,
      name: s.name,
      district: s.district,
      reorderLevel: s.reorderLevel,
      stock: Object.fromEntries(
        KIT_TYPES.map((k) => [k, s.balances.find((b) => b.kitType === k)?.quantity ?? 0]),
      ),
      belowReorderLevel: KIT_TYPES.filter(
        (k) => (s.balances.find((b) => b.kitType === k)?.quantity ?? 0) <= s.reorderLevel,
      ),
    }));
  }

  async move(storeId: string, dto: StockMovementDto, p: Principal) {
    kitCheck(dto.kitType);
    return this.prisma.$transaction((tx) =>
      moveStock(
        tx,
        { storeId, kitType: dto.kitType, kind: dto.kind, quantity: dto.quantity, reason: dto.reason },
        p,
      ),
    );
  }

  async transfer(storeId: string, dto: TransferDto, p: Principal) {
    kitCheck(dto.kitType);
    if (dto.toStoreId === storeId)
      throw new RuleViolationError([
        {
          rule: 'SKRS_TRANSFER_SAME_STORE',
          field: 'toStoreId',
          message: 'A transfer goes to another store.',
        },
      ]);
    const transferId = randomUUID();
    return this.prisma.$transaction(async (tx) => {
      const out = await moveStock(
        tx,
        { storeId, kitType: dto.kitType, kind: 'TRANSFER_OUT', quantity: dto.quantity, transferId },
        p,
      );
      const into = await moveStock(
        tx,
        {
          storeId: dto.toStoreId,
          kitType: dto.kitType,
          kind: 'TRANSFER_IN',
          quantity: dto.quantity,
          transferId,
        },
        p,
      );
      return {
        transferId,
        from: { storeId, balanceAfter: out.balanceAfter },
        to: { storeId: dto.toStoreId, balanceAfter: into.balanceAfter },
      };
    });
  }

  async ledger(storeId: string, limit = 200) {
    if (!(await this.prisma.store.findUnique({ where: { id: storeId } })))
      throw new NotFoundError('Store', storeId);
    const rows = await this.prisma.stockMovement.findMany({
      where: { storeId },
      orderBy: { seq: 'desc' },
      take: Math.min(limit, 1000),
    });
    return rows.map((m) => ({
      id: m.id,
      kitType: m.kitType,
      kind: m.kind,
      quantity: m.quantity,
      balanceAfter: m.balanceAfter,
      swapId: m.swapId,
      transferId: m.transferId,
      reason: m.reason,
      recordedBy: m.recordedBy,
      recordedAt: m.recordedAt.toISOString(),
    }));
  }
}
