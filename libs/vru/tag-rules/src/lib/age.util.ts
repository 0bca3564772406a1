import { isLeapYear, parseIsoDate, type IsoDate } from '@oversight/working-days';

/** Age in completed years on a date (a 29 February birthday falls on 1 March in other years). */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const b = parseIsoDate(dateOfBirth);
  const d = parseIsoDate(on);
  const leapling = b.month === 2 && b.day === 29 && !isLeapYear(d.year);
  const [bm, bd] = leapling ? [3, 1] : [b.month, b.day];
  const hadBirthday = d.month > bm || (d.month === bm && d.day >= bd);
  return d.year - b.year - (hadBirthday ? 0 : 1);
}
