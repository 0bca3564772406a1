import { Violation } from '@oversight/domain-errors';
import {
  checkTimeLimitAtIssue,
  completionDueDate as defaultCompletionDueDate,
  isAfter,
  isBefore,
  isDisposalType,
  mergeResults,
  validateCompletionDueDate,
  validateConditions,
  validateDisposalProposal,
  validateVictimViews,
  type DisposalType,
  type DisposalTypeRules,
  type IsoDate,
  type OocrRulesConfig,
  type RuleResult,
  type WarningAcknowledgement,
} from '@oversight/oocr-rules';
import type { DisposalInput } from './disposal.input';

export interface AcknowledgedWarning {
  rule: string;
  field: string;
  message: string;
  reason: string;
  acknowledgedBy: string;
}

export interface DisposalValidation {
  /** Every rule not met, and every warning not acknowledged with a reason. Empty: clear to record. */
  violations: Violation[];
  acknowledgedWarnings: AcknowledgedWarning[];
  /** The caution's completion due date (default or extended); null for a type without a clock. */
  completionDueDate: IsoDate | null;
  typeRules: DisposalTypeRules | null;
}

export interface ValidationContext {
  rules: OocrRulesConfig;
  districts: readonly string[];
  /** Today in the UK: nothing may be issued in the future. */
  today: IsoDate;
  /** Who acknowledges the warnings (the officer, or the field app's issuing officer). */
  actor: string;
}

/**
 * All the rules a disposal must meet before it is recorded, from @oversight/oocr-rules (domain.md Part 2 §2) plus
 * this service's own (district, dates in order, a caution with at least one condition, payment plans adding up).
 * Pure: no I/O, so every rule is table-tested in disposal-validation.spec.ts.
 */
