/**
 * Which referrals concern the same household (issue 12 §1: a referral names "the household"). A household is
 * referred again when a second agency refers it, or when the first swap did not hold: the coordinator needs to
 * see the earlier referrals and swaps before the pre-offer discussion (domain.md 3.3.1: the offer is for ALL
 * pointed knives in the property, so an earlier swap at the same address is part of "the home's circumstances").
 *
 * The match is on the address as people write it: the postcode (spaces and case ignored) and the line that
 * identifies the dwelling (number and street, or flat and building). Common street-type abbreviations and
 * punctuation are ignored. The town, county and any further lines are not part of the key: referrers write
 * them inconsistently, and the postcode already places the address. A referral without a usable first line
 * matches nothing (it gets a household of its own).
 */

const STREET_TYPES: Record<string, string> = {
  street: 'st',
  road: 'rd',
  avenue: 'ave',
  lane: 'ln',
  drive: 'dr',
  close: 'cl',
  court: 'ct',
  crescent: 'cres',
  gardens: 'gdns',
  place: 'pl',
  terrace: 'ter',
  square: 'sq',
  grove: 'gr',
};

/** A line naming only part of a building: the building line that follows is needed to place it. */
const PART_OF_BUILDING = /^(flat|apartment|apt|unit|room|maisonette|floor)\b/;

export function normaliseAddressLine(line: string): string {
  return line
    .toLowerCase()
    .replace(/[.,'’/#-]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => STREET_TYPES[w] ?? w)
    .join(' ');
}

export function normalisePostcode(postcode: string): string {
  return postcode.toUpperCase().replace(/\s+/g, '');
}

/**
 * The household's match key, or null when the address cannot identify a dwelling. Two referrals with the same
 * key are treated as one household; the key is hashed before it is stored (it is an index, not a copy of the
 * address).
 */
export function householdMatchKey(addressLines: readonly string[], postcode: string): string | null {
  const lines = addressLines.map(normaliseAddressLine).filter(Boolean);
  const pc = normalisePostcode(postcode);
  if (!lines.length || !pc) return null;
  const dwelling =
    PART_OF_BUILDING.test(lines[0]) && lines.length > 1 ? `${lines[0]}, ${lines[1]}` : lines[0];
  return `${pc}|${dwelling}`;
}
