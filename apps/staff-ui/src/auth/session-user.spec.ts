import { userFromClaims } from './session-user';

describe('userFromClaims', () => {
  it.each([
    [
      'roles and team in the ID token (local issuer, Entra ID app roles)',
      { sub: 'u1', name: 'Amara Okafor', roles: ['OPCC_REVIEWER'], team: 't-east' },
      undefined,
      { username: 'u1', name: 'Amara Okafor', roles: ['OPCC_REVIEWER'], team: 't-east' },
    ],
    [
      'roles and team only in the access token',
      { sub: 'u2' },
      { roles: ['AUDITOR'], team: 't-x', name: 'Ruth Ellery' },
      { username: 'u2', name: 'Ruth Ellery', roles: ['AUDITOR'], team: 't-x' },
    ],
    [
      'the ID token wins over the access token',
      { sub: 'u3', roles: ['CJ_OPS_OFFICER'] },
      { roles: ['ADMINISTRATOR'] },
      { username: 'u3', name: 'u3', roles: ['CJ_OPS_OFFICER'], team: undefined },
    ],
    [
      'no roles anywhere: none (every page refused)',
      { sub: 'u4', roles: 'OPCC_REVIEWER' },
      undefined,
      { username: 'u4', name: 'u4', roles: [], team: undefined },
    ],
  ])('%s', (_case, idClaims, accessClaims, expected) => {
    expect(userFromClaims(idClaims, accessClaims)).toEqual(expected);
  });
});
