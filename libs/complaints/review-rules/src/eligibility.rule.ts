import { isBefore, isIsoDate, type IsoDate } from '@oversight/working-days';
import { resolveReviewRulesConfig, type ReviewRulesConfigOverride } from './review-rules.config';
import { InvalidReviewInputError } from './review-rules.errors';
import {
  COMPLAINT_HANDLING_METHODS,
  IOPC_INVESTIGATION_TYPES,
  type ComplaintHandlingMethod,
  type IopcInvestigationType,
  type RuleRef,
} from './review.vocabulary';

export interface EligibilityInput {
  readonly handling: ComplaintHandlingMethod;
  readonly iopcInvestigation: IopcInvestigationType;
  /** When the complaint was made; decides between the 2020 review and the 2012 appeal regime (1.1.3). */
  readonly complaintMadeOn: IsoDate;
}

export type EligibilityGate = 'HANDLED_UNDER_SCHEDULE_3' | 'NOT_IOPC_INVESTIGATION' | 'REVIEW_REGIME_APPLIES';

/** 'REFER' means "not for this route, send it elsewhere" — distinct from a failure, never a rejection. */
export type GateOutcome = 'PASS' | 'FAIL' | 'REFER';

export type EligibilityReasonCode =
  | 'SCHEDULE_3_INVESTIGATION'
  | 'SCHEDULE_3_OTHERWISE_THAN_BY_INVESTIGATION'
  | 'NOT_HANDLED_UNDER_SCHEDULE_3'
  | 'HANDLING_NOT_ELIGIBLE'
  | 'NO_IOPC_INVESTIGATION'
  | 'IOPC_DIRECTED_INVESTIGATION'
  | 'IOPC_INDEPENDENT_INVESTIGATION'
  | 'IOPC_INVESTIGATION_NOT_EXCLUDED'
  | 'COMPLAINT_ON_OR_AFTER_REGIME_START'
  | 'LEGACY_APPEAL_ROUTE';

export interface GateResult {
  readonly gate: EligibilityGate;
  readonly outcome: GateOutcome;
  readonly passed: boolean;
  readonly reasonCode: EligibilityReasonCode;
  readonly message: string;
  readonly rule: RuleRef;
}

/** REVIEW: proceed; LEGACY_APPEAL: handle under the 2012 appeal regime; NOT_ELIGIBLE: tell the applicant why. */
export type EligibilityRoute = 'REVIEW' | 'LEGACY_APPEAL' | 'NOT_ELIGIBLE';

export interface EligibilityResult {
  readonly eligible: boolean;
  readonly route: EligibilityRoute;
  /** Every gate, always, so the reason for any outcome is on the record. */
  readonly gates: readonly GateResult[];
}

export function assessEligibility(
  input: EligibilityInput,
  config: ReviewRulesConfigOverride = {},
): EligibilityResult {
  const { eligibility } = resolveReviewRulesConfig(config);
  if (!isIsoDate(input.complaintMadeOn)) {
    throw new InvalidReviewInputError(
      `complaintMadeOn must be a YYYY-MM-DD date (got ${String(input.complaintMadeOn)}).`,
    );
  }
  // Inputs arrive from forms and messages; an unknown value must fail loudly, not fall through a gate.
  if (!COMPLAINT_HANDLING_METHODS.includes(input.handling)) {
    throw new InvalidReviewInputError(`Unknown complaint handling method ${String(input.handling)}.`);
  }
  if (!IOPC_INVESTIGATION_TYPES.includes(input.iopcInvestigation)) {
    throw new InvalidReviewInputError(`Unknown IOPC investigation type ${String(input.iopcInvestigation)}.`);
  }
  const gates = [
    scheduleThreeGate(input.handling, eligibility.eligibleHandling),
    iopcInvestigationGate(input.iopcInvestigation, eligibility.excludedIopcInvestigations),
    regimeGate(input.complaintMadeOn, eligibility.reviewRegimeStartDate),
  ];
  const route: EligibilityRoute = gates.some((g) => g.outcome === 'FAIL')
    ? 'NOT_ELIGIBLE'
    : gates.some((g) => g.outcome === 'REFER')
      ? 'LEGACY_APPEAL'
      : 'REVIEW';
  return { eligible: route === 'REVIEW', route, gates };
}

