import type { DisposalType } from './disposal.model';
import { validateVictimViews, type VictimViewsInput, type VictimViewsRecord } from './victim-views.rule';

const views = (overrides: Partial<VictimViewsRecord> = {}): VictimViewsRecord => ({
  soughtOn: '2026-03-01',
  method: 'Telephone',
  outcome: 'VIEWS_GIVEN',
  views: 'Wants an apology letter',
  ...overrides,
});

function input(overrides: Partial<VictimViewsInput> = {}): VictimViewsInput {
  return {
    disposalType: 'ADULT_CONDITIONAL_CAUTION',
    hasIdentifiableVictim: true,
    victimViews: views(),
    conditionsFinalisedOn: '2026-03-02',
    ...overrides,
  };
}

const rulesOf = (value: VictimViewsInput) => validateVictimViews(value).violations.map((v) => v.rule);

describe("victim's views", () => {
  // domain.md 2.1.9 [P] (s23ZA), 2.3.3 [P] (s66BA): views sought before conditions are set.
  it.each<[string, Partial<VictimViewsInput>, string[]]>([
    ['recorded the day before', {}, []],
    ['recorded the same day', { conditionsFinalisedOn: '2026-03-01' }, []],
    [
      'recorded after finalising',
      { conditionsFinalisedOn: '2026-02-28' },
      ['OOCR_VICTIM_VIEWS_AFTER_FINALISATION'],
    ],
    ['missing', { victimViews: null }, ['OOCR_VICTIM_VIEWS_REQUIRED']],
    [
      'missing for a YCC',
      { disposalType: 'YOUTH_CONDITIONAL_CAUTION', victimViews: undefined },
      ['OOCR_VICTIM_VIEWS_REQUIRED'],
    ],
    ['missing, no identifiable victim', { victimViews: null, hasIdentifiableVictim: false }, []],
    ['missing for a youth caution', { disposalType: 'YOUTH_CAUTION', victimViews: null }, []],
    ['without a method', { victimViews: views({ method: '' }) }, ['OOCR_VICTIM_VIEWS_REQUIRED']],
    ['given but empty', { victimViews: views({ views: ' ' }) }, ['OOCR_VICTIM_VIEWS_REQUIRED']],
    ['victim not contactable', { victimViews: views({ outcome: 'NOT_CONTACTABLE', views: undefined }) }, []],
    ['with a malformed date', { victimViews: views({ soughtOn: '1 March' }) }, ['OOCR_INVALID_INPUT']],
  ])('views %s → %j', (_label, overrides, expected) => {
    expect(rulesOf(input(overrides))).toEqual(expected);
  });

  // domain.md 2.1.9 [P]: a requested Community Remedy action is attached unless inappropriate, with a reason.
  it.each<[Partial<VictimViewsRecord>, string[]]>([
    [{ requestedAction: 'Apology letter', requestedActionAttached: true }, []],
    [
      { requestedAction: 'Apology letter', requestedActionAttached: false },
      ['OOCR_VICTIM_REQUESTED_ACTION_REASON_REQUIRED'],
    ],
    [
      {
        requestedAction: 'Apology letter',
        requestedActionAttached: false,
        notAttachedReason: 'Offender has no literacy support',
      },
      [],
    ],
  ])('requested action %j → %j', (record, expected) => {
    expect(rulesOf(input({ victimViews: views(record) }))).toEqual(expected);
  });

  // domain.md 2.4.2 [S], 2.6.8: a CR needs the victim's agreement or a supervisor's override with a reason.
  it.each<[DisposalType, Partial<VictimViewsRecord>, string[]]>([
    ['COMMUNITY_RESOLUTION', { agreement: 'AGREED' }, []],
    ['COMMUNITY_RESOLUTION', {}, ['OOCR_VICTIM_AGREEMENT_REQUIRED']],
    ['COMMUNITY_RESOLUTION', { agreement: 'NOT_AGREED' }, ['OOCR_VICTIM_AGREEMENT_REQUIRED']],
    ['COMMUNITY_RESOLUTION', { agreement: 'SUPERVISOR_OVERRIDE' }, ['OOCR_VICTIM_OVERRIDE_REASON_REQUIRED']],
    [
      'COMMUNITY_RESOLUTION',
      { agreement: 'SUPERVISOR_OVERRIDE', overrideReason: 'Victim wants charge; evidence weak' },
      [],
    ],
    ['ADULT_CONDITIONAL_CAUTION', { agreement: 'NOT_AGREED' }, []],
  ])('%s with %j → %j', (disposalType, record, expected) => {
    expect(rulesOf(input({ disposalType, victimViews: views(record) }))).toEqual(expected);
  });
});
