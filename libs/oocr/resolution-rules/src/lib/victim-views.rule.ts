import { isAfter, type IsoDate } from './calendar-date.util';
import type { DisposalType } from './disposal.model';
import { resolveOocrRulesConfig, type OocrRulesOverride } from './oocr-rules.config';
import type { RuleResult, RuleViolation } from './rule-result.model';
import { checkDate, hasText, unknownDisposalType } from './rule-input.util';

/** "Reasonable efforts" (2.1.9 [P]) can end without views; the record says which. */
export type VictimViewsOutcome = 'VIEWS_GIVEN' | 'VICTIM_DECLINED' | 'NOT_CONTACTABLE';

/** For a community resolution (2.4.2 [S], 2.6.8). */
export type VictimAgreement = 'AGREED' | 'NOT_AGREED' | 'SUPERVISOR_OVERRIDE';

export interface VictimViewsRecord {
  soughtOn: IsoDate;
  method: string;
  outcome: VictimViewsOutcome;
  views?: string;
  /** An action from the Community Remedy document the victim asked for. */
  requestedAction?: string;
  requestedActionAttached?: boolean;
  notAttachedReason?: string;
  agreement?: VictimAgreement;
  overrideReason?: string;
}

export interface VictimViewsInput {
  disposalType: DisposalType;
  /** false for offences with no identifiable victim, where there is no one to ask. */
  hasIdentifiableVictim: boolean;
  victimViews?: VictimViewsRecord | null;
  /** When the conditions (or agreed actions) are finalised. */
  conditionsFinalisedOn: IsoDate;
}

/**
 * Victim's views sought before conditions are set (2.1.9 [P] s23ZA; 2.3.3 [P] s66BA; 2.4.2 [S] community
 * resolutions), a requested Community Remedy action attached or a reason given (2.1.9 [P]), and for a community
 * resolution the victim's agreement or a supervisor's override with a reason (2.4.2 [S]).
 */
export function validateVictimViews(input: VictimViewsInput, override: OocrRulesOverride = {}): RuleResult {
  const unknownType = unknownDisposalType(input.disposalType);
  if (unknownType) return { violations: [unknownType], warnings: [] };
  const rules = resolveOocrRulesConfig(override).disposalTypes[input.disposalType];
  const violations: RuleViolation[] = [];
  if (!rules.requiresVictimViews || !input.hasIdentifiableVictim) return { violations, warnings: [] };

  const record = input.victimViews;
  if (!record) {
    violations.push({
      rule: 'OOCR_VICTIM_VIEWS_REQUIRED',
      field: 'victimViews',
      message:
        "Seek the victim's views and record the date, method and outcome before finalising the conditions.",
    });
    return { violations, warnings: [] };
  }

  const soughtOk = checkDate(record.soughtOn, 'victimViews.soughtOn', violations);
  const finalisedOk = checkDate(input.conditionsFinalisedOn, 'conditionsFinalisedOn', violations);
  if (soughtOk && finalisedOk && isAfter(record.soughtOn, input.conditionsFinalisedOn)) {
    violations.push({
      rule: 'OOCR_VICTIM_VIEWS_AFTER_FINALISATION',
      field: 'victimViews.soughtOn',
      message: "The victim's views must be sought before the conditions are finalised.",
    });
  }
  if (!hasText(record.method)) {
    violations.push({
      rule: 'OOCR_VICTIM_VIEWS_REQUIRED',
      field: 'victimViews.method',
      message: 'Record how the victim was asked.',
    });
  }
  if (record.outcome === 'VIEWS_GIVEN' && !hasText(record.views)) {
    violations.push({
      rule: 'OOCR_VICTIM_VIEWS_REQUIRED',
      field: 'victimViews.views',
      message: "Record the victim's views.",
    });
  }
  if (
    hasText(record.requestedAction) &&
    record.requestedActionAttached !== true &&
    !hasText(record.notAttachedReason)
  ) {
    violations.push({
      rule: 'OOCR_VICTIM_REQUESTED_ACTION_REASON_REQUIRED',
      field: 'victimViews.notAttachedReason',
      message:
        'The victim asked for a Community Remedy action: attach it, or record why it would be inappropriate.',
    });
  }

  if (rules.requiresVictimAgreementOrOverride && record.outcome === 'VIEWS_GIVEN') {
    if (record.agreement === undefined || record.agreement === 'NOT_AGREED') {
      violations.push({
        rule: 'OOCR_VICTIM_AGREEMENT_REQUIRED',
        field: 'victimViews.agreement',
        message: 'Record that the victim agreed, or a supervisor override with a reason.',
      });
    } else if (record.agreement === 'SUPERVISOR_OVERRIDE' && !hasText(record.overrideReason)) {
      violations.push({
        rule: 'OOCR_VICTIM_OVERRIDE_REASON_REQUIRED',
        field: 'victimViews.overrideReason',
        message: "Record why the supervisor proceeded without the victim's agreement.",
      });
    }
  }
  return { violations, warnings: [] };
}
