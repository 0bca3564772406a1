/**
 * Reasons for access (why a user reads personal data: the audit search, a domestic-abuse knife-swap referral,
 * a tag's location fixes). Each is kept in the session and sent with every read as the X-Access-Reason header,
 * which carries Latin-1 only: a reason is normalised before it is kept, and one that still could not travel as a
 * header is refused against its field, so the read never fails (fetch throws on any other character).
 */

/** One line, spaces collapsed: the API takes a reason or recipient without line breaks. */
export const oneLine = (v: unknown): string => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');

/**
 * A reason as it can travel in the X-Access-Reason header: on one line, typographic quotes and dashes as their plain
 * forms (a header carries Latin-1 only; "yesterday’s" would otherwise fail the call).
 */
export function reasonForHeader(v: unknown): string {
  return oneLine(v)
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/…/g, '...');
}

/** Whether a text can be sent as an HTTP header value (printable Latin-1; anything else fails the call). */
export function headerSafe(text: string): boolean {
  return !/[^\x20-\x7e\xa0-\xff]/.test(text);
}

export const REASON_NOT_HEADER_SAFE =
  'Write the reason with letters, numbers and ordinary punctuation (no emoji or symbols)';

/**
 * What is wrong with a reason already passed through `reasonForHeader`, as the text shown against its field:
 * `lengthText` (each page says what the reason is for) unless it has 5 to 500 characters, then
 * `REASON_NOT_HEADER_SAFE` unless it can be sent as a header.
 */
export function accessReasonProblem(reason: string, lengthText: string): string | undefined {
  if (reason.length < 5 || reason.length > 500) return lengthText;
  return headerSafe(reason) ? undefined : REASON_NOT_HEADER_SAFE;
}
