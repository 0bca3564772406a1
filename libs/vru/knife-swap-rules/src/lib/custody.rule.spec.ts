import { CustodyStatus, CustodyStep, nextCustodyStatus } from './custody.rule';

const result = (from: CustodyStatus, step: CustodyStep) => {
  const r = nextCustodyStatus(from, step);
  return r.ok ? r.status : r.violations.map((v) => v.rule).join(',');
};

describe('chain of custody of surrendered knives (issue 12 §6; domain.md 3.4.4 disposal)', () => {
  it.each<[CustodyStatus, CustodyStep, string]>([
    ['SEALED', { action: 'TRANSFER', holder: 'PC 4411 Medway property store' }, 'HELD'],
    ['HELD', { action: 'TRANSFER', holder: 'VRU office safe' }, 'HELD'],
    [
      'HELD',
      { action: 'HAND_FOR_DESTRUCTION', holder: 'Kent Metal Recycling Ltd' },
      'HANDED_FOR_DESTRUCTION',
    ],
    [
      'SEALED',
      { action: 'HAND_FOR_DESTRUCTION', holder: 'Kent Metal Recycling Ltd' },
      'HANDED_FOR_DESTRUCTION',
    ],
    ['HANDED_FOR_DESTRUCTION', { action: 'DESTROY', certificateRef: 'KMR-2026-118' }, 'DESTROYED'],
    ['HANDED_FOR_DESTRUCTION', { action: 'DESTROY' }, 'SKRS_DESTRUCTION_CERTIFICATE_REQUIRED'],
    ['HELD', { action: 'TRANSFER', holder: ' ' }, 'SKRS_CUSTODY_HOLDER_REQUIRED'],
    ['SEALED', { action: 'DESTROY', certificateRef: 'X' }, 'SKRS_CUSTODY_TRANSITION_NOT_ALLOWED'],
    ['DESTROYED', { action: 'TRANSFER', holder: 'someone' }, 'SKRS_CUSTODY_TRANSITION_NOT_ALLOWED'],
    ['HANDED_FOR_DESTRUCTION', { action: 'TRANSFER', holder: 'x' }, 'SKRS_CUSTODY_TRANSITION_NOT_ALLOWED'],
  ])('%s + %j → %s', (from, step, expected) => expect(result(from, step)).toBe(expected));
});
