/** Stable codes: clients and audit records key on them, so a code is never renamed or reused. */
export type OocrRuleCode =
  | 'OOCR_INVALID_INPUT'
  | 'OOCR_DISPOSAL_TYPE_UNKNOWN'
  | 'OOCR_DISPOSAL_TYPE_NOT_ENABLED'
  | 'OOCR_DATE_OF_BIRTH_AFTER_DISPOSAL'
  | 'OOCR_AGE_BELOW_MINIMUM'
  | 'OOCR_AGE_ABOVE_MAXIMUM'
  | 'OOCR_ADMISSION_REQUIRED'
  | 'OOCR_EVIDENCE_TO_CHARGE_REQUIRED'
  | 'OOCR_BREACH_WARNING_REQUIRED'
  | 'OOCR_SIGNED_CONSENT_REQUIRED'
  | 'OOCR_SIGNED_CONSENT_AFTER_DISPOSAL'
  | 'OOCR_APPROPRIATE_ADULT_REQUIRED'
  | 'OOCR_YOT_REFERRAL_REQUIRED'
  | 'OOCR_AUTHORISER_REQUIRED'
  | 'OOCR_AUTHORISER_RANK_TOO_LOW'
  | 'OOCR_PROSECUTOR_DECISION_REQUIRED'
  | 'OOCR_DOMESTIC_ABUSE_FLAG'
  | 'OOCR_HATE_CRIME_FLAG'
  | 'OOCR_ACKNOWLEDGEMENT_REASON_REQUIRED'
  | 'OOCR_CONDITIONS_NOT_PERMITTED'
  | 'OOCR_CONDITION_PURPOSE_NOT_PERMITTED'
  | 'OOCR_RESTRICTIVE_CONDITION_UNSUPPORTED'
  | 'OOCR_CONDITION_HOURS_EXCEEDED'
  | 'OOCR_FINANCIAL_PENALTY_NOT_PERMITTED'
  | 'OOCR_FINANCIAL_PENALTY_EXCEEDED'
  | 'OOCR_CONDITION_DUE_BEFORE_ISSUE'
  | 'OOCR_CONDITION_DUE_AFTER_COMPLETION'
  | 'OOCR_VICTIM_VIEWS_REQUIRED'
  | 'OOCR_VICTIM_VIEWS_AFTER_FINALISATION'
  | 'OOCR_VICTIM_REQUESTED_ACTION_REASON_REQUIRED'
  | 'OOCR_VICTIM_AGREEMENT_REQUIRED'
  | 'OOCR_VICTIM_OVERRIDE_REASON_REQUIRED'
  | 'OOCR_COMPLETION_CLOCK_NOT_APPLICABLE'
  | 'OOCR_COMPLETION_BEFORE_ISSUE'
  | 'OOCR_COMPLETION_EXTENSION_REASON_REQUIRED'
  | 'OOCR_COMPLETION_BEYOND_MAXIMUM'
  | 'OOCR_SUMMARY_TIME_LIMIT_AT_RISK'
  | 'OOCR_SUMMARY_TIME_LIMIT_EXPIRED'
  | 'OOCR_BREACH_NOT_ENFORCEABLE'
  | 'OOCR_BREACH_DECISION_NOT_PERMITTED'
  | 'OOCR_REASONABLE_EXCUSE_ASSESSMENT_REQUIRED'
  | 'OOCR_REASONABLE_EXCUSE_ASSESSED_AFTER_DECISION'
  | 'OOCR_REASONABLE_EXCUSE_ACCEPTED'
  | 'OOCR_VARIATION_AUTHORISATION_REQUIRED'
  | 'OOCR_SIGNED_DOCUMENT_LINK_REQUIRED'
  | 'OOCR_PROSECUTION_STATUTE_BARRED';

export interface RuleViolation {
  rule: OocrRuleCode;
  /** Path into the validated input, e.g. 'conditions[2].hours'. */
  field: string;
  /** Tells the user what to fix. */
  message: string;
  /** When a different disposal type is the lawful route (e.g. a youth conditional caution for a 16-year-old). */
  suggestedDisposalType?: string;
}

export interface WarningAcknowledgement {
  rule: OocrRuleCode;
  reason: string;
  acknowledgedBy?: string;
}

/** Something a decision-maker may proceed past, but only having acknowledged it with a reason. */
export interface RuleWarning {
  rule: OocrRuleCode;
  field: string;
  message: string;
  acknowledgement: WarningAcknowledgement | null;
}

export interface RuleResult {
  violations: RuleViolation[];
  warnings: RuleWarning[];
}

/** Allowed to proceed: nothing violated, every warning acknowledged. */
export function isClearToProceed(result: RuleResult): boolean {
  return (
    result.violations.length === 0 && result.warnings.every((warning) => warning.acknowledgement !== null)
  );
}

export function mergeResults(...results: RuleResult[]): RuleResult {
  return {
    violations: results.flatMap((result) => result.violations),
    warnings: results.flatMap((result) => result.warnings),
  };
}

/**
 * Attaches acknowledgements to the warnings they answer. An acknowledgement without a reason does not count and
 * is itself a violation, because the reason is what a scrutiny panel reads later.
 */
export function applyAcknowledgements(
  violations: RuleViolation[],
  warnings: Omit<RuleWarning, 'acknowledgement'>[],
  acknowledgements: readonly WarningAcknowledgement[] = [],
): RuleResult {
  const result: RuleResult = { violations: [...violations], warnings: [] };
  for (const warning of warnings) {
    const index = acknowledgements.findIndex((ack) => ack.rule === warning.rule);
    const ack = index >= 0 ? acknowledgements[index] : undefined;
    const hasReason = typeof ack?.reason === 'string' && ack.reason.trim().length > 0;
    if (ack && !hasReason) {
      result.violations.push({
        rule: 'OOCR_ACKNOWLEDGEMENT_REASON_REQUIRED',
        field: `acknowledgements[${index}].reason`,
        message: `Give a reason for proceeding despite ${warning.rule}.`,
      });
    }
    result.warnings.push({ ...warning, acknowledgement: ack && hasReason ? ack : null });
  }
  return result;
}