function scheduleThreeGate(
  handling: ComplaintHandlingMethod,
  eligibleHandling: readonly ComplaintHandlingMethod[],
): GateResult {
  const gate = 'HANDLED_UNDER_SCHEDULE_3';
  if (handling === 'NOT_UNDER_SCHEDULE_3') {
    return fail(
      gate,
      'NOT_HANDLED_UNDER_SCHEDULE_3',
      '1.1.2 [S]',
      'The complaint was dealt with outside Schedule 3, so there is no right of review.',
    );
  }
  const isInvestigation = handling === 'SCHEDULE_3_INVESTIGATION';
  // 1.1.1: investigation rests on para 25 [P]; otherwise-than-by-investigation on para 6A [S].
  const rule = isInvestigation ? '1.1.1 [P]' : '1.1.1 [S]';
  if (!eligibleHandling.includes(handling)) {
    return fail(
      gate,
      'HANDLING_NOT_ELIGIBLE',
      rule,
      `Complaints handled as ${handling} are configured as not reviewable.`,
    );
  }
  return isInvestigation
    ? pass(
        gate,
        'SCHEDULE_3_INVESTIGATION',
        rule,
        'Investigated under Schedule 3 (para 25): a review is available.',
      )
    : pass(
        gate,
        'SCHEDULE_3_OTHERWISE_THAN_BY_INVESTIGATION',
        rule,
        'Handled otherwise than by investigation under Schedule 3 (para 6A): a review is available.',
      );
}

function iopcInvestigationGate(
  investigation: IopcInvestigationType,
  excluded: readonly IopcInvestigationType[],
): GateResult {
  const gate = 'NOT_IOPC_INVESTIGATION';
  if (investigation === 'NONE') {
    return pass(
      gate,
      'NO_IOPC_INVESTIGATION',
      '1.1.2 [S]',
      'Not an IOPC-directed or independent investigation.',
    );
  }
  if (!excluded.includes(investigation)) {
    return pass(
      gate,
      'IOPC_INVESTIGATION_NOT_EXCLUDED',
      '1.1.2 [S]',
      `IOPC ${investigation.toLowerCase()} investigations are configured as reviewable.`,
    );
  }
  return investigation === 'DIRECTED'
    ? fail(
        gate,
        'IOPC_DIRECTED_INVESTIGATION',
        '1.1.2 [S]',
        'The outcome of an IOPC-directed investigation cannot be reviewed by the local policing body.',
      )
    : fail(
        gate,
        'IOPC_INDEPENDENT_INVESTIGATION',
        '1.1.2 [S]',
        'The outcome of an IOPC independent investigation cannot be reviewed by the local policing body.',
      );
}

function regimeGate(complaintMadeOn: IsoDate, regimeStart: IsoDate): GateResult {
  const gate = 'REVIEW_REGIME_APPLIES';
  if (isBefore(complaintMadeOn, regimeStart)) {
    return {
      gate,
      outcome: 'REFER',
      passed: false,
      reasonCode: 'LEGACY_APPEAL_ROUTE',
      message:
        `Complaint made on ${complaintMadeOn}, before ${regimeStart}: it follows the 2012 appeal regime ` +
        '(28 days from the day after the decision letter), not the review regime.',
      rule: '1.1.3 [P]/[S]',
    };
  }
  return pass(
    gate,
    'COMPLAINT_ON_OR_AFTER_REGIME_START',
    '1.1.3 [P]/[S]',
    `Complaint made on or after ${regimeStart}: the review regime applies.`,
  );
}

function pass(
  gate: EligibilityGate,
  reasonCode: EligibilityReasonCode,
  rule: RuleRef,
  message: string,
): GateResult {
  return { gate, outcome: 'PASS', passed: true, reasonCode, message, rule };
}

function fail(
  gate: EligibilityGate,
  reasonCode: EligibilityReasonCode,
  rule: RuleRef,
  message: string,
): GateResult {
  return { gate, outcome: 'FAIL', passed: false, reasonCode, message, rule };
}
