import {
  custodyActionsFrom,
  knifeSwapForms,
  readConsent,
  readCustodyStep,
  readDiscussion,
  readFollowUp,
  readSwap,
} from './knife-swap-forms';

// Which knife-swap forms a page offers (the service still decides every step): the referral lifecycle of
// libs/vru/knife-swap-rules (domain.md 3.3.1–3.3.2, 3.4.4: referred → discussion → eligibility → consent → swap →
// follow-up) and the custody chain SEALED → HELD → HANDED_FOR_DESTRUCTION → DESTROYED (issue 12 §6).
describe('knife-swap forms offered', () => {
  const C = ['VRU_COORDINATOR'];
  const P = ['VRU_PRACTITIONER'];
  const M = ['VRU_MANAGER'];
  const R = ['PARTNER_REFERRER'];
  const none = { discussion: false, eligibility: false, consent: false, swap: false, followUp: false };
  it.each([
    [C, 'REFERRED', undefined, { ...none, discussion: true }, []],
    [C, 'DISCUSSED', undefined, { ...none, discussion: true, eligibility: true }, []], // a second visit allowed
    [P, 'DISCUSSED', undefined, none, []], // eligibility is the coordinator's decision
    [C, 'ELIGIBLE', undefined, none, []], // consent is taken by the practitioner at the home
    [P, 'ELIGIBLE', undefined, { ...none, consent: true }, []],
    [P, 'CONSENTED', undefined, { ...none, swap: true }, []],
    [C, 'CONSENTED', undefined, none, []],
    [P, 'SWAPPED', 'SEALED', { ...none, followUp: true }, ['TRANSFER', 'HAND_FOR_DESTRUCTION']],
    [C, 'SWAPPED', 'SEALED', { ...none, followUp: true }, []], // custody steps: practitioner only
    [P, 'FOLLOWED_UP', 'HELD', none, ['TRANSFER', 'HAND_FOR_DESTRUCTION']], // custody outlives the follow-up
    [P, 'FOLLOWED_UP', 'HANDED_FOR_DESTRUCTION', none, ['DESTROY']],
    [P, 'FOLLOWED_UP', 'DESTROYED', none, []],
    [M, 'SWAPPED', 'SEALED', none, []], // managers read, they do not record
    [R, 'REFERRED', undefined, none, []], // the referrer sees its referral only
    [C, 'WITHDRAWN', undefined, none, []],
    [P, 'DECLINED', undefined, none, []],
  ] as const)('%j on %s (bag %s)', (roles, status, bag, forms, custody) => {
    const referral = { status, swap: bag ? { custody: { status: bag } } : null };
    expect(knifeSwapForms(roles, referral)).toEqual({ ...forms, custodyActions: custody });
  });

  it('offers no custody step without a bag', () => {
    expect(custodyActionsFrom(undefined)).toEqual([]);
  });
});

