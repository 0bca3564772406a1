import {
  ActorKind,
  AdmissionStatus,
  buildEvent,
  OffenceClassification,
  PoliceRank,
  Topics,
  VictimAgreement,
  VictimViewsOutcome,
} from '@oversight/contracts';
import { PermanentProcessingError } from '@oversight/messaging';
import { OocrSettings } from '../config/oocr-settings';
import { validateDisposal, ValidationContext } from '../disposals/disposal-validation';
import { fieldAppInput } from './field-app.mapper';

// The field app's community resolution (proto oocr.proto CommunityResolutionIssued) as a disposal input, and what
// the review queue then shows for it. Victim's views: domain.md 2.4.2 (sought and normally followed) — an offence
// with no identifiable victim (e.g. possession of cannabis) needs none, but only when the officer says so.

const settings = OocrSettings.defaults();
const ctx: ValidationContext = {
  rules: settings.rules,
  districts: settings.districts,
  today: '2026-06-30',
  actor: 'pc.5120',
};

type Over = Partial<Parameters<typeof buildEvent<typeof Topics.communityResolutionIssued>>[2]>;

/** A valid field-app CR for possession of cannabis (no victim), as the app would send it. */
function event(over: Over = {}) {
  return buildEvent(
    Topics.communityResolutionIssued,
    {
      aggregateId: '7d3f1a52-3c4e-4b8a-9f10-2a1b3c4d5e6f',
      actor: { subject: 'pc.5120', kind: ActorKind.EXTERNAL_SYSTEM },
      correlationId: 'spec',
    },
    {
      resolutionId: '7d3f1a52-3c4e-4b8a-9f10-2a1b3c4d5e6f',
      issuedOn: '2026-06-29',
      district: 'dartford',
      offender: { fullName: 'Robin Tate', dateOfBirth: '1999-01-15', addressLines: [] },
      offence: {
        code: '92D/1',
        description: 'Possession of cannabis',
        classification: OffenceClassification.EITHER_WAY,
        offenceDate: '2026-06-29',
        offenceGroup: 'DRUG_OFFENCES',
      },
      issuingOfficer: { id: 'pc.5120', name: 'PC Rowe' },
      authoriser: { id: 'ps.2210', rank: PoliceRank.SERGEANT },
      admission: AdmissionStatus.ADMITTED,
      agreedActions: ['Drug education session'],
      victims: [],
      acknowledgements: [],
      noIdentifiableVictim: true,
      ...over,
    },
  );
}

const victim = {
  soughtOn: '2026-06-29',
  method: 'in person',
  outcome: VictimViewsOutcome.VIEWS_GIVEN,
  views: 'Happy with an apology',
  agreement: VictimAgreement.AGREED,
};

const rulesFor = (over: Over) => {
  const { input, issues } = fieldAppInput(event(over));
  const v = validateDisposal(input, ctx);
  return [...issues, ...v.violations].map((x) => x.rule);
};

describe('field-app CR → disposal input: victim present or not (domain.md 2.4.2)', () => {
  it.each<[string, Over, boolean, string[]]>([
    ['no victims, officer says none is identifiable: nothing due', {}, false, []],
    [
      'no victims and no statement: views required (the officer must say)',
      { noIdentifiableVictim: false },
      true,
      ['OOCR_VICTIM_VIEWS_REQUIRED'],
    ],
    ['a victim with views, no statement', { noIdentifiableVictim: false, victims: [victim] }, true, []],
    [
      'a victim and the statement: contradictory, sent to the review',
      { victims: [victim] },
      true,
      ['OOCR_VICTIM_PRESENCE_CONTRADICTORY'],
    ],
    [
      'a victim without views and the statement: the victim is still checked',
      { victims: [{ ...victim, views: ' ' }] },
      true,
      ['OOCR_VICTIM_PRESENCE_CONTRADICTORY', 'OOCR_VICTIM_VIEWS_REQUIRED'],
    ],
  ])('%s', (_name, over, hasVictim, rules) => {
    const { input } = fieldAppInput(event(over));
    expect(input.hasIdentifiableVictim).toBe(hasVictim);
    expect(rulesFor(over)).toEqual(rules);
  });

  it('maps the record itself (type, enums, trimmed name, victims)', () => {
    const { input, issues } = fieldAppInput(
      event({
        noIdentifiableVictim: false,
        victims: [victim],
        offender: { fullName: '  Robin Tate ', dateOfBirth: '1999-01-15', gender: 'X', addressLines: [] },
      }),
    );
    expect(issues.map((i) => i.rule)).toEqual(['OOCR_GENDER_CODE_UNKNOWN']);
    expect(input).toMatchObject({
      disposalType: 'COMMUNITY_RESOLUTION',
      offender: { fullName: 'Robin Tate', gender: undefined },
      offence: { classification: 'EITHER_WAY', offenceGroup: 'DRUG_OFFENCES' },
      authoriser: { id: 'ps.2210', rank: 'SERGEANT' },
      admission: 'ADMITTED',
      victims: [{ views: { outcome: 'VIEWS_GIVEN', agreement: 'AGREED', soughtOn: '2026-06-29' } }],
    });
  });

  it('parks what cannot be stored', () => {
    expect(() => fieldAppInput(event({ issuedOn: '29/06/2026' }))).toThrow(PermanentProcessingError);
  });
});
