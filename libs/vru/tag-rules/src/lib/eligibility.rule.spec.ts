import { ageOn } from './age.util';
import { checkEligibility, EligibilityInput } from './eligibility.rule';

const ON = '2026-12-04';
const base: EligibilityInput = {
  dateOfBirth: '2010-06-01',
  onDate: ON,
  grounds: 'CRIMINAL_EXPLOITATION_RISK',
  monitoringBasis: 'VOLUNTARY',
  tagType: 'GPS',
  pool: 'VRU',
  multiAgencyPlanRef: 'CIN-PLAN-1',
};
const rules = (o: Partial<EligibilityInput>, cfg = {}) =>
  checkEligibility({ ...base, ...o }, cfg).map((v) => v.rule);

describe('ageOn', () => {
  it.each([
    ['2008-12-04', 18], // birthday today
    ['2008-12-05', 17], // tomorrow
    ['2008-02-29', 18], // leapling, 1 March 2026 passed
  ])('%s is %d on 2026-12-04', (dob, age) => expect(ageOn(dob, ON)).toBe(age));
  it('a leapling turns a year older on 1 March of a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('eligibility (domain.md 3.1.1, 3.1.5, 3.2.2, 3.4.1, 3.4.5)', () => {
  it('a voluntary GPS referral of a 16-year-old in a plan is eligible for the VRU pool', () => {
    expect(rules({})).toEqual([]);
  });

  // 3.1.1 [S]: up to age 25; 3.4.1 [U]: the VRU pool's local band (default 12–18), IOM for the others.
  it.each<[string, 'VRU' | 'IOM', string | null]>([
    ['2001-12-04', 'IOM', null], // 25 today: still "up to 25"
    ['2001-12-05', 'IOM', null], // 24, a day short of 25
    ['2000-12-05', 'IOM', null], // 25
    ['2000-12-04', 'IOM', 'TAG_OVER_UPPER_AGE'], // 26 today
    ['2008-12-05', 'VRU', null], // 17
    ['2007-12-05', 'VRU', null], // 18
    ['2007-12-04', 'VRU', 'TAG_VRU_POOL_AGE_BAND'], // 19 today
    ['2014-12-05', 'VRU', 'TAG_VRU_POOL_AGE_BAND'], // 11
    ['2014-12-04', 'VRU', null], // 12 today
    ['2017-01-01', 'IOM', 'TAG_AGE_IMPLAUSIBLE'], // 9
    ['2027-01-01', 'VRU', 'TAG_DATE_OF_BIRTH_IN_FUTURE'],
    ['2010-02-30', 'VRU', 'TAG_INVALID_DATE'],
    ['01/06/2010', 'VRU', 'TAG_INVALID_DATE'],
  ])('born %s, pool %s → %s', (dateOfBirth, pool, expected) => {
    expect(rules({ dateOfBirth, pool })).toEqual(expected ? [expected] : []);
  });

  it('the local band and the upper age are configuration', () => {
    expect(rules({ dateOfBirth: '2007-12-04' }, { vruPoolBand: { minAge: 12, maxAge: 21 } })).toEqual([]);
    expect(rules({ dateOfBirth: '2004-12-04', pool: 'IOM' }, { upperAge: 21 })).toEqual([
      'TAG_OVER_UPPER_AGE',
    ]);
  });

  // 3.1.5, 3.4.5: voluntary only; statutory EM is refused with the reason.
  it.each(['STATUTORY', 'COURT_ORDERED', 'LICENCE_CONDITION', 'BAIL'])(
    '%s monitoring is refused',
    (basis) => {
      const v = checkEligibility({ ...base, monitoringBasis: basis });
      expect(v.map((x) => x.rule)).toEqual(['TAG_NOT_VOLUNTARY']);
      expect(v[0].message).toMatch(/statutory electronic monitoring/);
    },
  );

  it('unknown grounds, basis and tag type name the field', () => {
    expect(rules({ grounds: 'ANTISOCIAL' })).toEqual(['TAG_GROUNDS_UNKNOWN']);
    expect(rules({ monitoringBasis: 'MAYBE' })).toEqual(['TAG_BASIS_UNKNOWN']);
    expect(rules({ tagType: 'RFID' })).toEqual(['TAG_TYPE_UNKNOWN']);
  });

  // 3.2.2 [U]: no voluntary alcohol scheme found: off unless configured.
  it('alcohol tags only where the programme offers them', () => {
    expect(rules({ tagType: 'ALCOHOL' })).toEqual(['TAG_ALCOHOL_NOT_OFFERED']);
    expect(rules({ tagType: 'ALCOHOL' }, { alcoholTagsOffered: true })).toEqual([]);
  });

  // 3.1.1: within a multi-agency support plan.
  it('needs the multi-agency plan', () => {
    expect(rules({ multiAgencyPlanRef: ' ' })).toEqual(['TAG_NO_MULTI_AGENCY_PLAN']);
    expect(rules({ multiAgencyPlanRef: null })).toEqual(['TAG_NO_MULTI_AGENCY_PLAN']);
  });
});
