import type { TemplateChannel } from '../templates/notification-templates';

/** Where one notification goes: exactly one kind of address, matching its channel. */
export type Recipient = { emailAddress: string } | { phoneNumber: string } | { addressLines: string[] };

/** The recipient does not fit the channel or is not a usable address: the request can never be sent. */
export class RecipientError extends Error {
  override readonly name = 'RecipientError';
}

export interface RequestedRecipient {
  emailAddress?: string;
  phoneNumber?: string;
  addressLines?: readonly string[];
}

// Deliberately loose (the provider validates properly); it catches the wrong kind of value.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE_CHARS = /^\+?[0-9 ()-]+$/;
const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i;

/** Checks that the request's recipient is one address of the channel's kind, and returns it trimmed. */
export function recipientFor(channel: TemplateChannel, r: RequestedRecipient | undefined): Recipient {
  const email = r?.emailAddress?.trim() ?? '';
  const phone = r?.phoneNumber?.trim() ?? '';
  const lines = (r?.addressLines ?? []).map((l) => l.trim());
  const given = [
    email && 'an email address',
    phone && 'a phone number',
    lines.length > 0 && 'a postal address',
  ].filter(Boolean);
  const expected = { EMAIL: 'an email address', SMS: 'a phone number', LETTER: 'a postal address' }[channel];
  if (given.length !== 1 || given[0] !== expected)
    throw new RecipientError(
      `${channel} notifications need ${expected} and nothing else; the request has ${given.length ? given.join(' and ') : 'no recipient'}`,
    );

  switch (channel) {
    case 'EMAIL':
      if (email.length > 254 || !EMAIL.test(email))
        throw new RecipientError('The recipient email address is not a valid email address');
      return { emailAddress: email };
    case 'SMS': {
      const digits = phone.replace(/\D/g, '');
      if (!PHONE_CHARS.test(phone) || digits.length < 10 || digits.length > 15)
        throw new RecipientError(
          'The recipient phone number must have 10 to 15 digits (spaces, brackets, "-" and a leading "+" allowed)',
        );
      return { phoneNumber: phone };
    }
    case 'LETTER':
      // GOV.UK Notify's rule: 3 to 7 lines, the name first and the postcode (or country) last.
      if (lines.length < 3 || lines.length > 7 || lines.some((l) => !l || l.length > 100))
        throw new RecipientError(
          'A postal address needs 3 to 7 non-empty lines of up to 100 characters: the name first, the postcode last',
        );
      return { addressLines: lines };
  }
}

/**
 * The recipient masked for lists, events and the audit trail's "disclosed to": enough to tell two
 * recipients apart, not enough to contact them. "email to h***@example.org", "sms to ******7890",
 * "letter to SW1A 1AA".
 */
export function summariseRecipient(r: Recipient): string {
  if ('emailAddress' in r) {
    const at = r.emailAddress.lastIndexOf('@');
    return `email to ${r.emailAddress.slice(0, 1)}***@${r.emailAddress.slice(at + 1).toLowerCase()}`;
  }
  if ('phoneNumber' in r) return `sms to ******${r.phoneNumber.replace(/\D/g, '').slice(-4)}`;
  const last = r.addressLines[r.addressLines.length - 1];
  return `letter to ${UK_POSTCODE.test(last) ? last.toUpperCase() : last}`;
}
