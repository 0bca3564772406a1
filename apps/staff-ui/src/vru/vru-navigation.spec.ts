import { homeFor, navigationFor } from '../web/navigation';

// The VRU sections of the top navigation by role (README: who uses which page). It only hides what a user cannot
// use; the pages refuse other roles and the gateway decides every call.
describe('VRU navigation', () => {
  const user = (roles: string[]) => ({ username: 'u', name: 'U', roles });
  const texts = (roles: string[], path = '/') => navigationFor(user(roles), path).map((i) => i.text);

  it.each([
    [['VRU_COORDINATOR'], ['Tag referrals', 'Knife swaps', 'Stock', 'My tasks', 'VRU reports']],
    [['VRU_MANAGER'], ['Tag referrals', 'Knife swaps', 'Stock', 'My tasks', 'VRU reports']],
    [['VRU_PRACTITIONER'], ['Tag referrals', 'Knife swaps', 'Stock', 'My tasks']],
    [['PARTNER_REFERRER'], ['Tag referrals', 'Knife swaps']], // partners have no tasks
    [['AUDITOR'], ['Audit trail', 'VRU reports']],
  ])('%j → %j', (roles, expected) => {
    expect(texts(roles)).toEqual(expected);
  });

  it('My tasks is the current section on its page; VRU staff still land on the tag referrals', () => {
    const items = navigationFor(user(['VRU_PRACTITIONER']), '/vru/tasks');
    expect(items.filter((i) => i.active).map((i) => i.href)).toEqual(['/vru/tasks']);
    expect(homeFor(user(['VRU_PRACTITIONER']))).toBe('/vru/tag-referrals');
  });
});
