import { RuleViolation } from './rule-result.model';

/**
 * How the service may write to a household (swap confirmation, follow-up check-in).
 *
 * Ordinary referrals: email, else text, else a letter to the address.
 *
 * High-risk domestic-abuse referrals (domain.md 3.3.3(c): the swap adds to the existing safety plan): post, email
 * or texts about the scheme can be read by the person the household is being protected from. Nothing is sent
 * unless the referrer names a SAFE channel agreed with the victim (their own email or phone), and never a letter to
 * the address. Without one, staff give the confirmation and the check-in in person or through the
 * domestic-abuse adviser. This is local safeguarding policy rather than statute ([U] in the sense of domain.md);
 * the default is the cautious one.
 */
export const SAFE_CONTACT_CHANNELS = ['EMAIL', 'SMS', 'NONE'] as const;
export type SafeContactChannel = (typeof SAFE_CONTACT_CHANNELS)[number];
export type HouseholdContactRoute = 'EMAIL' | 'SMS' | 'LETTER';

export interface HouseholdContactInput {
  domesticAbuse: boolean;
  /** The channel the referrer agreed with the victim as safe (DA referrals only); absent = none agreed. */
  safeContact?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** The channel to use, or null when nothing may be sent (staff tell the household in person). */
export function householdContactRoute(h: HouseholdContactInput): HouseholdContactRoute | null {
  if (h.domesticAbuse) {
    if (h.safeContact === 'EMAIL' && h.email) return 'EMAIL';
    if (h.safeContact === 'SMS' && h.phone) return 'SMS';
    return null;
  }
  if (h.email) return 'EMAIL';
  if (h.phone) return 'SMS';
  return 'LETTER';
}

/** A referral's safe-contact choice, checked at intake. */
export function validateSafeContact(h: HouseholdContactInput): RuleViolation[] {
  if (h.safeContact === undefined || h.safeContact === null) return [];
  if (!(SAFE_CONTACT_CHANNELS as readonly string[]).includes(h.safeContact))
    return [
      {
        rule: 'SKRS_SAFE_CONTACT_UNKNOWN',
        field: 'safeContact',
        message: `safeContact must be one of ${SAFE_CONTACT_CHANNELS.join(', ')}.`,
      },
    ];
  if (!h.domesticAbuse)
    return [
      {
        rule: 'SKRS_SAFE_CONTACT_NOT_EXPECTED',
        field: 'safeContact',
        message:
          'safeContact goes with a HIGH_RISK_DOMESTIC_ABUSE referral only; other households are written to as usual.',
      },
    ];
  if (h.safeContact === 'EMAIL' && !h.email)
    return [
      {
        rule: 'SKRS_SAFE_CONTACT_DETAIL_MISSING',
        field: 'householderEmail',
        message: 'The safe channel is email: give the email address agreed with the victim as safe.',
      },
    ];
  if (h.safeContact === 'SMS' && !h.phone)
    return [
      {
        rule: 'SKRS_SAFE_CONTACT_DETAIL_MISSING',
        field: 'householderPhone',
        message: 'The safe channel is text message: give the phone number agreed with the victim as safe.',
      },
    ];
  return [];
}
