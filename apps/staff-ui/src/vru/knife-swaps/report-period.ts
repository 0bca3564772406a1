/**
 * The period of a VRU report page, read from the query string (table-tested in report-period.spec.ts). Default: the
 * year so far. Dates are calendar dates (YYYY-MM-DD) and the period runs forwards; anything else is shown back to the
 * user against its field rather than silently replaced.
 */

export const SWAP_GROUPINGS = ['district', 'reason', 'agency', 'month'] as const;
export type SwapGrouping = (typeof SWAP_GROUPINGS)[number];

export type ReportPeriod =
  | { ok: true; from: string; to: string }
  | {
      ok: false;
      from: string;
      to: string;
      failure: { errors: Record<string, string>; errorList: { text: string; href: string }[] };
    };

export function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function readReportPeriod(q: { from?: unknown; to?: unknown }, today: string): ReportPeriod {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const from = text(q.from) || `${today.slice(0, 4)}-01-01`;
  const to = text(q.to) || today;
  const errors: Record<string, string> = {};
  if (!isCalendarDate(from)) errors.from = 'Enter the start of the period as a date like 2026-01-01';
  if (!isCalendarDate(to)) errors.to = 'Enter the end of the period as a date like 2026-12-31';
  if (!errors.from && !errors.to && from > to)
    errors.from = 'The start of the period must be on or before its end';
  const errorList = Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` }));
  return errorList.length ? { ok: false, from, to, failure: { errors, errorList } } : { ok: true, from, to };
}
