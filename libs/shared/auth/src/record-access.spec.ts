import { mayReadDerived, mayReadRecord, RecordAccessScope, recordAccessScopeFrom } from './record-access';
import { Principal, Role } from './roles';

// domain.md / complaint-reviews: restricted reviews are seen only by their owning team and by OPCC managers
// (the rule complaint-reviews applies to the case; notifications applies it to the case's letters, issue 9 item 1).
const who = (roles: Role[], team?: string): Principal => ({ subject: 's', displayName: 's', roles, team });
const scope = (restricted: boolean, team = 'opcc-reviews-east'): RecordAccessScope => ({
  team,
  restricted,
  rolesAcrossTeams: [Role.OpccManager],
});

describe('mayReadRecord', () => {
  it.each([
    ['unrestricted, another team', true, scope(false), who([Role.OpccReviewer], 'opcc-reviews-west')],
    ['restricted, the owning team', true, scope(true), who([Role.OpccReviewer], 'opcc-reviews-east')],
    ['restricted, another team', false, scope(true), who([Role.OpccReviewer], 'opcc-reviews-west')],
    ['restricted, no team on the token', false, scope(true), who([Role.OpccReviewer])],
    [
      'restricted, a manager of another team',
      true,
      scope(true),
      who([Role.OpccManager], 'opcc-reviews-west'),
    ],
    ['restricted, record without a team', false, scope(true, ''), who([Role.OpccReviewer], '')],
  ])('%s → %s', (_name, expected, s, principal) => {
    expect(mayReadRecord(s, principal)).toBe(expected);
  });
});

describe('mayReadDerived (a letter held by notifications)', () => {
  const everyRecord = [Role.OpccManager];
  it.each([
    ['scoped, restricted, another team', false, scope(true), who([Role.OpccReviewer], 'opcc-reviews-west')],
    ['scoped, restricted, the owning team', true, scope(true), who([Role.OpccReviewer], 'opcc-reviews-east')],
    ['scoped, unrestricted, another team', true, scope(false), who([Role.OpccReviewer], 'opcc-reviews-west')],
    // no scope: the holder cannot know whether the case was restricted, so it fails closed
    ['no scope, a reviewer of the team', false, undefined, who([Role.OpccReviewer], 'opcc-reviews-east')],
    ['no scope, a manager', true, undefined, who([Role.OpccManager], 'opcc-reviews-west')],
  ])('%s → %s', (_name, expected, s, principal) => {
    expect(mayReadDerived(s, principal, everyRecord)).toBe(expected);
  });
});

describe('recordAccessScopeFrom (a stored scope, read defensively)', () => {
  it.each([
    ['null', null, undefined],
    ['an array', [], undefined],
    ['a string', 'restricted', undefined],
    [
      'a full scope',
      { team: 'opcc-reviews-east', restricted: false, rolesAcrossTeams: ['OPCC_MANAGER'] },
      { team: 'opcc-reviews-east', restricted: false, rolesAcrossTeams: [Role.OpccManager] },
    ],
    [
      'restricted missing: restricted',
      { team: 'opcc-reviews-east', rolesAcrossTeams: [] },
      { team: 'opcc-reviews-east', restricted: true, rolesAcrossTeams: [] },
    ],
    [
      'restricted not a boolean: restricted',
      { team: 'opcc-reviews-east', restricted: 'no', rolesAcrossTeams: [] },
      { team: 'opcc-reviews-east', restricted: true, rolesAcrossTeams: [] },
    ],
    [
      'unknown roles dropped, empty team is no team',
      { team: '', restricted: true, rolesAcrossTeams: ['OPCC_MANAGER', 'ROOT', 7] },
      { team: undefined, restricted: true, rolesAcrossTeams: [Role.OpccManager] },
    ],
  ])('%s', (_name, json, expected) => {
    expect(recordAccessScopeFrom(json)).toEqual(expected);
  });
});
