import { resolveReviewRulesConfig, type ReviewRulesConfigOverride } from './review-rules.config';
import { IncompleteReviewBodyTriageError, InvalidReviewInputError } from './review-rules.errors';
import type { ReviewBody, RuleRef } from './review.vocabulary';

/**
 * The relevant-review-body checklist (1.3.1 [P] (a)–(f), 1.3.2 [S], 1.5.5). Every question is a
 * required yes/no: an unanswered question is not a "no".
 */
export interface ReviewBodyTriage {
  /** (a) conduct of a senior officer, i.e. above chief superintendent; see isSeniorOfficer. */
  readonly concernsSeniorOfficer: boolean;
  /** (b) the force could not be satisfied, from the complaint alone, that the conduct would not justify criminal or disciplinary proceedings or breach ECHR Art 2 or 3. */
  readonly couldNotRuleOutProceedingsOrArticle2Or3: boolean;
  /** (c) referred, or must be referred, to the IOPC. */
  readonly referredOrMustBeReferredToIopc: boolean;
  /** (d) the IOPC is treating it as referred (para 4A). */
  readonly treatedAsReferredByIopc: boolean;
  /** (e) arises from the same incident as a complaint within (a)–(d). */
  readonly sameIncidentAsIopcComplaint: boolean;
  /** (f) any part of the complaint falls within (a)–(e). */
  readonly anyPartWithinIopcCriteria: boolean;
  /** 1.3.2 [S] the appropriate authority is the local policing body, e.g. a complaint about the chief constable. */
  readonly appropriateAuthorityIsLocalPolicingBody: boolean;
}

export type ReviewBodyCriterion = keyof ReviewBodyTriage;

export const REVIEW_BODY_CRITERIA: readonly {
  readonly criterion: ReviewBodyCriterion;
  readonly rule: RuleRef;
  readonly message: string;
}[] = [
  {
    criterion: 'concernsSeniorOfficer',
    rule: '1.3.1(a) [P]',
    message: 'The complaint concerns a senior officer (above chief superintendent).',
  },
  {
    criterion: 'couldNotRuleOutProceedingsOrArticle2Or3',
    rule: '1.3.1(b) [P]',
    message:
      'The force could not rule out criminal or disciplinary proceedings, or a breach of ECHR Article 2 or 3.',
  },
  {
    criterion: 'referredOrMustBeReferredToIopc',
    rule: '1.3.1(c) [P]',
    message: 'The complaint has been, or must be, referred to the IOPC.',
  },
  {
    criterion: 'treatedAsReferredByIopc',
    rule: '1.3.1(d) [P]',
    message: 'The IOPC is treating the complaint as referred.',
  },
  {
    criterion: 'sameIncidentAsIopcComplaint',
    rule: '1.3.1(e) [P]',
    message: 'The complaint arises from the same incident as a complaint the IOPC reviews.',
  },
  {
    criterion: 'anyPartWithinIopcCriteria',
    rule: '1.3.1(f) [P]',
    message: 'Part of the complaint falls within the IOPC criteria.',
  },
  {
    criterion: 'appropriateAuthorityIsLocalPolicingBody',
    rule: '1.3.2 [S]',
    message:
      'The appropriate authority is the local policing body (e.g. a complaint about the chief constable).',
  },
];

export interface ReviewBodyReason {
  readonly criterion: ReviewBodyCriterion;
  readonly message: string;
  readonly rule: RuleRef;
}

export interface ReviewBodyDecision {
  readonly reviewBody: ReviewBody;
  /** Why the IOPC is the body; empty when the LPB is. */
  readonly reasons: readonly ReviewBodyReason[];
  /**
   * The LPB received an application that belongs to the IOPC: it must forward it and tell the
   * applicant (1.2.4 [P]); the application counts as made to the IOPC when forwarded.
   */
  readonly forwardAndNotifyRequired: boolean;
  readonly rule: RuleRef;
}

export function determineReviewBody(
  triage: ReviewBodyTriage,
  receivedBy: ReviewBody = 'LOCAL_POLICING_BODY',
  config: ReviewRulesConfigOverride = {},
): ReviewBodyDecision {
  const { routing } = resolveReviewRulesConfig(config);
  const unanswered = REVIEW_BODY_CRITERIA.filter(({ criterion }) => typeof triage[criterion] !== 'boolean');
  if (unanswered.length > 0) throw new IncompleteReviewBodyTriageError(unanswered.map((c) => c.criterion));

  const reasons = REVIEW_BODY_CRITERIA.filter(({ criterion }) => {
    if (
      criterion === 'appropriateAuthorityIsLocalPolicingBody' &&
      !routing.appropriateAuthorityIsLpbRoutesToIopc
    ) {
      return false;
    }
    return triage[criterion];
  }).map(({ criterion, message, rule }) => ({ criterion, message, rule }));

  const reviewBody: ReviewBody = reasons.length > 0 ? 'IOPC' : 'LOCAL_POLICING_BODY';
  return {
    reviewBody,
    reasons,
    forwardAndNotifyRequired: receivedBy === 'LOCAL_POLICING_BODY' && reviewBody === 'IOPC',
    rule: reviewBody === 'IOPC' ? '1.3.1 [P]' : '1.3.3 [S]',
  };
}

/**
 * Ranks of England and Wales forces, including the Metropolitan and City of London ranks. Only the
 * split at CHIEF_SUPERINTENDENT matters; the order among the senior ranks is not significant.
 */
export const POLICE_RANKS = [
  'CONSTABLE',
  'SERGEANT',
  'INSPECTOR',
  'CHIEF_INSPECTOR',
  'SUPERINTENDENT',
  'CHIEF_SUPERINTENDENT',
  'COMMANDER',
  'ASSISTANT_CHIEF_CONSTABLE',
  'DEPUTY_ASSISTANT_COMMISSIONER',
  'ASSISTANT_COMMISSIONER',
  'DEPUTY_CHIEF_CONSTABLE',
  'DEPUTY_COMMISSIONER',
  'CHIEF_CONSTABLE',
  'COMMISSIONER',
] as const;
export type PoliceRank = (typeof POLICE_RANKS)[number];

/** 1.3.1(a) [P]: a senior officer holds a rank above chief superintendent. */
export function isSeniorOfficer(rank: PoliceRank): boolean {
  if (!POLICE_RANKS.includes(rank)) throw new InvalidReviewInputError(`Unknown police rank ${String(rank)}.`);
  return POLICE_RANKS.indexOf(rank) > POLICE_RANKS.indexOf('CHIEF_SUPERINTENDENT');
}
