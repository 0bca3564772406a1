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

/**
 * The roles that may read one parked payload. A service holding data for others (notifications keeps letters
 * and messages that complaint-reviews, oocr, tag-referrals and knife-swaps asked it to send) answers for the
 * requesting service: a VRU manager reads a parked knife-swap letter, not a parked complaint-review letter. The
 * requester is read from the payload (`requestedByService`); a payload that names none (it may be parked because
 * it is unreadable) falls back to the holding service's own list.
 */
export function parkedPayloadRolesFor(service: string, payload: string | null): readonly Role[] {
  if (service !== 'notifications' || !payload) return parkedPayloadRoles(service);
  const requester = requestedByService(payload);
  return requester && requester !== service && PARKED_PAYLOAD_ROLES[requester]
    ? PARKED_PAYLOAD_ROLES[requester]
    : parkedPayloadRoles(service);
}

function requestedByService(payload: string): string | undefined {
  try {
    const parsed = JSON.parse(payload) as { requestedByService?: unknown } | null;
    const v = parsed?.requestedByService;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Every role that may read some service's parked payloads (the handlers' static role list). */
export const ANY_PARKED_PAYLOAD_ROLE: readonly Role[] = [
  ...new Set(Object.values(PARKED_PAYLOAD_ROLES).flat()),
];
