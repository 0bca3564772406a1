import {
  householdContactRoute,
  validateSafeContact,
  type HouseholdContactInput,
} from './household-contact.rule';

const E = 'jo@example.org';
const P = '07700 900123';

describe('writing to a household (domain.md 3.3.3(c): a DA swap adds to the existing safety plan)', () => {
  it.each<[string, HouseholdContactInput, ReturnType<typeof householdContactRoute>]>([
    ['ordinary: email first', { domesticAbuse: false, email: E, phone: P }, 'EMAIL'],
    ['ordinary: text without email', { domesticAbuse: false, phone: P }, 'SMS'],
    ['ordinary: a letter to the address otherwise', { domesticAbuse: false }, 'LETTER'],
    ['DA with no safe channel agreed: nothing sent', { domesticAbuse: true, email: E, phone: P }, null],
    ['DA with NONE: nothing sent', { domesticAbuse: true, safeContact: 'NONE', email: E }, null],
    ['DA with a safe email', { domesticAbuse: true, safeContact: 'EMAIL', email: E, phone: P }, 'EMAIL'],
    [
      'DA with a safe phone: text, even with an email',
      { domesticAbuse: true, safeContact: 'SMS', email: E, phone: P },
      'SMS',
    ],
    ['DA never gets a letter to the address', { domesticAbuse: true, safeContact: 'EMAIL' }, null],
  ])('%s', (_case, input, expected) => {
    expect(householdContactRoute(input)).toBe(expected);
  });

  it.each<[string, HouseholdContactInput, string[]]>([
    ['no choice made', { domesticAbuse: true }, []],
    ['DA, safe email given', { domesticAbuse: true, safeContact: 'EMAIL', email: E }, []],
    ['DA, NONE', { domesticAbuse: true, safeContact: 'NONE' }, []],
    ['unknown channel', { domesticAbuse: true, safeContact: 'LETTER' }, ['SKRS_SAFE_CONTACT_UNKNOWN']],
    [
      'not a DA referral',
      { domesticAbuse: false, safeContact: 'SMS', phone: P },
      ['SKRS_SAFE_CONTACT_NOT_EXPECTED'],
    ],
    [
      'safe email without an address',
      { domesticAbuse: true, safeContact: 'EMAIL' },
      ['SKRS_SAFE_CONTACT_DETAIL_MISSING'],
    ],
    [
      'safe text without a number',
      { domesticAbuse: true, safeContact: 'SMS', email: E },
      ['SKRS_SAFE_CONTACT_DETAIL_MISSING'],
    ],
  ])('intake: %s', (_case, input, rules) => {
    expect(validateSafeContact(input).map((v) => v.rule)).toEqual(rules);
  });
});
