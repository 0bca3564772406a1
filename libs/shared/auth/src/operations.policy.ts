import { Role } from './roles';

/**
 * Who may read the raw payload of a service's parked messages (inbox and outbox). Payloads are the
 * people the service holds data about, so the operator role alone is not enough: only a role that may
 * read that service's records, with a reason, and the read is recorded as a consultation (the gateway
 * route requires X-Access-Reason and records it). Everyone else sees the message without its payload.
 * One table for the gateway's route rules and the services' check.
 */
export const PARKED_PAYLOAD_ROLES: Readonly<Record<string, readonly Role[]>> = {
  'complaint-reviews': [Role.OpccManager],
  oocr: [Role.CjOpsSupervisor],
  audit: [Role.Auditor],
  notifications: [Role.OpccManager, Role.CjOpsSupervisor, Role.VruManager],
  'tag-referrals': [Role.VruManager],
  'knife-swaps': [Role.VruManager],
};

/** The roles that may read one service's parked payloads (none for a service not listed). */
export function parkedPayloadRoles(service: string): readonly Role[] {
  return PARKED_PAYLOAD_ROLES[service] ?? [];
}

/** Every role that may read some service's parked payloads (the handlers' static role list). */
export const ANY_PARKED_PAYLOAD_ROLE: readonly Role[] = [
  ...new Set(Object.values(PARKED_PAYLOAD_ROLES).flat()),
];
