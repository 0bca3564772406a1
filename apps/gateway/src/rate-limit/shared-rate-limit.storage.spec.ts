import { RateLimitLedger, SharedRateLimitStorage } from './shared-rate-limit.storage';

/** The gateway's PostgreSQL table, in memory: what several instances add up. */
class MemoryLedger implements RateLimitLedger {
  readonly rows = new Map<string, number>();
  failing = false;
  forgotten: Date[] = [];
  async add(counts: Array<{ key: string; windowStart: Date; hits: number }>) {
    if (this.failing) throw new Error('database unreachable');
    const out = new Map<string, number>();
    for (const c of counts) {
      const row = `${c.key}@${c.windowStart.toISOString()}`;
      this.rows.set(row, (this.rows.get(row) ?? 0) + c.hits);
      out.set(c.key, this.rows.get(row)!);
    }
    return out;
  }
  async forgetBefore(moment: Date) {
    this.forgotten.push(moment);
  }
}

const MINUTE = 60_000;
const T0 = 1_795_999_980_000; // a whole minute

describe('SharedRateLimitStorage: one limit across gateway instances (issue 14 §2)', () => {
  let now: number;
  let ledger: MemoryLedger;
  const instances: SharedRateLimitStorage[] = [];
  const instance = () => {
    const s = new SharedRateLimitStorage(ledger, { syncIntervalMs: 3_600_000, now: () => now });
    instances.push(s);
    return s;
  };
  const hit = (s: SharedRateLimitStorage, n: number, limit = 100) =>
    Promise.all(Array.from({ length: n }, () => s.increment('client-a', MINUTE, limit, 0, 'default')));
  beforeEach(() => {
    now = T0 + 1_000;
    ledger = new MemoryLedger();
  });
  afterEach(async () => {
    await Promise.all(instances.splice(0).map((s) => s.onModuleDestroy()));
  });

  it('refuses once the hits of all instances together reach the limit', async () => {
    const a = instance();
    const b = instance();
    expect((await hit(a, 60)).every((r) => !r.isBlocked)).toBe(true);
    expect((await hit(b, 60)).every((r) => !r.isBlocked)).toBe(true); // neither has heard of the other yet
    await a.sync();
    await b.sync(); // b learns the total: 120
    await a.sync(); // and a
    const [fromA] = await hit(a, 1);
    const [fromB] = await hit(b, 1);
    expect(fromA).toMatchObject({ isBlocked: true, totalHits: 121, timeToBlockExpire: 59 });
    expect(fromB.isBlocked).toBe(true);
  });

  it('a single instance refuses at the limit on its own, without waiting for an exchange', async () => {
    const a = instance();
    const results = await hit(a, 6, 5);
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, false, false, true]);
  });

  it('admits again in the next window, and forgets ended windows in the table', async () => {
    const a = instance();
    await hit(a, 5, 5);
    await a.sync();
    now = T0 + MINUTE + 1_000;
    const [next] = await hit(a, 1, 5);
    expect(next.isBlocked).toBe(false);
    await a.sync();
    expect(ledger.forgotten.length).toBeGreaterThan(0);
    expect(ledger.forgotten.at(-1)!.getTime()).toBeLessThan(T0 + MINUTE);
  });

  it('keeps counting on what it knows while the database cannot be reached, then shares what it held', async () => {
    const a = instance();
    ledger.failing = true;
    await hit(a, 3, 5);
    await a.sync(); // fails: the 3 stay pending
    expect((await hit(a, 3, 5)).map((r) => r.isBlocked)).toEqual([false, false, true]);
    ledger.failing = false;
    await a.sync();
    expect([...ledger.rows.values()]).toEqual([5]);
  });
});
