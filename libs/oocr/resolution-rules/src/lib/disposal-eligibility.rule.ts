import { validateAuthorisation, type AuthorisationInput } from './authorisation.rule';
import { ageOnDate, isAfter, isIsoDate, type IsoDate } from './calendar-date.util';
import { isOffenceClass, type AdmissionStatus, type DisposalType } from './disposal.model';
import { resolveOocrRulesConfig, type OocrRulesOverride } from './oocr-rules.config';
import {
  applyAcknowledgements,
  type RuleResult,
  type RuleViolation,
  type RuleWarning,
  type WarningAcknowledgement,
} from './rule-result.model';
import { checkDate, hasText, unknownDisposalType } from './rule-input.util';

export interface SignedConsentDocument {
  documentRef: string;
  signedOn: IsoDate;
}

export interface YotReferral {
  referredOn: IsoDate;
  recommendation?: string;
}

export interface DisposalProposal extends AuthorisationInput {
  admission: AdmissionStatus;
  evidenceSufficientToCharge?: boolean;
  effectExplainedWithBreachWarning?: boolean;
  signedConsent?: SignedConsentDocument | null;
  appropriateAdultPresent?: boolean;
  yotReferral?: YotReferral | null;
  acknowledgements?: WarningAcknowledgement[];
}

/** Age in completed years at the disposal date against the type's band (2.1.1 [P] 18+; 2.3.2 [P] 10–17). */
export function checkAgeForDisposal(
  input: Pick<DisposalProposal, 'disposalType' | 'disposalDate' | 'offender'>,
  override: OocrRulesOverride = {},
): RuleViolation[] {
  const unknownType = unknownDisposalType(input.disposalType);
  if (unknownType) return [unknownType];
  const config = resolveOocrRulesConfig(override);
  const rules = config.disposalTypes[input.disposalType];
  const violations: RuleViolation[] = [];
  const dobOk = checkDate(input.offender?.dateOfBirth, 'offender.dateOfBirth', violations);
  const dateOk = checkDate(input.disposalDate, 'disposalDate', violations);
  if (!dobOk || !dateOk) return violations;

  if (isAfter(input.offender.dateOfBirth, input.disposalDate)) {
    violations.push({
      rule: 'OOCR_DATE_OF_BIRTH_AFTER_DISPOSAL',
      field: 'offender.dateOfBirth',
      message: 'The date of birth is after the disposal date: check both dates.',
    });
    return violations;
  }
  const age = ageOnDate(input.offender.dateOfBirth, input.disposalDate, config.leapDayBirthday);
  if (age < rules.minAge) {
    violations.push({
      rule: 'OOCR_AGE_BELOW_MINIMUM',
      field: 'offender.dateOfBirth',
      ...pointTo(
        `${rules.label} needs the offender to be at least ${rules.minAge} on the disposal date; they are ${age}.`,
        lawfulDisposalForAge(input.disposalType, age, config),
      ),
    });
  } else if (rules.maxAge !== null && age > rules.maxAge) {
    violations.push({
      rule: 'OOCR_AGE_ABOVE_MAXIMUM',
      field: 'offender.dateOfBirth',
      ...pointTo(
        `${rules.label} is for ages up to ${rules.maxAge} on the disposal date; the offender is ${age}.`,
        lawfulDisposalForAge(input.disposalType, age, config),
      ),
    });
  }
  return violations;
}

/**
 * The disposal of the same kind for the other age group (issue 10 item 6): refusals point to the route
 * the law provides instead of only stopping the wrong one. Conditional cautions: adult (2.1.1 [P], 18+) ↔
 * youth (2.3.2 [P], 10–17); the PCSC upper tier (2.2.1 [P], 18+) → youth conditional caution; the lower tiers:
 * community caution (18+) → youth caution (2.3.1 [P]); youth caution → community resolution (2.2.3 [S], the
 * adult lower tier of the two-tier model).
 */
export const COUNTERPART_BY_AGE: Readonly<Partial<Record<DisposalType, readonly DisposalType[]>>> = {
  ADULT_CONDITIONAL_CAUTION: ['YOUTH_CONDITIONAL_CAUTION'],
  DIVERSIONARY_CAUTION: ['YOUTH_CONDITIONAL_CAUTION'],
  COMMUNITY_CAUTION: ['YOUTH_CAUTION', 'COMMUNITY_RESOLUTION'],
  YOUTH_CONDITIONAL_CAUTION: ['ADULT_CONDITIONAL_CAUTION', 'DIVERSIONARY_CAUTION'],
  YOUTH_CAUTION: ['COMMUNITY_RESOLUTION', 'COMMUNITY_CAUTION'],
};

