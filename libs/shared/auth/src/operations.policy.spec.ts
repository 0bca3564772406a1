import { parkedPayloadRolesFor } from './operations.policy';
import { Role } from './roles';

const letter = (requestedByService: string) =>
  JSON.stringify({
    metadata: { eventType: 'platform.notification-requested' },
    requestedByService,
    recipient: {},
  });

describe('who may read a parked payload (issue 9: roles see only what their job needs)', () => {
  it.each<[string, string, string | null, readonly Role[]]>([
    ['a service answers for its own payloads', 'oocr', '{"any":"thing"}', [Role.CjOpsSupervisor]],
    [
      'a knife-swap letter held by notifications: the VRU manager only',
      'notifications',
      letter('knife-swaps'),
      [Role.VruManager],
    ],
    [
      'a complaint-review letter: the OPCC manager only',
      'notifications',
      letter('complaint-reviews'),
      [Role.OpccManager],
    ],
    [
      'an OoCR message: the CJ Operations supervisor only',
      'notifications',
      letter('oocr'),
      [Role.CjOpsSupervisor],
    ],
    [
      'an unreadable payload (why it was parked): the holder’s own list',
      'notifications',
      'not json',
      [Role.OpccManager, Role.CjOpsSupervisor, Role.VruManager],
    ],
    [
      'a requester the policy does not know: the holder’s own list',
      'notifications',
      letter('elsewhere'),
      [Role.OpccManager, Role.CjOpsSupervisor, Role.VruManager],
    ],
    ['no payload', 'notifications', null, [Role.OpccManager, Role.CjOpsSupervisor, Role.VruManager]],
    ['a service not listed: nobody', 'gateway', '{}', []],
  ])('%s', (_case, service, payload, roles) => {
    expect(parkedPayloadRolesFor(service, payload)).toEqual(roles);
  });
});
