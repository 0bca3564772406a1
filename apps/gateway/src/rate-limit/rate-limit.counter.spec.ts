import { admit, currentCount, settle, windowStartOf } from './rate-limit.counter';

// Issue 14 §2: "services are stateless behind the gateway — check rate limiting": RATE_LIMIT_PER_MINUTE is a
// limit per client across all gateway instances, counted in fixed windows every instance agrees on.
const MINUTE = 60_000;
const T0 = 1_795_999_980_000; // a whole minute (29,933,333 × 60 s)

describe('rate limit windows', () => {
  it.each([
    ['the start of a window', T0, T0],
    ['inside it', T0 + 59_999, T0],
    ['the next window', T0 + 60_000, T0 + 60_000],
  ])('%s belongs to the window every instance computes', (_n, now, start) => {
    expect(windowStartOf(now, MINUTE)).toBe(start);
  });

  it('admits up to the limit, then refuses with the seconds left in the window', () => {
    const c = currentCount(undefined, T0 + 15_000, MINUTE);
    const decisions = Array.from({ length: 4 }, () => admit(c, 3, T0 + 15_000));
    expect(decisions.map((d) => d.blocked)).toEqual([false, false, false, true]);
    expect(decisions.map((d) => d.totalHits)).toEqual([1, 2, 3, 4]);
    expect(decisions[3].secondsLeft).toBe(45);
    expect(c.pending).toBe(3); // a refusal is not counted
  });

  it("counts the other instances' hits once it has exchanged counts with them", () => {
    const c = currentCount(undefined, T0, MINUTE);
    admit(c, 10, T0);
    admit(c, 10, T0);
    settle(c, 2, 9); // this instance sent its 2; the shared total is 9 (7 from the others)
    expect(c).toMatchObject({ known: 9, pending: 0 });
    expect(admit(c, 10, T0).blocked).toBe(false);
    expect(admit(c, 10, T0).blocked).toBe(true);
  });

  it('keeps as pending what was admitted while an exchange was under way', () => {
    const c = currentCount(undefined, T0, MINUTE);
    admit(c, 100, T0);
    admit(c, 100, T0); // exchange starts with pending 2 ...
    admit(c, 100, T0); // ... one more admitted meanwhile
    settle(c, 2, 2);
    expect(c).toMatchObject({ known: 2, pending: 1 });
  });

  it('starts afresh in a new window, and for a different ttl', () => {
    const c = currentCount(undefined, T0, MINUTE);
    admit(c, 1, T0);
    expect(admit(c, 1, T0).blocked).toBe(true);
    expect(currentCount(c, T0 + 60_000, MINUTE)).toEqual({
      windowStart: T0 + 60_000,
      ttlMs: MINUTE,
      known: 0,
      pending: 0,
    });
    expect(currentCount(c, T0 + 1_000, 1_000).known).toBe(0);
    expect(currentCount(c, T0 + 30_000, MINUTE)).toBe(c);
  });

  it('never answers a Retry-After below one second', () => {
    const c = currentCount(undefined, T0 + 59_999, MINUTE);
    admit(c, 0, T0 + 59_999);
    expect(admit(c, 0, T0 + 59_999).secondsLeft).toBe(1);
  });
});