describe('knife-swap form input', () => {
  it('discussion: needs a date and the family engagement; text is sent for the service to judge', () => {
    expect(readDiscussion({ heldOn: '7/12/2026', protectiveFactors: ' ' })).toEqual({
      ok: false,
      problems: [
        { field: 'heldOn', text: 'Enter the date of the discussion as a date like 2026-12-07' },
        { field: 'familyEngagement', text: 'Choose how engaged the family or guardian is' },
      ],
    });
    expect(
      readDiscussion({
        heldOn: '2026-12-07',
        protectiveFactors: ' Mother engaged ',
        homeCircumstances: '',
        youngPerson: 'x',
        familyEngagement: 'ENGAGED',
      }),
    ).toEqual({
      ok: true,
      payload: {
        heldOn: '2026-12-07',
        protectiveFactors: 'Mother engaged',
        homeCircumstances: '',
        youngPerson: 'x',
        familyEngagement: 'ENGAGED',
      },
    });
  });

  it.each([
    [{ given: 'yes', allPointedKnives: 'yes' }, true, true],
    [{ given: 'yes' }, true, false], // sent as false: the service refuses it (SKRS_CONSENT_MUST_COVER_ALL_POINTED_KNIVES)
    [{ given: 'no' }, false, false], // a refusal
  ])('consent %j → given %s, all pointed knives %s', (answer, given, all) => {
    expect(readConsent({ ...answer, householderName: 'A Householder', recordedOn: '2026-12-07' })).toEqual({
      ok: true,
      payload: { given, allPointedKnives: all, householderName: 'A Householder', recordedOn: '2026-12-07' },
    });
  });

  it('consent: whether the householder agreed, their name and the date are needed', () => {
    const r = readConsent({ recordedOn: '2026-02-30' });
    expect(r.ok || r.problems.map((p) => p.field)).toEqual(['given', 'householderName', 'recordedOn']);
  });

  it('swap: counts typed as digits become numbers, anything else is sent as typed for the service to refuse', () => {
    const r = readSwap({
      swappedOn: '2026-12-07',
      storeId: 'medway-vru-office',
      kitType: 'FOUR_PACK',
      kitQuantity: '1',
      knivesSurrendered: 'five',
      safetyAdvice: 'STORAGE_OF_REPLACEMENT_KNIVES',
      bagNumber: ' ksb-0001 ',
    });
    expect(r).toEqual({
      ok: true,
      payload: {
        swappedOn: '2026-12-07',
        storeId: 'medway-vru-office',
        kitType: 'FOUR_PACK',
        kitQuantity: 1,
        knivesSurrendered: 'five',
        safetyAdvice: ['STORAGE_OF_REPLACEMENT_KNIVES'],
        bagNumber: 'KSB-0001',
      },
    });
    expect(readSwap({ knivesSurrendered: '-3', safetyAdvice: ['A', 'B'] })).toEqual({
      ok: false,
      problems: [
        { field: 'swappedOn', text: 'Enter the date of the swap as a date like 2026-12-07' },
        { field: 'storeId', text: 'Choose the store the kit was issued from' },
        { field: 'kitType', text: 'Choose the kit issued' },
        { field: 'bagNumber', text: 'Enter the number on the sealed bag' },
      ],
    });
  });

  it('follow-up: a closed list of outcomes; notes only when given', () => {
    expect(readFollowUp({ followedUpOn: '2026-12-07', outcome: 'NO_CONCERNS', notes: ' ' })).toEqual({
      ok: true,
      payload: { followedUpOn: '2026-12-07', outcome: 'NO_CONCERNS' },
    });
    expect(readFollowUp({ followedUpOn: '2026-12-07', outcome: 'FINE' })).toEqual({
      ok: false,
      problems: [{ field: 'outcome', text: 'Choose the outcome of the follow-up' }],
    });
  });

  it.each([
    [
      { action: 'TRANSFER', holder: ' Property store ' },
      ['TRANSFER'],
      { action: 'TRANSFER', holder: 'Property store' },
    ],
    [{ action: 'TRANSFER' }, ['TRANSFER'], { action: 'TRANSFER', holder: '' }], // the service names the missing holder
    [
      { action: 'DESTROY', certificateRef: 'DC-1', holder: 'ignored', note: 'n' },
      ['DESTROY'],
      { action: 'DESTROY', certificateRef: 'DC-1', note: 'n' },
    ],
  ] as const)('custody step %j allowed %j → %j', (body, allowed, payload) => {
    expect(readCustodyStep(body, allowed)).toEqual({ ok: true, payload });
  });

  it('custody: a step the bag cannot take now is refused on the page', () => {
    expect(
      readCustodyStep({ action: 'DESTROY', certificateRef: 'DC-1' }, ['TRANSFER', 'HAND_FOR_DESTRUCTION']),
    ).toEqual({
      ok: false,
      problems: [{ field: 'action', text: 'Choose the custody step to record' }],
    });
  });
});
