import { applyStockMovement, crossesReorderLevel, StockMovementKind } from './stock-ledger.rule';

describe('kit stock ledger (issue 12 §5: never negative; reorder level raises a task)', () => {
  it.each<[StockMovementKind, number, number, number | string]>([
    ['RECEIPT', 0, 10, 10],
    ['ISSUE', 3, 1, 2],
    ['ISSUE', 1, 1, 0],
    ['ISSUE', 0, 1, 'SKRS_STOCK_INSUFFICIENT'],
    ['ISSUE', 2, 3, 'SKRS_STOCK_INSUFFICIENT'],
    ['TRANSFER_OUT', 5, 5, 0],
    ['TRANSFER_OUT', 4, 5, 'SKRS_STOCK_INSUFFICIENT'],
    ['TRANSFER_IN', 4, 5, 9],
    ['WRITE_OFF', 4, 1, 3],
    ['WRITE_OFF', 0, 1, 'SKRS_STOCK_INSUFFICIENT'],
    ['RECEIPT', 4, 0, 'SKRS_STOCK_QUANTITY_INVALID'],
    ['ISSUE', 4, -1, 'SKRS_STOCK_QUANTITY_INVALID'],
    ['RECEIPT', 4, 1.5, 'SKRS_STOCK_QUANTITY_INVALID'],
  ])('%s from %i by %i → %p', (kind, balance, qty, expected) => {
    const r = applyStockMovement(balance, kind, qty);
    expect(r.ok ? r.balance : r.violation.rule).toBe(expected);
  });

  it.each<[number, number, number, boolean]>([
    [6, 5, 5, true],
    [6, 4, 5, true],
    [5, 4, 5, false], // already at or below: the task was raised when it first crossed
    [9, 8, 5, false],
    [4, 10, 5, false],
  ])('from %i to %i with reorder level %i raises a task: %p', (before, after, level, expected) => {
    expect(crossesReorderLevel(before, after, level)).toBe(expected);
  });
});
