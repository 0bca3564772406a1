import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout, SHA-1 of a namespace and a key) that is the same every time for the same key. Activities
 * use it for the rows and events they create, so a retried activity finds its earlier work instead of repeating it.
 */
export function deterministicUuid(key: string): string {
  const hash = createHash('sha1').update('oversight.tag-referrals:').update(key).digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
