import { Principal } from '@oversight/auth';
import { ActorKind } from '@oversight/contracts';

/** The event actor for a user's request. */
export function userActor(principal: Principal) {
  return { subject: principal.subject, kind: ActorKind.USER, roles: principal.roles, team: principal.team };
}

/** The event actor for work the service does by itself (workflows, consumers). */
export const SERVICE_ACTOR = { subject: 'tag-referrals', kind: ActorKind.SERVICE, roles: [] as string[] };
