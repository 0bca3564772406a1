import { recipientFor, RecipientError, summariseRecipient } from './recipient';

const address = ['Harriet Vance', '12 Orchard Row', 'Maidstone', 'me14 1xx'];

describe('recipientFor (the recipient must match the channel)', () => {
  it('accepts one address of the channel kind, trimmed', () => {
    expect(
      recipientFor('EMAIL', { emailAddress: ' h.vance@example.org ', phoneNumber: '', addressLines: [] }),
    ).toEqual({ emailAddress: 'h.vance@example.org' });
    expect(recipientFor('SMS', { phoneNumber: '+44 7700 900123' })).toEqual({
      phoneNumber: '+44 7700 900123',
    });
    expect(recipientFor('LETTER', { addressLines: address })).toEqual({ addressLines: address });
  });

  it.each([
    [
      'an email notification with only a phone number',
      'EMAIL',
      { phoneNumber: '07700900123' },
      /EMAIL notifications need an email address and nothing else; the request has a phone number/,
    ],
    [
      'an sms with an email address',
      'SMS',
      { emailAddress: 'h@example.org' },
      /SMS notifications need a phone number/,
    ],
    ['a letter with no recipient', 'LETTER', {}, /the request has no recipient/],
    [
      'two kinds of address at once',
      'EMAIL',
      { emailAddress: 'h@example.org', phoneNumber: '07700900123' },
      /an email address and a phone number/,
    ],
    ['an email address without a domain', 'EMAIL', { emailAddress: 'harriet@' }, /not a valid email address/],
    ['a phone number with letters', 'SMS', { phoneNumber: '0770090012x' }, /10 to 15 digits/],
    ['a phone number too short', 'SMS', { phoneNumber: '12345' }, /10 to 15 digits/],
    [
      'a postal address of two lines',
      'LETTER',
      { addressLines: ['Harriet Vance', 'ME14 1XX'] },
      /3 to 7 non-empty lines/,
    ],
    [
      'a postal address with a blank line',
      'LETTER',
      { addressLines: ['Harriet Vance', ' ', 'Maidstone', 'ME14 1XX'] },
      /3 to 7 non-empty lines/,
    ],
  ] as const)('refuses %s', (_name, channel, recipient, message) => {
    expect(() => recipientFor(channel, recipient)).toThrow(RecipientError);
    expect(() => recipientFor(channel, recipient)).toThrow(message);
  });
});

describe('summariseRecipient (masked, for lists, events and the audit trail)', () => {
  it('keeps the first letter and the domain of an email address', () => {
    expect(summariseRecipient({ emailAddress: 'harriet.vance@Example.org' })).toBe(
      'email to h***@example.org',
    );
  });

  it('keeps only the last four digits of a phone number, and not its length', () => {
    expect(summariseRecipient({ phoneNumber: '+44 (0)20 7946 7890' })).toBe('sms to ******7890');
    expect(summariseRecipient({ phoneNumber: '07700900123' })).toBe('sms to ******0123');
  });

  it('shows only the postcode of a postal address', () => {
    expect(summariseRecipient({ addressLines: address })).toBe('letter to ME14 1XX');
  });

  it('never contains the name, the street or the full address', () => {
    const all = [
      summariseRecipient({ emailAddress: 'harriet.vance@example.org' }),
      summariseRecipient({ phoneNumber: '07700900123' }),
      summariseRecipient({ addressLines: address }),
    ].join(' ');
    for (const secret of ['harriet', 'vance', 'Orchard', '07700', '900123'])
      expect(all.toLowerCase()).not.toContain(secret.toLowerCase());
  });
});
