import { SAFE_CONTACT_CHANNELS, SkrsSafeContactView } from './referral.view';

export interface SafeContactSource {
  domesticAbuse: boolean;
  /** As stored on the referral: EMAIL, SMS, NONE, or null when the referrer recorded none. */
  safeContact: string | null;
  householderEmail: string | null;
  householderPhone: string | null;
}

/**
 * The referral view's `safeContact` (README "Writing to a domestic-abuse household"): for a domestic-abuse
 * referral read by a role that needs it (`mayShow`: the role check and the read's reason are the caller's), the
 * channel agreed with the victim and the address or number it goes to; null for an ordinary referral (it has no
 * safe channel: the creation refuses one) and for every other reader. A channel the scheme does not know is shown
 * as none agreed, never as a way to write.
 */
export function safeContactView(r: SafeContactSource, mayShow: boolean): SkrsSafeContactView | null {
  if (!r.domesticAbuse || !mayShow) return null;
  const channel = SAFE_CONTACT_CHANNELS.find((c) => c === r.safeContact) ?? null;
  const contact = channel === 'EMAIL' ? r.householderEmail : channel === 'SMS' ? r.householderPhone : null;
  return { channel, contact: contact ?? null };
}
