import { Injectable } from '@nestjs/common';
import { RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { bankHolidaysOf, defaultEnglandAndWalesCalendar } from '@oversight/working-days';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';

/** The bank holidays of the calendar in use, read when a report runs (an operator may have installed an update). */
const holidays = () => bankHolidaysOf(defaultEnglandAndWalesCalendar()).map((h) => h.date);

/**
 * A calendar from `first` to `last` numbering the working days as @oversight/working-days counts them
 * (weekends and England & Wales bank holidays excluded): n = working days up to and including `day`.
 * Working days in (a, b] are then n(b) - n(a): two hash-join look-ups per case instead of a series of
 * days per case, computed in the database so a report never loads cases into memory.
 */
const workingDayCalendar = (first: Prisma.Sql, last: Prisma.Sql) => Prisma.sql`
  SELECT g.d::date AS day,
         count(*) FILTER (WHERE extract(isodow FROM g.d) < 6 AND g.d::date <> ALL(${holidays()}::date[]))
           OVER (ORDER BY g.d) AS n
  FROM generate_series(${first}, ${last}, interval '1 day') g(d)`;

export interface SummaryReport {
  period: { from: string; to: string; team: string | null };
  counts: {
    received: number;
    valid: number;
    upheld: number;
    notUpheld: number;
    notUpheldWithFeedback: number;
    passedToIopc: number;
    outOfTime: number;
    insufficientInformation: number;
    withdrawn: number;
  };
  upheldRate: number | null;
  daysToComplete: {
    calendar: { mean: number | null; median: number | null };
    working: { mean: number | null; median: number | null };
    benchmarks: { mostSimilarGroupCalendarDays: number; nationalCalendarDays: number };
  };
  sla: {
    completionTargetWorkingDays: number;
    completedWithinTarget: number;
    completionCompliance: number | null;
    acknowledgementTargetWorkingDays: number;
    acknowledgedInTime: number;
    acknowledgementClocksClosed: number;
    acknowledgementCompliance: number | null;
  };
  backlog: {
    open: number;
    meanAgeDays: number | null;
    oldestReceivedOn: string | null;
    over28Days: number;
    over56Days: number;
  };
}

/**
 * Per-period figures as the OPCC publishes them (domain.md Part 1, 1.2.7, 1.5.10). Each outcome is
 * counted in the period in which it happened: decisions by decision date, passing to the IOPC by
 * forwarding date, withdrawals by withdrawal date, out-of-time refusals by the extension decision
 * date. "Valid" means reviewed to a decision (Kent: 28 upheld of 202 valid = 14%).
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly env: ComplaintReviewsEnv,
  ) {}

  async summary(q: { from?: string; to?: string; team?: string }): Promise<SummaryReport> {
    const today = todayInLondon();
    const to = q.to ?? today;
    const from = q.from ?? defaultFrom(today);
    if (from > to)
      throw new RuleViolationError([
        { rule: 'DATE_ORDER', field: 'from', message: `from (${from}) is after to (${to})` },
      ]);
    const team = q.team ? Prisma.sql`AND a.team = ${q.team}` : Prisma.empty;
    const inPeriod = (col: Prisma.Sql) => Prisma.sql`${col} BETWEEN ${from}::date AND ${to}::date`;
    const target = this.env.COMPLETION_WORKING_DAYS;

    const received = Prisma.sql`a.received_on <= ${to}::date ${team}`;
    // Each count from the index on its own date column, so a report reads the period, not the history.
    const [c] = await this.prisma.$queryRaw<Array<Record<string, number>>>(Prisma.sql`
      SELECT
        (SELECT count(*) FROM review_application a WHERE ${inPeriod(Prisma.sql`a.received_on`)} ${team})::int AS received,
        d.valid, d.upheld, d.not_upheld, d.with_feedback,
        (SELECT count(*) FROM review_application a
          WHERE ${inPeriod(Prisma.sql`a.forwarded_to_iopc_on`)} AND ${received})::int AS passed_to_iopc,
        (SELECT count(*) FROM extension_decision e JOIN review_application a ON a.id = e.application_id
          WHERE a.closure_reason = 'OUT_OF_TIME' AND ${inPeriod(Prisma.sql`e.decided_on`)} AND ${received})::int AS out_of_time,
        -- by the day the case was closed (closed_on, indexed), which no later edit moves
        (SELECT count(*) FROM review_application a
          WHERE a.closure_reason = 'INSUFFICIENT_INFORMATION' AND ${inPeriod(Prisma.sql`a.closed_on`)}
            AND ${received})::int AS insufficient,
        (SELECT count(*) FROM review_application a
          WHERE ${inPeriod(Prisma.sql`a.withdrawn_on`)} AND ${received})::int AS withdrawn
      FROM (
        SELECT count(*)::int AS valid,
               (count(*) FILTER (WHERE a.outcome = 'UPHELD'))::int AS upheld,
               (count(*) FILTER (WHERE a.outcome = 'NOT_UPHELD'))::int AS not_upheld,
               (count(*) FILTER (WHERE a.outcome = 'NOT_UPHELD_WITH_FEEDBACK'))::int AS with_feedback
        FROM review_application a WHERE ${inPeriod(Prisma.sql`a.decided_on`)} AND ${received}
      ) d`);

    const [t] = await this.prisma.$queryRaw<Array<Record<string, number | null>>>(Prisma.sql`
      WITH decided AS (
        SELECT a.received_on, a.decided_on, k.due_on FROM review_application a
        LEFT JOIN review_clock k ON k.application_id = a.id AND k.kind = 'COMPLETION'
        WHERE ${inPeriod(Prisma.sql`a.decided_on`)} ${team}),
      cal AS (${workingDayCalendar(Prisma.sql`(SELECT min(received_on) FROM decided)`, Prisma.sql`${to}::date`)}),
      done AS (
        SELECT (d.decided_on - d.received_on) AS cal, greatest(cd.n - cr.n, 0) AS wd,
               -- Within target exactly as the completion clock judges it (completionClockStart and
               -- completionClock in the rules library set due_on: start event, stops excluded); a case
               -- decided before its clock row was written falls back to receipt + target working days.
               coalesce(d.decided_on <= d.due_on, greatest(cd.n - cr.n, 0) <= ${target}) AS in_target
        FROM decided d JOIN cal cr ON cr.day = d.received_on JOIN cal cd ON cd.day = d.decided_on)
      SELECT round(avg(cal)::numeric, 1)::float AS cal_mean,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY cal)::float AS cal_median,
             round(avg(wd)::numeric, 1)::float AS wd_mean,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY wd)::float AS wd_median,
             (count(*) FILTER (WHERE in_target))::int AS within_target
      FROM done`);

    const [ack] = await this.prisma.$queryRaw<Array<Record<string, number>>>(Prisma.sql`
      SELECT (count(*) FILTER (WHERE k.status = 'MET'))::int AS met,
             (count(*) FILTER (WHERE k.status IN ('MET', 'BREACHED')))::int AS closed
      FROM review_clock k JOIN review_application a ON a.id = k.application_id
      WHERE k.kind = 'ACKNOWLEDGEMENT' AND ${inPeriod(Prisma.sql`a.received_on`)} ${team}`);

    const [b] = await this.prisma.$queryRaw<Array<Record<string, number | string | null>>>(Prisma.sql`
      SELECT count(*)::int AS open,
             round(avg(${today}::date - a.received_on)::numeric, 1)::float AS mean_age,
             to_char(min(a.received_on), 'YYYY-MM-DD') AS oldest,
             (count(*) FILTER (WHERE ${today}::date - a.received_on > 28))::int AS over28,
             (count(*) FILTER (WHERE ${today}::date - a.received_on > 56))::int AS over56
      FROM review_application a
      WHERE a.status IN ('RECEIVED', 'UNDER_REVIEW') ${team}`);

    const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);
    return {
      period: { from, to, team: q.team ?? null },
      counts: {
        received: c.received,
        valid: c.valid,
        upheld: c.upheld,
        notUpheld: c.not_upheld,
        notUpheldWithFeedback: c.with_feedback,
        passedToIopc: c.passed_to_iopc,
        outOfTime: c.out_of_time,
        insufficientInformation: c.insufficient,
        withdrawn: c.withdrawn,
      },
      upheldRate: ratio(c.upheld, c.valid),
      daysToComplete: {
        calendar: { mean: t.cal_mean, median: t.cal_median },
        working: { mean: t.wd_mean, median: t.wd_median },
        benchmarks: {
          mostSimilarGroupCalendarDays: this.env.BENCHMARK_MSG_DAYS,
          nationalCalendarDays: this.env.BENCHMARK_NATIONAL_DAYS,
        },
      },
      sla: {
        completionTargetWorkingDays: target,
        completedWithinTarget: t.within_target as number,
        completionCompliance: ratio(t.within_target as number, c.valid),
        acknowledgementTargetWorkingDays: this.env.ACKNOWLEDGEMENT_WORKING_DAYS,
        acknowledgedInTime: ack.met,
        acknowledgementClocksClosed: ack.closed,
        acknowledgementCompliance: ratio(ack.met, ack.closed),
      },
      backlog: {
        open: b.open as number,
        meanAgeDays: b.mean_age as number | null,
        oldestReceivedOn: b.oldest as string | null,
        over28Days: b.over28 as number,
        over56Days: b.over56 as number,
      },
    };
  }
}

/** The reporting year starts on 1 April (the OPCC's financial year). */
function defaultFrom(today: string): string {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '04-01' ? `${year}-04-01` : `${year - 1}-04-01`;
}

/** One metric a line, for spreadsheets. */
export function summaryToCsv(r: SummaryReport): string {
  const rows: Array<[string, string | number | null]> = [
    ['period_from', r.period.from],
    ['period_to', r.period.to],
    ['team', r.period.team],
    ...Object.entries(r.counts).map(([k, v]) => [`count_${snake(k)}`, v] as [string, number]),
    ['upheld_rate', r.upheldRate],
    ['mean_days_to_complete_calendar', r.daysToComplete.calendar.mean],
    ['median_days_to_complete_calendar', r.daysToComplete.calendar.median],
    ['mean_days_to_complete_working', r.daysToComplete.working.mean],
    ['median_days_to_complete_working', r.daysToComplete.working.median],
    ['benchmark_msg_calendar_days', r.daysToComplete.benchmarks.mostSimilarGroupCalendarDays],
    ['benchmark_national_calendar_days', r.daysToComplete.benchmarks.nationalCalendarDays],
    ['completion_target_working_days', r.sla.completionTargetWorkingDays],
    ['completion_compliance', r.sla.completionCompliance],
    ['acknowledgement_compliance', r.sla.acknowledgementCompliance],
    ['backlog_open', r.backlog.open],
    ['backlog_mean_age_days', r.backlog.meanAgeDays],
    ['backlog_oldest_received_on', r.backlog.oldestReceivedOn],
    ['backlog_over_28_days', r.backlog.over28Days],
    ['backlog_over_56_days', r.backlog.over56Days],
  ];
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return ['metric,value', ...rows.map(([k, v]) => `${k},${cell(v)}`)].join('\n') + '\n';
}

const snake = (s: string) => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
