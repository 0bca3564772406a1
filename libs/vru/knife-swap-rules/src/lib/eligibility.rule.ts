import { blank, RuleViolation } from './rule-result.model';

export const FAMILY_ENGAGEMENT = ['ENGAGED', 'PARTLY_ENGAGED', 'NOT_ENGAGED'] as const;
export type FamilyEngagement = (typeof FAMILY_ENGAGEMENT)[number];

/** The pre-offer discussion with the family, recorded before any offer (domain.md 3.3.2, 3.4.4). */
export interface PreOfferDiscussion {
  heldOn: string;
  heldBy: string;
  protectiveFactors: string;
  homeCircumstances: string;
  youngPerson: string;
  familyEngagement: FamilyEngagement;
}

export type EligibilityDecision = 'ELIGIBLE' | 'NOT_ELIGIBLE';

export interface EligibilityInput {
  discussion: PreOfferDiscussion | null;
  decision: EligibilityDecision;
  reason: string;
}

/** Fields of the discussion that the eligibility decision rests on (domain.md 3.3.2). */
export function validateDiscussion(d: Partial<PreOfferDiscussion>): RuleViolation[] {
  const missing = (['protectiveFactors', 'homeCircumstances', 'youngPerson'] as const).filter((k) =>
    blank(d[k]),
  );
  return missing.map((field) => ({
    rule: 'SKRS_DISCUSSION_INCOMPLETE' as const,
    field,
    message: `The pre-offer discussion must record ${field}: eligibility depends on the home, the young person and the family's engagement, with a focus on protective factors (domain.md 3.3.2).`,
  }));
}

/**
 * Eligibility is decided after the discussion (domain.md 3.3.2), with a reason. A family recorded as NOT_ENGAGED
 * cannot be found eligible: the householder must agree to the swap (domain.md 3.3.1, 3.3.5), and the scheme is
 * offered only where the family engages. (Local reading of "how engaged the family or guardian is" [U].)
 */
export function validateEligibility(input: EligibilityInput): RuleViolation[] {
  if (!input.discussion)
    return [
      {
        rule: 'SKRS_DISCUSSION_REQUIRED',
        field: 'discussion',
        message:
          'Record the pre-offer discussion with the family before deciding eligibility (domain.md 3.3.2).',
      },
    ];
  const v: RuleViolation[] = [...validateDiscussion(input.discussion)];
  if (blank(input.reason))
    v.push({
      rule: 'SKRS_ELIGIBILITY_REASON_REQUIRED',
      field: 'reason',
      message: 'Give the reason for the eligibility decision.',
    });
  if (input.decision === 'ELIGIBLE' && input.discussion.familyEngagement === 'NOT_ENGAGED')
    v.push({
      rule: 'SKRS_FAMILY_NOT_ENGAGED',
      field: 'decision',
      message:
        'The discussion recorded the family as NOT_ENGAGED: a swap needs the household to agree (domain.md 3.3.2, 3.3.5).',
    });
  return v;
}
