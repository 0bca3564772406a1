import { pkceMatches, s256 } from './pkce';

// RFC 7636 Appendix B: the worked example of S256.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256 (RFC 7636)', () => {
  it('computes the challenge of the RFC example', () => {
    expect(s256(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  it.each([
    ['the verifier of the challenge', RFC_VERIFIER, RFC_CHALLENGE, true],
    ['another verifier', 'x'.repeat(43), RFC_CHALLENGE, false],
    ['the challenge itself sent as the verifier (plain method)', RFC_CHALLENGE, RFC_CHALLENGE, false],
    ['a verifier shorter than 43 characters', 'abc', s256('abc'), false],
    ['a verifier longer than 128 characters', 'a'.repeat(129), s256('a'.repeat(129)), false],
    [
      'a verifier with characters outside the unreserved set',
      `${'a'.repeat(42)}+`,
      s256(`${'a'.repeat(42)}+`),
      false,
    ],
    ['a malformed challenge', RFC_VERIFIER, 'not-a-challenge', false],
  ])('%s → %s', (_case, verifier, challenge, expected) => {
    expect(pkceMatches(verifier, challenge)).toBe(expected);
  });
});
