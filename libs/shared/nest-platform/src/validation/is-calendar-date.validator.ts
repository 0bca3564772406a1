import { registerDecorator, ValidationOptions } from 'class-validator';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD: 2026-02-30 and 2026-13-01 are refused. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    y >= 1900 &&
    y <= 2100
  );
}

export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a real date written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

// Built once: constructing an Intl.DateTimeFormat costs far more than formatting with one (it was a
// twentieth of an intake write's CPU, issue 14 §5).
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** Today's date in the UK, as YYYY-MM-DD. */
export function todayInLondon(now: Date = new Date()): string {
  return LONDON_DAY.format(now);
}

/** The instant a UK calendar day ends (midnight Europe/London at the start of the next day). */
export function endOfLondonDay(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  const utcMidnightNext = Date.UTC(y, m - 1, d + 1);
  // London is UTC or UTC+1; find the offset that applies at that moment.
  const hour = Number(LONDON_HOUR.format(new Date(utcMidnightNext)));
  const offsetHours = hour === 1 ? 1 : 0; // 01:00 in London at 00:00 UTC means BST (UTC+1)
  return new Date(utcMidnightNext - offsetHours * 3600_000);
}
