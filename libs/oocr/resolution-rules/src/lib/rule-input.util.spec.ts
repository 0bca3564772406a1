import { validateAuthorisation } from './authorisation.rule';
import { validateBreachDecision } from './breach-decision.rule';
import { validateCompletionDueDate } from './completion-clock.rule';
import { validateConditions } from './condition-limits.rule';
import { checkAgeForDisposal, validateDisposalProposal } from './disposal-eligibility.rule';
import type { RuleViolation } from './rule-result.model';
import { validateVictimViews } from './victim-views.rule';

// domain.md 2.6.1: disposal types arrive as strings from forms and messages; a type the product does not know is
// reported as a violation, never thrown (brief: "never throw for user input").
const unknown = 'SIMPLE_CAUTION' as never;
const offence = { classification: 'EITHER_WAY' as const, offenceDate: '2026-01-01' };

describe('unknown disposal types', () => {
  // domain.md 2.6.1: unknown disposal type → OOCR_DISPOSAL_TYPE_UNKNOWN.
  it.each<[string, () => RuleViolation[]]>([
    [
      'checkAgeForDisposal',
      () =>
        checkAgeForDisposal({
          disposalType: unknown,
          disposalDate: '2026-01-01',
          offender: { dateOfBirth: '1990-01-01' },
        }),
    ],
    [
      'validateDisposalProposal',
      () =>
        validateDisposalProposal({
          disposalType: unknown,
          disposalDate: '2026-01-01',
          offender: { dateOfBirth: '1990-01-01' },
          offence,
          admission: 'ADMITTED',
        }).violations,
    ],
    [
      'validateAuthorisation',
      () =>
        validateAuthorisation({
          disposalType: unknown,
          disposalDate: '2026-01-01',
          offender: { dateOfBirth: '1990-01-01' },
          offence,
        }).violations,
    ],
    [
      'validateConditions',
      () =>
        validateConditions({
          disposalType: unknown,
          offenceClass: 'EITHER_WAY',
          issueDate: '2026-01-05',
          completionDueDate: '2026-04-27',
          conditions: [],
        }).violations,
    ],
    [
      'validateVictimViews',
      () =>
        validateVictimViews({
          disposalType: unknown,
          hasIdentifiableVictim: true,
          conditionsFinalisedOn: '2026-01-05',
        }).violations,
    ],
    [
      'validateCompletionDueDate',
      () =>
        validateCompletionDueDate({
          disposalType: unknown,
          issueDate: '2026-01-05',
          completionDueDate: '2026-04-27',
        }).violations,
    ],
    [
      'validateBreachDecision',
      () =>
        validateBreachDecision({
          disposalType: unknown,
          offenceClass: 'EITHER_WAY',
          offenceDate: '2026-01-01',
          breachDetectedOn: '2026-05-01',
          decision: { type: 'NO_ACTION', decidedOn: '2026-05-02' },
        }).violations,
    ],
  ])('%s reports OOCR_DISPOSAL_TYPE_UNKNOWN', (_name, run) => {
    expect(run()).toEqual([
      expect.objectContaining({ rule: 'OOCR_DISPOSAL_TYPE_UNKNOWN', field: 'disposalType' }),
    ]);
  });
});
