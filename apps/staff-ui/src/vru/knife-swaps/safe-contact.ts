import { VRU_STAFF } from '../vru-view';

/**
 * A domestic-abuse household's safe contact (apps/knife-swaps README, "Writing to a domestic-abuse household"): the
 * channel the referrer agreed with the victim as safe, which the API's referral view gives (`safeContact`) only to
 * the VRU coordinator, manager and practitioner, on a read that gave its reason. The page shows what the API gave and,
 * should an API ever give it to another role, still shows it to those three only (the same list as the API's
 * SAFE_CONTACT_READERS).
 */
export const SAFE_CONTACT_READERS = VRU_STAFF;

/** What to do when nothing may be written (domain: never a letter to the address of a DA household). */
const IN_PERSON = 'Nothing is sent: tell the household in person or through the domestic abuse adviser.';

/**
 * The text of the page's "Channel agreed with the victim as safe" row, or undefined when the row is not shown: not a
 * domestic-abuse referral, no `safeContact` in the answer, or a reader whose job does not need it. A channel the
 * scheme does not know, or one without its address or number, is shown as nothing to write to, never as a way to write.
 */
export function safeContactText(
  roles: readonly string[],
  referral: { domesticAbuse?: unknown; safeContact?: unknown },
): string | undefined {
  const safe = referral.safeContact;
  if (referral.domesticAbuse !== true || !safe || typeof safe !== 'object') return undefined;
  if (!roles.some((r) => SAFE_CONTACT_READERS.includes(r))) return undefined;
  const { channel, contact } = safe as { channel?: unknown; contact?: unknown };
  const to = typeof contact === 'string' && contact.trim() ? contact.trim() : undefined;
  if (channel === 'EMAIL')
    return to ? `Email only, to ${to}` : `Email, but no address was recorded. ${IN_PERSON}`;
  if (channel === 'SMS')
    return to ? `Text message only, to ${to}` : `Text message, but no number was recorded. ${IN_PERSON}`;
  if (channel === 'NONE') return `None: no written channel is safe. ${IN_PERSON}`;
  return `None recorded. ${IN_PERSON}`;
}
