/** Stable codes: clients and audit records key on them, so a code is never renamed or reused. */
export type KnifeSwapRuleCode =
  | 'SKRS_REFERRAL_REASON_UNKNOWN'
  | 'SKRS_DA_RISK_ASSESSMENT_REQUIRED'
  | 'SKRS_DA_RISK_ASSESSMENT_NOT_EXPECTED'
  | 'SKRS_DISCUSSION_REQUIRED'
  | 'SKRS_DISCUSSION_INCOMPLETE'
  | 'SKRS_ELIGIBILITY_REASON_REQUIRED'
  | 'SKRS_FAMILY_NOT_ENGAGED'
  | 'SKRS_CONSENT_REQUIRED'
  | 'SKRS_CONSENT_MUST_COVER_ALL_POINTED_KNIVES'
  | 'SKRS_KIT_TYPE_UNKNOWN'
  | 'SKRS_KIT_QUANTITY_OUT_OF_RANGE'
  | 'SKRS_KNIFE_COUNT_OUT_OF_RANGE'
  | 'SKRS_SAFETY_ADVICE_INCOMPLETE'
  | 'SKRS_STOCK_QUANTITY_INVALID'
  | 'SKRS_STOCK_INSUFFICIENT'
  | 'SKRS_TRANSITION_NOT_ALLOWED'
  | 'SKRS_CUSTODY_TRANSITION_NOT_ALLOWED'
  | 'SKRS_CUSTODY_BAG_NUMBER_REQUIRED'
  | 'SKRS_CUSTODY_HOLDER_REQUIRED'
  | 'SKRS_DESTRUCTION_CERTIFICATE_REQUIRED'
  | 'SKRS_SAFE_CONTACT_UNKNOWN'
  | 'SKRS_SAFE_CONTACT_NOT_EXPECTED'
  | 'SKRS_SAFE_CONTACT_DETAIL_MISSING';

export interface RuleViolation {
  rule: KnifeSwapRuleCode;
  /** Path into the validated input, e.g. 'knivesSurrendered'. */
  field: string;
  /** Tells the user what to fix. */
  message: string;
}

export const blank = (s: string | null | undefined): boolean => !s || s.trim().length === 0;
