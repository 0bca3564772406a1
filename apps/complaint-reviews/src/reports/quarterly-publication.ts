import type { SummaryReport } from './reports.service';

/**
 * The quarterly table an OPCC publishes on its reviews (domain.md 1.4.9: the Specified Information
 * Order asks for a narrative on the LPB's own review performance beside the IOPC's quarterly data;
 * 1.5.10 lists the KPIs). Quarters of the financial year, April to March, as police bodies report.
 * The backlog is not a column: it is today's (GET /reports/summary), not the quarter end's.
 */
export interface Quarter {
  label: string;
  from: string;
  to: string;
}

/**
 * The quarters of financial year `fy` (fy 2026 = 1 April 2026 to 31 March 2027) that have begun by
 * `today`; the current one ends at `today`. A year that has not begun has no quarters.
 */
export function financialYearQuarters(fy: number, today: string): Quarter[] {
  const bounds: Array<[string, string]> = [
    [`${fy}-04-01`, `${fy}-06-30`],
    [`${fy}-07-01`, `${fy}-09-30`],
    [`${fy}-10-01`, `${fy}-12-31`],
    [`${fy + 1}-01-01`, `${fy + 1}-03-31`],
  ];
  return bounds
    .map(([from, to], i) => ({ label: `Q${i + 1} ${fy}/${String(fy + 1).slice(2)}`, from, to }))
    .filter((q) => q.from <= today)
    .map((q) => (q.to > today ? { ...q, to: today } : q));
}

export interface QuarterlyRow {
  quarter: string;
  from: string;
  to: string;
  received: number;
  valid: number;
  upheld: number;
  notUpheld: number;
  notUpheldWithFeedback: number;
  passedToIopc: number;
  outOfTime: number;
  insufficientInformation: number;
  withdrawn: number;
  upheldRatePercent: number | null;
  meanCalendarDaysToComplete: number | null;
  medianCalendarDaysToComplete: number | null;
  meanWorkingDaysToComplete: number | null;
  acknowledgedInTimePercent: number | null;
  completedWithinTargetPercent: number | null;
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** One published row from the summary of one period. */
export function quarterlyRow(label: string, r: SummaryReport): QuarterlyRow {
  return {
    quarter: label,
    from: r.period.from,
    to: r.period.to,
    ...r.counts,
    upheldRatePercent: percent(r.upheldRate),
    meanCalendarDaysToComplete: r.daysToComplete.calendar.mean,
    medianCalendarDaysToComplete: r.daysToComplete.calendar.median,
    meanWorkingDaysToComplete: r.daysToComplete.working.mean,
    acknowledgedInTimePercent: percent(r.sla.acknowledgementCompliance),
    completedWithinTargetPercent: percent(r.sla.completionCompliance),
  };
}

const HEADERS: Array<[keyof QuarterlyRow, string]> = [
  ['quarter', 'Quarter'],
  ['from', 'From'],
  ['to', 'To'],
  ['received', 'Applications received'],
  ['valid', 'Valid reviews decided'],
  ['upheld', 'Upheld'],
  ['notUpheld', 'Not upheld'],
  ['notUpheldWithFeedback', 'Not upheld, feedback to the force'],
  ['passedToIopc', 'Passed to the IOPC'],
  ['outOfTime', 'Out of time'],
  ['insufficientInformation', 'Insufficient information'],
  ['withdrawn', 'Withdrawn'],
  ['upheldRatePercent', 'Upheld rate (%)'],
  ['meanCalendarDaysToComplete', 'Mean days to complete'],
  ['medianCalendarDaysToComplete', 'Median days to complete'],
  ['meanWorkingDaysToComplete', 'Mean working days to complete'],
  ['acknowledgedInTimePercent', 'Acknowledged in time (%)'],
  ['completedWithinTargetPercent', 'Completed within target (%)'],
];

/** The published table as CSV, one quarter a row, headed in words. */
export function quarterlyToCsv(rows: QuarterlyRow[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [
      HEADERS.map(([, h]) => cell(h)).join(','),
      ...rows.map((r) => HEADERS.map(([k]) => cell(r[k])).join(',')),
    ].join('\n') + '\n'
  );
}
