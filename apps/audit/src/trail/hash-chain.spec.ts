import { chainHash, ChainedFields, GENESIS_HASH, verifyRun } from './hash-chain';

function entry(i: number): ChainedFields {
  return {
    id: `00000000-0000-4000-8000-00000000000${i}`,
    sourceEventId: null,
    occurredAt: new Date(`2026-04-0${i + 1}T10:00:00Z`),
    processing: 'CONSULTATION',
    actorSubject: 'reviewer.amara',
    actorRoles: ['OPCC_REVIEWER'],
    actorTeam: 'opcc-reviews-east',
    recordType: 'complaint-review',
    recordId: `rec-${i}`,
    dataSubjectId: 'person-1',
    justification: 'reviewing the case',
    recipient: null,
    eventType: 'platform.access-recorded',
    correlationId: `c-${i}`,
    allowed: true,
  };
}

function chain(n: number) {
  const out = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const f = entry(i);
    const hash = chainHash(prev, f);
    out.push({ ...f, seq: BigInt(i + 1), prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain (tamper evidence, DPA 2018 s62 logs)', () => {
  it('verifies an untouched chain', () => {
    expect(verifyRun(GENESIS_HASH, chain(5))).toMatchObject({ ok: true, checked: 5 });
  });

  it.each([
    ['justification rewritten', (e: any) => ({ ...e, justification: 'something else' })],
    ['actor changed', (e: any) => ({ ...e, actorSubject: 'someone.else' })],
    ['time moved', (e: any) => ({ ...e, occurredAt: new Date('2026-05-01T00:00:00Z') })],
    ['refusal turned into access', (e: any) => ({ ...e, allowed: false })],
  ])('finds the entry whose %s', (_n, tamper) => {
    const entries = chain(5);
    entries[2] = tamper(entries[2]);
    expect(verifyRun(GENESIS_HASH, entries)).toMatchObject({ ok: false, firstBrokenSeq: '3' });
  });

  it('finds a deleted entry (the next link no longer matches)', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyRun(GENESIS_HASH, entries)).toMatchObject({ ok: false, firstBrokenSeq: '3' });
  });

  it('does not depend on the order roles are listed in', () => {
    const a = entry(0);
    expect(chainHash(GENESIS_HASH, { ...a, actorRoles: ['B', 'A'] })).toBe(
      chainHash(GENESIS_HASH, { ...a, actorRoles: ['A', 'B'] }),
    );
  });
});
