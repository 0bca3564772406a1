import { timingSafeEqual } from 'node:crypto';

/** The demo users' shared password, compared in constant time. */
export function demoPasswordMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
