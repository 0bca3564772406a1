import {
  checkAgeForDisposal,
  validateDisposalProposal,
  type DisposalProposal,
  lawfulDisposalForAge,
} from './disposal-eligibility.rule';
import type { DisposalType } from './disposal.model';
import { isClearToProceed } from './rule-result.model';

const DISPOSAL_DATE = '2026-03-10';

function adultCaution(overrides: Partial<DisposalProposal> = {}): DisposalProposal {
  return {
    disposalType: 'ADULT_CONDITIONAL_CAUTION',
    disposalDate: DISPOSAL_DATE,
    offender: { dateOfBirth: '1990-05-20' },
    offence: { classification: 'EITHER_WAY', offenceDate: '2026-02-01' },
    admission: 'ADMITTED',
    evidenceSufficientToCharge: true,
    effectExplainedWithBreachWarning: true,
    signedConsent: { documentRef: 'DOC-1', signedOn: DISPOSAL_DATE },
    authoriser: { rank: 'SERGEANT' },
    ...overrides,
  };
}

function youthConditionalCaution(overrides: Partial<DisposalProposal> = {}): DisposalProposal {
  return adultCaution({
    disposalType: 'YOUTH_CONDITIONAL_CAUTION',
    offender: { dateOfBirth: '2010-01-01' },
    appropriateAdultPresent: true,
    yotReferral: { referredOn: '2026-02-20', recommendation: 'Victim awareness course' },
    ...overrides,
  });
}

const rulesOf = (proposal: DisposalProposal) =>
  validateDisposalProposal(proposal).violations.map((v) => v.rule);

