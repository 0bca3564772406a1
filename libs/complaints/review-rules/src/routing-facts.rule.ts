import { isSeniorOfficer, POLICE_RANKS, type PoliceRank } from './review-body.rule';
import type { RuleRef } from './review.vocabulary';

/**
 * Routing from facts, not conclusions (issue 10 item 5). The review-body checklist asks whether the
 * complaint "concerns a senior officer"; a reviewer should not have to know which ranks count. They give
 * the facts (the ranks of the officers complained about, whether it is about the chief officer) and the
 * criterion is derived with its rule: a senior officer holds a rank above chief superintendent (1.3.1(a)
 * [P]); a complaint about the chief constable has the local policing body as its appropriate authority
 * (1.3.2 [S]), and the chief constable is also a senior officer. What the facts cannot express (the rank
 * is unknown, or the officer acted in a senior acting role) is an explicit override with a reason.
 */
export interface RoutingFacts {
  /** Ranks of the officers whose conduct the complaint concerns; [] when it concerns no police officer. */
  readonly officerRanks?: readonly string[];
  /** The complaint concerns the chief constable (the Commissioner in London). */
  readonly concernsChiefOfficer?: boolean;
  /** An explicit answer to 1.3.1(a); needs seniorOfficerOverrideReason when the facts do not give it. */
  readonly concernsSeniorOfficer?: boolean;
  readonly seniorOfficerOverrideReason?: string | null;
  /** 1.3.2 [S]: the appropriate authority is the local policing body (a fact of who handled the complaint). */
  readonly appropriateAuthorityIsLocalPolicingBody: boolean;
}

export interface RoutingDerivation {
  readonly criterion: 'concernsSeniorOfficer' | 'appropriateAuthorityIsLocalPolicingBody';
  readonly value: boolean;
  /** FACTS: derived from the ranks / chief officer; OVERRIDE: the answer given, with its reason; ANSWER: as given. */
  readonly source: 'FACTS' | 'OVERRIDE' | 'ANSWER';
  readonly rule: RuleRef;
  readonly explanation: string;
  readonly overrideReason?: string;
}

export interface RoutingProblem {
  readonly code:
    | 'UNKNOWN_POLICE_RANK'
    | 'OFFICER_RANK_REQUIRED'
    | 'SENIOR_OFFICER_CONTRADICTS_RANKS'
    | 'CHIEF_OFFICER_APPROPRIATE_AUTHORITY';
  readonly field: string;
  readonly rule: RuleRef;
  readonly message: string;
}

export interface DerivedRouting {
  readonly concernsSeniorOfficer: boolean;
  readonly appropriateAuthorityIsLocalPolicingBody: boolean;
  readonly derivations: readonly RoutingDerivation[];
  readonly problems: readonly RoutingProblem[];
}

const SENIOR_RULE: RuleRef = '1.3.1(a) [P]';
const AA_RULE: RuleRef = '1.3.2 [S]';

