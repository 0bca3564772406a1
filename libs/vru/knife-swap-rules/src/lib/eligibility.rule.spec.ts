import { PreOfferDiscussion, validateEligibility } from './eligibility.rule';

const discussion = (o: Partial<PreOfferDiscussion> = {}): PreOfferDiscussion => ({
  heldOn: '2026-11-02',
  heldBy: 'vru.sam',
  protectiveFactors: 'Mother engaged with Early Help; older sister supportive',
  homeCircumstances: 'Three-bedroom house, five occupants',
  youngPerson: '15, arrested in October for possession of a bladed article',
  familyEngagement: 'ENGAGED',
  ...o,
});

describe('eligibility after the pre-offer discussion (domain.md 3.3.2)', () => {
  it.each<[string, Parameters<typeof validateEligibility>[0], string[]]>([
    [
      '3.3.2 eligible after a full discussion',
      { discussion: discussion(), decision: 'ELIGIBLE', reason: 'Protective factors present' },
      [],
    ],
    [
      '3.3.2 not eligible, with a reason',
      {
        discussion: discussion({ familyEngagement: 'NOT_ENGAGED' }),
        decision: 'NOT_ELIGIBLE',
        reason: 'Family declined to meet',
      },
      [],
    ],
    [
      '3.3.2 no decision before the discussion',
      { discussion: null, decision: 'ELIGIBLE', reason: 'x' },
      ['SKRS_DISCUSSION_REQUIRED'],
    ],
    [
      '3.3.2 a decision needs its reason',
      { discussion: discussion(), decision: 'ELIGIBLE', reason: ' ' },
      ['SKRS_ELIGIBILITY_REASON_REQUIRED'],
    ],
    [
      '3.3.2 + 3.3.5 a family not engaged cannot be eligible',
      { discussion: discussion({ familyEngagement: 'NOT_ENGAGED' }), decision: 'ELIGIBLE', reason: 'r' },
      ['SKRS_FAMILY_NOT_ENGAGED'],
    ],
    [
      '3.3.2 partly engaged is a judgement for the coordinator',
      { discussion: discussion({ familyEngagement: 'PARTLY_ENGAGED' }), decision: 'ELIGIBLE', reason: 'r' },
      [],
    ],
    [
      '3.3.2 protective factors must be recorded',
      { discussion: discussion({ protectiveFactors: '' }), decision: 'ELIGIBLE', reason: 'r' },
      ['SKRS_DISCUSSION_INCOMPLETE'],
    ],
    [
      '3.3.2 home and young person must be recorded',
      {
        discussion: discussion({ homeCircumstances: '', youngPerson: '' }),
        decision: 'NOT_ELIGIBLE',
        reason: 'r',
      },
      ['SKRS_DISCUSSION_INCOMPLETE', 'SKRS_DISCUSSION_INCOMPLETE'],
    ],
  ])('%s', (_case, input, expected) => {
    expect(validateEligibility(input).map((v) => v.rule)).toEqual(expected);
  });
});
