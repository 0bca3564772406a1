import { endOfLondonDay } from '@oversight/nest-platform';
import { addDays, type IsoDate } from '@oversight/oocr-rules';

/** A calendar date column (Prisma @db.Date) from YYYY-MM-DD. */
export const asDate = (s: IsoDate): Date => new Date(`${s}T00:00:00Z`);
export const asDateOrNull = (s: IsoDate | null | undefined): Date | null => (s ? asDate(s) : null);

/** YYYY-MM-DD from a calendar date column. */
export const day = (d: Date): IsoDate => d.toISOString().slice(0, 10);
export const dayOrNull = (d: Date | null | undefined): IsoDate | null => (d ? day(d) : null);

/** The instant a UK calendar day starts (midnight Europe/London). */
export function startOfLondonDay(date: IsoDate): Date {
  return endOfLondonDay(addDays(date, -1));
}

const londonHour = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** A wall-clock hour in the UK on a date, as an instant (GMT or BST, whichever applies that day). */
export function londonTime(date: IsoDate, hour: number): Date {
  const [y, m, d] = date.split('-').map(Number);
  const utc = Date.UTC(y, m - 1, d, hour);
  const offsetHours = (Number(londonHour.format(new Date(utc))) - hour + 24) % 24; // 0 (GMT) or 1 (BST)
  return new Date(utc - offsetHours * 3600_000);
}

/** 09:00 UK time on a date: when reminders are sent, so nobody is texted at midnight. */
export function morningOf(date: IsoDate): Date {
  return londonTime(date, 9);
}