export interface LawfulDisposal {
  disposalType: DisposalType;
  label: string;
  ages: string;
}

/** The first enabled counterpart whose age band fits; null when none does (e.g. under 10: no disposal [U]). */
export function lawfulDisposalForAge(
  refused: DisposalType,
  age: number,
  override: OocrRulesOverride = {},
): LawfulDisposal | null {
  const config = resolveOocrRulesConfig(override);
  for (const type of COUNTERPART_BY_AGE[refused] ?? []) {
    const r = config.disposalTypes[type];
    if (r.enabled && age >= r.minAge && (r.maxAge === null || age <= r.maxAge))
      return {
        disposalType: type,
        label: r.label,
        ages: r.maxAge === null ? `${r.minAge}+` : `${r.minAge}–${r.maxAge}`,
      };
  }
  return null;
}

function pointTo(
  message: string,
  lawful: LawfulDisposal | null,
): Pick<RuleViolation, 'message' | 'suggestedDisposalType'> {
  if (!lawful) return { message };
  return {
    message: `${message} A ${lawful.label.toLowerCase()} (ages ${lawful.ages}) is the route for this offender: use disposalType ${lawful.disposalType}.`,
    suggestedDisposalType: lawful.disposalType,
  };
}

/**
 * Domestic abuse and hate crime make an out-of-court resolution "generally unsuitable" (2.1.3 [P]; 2.4.6 [S]
 * for community resolutions) but Kent allows exceptions (Part 1): a warning to acknowledge, not a block.
 */
export function sensitiveOffenceWarnings(
  input: Pick<DisposalProposal, 'disposalType' | 'offence'>,
): Omit<RuleWarning, 'acknowledgement'>[] {
  const warnings: Omit<RuleWarning, 'acknowledgement'>[] = [];
  if (input.offence.domesticAbuse) {
    warnings.push({
      rule: 'OOCR_DOMESTIC_ABUSE_FLAG',
      field: 'offence.domesticAbuse',
      message:
        input.disposalType === 'COMMUNITY_RESOLUTION'
          ? 'Domestic abuse: a community resolution is not for intimate-partner abuse. Acknowledge with the exceptional reason.'
          : 'Domestic abuse cases are generally unsuitable for an out-of-court resolution. Acknowledge with the exceptional reason.',
    });
  }
  if (input.offence.hateCrime) {
    warnings.push({
      rule: 'OOCR_HATE_CRIME_FLAG',
      field: 'offence.hateCrime',
      message:
        'Hate crime cases are generally unsuitable for an out-of-court resolution. Acknowledge with the exceptional reason.',
    });
  }
  return warnings;
}

/**
 * Everything needed before a disposal is given: type switched on, age, admission, the statutory preconditions,
 * appropriate adult, YOT referral, authorisation, and the sensitive-offence warnings with their acknowledgements.
 * Conditions, victim's views and the clocks have their own validators.
 */
