import { Injectable } from '@nestjs/common';
import { Principal, Role } from '@oversight/auth';
import { RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { DISABILITY, ETHNIC_GROUPS, SEXES, suppressSmallCounts } from '@oversight/tag-rules';
import { calendarDaysBetween } from '@oversight/working-days';
import { TagReferralsEnv } from '../config/tag-referrals.env';
import { PrismaService } from '../infrastructure/prisma.service';

/**
 * Who sees the special-category breakdown (domain.md 4.4.3: field-level access; equality monitoring of the scheme is
 * the VRU manager's, for the board). Everyone else who reads the report gets the totals only.
 */
export const SPECIAL_CATEGORY_READERS: readonly Role[] = [Role.VruManager];

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The VRU board's figures for a period (issue 11 item 9), aggregates only: referrals by agency and grounds, acceptance
 * rate, time from referral to fit, pool utilisation (tag-days fitted / tag-days available), the waiting list, episode
 * lengths, early endings by reason, and the outcome measures before the tag and after removal. No person is named.
 */
@Injectable()
export class BoardReport {
  constructor(
    private readonly prisma: PrismaService,
    private readonly env: TagReferralsEnv,
  ) {}

  async execute(q: { from?: string; to?: string }, principal?: Principal) {
    const to = q.to ?? todayInLondon();
    const from = q.from ?? `${to.slice(0, 4)}-01-01`;
    if (from > to)
      throw new RuleViolationError([
        {
          rule: 'TAG_REPORT_PERIOD',
          field: 'from',
          message: `from (${from}) must be on or before to (${to})`,
        },
      ]);
    const days = calendarDaysBetween(from, to) + 1;
    const q$ = <T>(sql: string, ...params: unknown[]) => this.prisma.$queryRawUnsafe<T[]>(sql, ...params);

    const byAgency = await q$<{ agency: string; grounds: string; referrals: bigint }>(
      `SELECT agency, grounds, count(*) AS referrals FROM referral
        WHERE (received_at AT TIME ZONE 'Europe/London')::date BETWEEN $1::date AND $2::date
        GROUP BY 1, 2 ORDER BY 1, 2`,
      from,
      to,
    );
    const [decisions] = await q$<{ accepted: bigint; declined: bigint }>(
      `SELECT count(*) FILTER (WHERE action = 'ACCEPT') AS accepted, count(*) FILTER (WHERE action = 'DECLINE') AS declined
         FROM decision_log WHERE (at AT TIME ZONE 'Europe/London')::date BETWEEN $1::date AND $2::date`,
      from,
      to,
    );
    const [toFit] = await q$<{ fitted: bigint; median: number | null; mean: number | null }>(
      `SELECT count(*) AS fitted,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY e.fitted_on - (r.received_at AT TIME ZONE 'Europe/London')::date) AS median,
              avg(e.fitted_on - (r.received_at AT TIME ZONE 'Europe/London')::date) AS mean
         FROM episode e JOIN referral r ON r.id = e.referral_id
        WHERE e.fitted_on BETWEEN $1::date AND $2::date`,
      from,
      to,
    );
    const pools = await q$<{ pool: string; capacity: number; fitted_days: bigint | null }>(
      `SELECT p.code AS pool, p.capacity,
              (SELECT sum(GREATEST(0, LEAST(coalesce(e.removed_on, $2::date), $2::date) - GREATEST(e.fitted_on, $1::date) + 1))
                 FROM episode e JOIN referral r ON r.id = e.referral_id WHERE r.pool = p.code) AS fitted_days
         FROM pool p WHERE p.code IN ('IOM', 'VRU') ORDER BY 1`,
      from,
      to,
    );
    const [waiting] = await q$<{ waiting: bigint; mean_wait: number | null; longest: number | null }>(
      `SELECT count(*) AS waiting, avg(now()::date - waiting_since::date) AS mean_wait, max(now()::date - waiting_since::date) AS longest
         FROM referral WHERE status = 'AWAITING_DEVICE' AND waiting_since IS NOT NULL`,
    );
    const lengths = await q$<{ band: string; episodes: bigint }>(
      `SELECT CASE WHEN d <= 42 THEN '0-42' WHEN d <= 56 THEN '43-56' WHEN d <= 90 THEN '57-90' ELSE '91+' END AS band,
              count(*) AS episodes
         FROM (SELECT removed_on - fitted_on AS d FROM episode
                WHERE removed_on BETWEEN $1::date AND $2::date) x
        GROUP BY 1 ORDER BY 1`,
      from,
      to,
    );
    const early = await q$<{ reason: string; episodes: bigint }>(
      `SELECT removal_reason AS reason, count(*) AS episodes FROM episode
        WHERE removed_on BETWEEN $1::date AND $2::date AND removal_reason <> 'PLANNED_END'
        GROUP BY 1 ORDER BY 1`,
      from,
      to,
    );
    const outcomes = await q$<{
      point: string;
      recorded: bigint;
      suspected: number | null;
      violent: number | null;
      missing: number | null;
      re_engaged: number | null;
      education: number | null;
      family: number | null;
    }>(
      `SELECT point, count(*) AS recorded, avg(suspected_offences) AS suspected, avg(violent_offences) AS violent,
              avg(days_missing_from_home) AS missing, avg(re_engaged_with_services::int) AS re_engaged,
              avg(in_education_or_training::int) AS education, avg(family_connection::int) AS family
         FROM outcome WHERE (recorded_at AT TIME ZONE 'Europe/London')::date BETWEEN $1::date AND $2::date
        GROUP BY 1 ORDER BY array_position(ARRAY['BEFORE','CLOSURE','MONTHS_3','MONTHS_6','MONTHS_9'], point)`,
      from,
      to,
    );
    const accepted = Number(decisions.accepted);
    const declined = Number(decisions.declined);
    const specialCategory =
      principal && principal.roles.some((r) => SPECIAL_CATEGORY_READERS.includes(r))
        ? await this.specialCategory(from, to)
        : undefined;
    return {
      from,
      to,
      referralsByAgencyAndGrounds: byAgency.map((r) => ({ ...r, referrals: Number(r.referrals) })),
      decisions: {
        accepted,
        declined,
        acceptanceRate: accepted + declined ? +(accepted / (accepted + declined)).toFixed(3) : null,
      },
      referralToFitDays: { fitted: Number(toFit.fitted), median: n(toFit.median), mean: n(toFit.mean) },
      poolUtilisation: pools.map((p) => {
        const fitted = Number(p.fitted_days ?? 0);
        const available = p.capacity * days;
        return {
          pool: p.pool,
          tagDaysFitted: fitted,
          tagDaysAvailable: available,
          utilisation: available ? +(fitted / available).toFixed(3) : null,
        };
      }),
      waitingList: {
        waiting: Number(waiting.waiting),
        meanWaitDays: n(waiting.mean_wait),
        longestWaitDays: n(waiting.longest),
      },
      episodeLengthDays: lengths.map((l) => ({ band: l.band, episodes: Number(l.episodes) })),
      earlyEndings: early.map((e) => ({ reason: e.reason, episodes: Number(e.episodes) })),
      outcomes: outcomes.map((o) => ({
        point: o.point,
        recorded: Number(o.recorded),
        meanSuspectedOffences: n(o.suspected),
        meanViolentOffences: n(o.violent),
        meanDaysMissingFromHome: n(o.missing),
        shareReEngaged: n(o.re_engaged),
        shareInEducationOrTraining: n(o.education),
        shareWithFamilyConnection: n(o.family),
      })),
      ...(specialCategory ? { specialCategory } : {}),
    };
  }

  /**
   * Referrals received in the period by ethnic group, sex and disability (equality monitoring), each with small
   * numbers suppressed (TAG_REPORT_SUPPRESS_BELOW), and how many referrals recorded none.
   */
  private async specialCategory(from: string, to: string) {
    const rows = await this.prisma.$queryRawUnsafe<
      Array<{ ethnicity: string | null; sex: string | null; disability: string | null; n: bigint }>
    >(
      `SELECT s.ethnicity, s.sex, s.disability, count(*) AS n
         FROM referral r LEFT JOIN referral_special_category s ON s.referral_id = r.id
        WHERE (r.received_at AT TIME ZONE 'Europe/London')::date BETWEEN $1::date AND $2::date
        GROUP BY 1, 2, 3`,
      from,
      to,
    );
    const tally = (pick: (r: (typeof rows)[number]) => string | null) => {
      const m = new Map<string, number>();
      for (const r of rows) {
        const k = pick(r);
        if (k) m.set(k, (m.get(k) ?? 0) + Number(r.n));
      }
      return m;
    };
    const below = this.env.TAG_REPORT_SUPPRESS_BELOW;
    const notRecorded = rows.filter((r) => !r.ethnicity).reduce((s, r) => s + Number(r.n), 0);
    return {
      basis:
        'equality monitoring (domain.md 4.2.5, 4.4.3); counts from 1 to below the threshold are suppressed',
      suppressedBelow: below,
      notRecorded: notRecorded > 0 && notRecorded < below ? null : notRecorded,
      ethnicity: suppressSmallCounts(
        ETHNIC_GROUPS,
        tally((r) => r.ethnicity),
        below,
      ),
      sex: suppressSmallCounts(
        SEXES,
        tally((r) => r.sex),
        below,
      ),
      disability: suppressSmallCounts(
        DISABILITY,
        tally((r) => r.disability),
        below,
      ),
    };
  }

  /**
   * The same figures as CSV: one row per figure (section, key, measure, value). Never the special-category breakdown
   * (domain.md 4.4.3: excluded from default exports), whoever asks.
   */
  async csv(q: { from?: string; to?: string }): Promise<string> {
    const r = await this.execute(q);
    const rows: Array<[string, string, string, unknown]> = [];
    for (const a of r.referralsByAgencyAndGrounds)
      rows.push(['referrals', `${a.agency}/${a.grounds}`, 'referrals', a.referrals]);
    for (const [k, v] of Object.entries(r.decisions)) rows.push(['decisions', '', k, v]);
    for (const [k, v] of Object.entries(r.referralToFitDays)) rows.push(['referral-to-fit-days', '', k, v]);
    for (const p of r.poolUtilisation)
      for (const [k, v] of Object.entries(p)) if (k !== 'pool') rows.push(['pool-utilisation', p.pool, k, v]);
    for (const [k, v] of Object.entries(r.waitingList)) rows.push(['waiting-list', '', k, v]);
    for (const l of r.episodeLengthDays) rows.push(['episode-length-days', l.band, 'episodes', l.episodes]);
    for (const e of r.earlyEndings) rows.push(['early-endings', e.reason, 'episodes', e.episodes]);
    for (const o of r.outcomes)
      for (const [k, v] of Object.entries(o)) if (k !== 'point') rows.push(['outcomes', o.point, k, v]);
    const cell = (v: unknown) => {
      const s = v === null || v === undefined ? '' : String(v);
      return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    return (
      [
        `from,to,section,key,measure,value`,
        ...rows.map((x) => [r.from, r.to, ...x].map(cell).join(',')),
      ].join('\n') + '\n'
    );
  }
}
