import { Injectable } from '@nestjs/common';
import { disproportionality, type DisproportionalityResult } from '@oversight/oocr-rules';
import { OocrSettings } from '../config/oocr-settings';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';

export interface Period {
  from: string;
  to: string;
}

type Row = Record<string, string | number | null>;

// Grouping expressions shared by the queries (computed in the database, never row by row in Node).
const AGE_GROUP = Prisma.sql`CASE WHEN d.age_at_issue < 18 THEN '10-17' WHEN d.age_at_issue < 25 THEN '18-24' WHEN d.age_at_issue < 35 THEN '25-34'
  WHEN d.age_at_issue < 45 THEN '35-44' WHEN d.age_at_issue < 55 THEN '45-54' WHEN d.age_at_issue < 65 THEN '55-64' ELSE '65+' END`;
const ETHNIC_GROUP = Prisma.sql`CASE WHEN sc.ethnicity IS NULL THEN 'NOT_RECORDED' WHEN sc.ethnicity = 'NS' THEN 'NOT_STATED'
  WHEN left(sc.ethnicity, 1) = 'W' THEN 'WHITE' WHEN left(sc.ethnicity, 1) = 'M' THEN 'MIXED' WHEN left(sc.ethnicity, 1) = 'A' THEN 'ASIAN'
  WHEN left(sc.ethnicity, 1) = 'B' THEN 'BLACK' ELSE 'OTHER' END`;
const GENDER = Prisma.sql`COALESCE(sc.gender, 'NOT_RECORDED')`;

const num = (rows: Row[]) =>
  rows.map(
    (r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
      ) as Row,
  );