describe('disposal eligibility', () => {
  // domain.md 2.1.2 [P], 2.3.2 [P], 2.6.2: a complete proposal passes every check.
  it('accepts complete adult and youth conditional cautions', () => {
    expect(validateDisposalProposal(adultCaution())).toEqual({ violations: [], warnings: [] });
    expect(validateDisposalProposal(youthConditionalCaution())).toEqual({ violations: [], warnings: [] });
  });

  // domain.md 2.1.1 [P] adult 18+; 2.3.2 [P] youth 10–17; age in completed years at the disposal date.
  it.each<[DisposalType, string, string | null]>([
    ['ADULT_CONDITIONAL_CAUTION', '2008-03-11', 'OOCR_AGE_BELOW_MINIMUM'], // 17, a day short of 18
    ['ADULT_CONDITIONAL_CAUTION', '2008-03-10', null], // 18th birthday
    ['ADULT_CONDITIONAL_CAUTION', '2008-02-29', null], // leapling, 18 on 1 March 2026
    ['YOUTH_CONDITIONAL_CAUTION', '2008-03-11', null], // 17
    ['YOUTH_CONDITIONAL_CAUTION', '2008-03-10', 'OOCR_AGE_ABOVE_MAXIMUM'], // 18
    ['YOUTH_CONDITIONAL_CAUTION', '2016-03-10', null], // 10th birthday
    ['YOUTH_CONDITIONAL_CAUTION', '2016-03-11', 'OOCR_AGE_BELOW_MINIMUM'], // 9
    ['YOUTH_CAUTION', '2008-03-10', 'OOCR_AGE_ABOVE_MAXIMUM'],
    ['COMMUNITY_RESOLUTION', '2012-01-01', null], // youth CR
    ['COMMUNITY_RESOLUTION', '1950-01-01', null], // adult CR
    ['COMMUNITY_RESOLUTION', '2016-03-11', 'OOCR_AGE_BELOW_MINIMUM'],
    ['ADULT_CONDITIONAL_CAUTION', '2026-03-11', 'OOCR_DATE_OF_BIRTH_AFTER_DISPOSAL'],
    ['ADULT_CONDITIONAL_CAUTION', '10/03/1990', 'OOCR_INVALID_INPUT'],
  ])('%s for someone born %s on 2026-03-10 → %p', (disposalType, dateOfBirth, expected) => {
    const violations = checkAgeForDisposal({
      disposalType,
      disposalDate: DISPOSAL_DATE,
      offender: { dateOfBirth },
    });
    expect(violations.map((v) => v.rule)).toEqual(expected ? [expected] : []);
  });

  // domain.md 2.1.1 [P]: a 17-year-old cannot receive an adult conditional caution.
  it('refuses an adult conditional caution for a 17-year-old, naming the field', () => {
    const result = validateDisposalProposal(adultCaution({ offender: { dateOfBirth: '2008-12-01' } }));
    expect(result.violations).toEqual([
      expect.objectContaining({ rule: 'OOCR_AGE_BELOW_MINIMUM', field: 'offender.dateOfBirth' }),
    ]);
  });

  // domain.md 2.1.1 [P]: age at the disposal date; the 29 February convention is [U] configuration.
  it('uses the configured leap-day birthday rule [U]', () => {
    const leapling = {
      disposalType: 'ADULT_CONDITIONAL_CAUTION' as const,
      disposalDate: '2026-02-28',
      offender: { dateOfBirth: '2008-02-29' },
    };
    expect(checkAgeForDisposal(leapling).map((v) => v.rule)).toEqual(['OOCR_AGE_BELOW_MINIMUM']);
    expect(checkAgeForDisposal(leapling, { leapDayBirthday: 'FEB_28' })).toEqual([]);
  });

  // domain.md 2.1.2 [P], 2.3.1 [P] full admission; 2.4.1 [S] CR accepts responsibility; 2.5.1 [S] O22.
  it.each<[DisposalType, DisposalProposal['admission'], boolean]>([
    ['ADULT_CONDITIONAL_CAUTION', 'NOT_ADMITTED', false],
    ['ADULT_CONDITIONAL_CAUTION', 'ACCEPTS_RESPONSIBILITY', false],
    ['YOUTH_CAUTION', 'NOT_ADMITTED', false],
    ['COMMUNITY_RESOLUTION', 'ACCEPTS_RESPONSIBILITY', true],
    ['COMMUNITY_RESOLUTION', 'NOT_ADMITTED', false],
    ['OUTCOME_22_DIVERSION', 'NOT_ADMITTED', true],
    ['OUTCOME_22_DEFERRED_CAUTION', 'NOT_ADMITTED', false],
    ['OUTCOME_22_DEFERRED_CAUTION', 'ADMITTED', true],
  ])('%s with admission %s: allowed %p', (disposalType, admission, allowed) => {
    expect(rulesOf(adultCaution({ disposalType, admission })).includes('OOCR_ADMISSION_REQUIRED')).toBe(
      !allowed,
    );
  });

  // domain.md 2.1.2 [P] and 2.3.2 [P]: signed document with consent; none required for a youth caution or CR.
  it.each<[DisposalType, DisposalProposal['signedConsent'], string[]]>([
    ['ADULT_CONDITIONAL_CAUTION', null, ['OOCR_SIGNED_CONSENT_REQUIRED']],
    [
      'ADULT_CONDITIONAL_CAUTION',
      { documentRef: ' ', signedOn: DISPOSAL_DATE },
      ['OOCR_SIGNED_CONSENT_REQUIRED'],
    ],
    [
      'ADULT_CONDITIONAL_CAUTION',
      { documentRef: 'DOC-1', signedOn: '2026-03-11' },
      ['OOCR_SIGNED_CONSENT_AFTER_DISPOSAL'],
    ],
    ['YOUTH_CONDITIONAL_CAUTION', null, ['OOCR_SIGNED_CONSENT_REQUIRED']],
    ['YOUTH_CAUTION', null, []],
    ['COMMUNITY_RESOLUTION', null, []],
  ])('%s with consent document %j → %j', (disposalType, signedConsent, expected) => {
    const base = disposalType === 'ADULT_CONDITIONAL_CAUTION' ? adultCaution : youthConditionalCaution;
    expect(rulesOf(base({ disposalType, signedConsent }))).toEqual(expected);
  });

  // domain.md 2.1.2 [P]: sufficient evidence to charge, and the breach warning.
  it.each([
    [{ evidenceSufficientToCharge: false }, 'OOCR_EVIDENCE_TO_CHARGE_REQUIRED'],
    [{ effectExplainedWithBreachWarning: undefined }, 'OOCR_BREACH_WARNING_REQUIRED'],
  ])('adult conditional caution with %j → %s', (overrides, expected) => {
    expect(rulesOf(adultCaution(overrides))).toEqual([expected]);
  });

  // domain.md 2.3.1 [P] youth caution under 17; 2.3.2 [P] YCC aged 16 or under.
  it.each<[DisposalType, string, boolean, boolean]>([
    ['YOUTH_CAUTION', '2009-03-11', false, true], // 16
    ['YOUTH_CAUTION', '2009-03-10', false, false], // 17
    ['YOUTH_CONDITIONAL_CAUTION', '2009-03-11', false, true],
    ['YOUTH_CONDITIONAL_CAUTION', '2009-03-11', true, false],
    ['COMMUNITY_RESOLUTION', '2012-01-01', false, false],
  ])(
    '%s, born %s, appropriate adult %p: violation %p',
    (disposalType, dateOfBirth, appropriateAdultPresent, expected) => {
      const proposal = youthConditionalCaution({
        disposalType,
        offender: { dateOfBirth },
        appropriateAdultPresent,
      });
      expect(rulesOf(proposal).includes('OOCR_APPROPRIATE_ADULT_REQUIRED')).toBe(expected);
    },
  );

  // domain.md 2.3.4 [S]: YCC must be referred to the YOT/YJS.
  it.each([
    [null, ['OOCR_YOT_REFERRAL_REQUIRED']],
    [{ referredOn: 'soon' }, ['OOCR_INVALID_INPUT']],
  ])('youth conditional caution with YOT referral %j → %j', (yotReferral, expected) => {
    expect(rulesOf(youthConditionalCaution({ yotReferral }))).toEqual(expected);
  });

  // domain.md 2.3.4 [S]: the YOT referral is configuration.
  it('can switch the YOT referral off by config [S]', () => {
    const result = validateDisposalProposal(youthConditionalCaution({ yotReferral: null }), {
      disposalTypes: { YOUTH_CONDITIONAL_CAUTION: { requiresYotReferral: false } },
    });
    expect(result.violations).toEqual([]);
  });

  // domain.md 2.6.1, 2.2.2 [U]: PCSC cautions are refused until switched on.
  it.each([
    [{}, ['OOCR_DISPOSAL_TYPE_NOT_ENABLED']],
    [{ disposalTypes: { DIVERSIONARY_CAUTION: { enabled: true } } }, []],
  ])('diversionary caution with config %j → %j', (override, expected) => {
    const result = validateDisposalProposal(adultCaution({ disposalType: 'DIVERSIONARY_CAUTION' }), override);
    expect(result.violations.map((v) => v.rule)).toEqual(expected);
  });

  // domain.md 2.6.1, 2.6.2: malformed input becomes a violation.
  it.each([
    [{ disposalType: 'SIMPLE_CAUTION' as DisposalType }, 'OOCR_DISPOSAL_TYPE_UNKNOWN'],
    [{ offence: { classification: 'TRIABLE' as never, offenceDate: '2026-02-01' } }, 'OOCR_INVALID_INPUT'],
  ])('reports malformed input %j as %s instead of throwing', (overrides, expected) => {
    expect(rulesOf(adultCaution(overrides))).toEqual([expected]);
  });

  // domain.md 2.1.3 [P], 2.4.6 [S]: domestic abuse and hate crime warn and need an acknowledged reason.
  it.each([
    [{ domesticAbuse: true }, ['OOCR_DOMESTIC_ABUSE_FLAG']],
    [{ hateCrime: true }, ['OOCR_HATE_CRIME_FLAG']],
    [{ domesticAbuse: true, hateCrime: true }, ['OOCR_DOMESTIC_ABUSE_FLAG', 'OOCR_HATE_CRIME_FLAG']],
    [{}, []],
  ])('offence flags %j raise warnings %j', (flags, expected) => {
    const result = validateDisposalProposal(
      adultCaution({ offence: { classification: 'EITHER_WAY', offenceDate: '2026-02-01', ...flags } }),
    );
    expect(result.violations).toEqual([]);
    expect(result.warnings.map((w) => w.rule)).toEqual(expected);
    expect(isClearToProceed(result)).toBe(expected.length === 0);
  });

  // domain.md 2.1.3 [P], 2.6.2: the acknowledgement needs a reason to count.
  it.each([
    ['a reason', 'Victim supports; no intimate-partner link', [], true],
    ['a blank reason', '  ', ['OOCR_ACKNOWLEDGEMENT_REASON_REQUIRED'], false],
  ])(
    'a domestic-abuse warning acknowledged with %s: violations %j, clear %p',
    (_label, reason, violations, clear) => {
      const result = validateDisposalProposal(
        adultCaution({
          offence: { classification: 'EITHER_WAY', offenceDate: '2026-02-01', domesticAbuse: true },
          acknowledgements: [{ rule: 'OOCR_DOMESTIC_ABUSE_FLAG', reason, acknowledgedBy: 'INSP 123' }],
        }),
      );
      expect(result.violations.map((v) => v.rule)).toEqual(violations);
      expect(result.warnings[0].acknowledgement !== null).toBe(clear);
      expect(isClearToProceed(result)).toBe(clear);
    },
  );
});