export function validateDisposalProposal(
  proposal: DisposalProposal,
  override: OocrRulesOverride = {},
): RuleResult {
  const config = resolveOocrRulesConfig(override);
  const violations: RuleViolation[] = [];

  const unknownType = unknownDisposalType(proposal.disposalType);
  if (unknownType) return { violations: [unknownType], warnings: [] };
  if (!isOffenceClass(proposal.offence?.classification)) {
    violations.push({
      rule: 'OOCR_INVALID_INPUT',
      field: 'offence.classification',
      message: 'Classify the offence as SUMMARY_ONLY, EITHER_WAY or INDICTABLE_ONLY.',
    });
    return { violations, warnings: [] };
  }
  const rules = config.disposalTypes[proposal.disposalType];
  if (!rules.enabled) {
    violations.push({
      rule: 'OOCR_DISPOSAL_TYPE_NOT_ENABLED',
      field: 'disposalType',
      message: `${rules.label} is not available in this force's configuration.`,
    });
  }

  violations.push(...checkAgeForDisposal(proposal, config));

  // 2.1.2 [P], 2.3.1 [P], 2.3.2 [P]: full admission; 2.4.1 [S] accepting responsibility is enough for a CR;
  // 2.5.1 [S] O22 diversion needs none.
  const admissionOk =
    rules.admission === 'NOT_REQUIRED' ||
    proposal.admission === 'ADMITTED' ||
    (rules.admission === 'ADMISSION_OR_ACCEPTS_RESPONSIBILITY' &&
      proposal.admission === 'ACCEPTS_RESPONSIBILITY');
  if (!admissionOk) {
    violations.push({
      rule: 'OOCR_ADMISSION_REQUIRED',
      field: 'admission',
      message:
        (rules.admission === 'FULL_ADMISSION'
          ? `${rules.label} needs the offender to admit the offence.`
          : `${rules.label} needs the offender to admit or accept responsibility for the offence.`) +
        (config.disposalTypes.OUTCOME_22_DIVERSION.enabled && proposal.disposalType !== 'OUTCOME_22_DIVERSION'
          ? ' Without an admission, Outcome 22 deferred prosecution (diversion) can still be used (2.5.1): use disposalType OUTCOME_22_DIVERSION.'
          : ''),
      ...(config.disposalTypes.OUTCOME_22_DIVERSION.enabled &&
      proposal.disposalType !== 'OUTCOME_22_DIVERSION'
        ? { suggestedDisposalType: 'OUTCOME_22_DIVERSION' }
        : {}),
    });
  }

  if (rules.requiresEvidenceToCharge && proposal.evidenceSufficientToCharge !== true) {
    violations.push({
      rule: 'OOCR_EVIDENCE_TO_CHARGE_REQUIRED',
      field: 'evidenceSufficientToCharge',
      message: `${rules.label} needs a recorded decision that there is sufficient evidence to charge.`,
    });
  }
  if (rules.requiresBreachWarning && proposal.effectExplainedWithBreachWarning !== true) {
    violations.push({
      rule: 'OOCR_BREACH_WARNING_REQUIRED',
      field: 'effectExplainedWithBreachWarning',
      message: 'Record that the effect was explained with a warning that breach may lead to prosecution.',
    });
  }

  if (rules.requiresSignedConsent) {
    const doc = proposal.signedConsent;
    if (!doc || !hasText(doc.documentRef)) {
      violations.push({
        rule: 'OOCR_SIGNED_CONSENT_REQUIRED',
        field: 'signedConsent',
        message:
          'Attach the signed document recording the offence, the admission, consent and the conditions.',
      });
    } else if (
      checkDate(doc.signedOn, 'signedConsent.signedOn', violations) &&
      isIsoDate(proposal.disposalDate) &&
      isAfter(doc.signedOn, proposal.disposalDate)
    ) {
      violations.push({
        rule: 'OOCR_SIGNED_CONSENT_AFTER_DISPOSAL',
        field: 'signedConsent.signedOn',
        message: 'The consent document must be signed on or before the disposal date.',
      });
    }
  }

  if (
    rules.appropriateAdultUnderAge !== null &&
    proposal.appropriateAdultPresent !== true &&
    isIsoDate(proposal.offender?.dateOfBirth) &&
    isIsoDate(proposal.disposalDate) &&
    ageOnDate(proposal.offender.dateOfBirth, proposal.disposalDate, config.leapDayBirthday) <
      rules.appropriateAdultUnderAge
  ) {
    violations.push({
      rule: 'OOCR_APPROPRIATE_ADULT_REQUIRED',
      field: 'appropriateAdultPresent',
      message: `An appropriate adult must be present for an offender under ${rules.appropriateAdultUnderAge}.`,
    });
  }

  if (rules.requiresYotReferral) {
    const referral = proposal.yotReferral;
    if (!referral) {
      violations.push({
        rule: 'OOCR_YOT_REFERRAL_REQUIRED',
        field: 'yotReferral',
        message: 'Refer the case to the Youth Justice Service for assessment and record the referral.',
      });
    } else {
      checkDate(referral.referredOn, 'yotReferral.referredOn', violations);
    }
  }

  const authorisation = validateAuthorisation(proposal, config);
  return applyAcknowledgements(
    [...violations, ...authorisation.violations],
    sensitiveOffenceWarnings(proposal),
    proposal.acknowledgements,
  );
}
