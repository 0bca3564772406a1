import { Principal, Role } from '@oversight/auth';
import { RuleViolationError } from '@oversight/domain-errors';
import {
  applyStockMovement,
  crossesReorderLevel,
  stockDelta,
  StockMovementKind,
} from '@oversight/knife-swap-rules';
import { randomUUID } from 'node:crypto';
import { emit, Processing, Topics } from '../common/events';
import { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

export interface Movement {
  storeId: string;
  kitType: string;
  kind: StockMovementKind;
  quantity: number;
  swapId?: string;
  transferId?: string;
  reason?: string;
}

/**
 * One movement of a store's kit stock, in the caller's transaction. The balance changes in a single UPDATE whose
 * WHERE clause refuses to go below zero: two officers issuing the last pack at the same moment are serialised by
 * the row lock, and the second finds nothing left (a CHECK constraint backs this up).
 */
export async function moveStock(tx: Tx, m: Movement, by: Principal) {
  const delta = stockDelta(m.kind, m.quantity);
  const store = await tx.store.findUnique({ where: { id: m.storeId } });
  if (!store)
    throw new RuleViolationError([
      { rule: 'SKRS_STORE_UNKNOWN', field: 'storeId', message: `There is no store ${m.storeId}.` },
    ]);
  const rows =
    delta < 0
      ? await tx.$queryRawUnsafe<Array<{ quantity: number }>>(
          `UPDATE stock_balance SET quantity = quantity + $3
            WHERE store_id = $1 AND kit_type = $2 AND quantity + $3 >= 0
          RETURNING quantity`,
          m.storeId,
          m.kitType,
          delta,
        )
      : await tx.$queryRawUnsafe<Array<{ quantity: number }>>(
          `INSERT INTO stock_balance (store_id, kit_type, quantity) VALUES ($1, $2, $3)
             ON CONFLICT (store_id, kit_type) DO UPDATE SET quantity = stock_balance.quantity + EXCLUDED.quantity
           RETURNING quantity`,
          m.storeId,
          m.kitType,
          delta,
        );
  if (!rows.length) {
    // Nothing changed: say how much there is (read after the refused update, so it is current).
    const now = await tx.stockBalance.findUnique({
      where: { storeId_kitType: { storeId: m.storeId, kitType: m.kitType } },
    });
    const r = applyStockMovement(now?.quantity ?? 0, m.kind, m.quantity);
    throw new RuleViolationError([
      r.ok
        ? { rule: 'SKRS_STOCK_INSUFFICIENT', field: 'quantity', message: 'Not enough stock.' }
        : { ...r.violation, message: `Store ${m.storeId}, ${m.kitType}: ${r.violation.message}` },
    ]);
  }
  const after = Number(rows[0].quantity);
  const before = after - delta;
  const id = randomUUID();
  await tx.stockMovement.create({
    data: {
      id,
      storeId: m.storeId,
      kitType: m.kitType,
      kind: m.kind,
      quantity: m.quantity,
      balanceAfter: after,
      swapId: m.swapId ?? null,
      transferId: m.transferId ?? null,
      reason: m.reason ?? null,
      recordedBy: by.subject,
    },
  });
  const reorder = crossesReorderLevel(before, after, store.reorderLevel);
  if (reorder)
    await tx.coordinatorTask.create({
      data: {
        id: randomUUID(),
        kind: 'STOCK_REORDER',
        storeId: m.storeId,
        assignee: Role.VruCoordinator,
        summary: `${store.name}: ${m.kitType} down to ${after} (reorder level ${store.reorderLevel}): order more kits`,
      },
    });
  await emit(tx, Topics.knifeKitStockMoved, m.storeId, by, Processing.NONE, {
    movementId: id,
    storeId: m.storeId,
    kitType: m.kitType,
    kind: m.kind,
    quantity: m.quantity,
    balanceAfter: after,
    reorderLevel: store.reorderLevel,
    reorderLevelReached: reorder,
    swapId: m.swapId ?? '',
    transferId: m.transferId ?? '',
  });
  return { movementId: id, balanceAfter: after, reorderLevelReached: reorder };
}