export function validateDisposal(input: DisposalInput, ctx: ValidationContext): DisposalValidation {
  const own: Violation[] = [];
  if (!isDisposalType(input.disposalType)) {
    return {
      violations: [
        {
          rule: 'OOCR_DISPOSAL_TYPE_UNKNOWN',
          field: 'disposalType',
          message: `Unknown disposal type ${input.disposalType}.`,
        },
      ],
      acknowledgedWarnings: [],
      completionDueDate: null,
      typeRules: null,
    };
  }
  const type: DisposalType = input.disposalType;
  const typeRules = ctx.rules.disposalTypes[type];

  if (!ctx.districts.includes(input.district))
    own.push({
      rule: 'OOCR_DISTRICT_UNKNOWN',
      field: 'district',
      message: `district must be one of: ${ctx.districts.join(', ')}.`,
    });
  if (isAfter(input.issueDate, ctx.today))
    own.push({
      rule: 'OOCR_DATE_IN_FUTURE',
      field: 'issueDate',
      message: `issueDate (${input.issueDate}) cannot be in the future.`,
    });
  if (isAfter(input.offence.offenceDate, input.issueDate))
    own.push({
      rule: 'OOCR_OFFENCE_AFTER_ISSUE',
      field: 'offence.offenceDate',
      message: 'The offence date cannot be after the issue date.',
    });

  const proposal = validateDisposalProposal(
    {
      disposalType: type,
      disposalDate: input.issueDate,
      offender: { dateOfBirth: input.offender.dateOfBirth },
      offence: {
        classification: input.offence.classification,
        offenceDate: input.offence.offenceDate,
        offenceType: input.offence.offenceType,
        severity: input.offence.severity,
        domesticAbuse: input.offence.domesticAbuse,
        hateCrime: input.offence.hateCrime,
      },
      authoriser: input.authoriser
        ? {
            id: input.authoriser.id,
            rank: input.authoriser.rank,
            dppAuthorised: input.authoriser.dppAuthorised,
          }
        : null,
      prosecutorDecision: input.prosecutorDecision ?? null,
      admission: input.admission,
      evidenceSufficientToCharge: input.evidenceSufficientToCharge,
      effectExplainedWithBreachWarning: input.effectExplainedWithBreachWarning,
      signedConsent: input.signedConsent ?? null,
      appropriateAdultPresent: input.appropriateAdultPresent,
      yotReferral: input.yotReferral ?? null,
      acknowledgements: input.acknowledgements as WarningAcknowledgement[] | undefined,
    },
    ctx.rules,
  );

  // The completion clock (2.1.10): the default period, or a later date with an exceptional reason, never beyond the maximum.
  let completionDueDate: IsoDate | null = null;
  const results: RuleResult[] = [proposal];
  if (typeRules.completion) {
    completionDueDate = input.completionDueDate ?? defaultCompletionDueDate(input.issueDate, type, ctx.rules);
    results.push(
      validateCompletionDueDate(
        {
          disposalType: type,
          issueDate: input.issueDate,
          completionDueDate,
          exceptionalReason: input.exceptionalReason,
        },
        ctx.rules,
      ),
    );
  } else if (input.completionDueDate) {
    results.push(
      validateCompletionDueDate(
        { disposalType: type, issueDate: input.issueDate, completionDueDate: input.completionDueDate },
        ctx.rules,
      ),
    );
  }

  // Conditions (2.1.4–2.1.8) and payment plans.
  const conditions = input.conditions ?? [];
  results.push(
    validateConditions(
      {
        disposalType: type,
        offenceClass: input.offence.classification,
        issueDate: input.issueDate,
        completionDueDate: completionDueDate ?? input.issueDate,
        conditions: conditions.map((c) => ({ ...c })),
      },
      ctx.rules,
    ),
  );
  if (typeRules.conditions && conditions.length === 0)
    own.push({
      rule: 'OOCR_CONDITIONS_REQUIRED',
      field: 'conditions',
      message: `${typeRules.label} needs at least one condition.`,
    });
  own.push(...paymentPlanViolations(input));

  // Victim's views before the conditions are finalised (2.1.9, 2.3.3, 2.4.2): each victim's record, or none at all.
  const hasVictim = input.hasIdentifiableVictim ?? true;
  const victims = input.victims ?? [];
  if (victims.length === 0) {
    results.push(
      validateVictimViews(
        {
          disposalType: type,
          hasIdentifiableVictim: hasVictim,
          victimViews: null,
          conditionsFinalisedOn: input.issueDate,
        },
        ctx.rules,
      ),
    );
  } else {
    victims.forEach((victim, i) => {
      const r = validateVictimViews(
        {
          disposalType: type,
          hasIdentifiableVictim: true,
          victimViews: victim.views,
          conditionsFinalisedOn: input.issueDate,
        },
        ctx.rules,
      );
      results.push({
        violations: r.violations.map((v) => ({
          ...v,
          field: v.field.replace(/^victimViews/, `victims[${i}].views`),
        })),
        warnings: r.warnings,
      });
    });
  }

  // Summary-only time limit at issue (2.1.13, 2.6.5): only where a breach could lead to prosecution.
  if (completionDueDate && typeRules.breachDecisions.includes('PROSECUTE_ORIGINAL_OFFENCE')) {
    results.push(
      checkTimeLimitAtIssue(
        {
          offenceClass: input.offence.classification,
          offenceDate: input.offence.offenceDate,
          issueDate: input.issueDate,
          completionDueDate,
          acknowledgements: input.acknowledgements as WarningAcknowledgement[] | undefined,
        },
        ctx.rules,
      ),
    );
  }

  const merged = mergeResults(...results);
  const violations: Violation[] = [...own, ...merged.violations];
  const acknowledgedWarnings: AcknowledgedWarning[] = [];
  for (const w of merged.warnings) {
    if (w.acknowledgement) {
      acknowledgedWarnings.push({
        rule: w.rule,
        field: w.field,
        message: w.message,
        reason: w.acknowledgement.reason,
        acknowledgedBy: ctx.actor,
      });
    } else if (
      !violations.some((v) => v.rule === 'OOCR_ACKNOWLEDGEMENT_REASON_REQUIRED' && v.message.includes(w.rule))
    ) {
      violations.push({
        rule: w.rule,
        field: w.field,
        message: `${w.message} To proceed, acknowledge it with a reason: acknowledgements: [{ "rule": "${w.rule}", "reason": "…" }].`,
      });
    }
  }
  return { violations, acknowledgedWarnings, completionDueDate, typeRules };
}

