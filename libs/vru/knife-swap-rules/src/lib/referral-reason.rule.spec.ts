import { isDomesticAbuse, REFERRAL_REASONS, validateReferralReason } from './referral-reason.rule';

const rules = (reason: string, daRiskAssessmentRef?: string | null) =>
  validateReferralReason({ reason, daRiskAssessmentRef }).map((v) => v.rule);

describe('referral reason (domain.md 3.3.3: one main reason from a closed list)', () => {
  it('has exactly the three reasons of 3.3.3 (a)-(c)', () => {
    expect(REFERRAL_REASONS).toEqual(['WEAPON_CARRYING', 'DRUGS_OR_GANG', 'HIGH_RISK_DOMESTIC_ABUSE']);
  });

  it.each<[string, string, string | null | undefined, string[]]>([
    ['3.3.3(a) weapon arrest or intelligence', 'WEAPON_CARRYING', undefined, []],
    ['3.3.3(b) drug dealing or gang involvement', 'DRUGS_OR_GANG', null, []],
    ['3.3.3(c) high-risk DA with its risk assessment', 'HIGH_RISK_DOMESTIC_ABUSE', 'DASH-2026-0042', []],
    [
      '3.3.3(c) DA without a risk assessment reference',
      'HIGH_RISK_DOMESTIC_ABUSE',
      undefined,
      ['SKRS_DA_RISK_ASSESSMENT_REQUIRED'],
    ],
    [
      '3.3.3(c) DA with a blank reference',
      'HIGH_RISK_DOMESTIC_ABUSE',
      '   ',
      ['SKRS_DA_RISK_ASSESSMENT_REQUIRED'],
    ],
    ['3.3.3 a reason outside the list', 'ANTISOCIAL_BEHAVIOUR', undefined, ['SKRS_REFERRAL_REASON_UNKNOWN']],
    [
      '3.3.3 lower-case spelling is not on the list',
      'weapon_carrying',
      undefined,
      ['SKRS_REFERRAL_REASON_UNKNOWN'],
    ],
    [
      '3.4.4 a DA reference on a non-DA referral',
      'DRUGS_OR_GANG',
      'DASH-1',
      ['SKRS_DA_RISK_ASSESSMENT_NOT_EXPECTED'],
    ],
  ])('%s', (_case, reason, ref, expected) => {
    expect(rules(reason, ref)).toEqual(expected);
  });

  it('names the list when refusing an unknown reason', () => {
    const [v] = validateReferralReason({ reason: 'OTHER' });
    for (const r of REFERRAL_REASONS) expect(v.message).toContain(r);
  });

  it('treats only 3.3.3(c) as a domestic-abuse case', () => {
    expect(REFERRAL_REASONS.filter(isDomesticAbuse)).toEqual(['HIGH_RISK_DOMESTIC_ABUSE']);
  });
});
