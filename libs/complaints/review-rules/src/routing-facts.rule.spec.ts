import { deriveRoutingCriteria, type RoutingFacts } from './routing-facts.rule';

/**
 * Issue 10 item 5: 1.3.1(a) [P] "senior officer" = rank above chief superintendent, derived from the
 * ranks; 1.3.2 [S] a complaint about the chief constable has the LPB as appropriate authority. An
 * explicit answer that the facts do not give needs a reason.
 */
const base: RoutingFacts = { appropriateAuthorityIsLocalPolicingBody: false };

describe('deriveRoutingCriteria (1.3.1(a) [P], 1.3.2 [S])', () => {
  it.each<[string, Partial<RoutingFacts>, boolean | null, string | null, string[]]>([
    ['a constable', { officerRanks: ['CONSTABLE'] }, false, 'FACTS', []],
    [
      'a chief superintendent is not senior (not above)',
      { officerRanks: ['CHIEF_SUPERINTENDENT'] },
      false,
      'FACTS',
      [],
    ],
    ['a commander is senior', { officerRanks: ['COMMANDER'] }, true, 'FACTS', []],
    [
      'an assistant chief constable is senior',
      { officerRanks: ['ASSISTANT_CHIEF_CONSTABLE'] },
      true,
      'FACTS',
      [],
    ],
    [
      'any senior officer among several',
      { officerRanks: ['SERGEANT', 'DEPUTY_CHIEF_CONSTABLE'] },
      true,
      'FACTS',
      [],
    ],
    ['no officer at all', { officerRanks: [] }, false, 'FACTS', []],
    [
      'the chief officer (with the LPB as appropriate authority)',
      { concernsChiefOfficer: true, appropriateAuthorityIsLocalPolicingBody: true },
      true,
      'FACTS',
      [],
    ],
    [
      'an answer that agrees with the ranks',
      { officerRanks: ['INSPECTOR'], concernsSeniorOfficer: false },
      false,
      'FACTS',
      [],
    ],
    ['no facts, no answer', {}, null, null, ['OFFICER_RANK_REQUIRED']],
    [
      'an answer without ranks and no reason',
      { concernsSeniorOfficer: true },
      null,
      null,
      ['OFFICER_RANK_REQUIRED'],
    ],
    [
      'an answer without ranks, with a reason',
      {
        concernsSeniorOfficer: true,
        seniorOfficerOverrideReason:
          'The officer is not yet identified; the complainant describes a uniformed ACC',
      },
      true,
      'OVERRIDE',
      [],
    ],
    [
      'an answer contradicting the ranks, no reason',
      { officerRanks: ['INSPECTOR'], concernsSeniorOfficer: true },
      null,
      null,
      ['SENIOR_OFFICER_CONTRADICTS_RANKS'],
    ],
    [
      'an answer contradicting the ranks, blank reason',
      { officerRanks: ['INSPECTOR'], concernsSeniorOfficer: true, seniorOfficerOverrideReason: '  ' },
      null,
      null,
      ['SENIOR_OFFICER_CONTRADICTS_RANKS'],
    ],
    [
      'an override with a reason (acting rank)',
      {
        officerRanks: ['CHIEF_SUPERINTENDENT'],
        concernsSeniorOfficer: true,
        seniorOfficerOverrideReason: 'Acting assistant chief constable at the time',
      },
      true,
      'OVERRIDE',
      [],
    ],
    ['an unknown rank', { officerRanks: ['MAJOR'] }, null, null, ['UNKNOWN_POLICE_RANK']],
    [
      'the chief officer with an appropriate authority that is not the LPB',
      { concernsChiefOfficer: true },
      null,
      null,
      ['CHIEF_OFFICER_APPROPRIATE_AUTHORITY'],
    ],
  ])('%s', (_label, facts, senior, source, problems) => {
    const d = deriveRoutingCriteria({ ...base, ...facts });
    expect(d.problems.map((p) => p.code)).toEqual(problems);
    if (senior !== null) {
      expect(d.concernsSeniorOfficer).toBe(senior);
      const why = d.derivations.find((x) => x.criterion === 'concernsSeniorOfficer')!;
      expect(why).toMatchObject({ source, rule: '1.3.1(a) [P]' });
      if (source === 'OVERRIDE') expect(why.overrideReason).toBe(facts.seniorOfficerOverrideReason);
    }
    for (const p of d.problems) expect(p.message.length).toBeGreaterThan(20);
  });

  it('explains the derivation with the ranks and the rule', () => {
    const d = deriveRoutingCriteria({ ...base, officerRanks: ['COMMANDER'] });
    expect(d.derivations[0].explanation).toBe(
      'Senior officer (above chief superintendent): yes, because COMMANDER is a rank above chief superintendent.',
    );
  });
});