/**
 * Figures for the Out of Court Resolutions Scrutiny Panel (Part 1). Every figure is an aggregate computed by
 * PostgreSQL over the period's disposals (issue date within [from, to]), using the indexes on issue date.
 * Nothing here identifies a person; the disproportionality figures use special-category data in aggregate only.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: OocrSettings,
  ) {}

  private range(p: Period) {
    return Prisma.sql`d.issue_date BETWEEN ${p.from}::date AND ${p.to}::date`;
  }

  private q(sql: Prisma.Sql): Promise<Row[]> {
    return this.prisma.$queryRaw<Row[]>(sql).then(num);
  }

  async counts(p: Period) {
    const where = this.range(p);
    const [byType, byDistrict, byOffenceGroup, byMonth] = await Promise.all([
      this.q(
        Prisma.sql`SELECT d.disposal_type AS "disposalType", count(*)::int AS count FROM disposal d WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
      ),
      this.q(
        Prisma.sql`SELECT d.district, d.disposal_type AS "disposalType", count(*)::int AS count FROM disposal d WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
      ),
      this.q(
        Prisma.sql`SELECT d.offence_group AS "offenceGroup", d.disposal_type AS "disposalType", count(*)::int AS count FROM disposal d WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
      ),
      this.q(
        Prisma.sql`SELECT to_char(date_trunc('month', d.issue_date), 'YYYY-MM') AS month, d.disposal_type AS "disposalType", count(*)::int AS count FROM disposal d WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
      ),
    ]);
    return { period: p, byType, byDistrict, byOffenceGroup, byMonth };
  }

  /** CR review outcomes, for resolutions issued in the period. */
  async reviewOutcomes(p: Period) {
    const rows = await this.q(Prisma.sql`
      SELECT r.status, count(*)::int AS count,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM review_referral f WHERE f.review_id = r.id))::int AS "everReferredBack"
      FROM resolution_review r JOIN disposal d ON d.id = r.disposal_id
      WHERE ${this.range(p)} GROUP BY 1 ORDER BY 1`);
    const total = rows.reduce((s, r) => s + Number(r.count), 0);
    return { period: p, total, byStatus: rows };
  }

  /** Conditional cautions issued in the period: how they ended, and the rates the panel asks for. */
  async cautionOutcomes(p: Period) {
    const [totals] = await this.q(Prisma.sql`
      SELECT count(*)::int AS issued,
             count(*) FILTER (WHERE c.status = 'COMPLETED')::int AS completed,
             count(*) FILTER (WHERE c.status = 'COMPLETED' AND c.completed_on <= c.completion_due_date)::int AS "completedOnTime",
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM breach b WHERE b.caution_id = c.disposal_id))::int AS breached,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM breach b WHERE b.caution_id = c.disposal_id AND b.decision = 'PROSECUTE_ORIGINAL_OFFENCE'))::int AS prosecuted,
             count(*) FILTER (WHERE c.status IN ('ACTIVE', 'BREACH_ASSESSMENT', 'AWAITING_POST_ARREST_DECISION'))::int AS running,
             count(*) FILTER (WHERE c.completion_due_date > c.original_completion_due)::int AS extended,
             count(*) FILTER (WHERE c.time_limit_status = 'STATUTE_BARRED')::int AS "statuteBarred"
      FROM caution c JOIN disposal d ON d.id = c.disposal_id WHERE ${this.range(p)}`);
    const byStatus = await this.q(
      Prisma.sql`SELECT c.status, count(*)::int AS count FROM caution c JOIN disposal d ON d.id = c.disposal_id WHERE ${this.range(p)} GROUP BY 1 ORDER BY 1`,
    );
    const decisions = await this.q(Prisma.sql`
      SELECT b.decision, count(*)::int AS count FROM breach b JOIN disposal d ON d.id = b.caution_id
      WHERE ${this.range(p)} AND b.decision IS NOT NULL GROUP BY 1 ORDER BY 1`);
    const ended = Number(totals.issued) - Number(totals.running);
    const rate = (n: unknown, of: number) => (of > 0 ? Math.round((Number(n) / of) * 1000) / 10 : null);
    return {
      period: p,
      ...totals,
      ended,
      ratesPercent: {
        completion: rate(totals.completed, ended),
        onTimeCompletion: rate(totals.completedOnTime, ended),
        breach: rate(totals.breached, Number(totals.issued)),
        prosecution: rate(totals.prosecuted, Number(totals.issued)),
      },
      byStatus,
      breachDecisions: decisions,
    };
  }

  async conditionsByPurpose(p: Period) {
    const rows = await this.q(Prisma.sql`
      SELECT k.purpose, count(*)::int AS count,
             count(*) FILTER (WHERE k.status = 'COMPLETED')::int AS completed,
             count(*) FILTER (WHERE k.status = 'MISSED')::int AS missed,
             count(DISTINCT k.caution_id)::int AS cautions
      FROM condition k JOIN disposal d ON d.id = k.caution_id
      WHERE ${this.range(p)} AND k.status <> 'VARIED' GROUP BY 1 ORDER BY 1`);
    return { period: p, byPurpose: rows };
  }

  /**
   * Disposals per 1,000 of the configured baseline population, by ethnic group, gender and age group, and the ratio
   * to each dimension's reference group (rules lib `disproportionality`). Records without the data are counted
   * under NOT_RECORDED / NOT_STATED, which have no baseline.
   */
  async disproportionality(p: Period, disposalType?: string) {
    const where = disposalType
      ? Prisma.sql`${this.range(p)} AND d.disposal_type = ${disposalType}`
      : this.range(p);
    const dimension = async (expr: Prisma.Sql) =>
      this.q(
        Prisma.sql`SELECT ${expr} AS "group", count(*)::int AS count FROM disposal d LEFT JOIN offender_special_category sc ON sc.offender_id = d.offender_id WHERE ${where} GROUP BY 1 ORDER BY 1`,
      );
    const [ethnicity, gender, ageGroup] = await Promise.all([
      dimension(ETHNIC_GROUP),
      dimension(GENDER),
      dimension(AGE_GROUP),
    ]);
    const compare = (rows: Row[], dim: 'ethnicity' | 'gender' | 'ageGroup'): DisproportionalityResult =>
      disproportionality({
        counts: Object.fromEntries(rows.map((r) => [String(r.group), Number(r.count)])),
        population: this.settings.baseline[dim].population,
        referenceGroup: this.settings.baseline[dim].referenceGroup,
      });
    return {
      period: p,
      disposalType: disposalType ?? 'ALL',
      baselineNote: this.settings.baseline.note ?? null,
      ethnicity: compare(ethnicity, 'ethnicity'),
      gender: compare(gender, 'gender'),
      ageGroup: compare(ageGroup, 'ageGroup'),
    };
  }

  /** The rows of one report as CSV (RFC 4180). */
  async csv(
    report:
      | 'counts-by-month'
      | 'counts-by-district'
      | 'counts-by-offence-group'
      | 'caution-outcomes'
      | 'conditions-by-purpose'
      | 'review-outcomes'
      | 'disproportionality',
    p: Period,
  ): Promise<string> {
    let rows: Row[];
    switch (report) {
      case 'counts-by-month':
        rows = (await this.counts(p)).byMonth;
        break;
      case 'counts-by-district':
        rows = (await this.counts(p)).byDistrict;
        break;
      case 'counts-by-offence-group':
        rows = (await this.counts(p)).byOffenceGroup;
        break;
      case 'caution-outcomes': {
        const r = await this.cautionOutcomes(p);
        rows = r.byStatus.map((x) => ({ ...x }));
        break;
      }
      case 'conditions-by-purpose':
        rows = (await this.conditionsByPurpose(p)).byPurpose;
        break;
      case 'review-outcomes':
        rows = (await this.reviewOutcomes(p)).byStatus;
        break;
      case 'disproportionality': {
        const r = await this.disproportionality(p);
        rows = (['ethnicity', 'gender', 'ageGroup'] as const).flatMap((dim) =>
          r[dim].groups.map((g) => ({
            dimension: dim,
            group: g.group,
            count: g.count,
            population: g.population,
            ratePer1000: g.ratePer1000 === null ? null : round(g.ratePer1000, 4),
            ratioToReference: g.ratioToReference === null ? null : round(g.ratioToReference, 3),
          })),
        );
        break;
      }
    }
    return toCsv(rows, { from: p.from, to: p.to });
  }
}

function round(n: number, places: number): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}

export function toCsv(rows: Row[], extra: Record<string, string> = {}): string {
  const columns = [...new Set([...Object.keys(extra), ...rows.flatMap((r) => Object.keys(r))])];
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    // Quote what needs it, and defuse spreadsheet formulas (CSV injection).
    const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [
    columns.join(','),
    ...rows.map((r) => columns.map((c) => cell(c in extra ? extra[c] : r[c])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
