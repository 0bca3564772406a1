import { ageOnDate, isIsoDate, isAfter, type IsoDate } from './calendar-date.util';
import type { DisposalType, OffenceClass, SensitiveOffenceFlag } from './disposal.model';
import {
  resolveOocrRulesConfig,
  type AuthorisationMatrixEntry,
  type OocrRulesConfig,
  type OocrRulesOverride,
} from './oocr-rules.config';
import { higherRank, isPoliceRank, rankAtLeast, type Authoriser, type PoliceRank } from './police-rank.model';
import type { RuleResult, RuleViolation } from './rule-result.model';
import { checkDate, hasText, unknownDisposalType } from './rule-input.util';

export interface OffenceDetails {
  classification: OffenceClass;
  offenceDate: IsoDate;
  /** Force offence-type code, matched against the authorisation matrix. */
  offenceType?: string;
  /** Force gravity score, matched against the authorisation matrix. */
  severity?: number;
  domesticAbuse?: boolean;
  hateCrime?: boolean;
}

export interface ProsecutorDecision {
  decidedOn: IsoDate;
  /** CPS reference. */
  reference: string;
}

export interface AuthorisationInput {
  disposalType: DisposalType;
  disposalDate: IsoDate;
  offender: { dateOfBirth: IsoDate };
  offence: OffenceDetails;
  authoriser?: Authoriser | null;
  prosecutorDecision?: ProsecutorDecision | null;
}

export interface RequiredAuthorisation {
  /** null when this disposal records no authoriser. */
  minimumRank: PoliceRank | null;
  /** Why: the domain rule for the type's own minimum, then the id of each matrix row that raised it. */
  reasons: string[];
  /** Whether a DPP-authorised person satisfies the requirement (only when no matrix row applies). */
  dppAuthorisedPersonAccepted: boolean;
}

function offenceFlags(offence: OffenceDetails): SensitiveOffenceFlag[] {
  const flags: SensitiveOffenceFlag[] = [];
  if (offence.domesticAbuse) flags.push('DOMESTIC_ABUSE');
  if (offence.hateCrime) flags.push('HATE_CRIME');
  return flags;
}

function matrixEntryApplies(
  entry: AuthorisationMatrixEntry,
  input: AuthorisationInput,
  config: OocrRulesConfig,
): boolean {
  const { offence } = input;
  if (entry.disposalTypes && !entry.disposalTypes.includes(input.disposalType)) return false;
  if (entry.offenceClasses && !entry.offenceClasses.includes(offence.classification)) return false;
  if (
    entry.offenceTypes &&
    !(offence.offenceType !== undefined && entry.offenceTypes.includes(offence.offenceType))
  ) {
    return false;
  }
  if (
    entry.minSeverity !== undefined &&
    !(typeof offence.severity === 'number' && offence.severity >= entry.minSeverity)
  ) {
    return false;
  }
  if (entry.flags && !offenceFlags(offence).some((flag) => entry.flags?.includes(flag))) return false;
  if (entry.youth !== undefined && isIsoDate(input.offender.dateOfBirth) && isIsoDate(input.disposalDate)) {
    // With an unreadable date of birth the row is kept: demanding too senior an authoriser is the safe mistake.
    const isYouth = ageOnDate(input.offender.dateOfBirth, input.disposalDate, config.leapDayBirthday) < 18;
    if (isYouth !== entry.youth) return false;
  }
  return true;
}

/** The lowest rank that may authorise this disposal: the type's minimum raised by any matching matrix row. */
export function requiredAuthorisation(
  input: AuthorisationInput,
  override: OocrRulesOverride = {},
): RequiredAuthorisation {
  const config = resolveOocrRulesConfig(override);
  const rules = config.disposalTypes[input.disposalType];
  let minimumRank = rules.minimumAuthoriserRank;
  const reasons = minimumRank ? [`${input.disposalType} needs ${minimumRank} or above`] : [];
  let raisedByMatrix = false;
  for (const entry of config.authorisationMatrix) {
    if (!matrixEntryApplies(entry, input, config)) continue;
    minimumRank = minimumRank ? higherRank(minimumRank, entry.minimumRank) : entry.minimumRank;
    reasons.push(`authorisation matrix '${entry.id}' needs ${entry.minimumRank} or above`);
    raisedByMatrix = true;
  }
  return {
    minimumRank,
    reasons,
    dppAuthorisedPersonAccepted: rules.dppAuthorisedPersonMayAuthorise && !raisedByMatrix,
  };
}

/**
 * Authoriser rank (2.1.3 [P] sergeant for an adult conditional caution; others per config) and the prosecutor
 * decision an indictable-only offence needs (2.1.3 [P]).
 */
export function validateAuthorisation(
  input: AuthorisationInput,
  override: OocrRulesOverride = {},
): RuleResult {
  const unknownType = unknownDisposalType(input.disposalType);
  if (unknownType) return { violations: [unknownType], warnings: [] };
  const config = resolveOocrRulesConfig(override);
  const rules = config.disposalTypes[input.disposalType];
  const violations: RuleViolation[] = [];

  const required = requiredAuthorisation(input, config);
  if (required.minimumRank) {
    const authoriser = input.authoriser;
    const hasRank = isPoliceRank(authoriser?.rank);
    const dppAccepted = authoriser?.dppAuthorised === true && required.dppAuthorisedPersonAccepted;
    if (!authoriser || (!hasRank && !dppAccepted)) {
      violations.push({
        rule: 'OOCR_AUTHORISER_REQUIRED',
        field: 'authoriser',
        message: `Record who authorised this disposal: ${required.reasons.join('; ')}.`,
      });
    } else if (!dppAccepted && authoriser.rank && !rankAtLeast(authoriser.rank, required.minimumRank)) {
      violations.push({
        rule: 'OOCR_AUTHORISER_RANK_TOO_LOW',
        field: 'authoriser.rank',
        message: `A ${authoriser.rank} cannot authorise this: ${required.reasons.join('; ')}.`,
      });
    }
  }

  if (input.offence.classification === 'INDICTABLE_ONLY' && rules.prosecutorDecisionForIndictableOnly) {
    const decision = input.prosecutorDecision;
    if (!decision || !hasText(decision.reference)) {
      violations.push({
        rule: 'OOCR_PROSECUTOR_DECISION_REQUIRED',
        field: 'prosecutorDecision',
        message:
          'An indictable-only offence needs a prosecutor (CPS) decision: record its reference and date.',
      });
    } else if (
      checkDate(decision.decidedOn, 'prosecutorDecision.decidedOn', violations) &&
      isIsoDate(input.disposalDate) &&
      isAfter(decision.decidedOn, input.disposalDate)
    ) {
      violations.push({
        rule: 'OOCR_PROSECUTOR_DECISION_REQUIRED',
        field: 'prosecutorDecision.decidedOn',
        message: 'The prosecutor decision must be made on or before the disposal date.',
      });
    }
  }

  return { violations, warnings: [] };
}
