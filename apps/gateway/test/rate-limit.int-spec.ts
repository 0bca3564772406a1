// Issue 14 §2 ("services are stateless behind the gateway — check rate limiting"): the rate limit's shared
// count on the real gateway PostgreSQL (the table the running gateway uses; keys unique to this run). Two
// storages stand for two gateway instances; each decides in memory and adds up with the other on sync.
import { databaseUrl } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PgRateLimitLedger, SharedRateLimitStorage } from '../src/rate-limit/shared-rate-limit.storage';

const MINUTE = 60_000;
const run = randomUUID().slice(0, 8);

describe('the rate limit shared by gateway instances, on PostgreSQL', () => {
  let pool: Pool;
  let a: SharedRateLimitStorage;
  let b: SharedRateLimitStorage;
  beforeAll(() => {
    pool = new Pool({ connectionString: databaseUrl('gateway'), max: 2 });
    // sync only when the test says so
    a = new SharedRateLimitStorage(new PgRateLimitLedger(pool), { syncIntervalMs: 3_600_000 });
    b = new SharedRateLimitStorage(new PgRateLimitLedger(pool), { syncIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await Promise.all([a.onModuleDestroy(), b.onModuleDestroy()]);
    await pool.query(`DELETE FROM rate_limit_window WHERE key LIKE $1`, [`%rl-it-${run}%`]);
    await pool.end();
  });

  const hits = (s: SharedRateLimitStorage, key: string, n: number, limit: number) =>
    Promise.all(Array.from({ length: n }, () => s.increment(key, MINUTE, limit, 0, 'default')));

  it('admits one limit per client across both instances, and counts every admitted hit once', async () => {
    const key = `rl-it-${run}-client`;
    expect((await hits(a, key, 30, 50)).some((r) => r.isBlocked)).toBe(false);
    expect((await hits(b, key, 25, 50)).some((r) => r.isBlocked)).toBe(false);
    await Promise.all([a.sync(), b.sync()]);
    await Promise.all([a.sync(), b.sync()]); // both now know the total
    const { rows } = await pool.query(`SELECT hits FROM rate_limit_window WHERE key = $1`, [
      `default:${key}`,
    ]);
    expect(rows.map((r) => r.hits)).toEqual([55]);
    const [fromA] = await hits(a, key, 1, 50);
    const [fromB] = await hits(b, key, 1, 50);
    expect(fromA.isBlocked).toBe(true);
    expect(fromB.isBlocked).toBe(true);
    expect(fromA.timeToBlockExpire).toBeGreaterThan(0);
  });

  it('keeps clients apart: another client is not refused for the first one’s hits', async () => {
    const other = `rl-it-${run}-other`;
    const [r] = await hits(a, other, 1, 50);
    expect(r.isBlocked).toBe(false);
    await a.sync();
    const { rows } = await pool.query(`SELECT hits FROM rate_limit_window WHERE key = $1`, [
      `default:${other}`,
    ]);
    expect(rows.map((x) => x.hits)).toEqual([1]);
  });
});