export function deriveRoutingCriteria(f: RoutingFacts): DerivedRouting {
  const problems: RoutingProblem[] = [];
  const derivations: RoutingDerivation[] = [];
  const unknown = (f.officerRanks ?? []).filter((r) => !(POLICE_RANKS as readonly string[]).includes(r));
  if (unknown.length)
    problems.push({
      code: 'UNKNOWN_POLICE_RANK',
      field: 'officerRanks',
      rule: SENIOR_RULE,
      message: `Unknown rank(s) ${unknown.join(', ')}: use one of ${POLICE_RANKS.join(', ')}.`,
    });
  const ranks = (f.officerRanks ?? []).filter((r): r is PoliceRank =>
    (POLICE_RANKS as readonly string[]).includes(r),
  );
  const seniorRanks = ranks.filter(isSeniorOfficer);
  const chief = f.concernsChiefOfficer === true;
  // What the facts say, when they say anything: a senior rank, or the chief officer, means yes.
  const fromFacts: boolean | undefined =
    f.officerRanks !== undefined || chief ? seniorRanks.length > 0 || chief : undefined;
  const because =
    fromFacts === undefined
      ? ''
      : chief
        ? 'the complaint concerns the chief officer, a rank above chief superintendent'
        : seniorRanks.length
          ? `${seniorRanks.join(', ')} ${seniorRanks.length > 1 ? 'are ranks' : 'is a rank'} above chief superintendent`
          : ranks.length
            ? `${ranks.join(', ')}: no rank above chief superintendent`
            : 'the complaint concerns no police officer';
  const reason = f.seniorOfficerOverrideReason?.trim() || null;
  let concernsSeniorOfficer = fromFacts ?? false;

  if (f.concernsSeniorOfficer === undefined || f.concernsSeniorOfficer === fromFacts) {
    if (fromFacts === undefined)
      problems.push({
        code: 'OFFICER_RANK_REQUIRED',
        field: 'officerRanks',
        rule: SENIOR_RULE,
        message:
          'Give the ranks of the officers the complaint concerns (officerRanks; [] if none) or say whether it concerns the chief officer: a senior officer is one above chief superintendent (1.3.1(a)). Where the facts cannot say, answer concernsSeniorOfficer with seniorOfficerOverrideReason.',
      });
    else
      derivations.push({
        criterion: 'concernsSeniorOfficer',
        value: fromFacts,
        source: 'FACTS',
        rule: SENIOR_RULE,
        explanation: `Senior officer (above chief superintendent): ${fromFacts ? 'yes' : 'no'}, because ${because}.`,
      });
  } else if (!reason) {
    problems.push(
      fromFacts === undefined
        ? {
            code: 'OFFICER_RANK_REQUIRED',
            field: 'seniorOfficerOverrideReason',
            rule: SENIOR_RULE,
            message:
              'concernsSeniorOfficer without the officers’ ranks needs seniorOfficerOverrideReason (why the ranks cannot be given), or give officerRanks instead.',
          }
        : {
            code: 'SENIOR_OFFICER_CONTRADICTS_RANKS',
            field: 'seniorOfficerOverrideReason',
            rule: SENIOR_RULE,
            message: `concernsSeniorOfficer ${f.concernsSeniorOfficer} contradicts the facts (${because}): record seniorOfficerOverrideReason to override, or correct officerRanks.`,
          },
    );
  } else {
    concernsSeniorOfficer = f.concernsSeniorOfficer;
    derivations.push({
      criterion: 'concernsSeniorOfficer',
      value: f.concernsSeniorOfficer,
      source: 'OVERRIDE',
      rule: SENIOR_RULE,
      explanation:
        fromFacts === undefined
          ? `Senior officer: ${f.concernsSeniorOfficer ? 'yes' : 'no'}, answered without ranks.`
          : `Senior officer: ${f.concernsSeniorOfficer ? 'yes' : 'no'}, overriding the facts (${because}).`,
      overrideReason: reason,
    });
  }

  if (chief && f.appropriateAuthorityIsLocalPolicingBody === false)
    problems.push({
      code: 'CHIEF_OFFICER_APPROPRIATE_AUTHORITY',
      field: 'appropriateAuthorityIsLocalPolicingBody',
      rule: AA_RULE,
      message:
        'For a complaint about the chief officer the appropriate authority is the local policing body (1.3.2): answer true, or correct concernsChiefOfficer.',
    });
  else
    derivations.push({
      criterion: 'appropriateAuthorityIsLocalPolicingBody',
      value: f.appropriateAuthorityIsLocalPolicingBody,
      source: chief ? 'FACTS' : 'ANSWER',
      rule: AA_RULE,
      explanation: chief
        ? 'The appropriate authority is the local policing body, because the complaint concerns the chief officer.'
        : `The appropriate authority is ${f.appropriateAuthorityIsLocalPolicingBody ? '' : 'not '}the local policing body, as recorded.`,
    });

  return {
    concernsSeniorOfficer,
    appropriateAuthorityIsLocalPolicingBody: f.appropriateAuthorityIsLocalPolicingBody,
    derivations,
    problems,
  };
}
