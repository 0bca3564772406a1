import { safeContactText } from './safe-contact';

// apps/knife-swaps README "Writing to a domestic-abuse household": only the channel agreed with the victim as safe
// is used, NONE or none recorded means nothing is sent; the API shows it to the VRU coordinator, manager and
// practitioner only (its SAFE_CONTACT_READERS).
const IN_PERSON = 'Nothing is sent: tell the household in person or through the domestic abuse adviser.';
const da = (safeContact: unknown) => ({ domesticAbuse: true, safeContact });

describe('safe contact of a domestic-abuse household', () => {
  it.each<[string, string[], { domesticAbuse?: unknown; safeContact?: unknown }, string | undefined]>([
    [
      'SMS',
      ['VRU_PRACTITIONER'],
      da({ channel: 'SMS', contact: '07700 900123' }),
      'Text message only, to 07700 900123',
    ],
    [
      'EMAIL',
      ['VRU_COORDINATOR'],
      da({ channel: 'EMAIL', contact: 'safe@example.org' }),
      'Email only, to safe@example.org',
    ],
    [
      'NONE',
      ['VRU_MANAGER'],
      da({ channel: 'NONE', contact: null }),
      `None: no written channel is safe. ${IN_PERSON}`,
    ],
    ['none recorded', ['VRU_MANAGER'], da({ channel: null, contact: null }), `None recorded. ${IN_PERSON}`],
    [
      'a channel the scheme does not know',
      ['VRU_MANAGER'],
      da({ channel: 'LETTER', contact: '1 Road' }),
      `None recorded. ${IN_PERSON}`,
    ],
    [
      'SMS without its number',
      ['VRU_PRACTITIONER'],
      da({ channel: 'SMS', contact: null }),
      `Text message, but no number was recorded. ${IN_PERSON}`,
    ],
    [
      'EMAIL with a blank address',
      ['VRU_PRACTITIONER'],
      da({ channel: 'EMAIL', contact: ' ' }),
      `Email, but no address was recorded. ${IN_PERSON}`,
    ],
    [
      'not in the answer (an older API, or not given)',
      ['VRU_PRACTITIONER'],
      { domesticAbuse: true },
      undefined,
    ],
    ['null in the answer', ['VRU_PRACTITIONER'], da(null), undefined],
    [
      'an ordinary referral',
      ['VRU_PRACTITIONER'],
      { domesticAbuse: false, safeContact: { channel: 'SMS', contact: '0' } },
      undefined,
    ],
    [
      'a partner, even if an API gave it',
      ['PARTNER_REFERRER'],
      da({ channel: 'SMS', contact: '07700 900123' }),
      undefined,
    ],
    ['an auditor', ['AUDITOR'], da({ channel: 'SMS', contact: '07700 900123' }), undefined],
  ])('%s', (_case, roles, referral, expected) => {
    expect(safeContactText(roles, referral)).toBe(expected);
  });
});
