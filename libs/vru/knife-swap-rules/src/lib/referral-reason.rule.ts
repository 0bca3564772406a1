import { blank, RuleViolation } from './rule-result.model';

/**
 * The scheme's closed list of main referral reasons (domain.md 3.3.3):
 * (a) arrested for a weapon offence, or information that the young person carries one;
 * (b) coming to police attention for drug dealing or street-group/gang involvement;
 * (c) high-risk domestic abuse, where the swap adds to existing safety advice and does not replace it.
 */
export const REFERRAL_REASONS = ['WEAPON_CARRYING', 'DRUGS_OR_GANG', 'HIGH_RISK_DOMESTIC_ABUSE'] as const;
export type ReferralReason = (typeof REFERRAL_REASONS)[number];

export const isReferralReason = (value: unknown): value is ReferralReason =>
  typeof value === 'string' && (REFERRAL_REASONS as readonly string[]).includes(value);

/** Domestic-abuse cases are special: restricted reads and a risk assessment behind them. */
export const isDomesticAbuse = (reason: ReferralReason): boolean => reason === 'HIGH_RISK_DOMESTIC_ABUSE';

export interface ReferralReasonInput {
  reason: string;
  /** DA risk assessment (e.g. DASH/MARAC) reference: required for, and only for, a domestic-abuse referral. */
  daRiskAssessmentRef?: string | null;
}

export function validateReferralReason(input: ReferralReasonInput): RuleViolation[] {
  if (!isReferralReason(input.reason))
    return [
      {
        rule: 'SKRS_REFERRAL_REASON_UNKNOWN',
        field: 'reason',
        message: `The main referral reason must be one of the scheme's list (domain.md 3.3.3): ${REFERRAL_REASONS.join(', ')}.`,
      },
    ];
  if (isDomesticAbuse(input.reason) && blank(input.daRiskAssessmentRef))
    return [
      {
        rule: 'SKRS_DA_RISK_ASSESSMENT_REQUIRED',
        field: 'daRiskAssessmentRef',
        message:
          'A high-risk domestic abuse referral needs the DA risk assessment reference: the swap adds to existing safety advice (domain.md 3.3.3(c), 3.4.4).',
      },
    ];
  if (!isDomesticAbuse(input.reason) && !blank(input.daRiskAssessmentRef))
    return [
      {
        rule: 'SKRS_DA_RISK_ASSESSMENT_NOT_EXPECTED',
        field: 'daRiskAssessmentRef',
        message: 'A DA risk assessment reference goes with a HIGH_RISK_DOMESTIC_ABUSE referral only.',
      },
    ];
  return [];
}
