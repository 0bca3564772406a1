import { RuleViolation } from './rule-result.model';

/** Movements of kit stock per store (issue 12 §5): receipts, issues, transfers in/out, write-offs. */
export const STOCK_MOVEMENT_KINDS = ['RECEIPT', 'ISSUE', 'TRANSFER_IN', 'TRANSFER_OUT', 'WRITE_OFF'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

const SIGN: Record<StockMovementKind, 1 | -1> = {
  RECEIPT: 1,
  TRANSFER_IN: 1,
  ISSUE: -1,
  TRANSFER_OUT: -1,
  WRITE_OFF: -1,
};

/** The signed change a movement makes to a balance. */
export const stockDelta = (kind: StockMovementKind, quantity: number): number => SIGN[kind] * quantity;

export type StockResult = { ok: true; balance: number } | { ok: false; violation: RuleViolation };

/** The balance after a movement; a balance never goes below zero. */
export function applyStockMovement(balance: number, kind: StockMovementKind, quantity: number): StockResult {
  if (!Number.isInteger(quantity) || quantity < 1)
    return {
      ok: false,
      violation: {
        rule: 'SKRS_STOCK_QUANTITY_INVALID',
        field: 'quantity',
        message: 'A stock movement is a whole number of kits, at least 1.',
      },
    };
  const next = balance + stockDelta(kind, quantity);
  if (next < 0)
    return {
      ok: false,
      violation: {
        rule: 'SKRS_STOCK_INSUFFICIENT',
        field: 'quantity',
        message: `The store holds ${balance} of this kit: it cannot give out ${quantity}. Stock never goes negative.`,
      },
    };
  return { ok: true, balance: next };
}

/** A movement that takes the balance from above the reorder level to at or below it raises one task. */
export const crossesReorderLevel = (before: number, after: number, reorderLevel: number): boolean =>
  before > reorderLevel && after <= reorderLevel;
