import { isAfter, isBefore, type IsoDate } from './calendar-date.util';
import type { BreachDecisionType, DisposalType, OffenceClass } from './disposal.model';
import { resolveOocrRulesConfig, type OocrRulesOverride } from './oocr-rules.config';
import { isPoliceRank, rankAtLeast, type Authoriser } from './police-rank.model';
import { prosecutionTimeLimitStatus } from './prosecution-time-limit.rule';
import type { RuleResult, RuleViolation } from './rule-result.model';
import { checkDate, hasText, unknownDisposalType } from './rule-input.util';

export type ReasonableExcuseOutcome = 'REASONABLE_EXCUSE' | 'NO_REASONABLE_EXCUSE';

export interface ReasonableExcuseAssessment {
  assessedOn: IsoDate;
  outcome: ReasonableExcuseOutcome;
  rationale: string;
}

export interface BreachDecision {
  type: BreachDecisionType;
  decidedOn: IsoDate;
  /** Needed to vary conditions. */
  authoriser?: Authoriser | null;
  /** The signed caution document, admissible when prosecuting (2.1.11 [P]). */
  signedDocumentRef?: string;
  /** Set once an information is laid or a charge issued: the caution then ceases (2.1.11 [P]). */
  proceedingsStartedOn?: IsoDate;
}

export interface BreachDecisionInput {
  disposalType: DisposalType;
  offenceClass: OffenceClass;
  offenceDate: IsoDate;
  breachDetectedOn: IsoDate;
  reasonableExcuseAssessment?: ReasonableExcuseAssessment | null;
  decision: BreachDecision;
}

export type CautionStatus = 'ACTIVE' | 'PROSECUTION_PENDING' | 'CEASED';

/**
 * The breach workflow of 2.6.6: the reasonable-excuse assessment comes first; arrest (s24A, 2.1.12 [P]) and
 * prosecution for the original offence (2.1.11 [P]) only when there was no reasonable excuse; prosecution links
 * the signed caution document and must still be in time for a summary-only offence (2.1.13); a variation needs
 * an authoriser (rank [U]).
 */
export function validateBreachDecision(
  input: BreachDecisionInput,
  override: OocrRulesOverride = {},
): RuleResult {
  const config = resolveOocrRulesConfig(override);
  const violations: RuleViolation[] = [];
  const unknownType = unknownDisposalType(input.disposalType);
  if (unknownType) return { violations: [unknownType], warnings: [] };
  const rules = config.disposalTypes[input.disposalType];
  const { decision } = input;

  if (rules.breachDecisions.length === 0) {
    // 2.4.4 [S]: a community resolution is voluntary; O22 and youth cautions carry no conditions to breach.
    violations.push({
      rule: 'OOCR_BREACH_NOT_ENFORCEABLE',
      field: 'disposalType',
      message: `${rules.label} is not enforceable: there is no breach decision to record.`,
    });
    return { violations, warnings: [] };
  }
  if (!rules.breachDecisions.includes(decision.type)) {
    violations.push({
      rule: 'OOCR_BREACH_DECISION_NOT_PERMITTED',
      field: 'decision.type',
      message: `${rules.label} allows ${rules.breachDecisions.join(', ')} on breach; not ${decision.type}.`,
    });
  }

  const detectedOk = checkDate(input.breachDetectedOn, 'breachDetectedOn', violations);
  const decidedOk = checkDate(decision.decidedOn, 'decision.decidedOn', violations);
  if (detectedOk && decidedOk && isBefore(decision.decidedOn, input.breachDetectedOn)) {
    violations.push({
      rule: 'OOCR_INVALID_INPUT',
      field: 'decision.decidedOn',
      message: 'The decision cannot be dated before the breach was detected.',
    });
  }

  const assessment = input.reasonableExcuseAssessment;
  if (!assessment || !hasText(assessment.rationale)) {
    violations.push({
      rule: 'OOCR_REASONABLE_EXCUSE_ASSESSMENT_REQUIRED',
      field: 'reasonableExcuseAssessment',
      message:
        'Assess and record whether the offender had a reasonable excuse, with the rationale, before deciding.',
    });
  } else if (
    checkDate(assessment.assessedOn, 'reasonableExcuseAssessment.assessedOn', violations) &&
    decidedOk &&
    isAfter(assessment.assessedOn, decision.decidedOn)
  ) {
    violations.push({
      rule: 'OOCR_REASONABLE_EXCUSE_ASSESSED_AFTER_DECISION',
      field: 'reasonableExcuseAssessment.assessedOn',
      message: 'The reasonable-excuse assessment must be recorded on or before the decision.',
    });
  }

  const coercive = decision.type === 'ARREST_S24A' || decision.type === 'PROSECUTE_ORIGINAL_OFFENCE';
  if (coercive && assessment?.outcome === 'REASONABLE_EXCUSE') {
    violations.push({
      rule: 'OOCR_REASONABLE_EXCUSE_ACCEPTED',
      field: 'decision.type',
      message:
        'A reasonable excuse was accepted: arrest and prosecution need a failure without reasonable excuse.',
    });
  }

  if (decision.type === 'VARY_CONDITIONS') {
    const minimum = config.breach.variationMinimumRank;
    const authoriser = decision.authoriser;
    const dppOk = authoriser?.dppAuthorised === true && rules.dppAuthorisedPersonMayAuthorise;
    const rankOk = isPoliceRank(authoriser?.rank) && rankAtLeast(authoriser.rank, minimum);
    if (!dppOk && !rankOk) {
      violations.push({
        rule: 'OOCR_VARIATION_AUTHORISATION_REQUIRED',
        field: 'decision.authoriser',
        message: `Varying conditions needs authorisation by a ${minimum} or above.`,
      });
    }
  }

  if (decision.type === 'PROSECUTE_ORIGINAL_OFFENCE') {
    if (!hasText(decision.signedDocumentRef)) {
      violations.push({
        rule: 'OOCR_SIGNED_DOCUMENT_LINK_REQUIRED',
        field: 'decision.signedDocumentRef',
        message: 'Link the signed caution document: it is the admissible evidence of the admission.',
      });
    }
    if (
      checkDate(input.offenceDate, 'offenceDate', violations) &&
      decidedOk &&
      prosecutionTimeLimitStatus(input, decision.decidedOn, config).status === 'STATUTE_BARRED'
    ) {
      violations.push({
        rule: 'OOCR_PROSECUTION_STATUTE_BARRED',
        field: 'decision.type',
        message: 'The time limit to prosecute this summary-only offence has passed: choose another decision.',
      });
    }
    if (decision.proceedingsStartedOn !== undefined) {
      checkDate(decision.proceedingsStartedOn, 'decision.proceedingsStartedOn', violations);
    }
  }

  return { violations, warnings: [] };
}

/** 2.1.11 [P]: the caution stops having effect once proceedings for the original offence start. */
export function cautionStatusAfterBreachDecision(
  decision: Pick<BreachDecision, 'type' | 'proceedingsStartedOn'>,
): CautionStatus {
  if (decision.type !== 'PROSECUTE_ORIGINAL_OFFENCE') return 'ACTIVE';
  return decision.proceedingsStartedOn ? 'CEASED' : 'PROSECUTION_PENDING';
}
