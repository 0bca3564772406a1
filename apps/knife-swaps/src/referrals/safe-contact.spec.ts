import { safeContactView, SafeContactSource } from './safe-contact';

const da = (over: Partial<SafeContactSource> = {}): SafeContactSource => ({
  domesticAbuse: true,
  safeContact: null,
  householderEmail: 'shared@example.org',
  householderPhone: '07700 900456',
  ...over,
});

// README "Writing to a domestic-abuse household"; domain.md 3.3 / vru-notes.md 3.4 (DA households: the swap
// complements safety advice), issue 12 "DA cases restricted".
describe('safeContactView', () => {
  it.each<[string, SafeContactSource, boolean, ReturnType<typeof safeContactView>]>([
    [
      'DA, SMS agreed: the phone only',
      da({ safeContact: 'SMS' }),
      true,
      { channel: 'SMS', contact: '07700 900456' },
    ],
    [
      'DA, EMAIL agreed: the email only',
      da({ safeContact: 'EMAIL' }),
      true,
      { channel: 'EMAIL', contact: 'shared@example.org' },
    ],
    ['DA, NONE agreed: no contact', da({ safeContact: 'NONE' }), true, { channel: 'NONE', contact: null }],
    ['DA, none recorded: channel null', da(), true, { channel: null, contact: null }],
    [
      'DA, SMS agreed but no phone: no contact',
      da({ safeContact: 'SMS', householderPhone: null }),
      true,
      { channel: 'SMS', contact: null },
    ],
    [
      'DA, an unknown stored value: shown as none recorded',
      da({ safeContact: 'LETTER' }),
      true,
      { channel: null, contact: null },
    ],
    ['DA, a reader whose job does not need it', da({ safeContact: 'SMS' }), false, null],
    ['an ordinary referral', da({ domesticAbuse: false }), true, null],
  ])('%s', (_case, source, mayShow, expected) => {
    expect(safeContactView(source, mayShow)).toEqual(expected);
  });
});