describe('refusals point to the lawful disposal (issue 10 item 6)', () => {
  const proposal = (disposalType: string, dateOfBirth: string) =>
    checkAgeForDisposal({
      disposalType: disposalType as never,
      disposalDate: '2026-03-01',
      offender: { dateOfBirth } as never,
    });
  it.each<[string, string, string, string | undefined]>([
    [
      'adult CC for a 16-year-old → youth conditional caution',
      'ADULT_CONDITIONAL_CAUTION',
      '2009-06-01',
      'YOUTH_CONDITIONAL_CAUTION',
    ],
    [
      'youth CC for a 19-year-old → adult conditional caution',
      'YOUTH_CONDITIONAL_CAUTION',
      '2007-01-01',
      'ADULT_CONDITIONAL_CAUTION',
    ],
    [
      'youth caution for an adult → community resolution',
      'YOUTH_CAUTION',
      '2000-01-01',
      'COMMUNITY_RESOLUTION',
    ],
    ['youth CC for a 9-year-old → nothing lawful', 'YOUTH_CONDITIONAL_CAUTION', '2017-01-01', undefined],
  ])('%s', (_label, type, dob, suggested) => {
    const [v] = proposal(type, dob);
    expect(v.suggestedDisposalType).toBe(suggested);
    if (suggested) expect(v.message).toContain(`use disposalType ${suggested}`);
  });

  it('does not point to a disposal the force has switched off', () => {
    expect(
      lawfulDisposalForAge('ADULT_CONDITIONAL_CAUTION', 16, {
        disposalTypes: { YOUTH_CONDITIONAL_CAUTION: { enabled: false } },
      } as never),
    ).toBeNull();
  });
});
