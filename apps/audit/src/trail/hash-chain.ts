import { createHash } from 'node:crypto';

/** The fields an audit entry commits to; changing any of them breaks the chain from that entry on. */
export interface ChainedFields {
  id: string;
  sourceEventId: string | null;
  occurredAt: Date;
  processing: string;
  actorSubject: string;
  actorRoles: string[];
  actorTeam: string | null;
  recordType: string;
  recordId: string;
  dataSubjectId: string | null;
  justification: string | null;
  recipient: string | null;
  eventType: string;
  correlationId: string;
  allowed: boolean;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical form: a fixed-order JSON array, so the hash never depends on property order. */
export function canonicalize(f: ChainedFields): string {
  return JSON.stringify([
    f.id,
    f.sourceEventId,
    f.occurredAt.toISOString(),
    f.processing,
    f.actorSubject,
    [...f.actorRoles].sort(),
    f.actorTeam,
    f.recordType,
    f.recordId,
    f.dataSubjectId,
    f.justification,
    f.recipient,
    f.eventType,
    f.correlationId,
    f.allowed,
  ]);
}

export function chainHash(prevHash: string, fields: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalize(fields)).digest('hex');
}

export interface VerificationResult {
  ok: boolean;
  checked: number;
  /** Sequence number of the first entry whose hash or link does not match. */
  firstBrokenSeq?: string;
}

/** Checks a run of consecutive entries, starting after `prevHash`. */
export function verifyRun(
  prevHash: string,
  entries: Array<ChainedFields & { seq: bigint | string; prevHash: string; hash: string }>,
): VerificationResult & { lastHash: string } {
  let expectedPrev = prevHash;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.prevHash !== expectedPrev || chainHash(e.prevHash, e) !== e.hash) {
      return { ok: false, checked: i, firstBrokenSeq: String(e.seq), lastHash: expectedPrev };
    }
    expectedPrev = e.hash;
  }
  return { ok: true, checked: entries.length, lastHash: expectedPrev };
}