/** A payment plan must add up to the condition's amount and fall within the condition's due date. */
function paymentPlanViolations(input: DisposalInput): Violation[] {
  const out: Violation[] = [];
  (input.conditions ?? []).forEach((c, i) => {
    if (!c.instalments?.length) return;
    const at = `conditions[${i}]`;
    if (c.kind !== 'COMPENSATION' && c.kind !== 'FINANCIAL_PENALTY')
      out.push({
        rule: 'OOCR_INSTALMENTS_NOT_PERMITTED',
        field: `${at}.instalments`,
        message: 'Only compensation or a financial penalty can be paid in instalments.',
      });
    const total = c.instalments.reduce((s, x) => s + x.amountPence, 0);
    if (total !== c.amountPence)
      out.push({
        rule: 'OOCR_INSTALMENTS_TOTAL_MISMATCH',
        field: `${at}.instalments`,
        message: `The instalments add up to ${total} pence; the condition's amount is ${c.amountPence ?? 0} pence.`,
      });
    c.instalments.forEach((x, n) => {
      if (isAfter(x.dueDate, c.dueDate))
        out.push({
          rule: 'OOCR_INSTALMENT_DUE_AFTER_CONDITION',
          field: `${at}.instalments[${n}].dueDate`,
          message: `Instalment ${n + 1} is due after the condition itself (${c.dueDate}).`,
        });
      if (isBefore(x.dueDate, input.issueDate))
        out.push({
          rule: 'OOCR_CONDITION_DUE_BEFORE_ISSUE',
          field: `${at}.instalments[${n}].dueDate`,
          message: `Instalment ${n + 1} cannot be due before the issue date.`,
        });
      if (n > 0 && !isAfter(x.dueDate, c.instalments![n - 1].dueDate))
        out.push({
          rule: 'OOCR_INSTALMENTS_OUT_OF_ORDER',
          field: `${at}.instalments[${n}].dueDate`,
          message: 'Instalments must be due one after another.',
        });
    });
  });
  return out;
}

/**
 * The summary-only time limit (2.1.13, 2.6.5) when a running caution's completion date moves (an extension, a
 * variation, a breach decision to vary): the same check as at issue, on the new date and as of today, with the
 * same outcome — a risk not acknowledged with a reason is refused (naming the rule), an acknowledged one is
 * returned for the response and the record. Only where a breach could lead to prosecution.
 */
export function timeLimitOnNewCompletionDate(
  change: {
    disposalType: DisposalType;
    offenceClass: string;
    offenceDate: IsoDate;
    today: IsoDate;
    newCompletionDueDate: IsoDate;
    acknowledgements?: WarningAcknowledgement[];
    /** The request field the new date came in (e.g. newCompletionDueDate, variation.newCompletionDueDate). */
    field: string;
  },
  rules: OocrRulesConfig,
  actor: string,
): { violations: Violation[]; acknowledgedWarnings: AcknowledgedWarning[] } {
  const violations: Violation[] = [];
  const acknowledgedWarnings: AcknowledgedWarning[] = [];
  if (!rules.disposalTypes[change.disposalType]?.breachDecisions.includes('PROSECUTE_ORIGINAL_OFFENCE'))
    return { violations, acknowledgedWarnings };
  const r = checkTimeLimitAtIssue(
    {
      offenceClass: change.offenceClass as DisposalInput['offence']['classification'],
      offenceDate: change.offenceDate,
      issueDate: change.today,
      completionDueDate: change.newCompletionDueDate,
      acknowledgements: change.acknowledgements,
    },
    rules,
  );
  violations.push(
    ...r.violations.map((v) => ({ ...v, field: v.field === 'completionDueDate' ? change.field : v.field })),
  );
  for (const w of r.warnings) {
    const field = w.field === 'completionDueDate' ? change.field : w.field;
    if (w.acknowledgement)
      acknowledgedWarnings.push({
        rule: w.rule,
        field,
        message: w.message,
        reason: w.acknowledgement.reason,
        acknowledgedBy: actor,
      });
    else if (
      !violations.some((v) => v.rule === 'OOCR_ACKNOWLEDGEMENT_REASON_REQUIRED' && v.message.includes(w.rule))
    )
      violations.push({
        rule: w.rule,
        field,
        message: `${w.message} To proceed, acknowledge it with a reason: acknowledgements: [{ "rule": "${w.rule}", "reason": "…" }].`,
      });
  }
  return { violations, acknowledgedWarnings };
}
