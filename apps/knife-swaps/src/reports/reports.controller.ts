import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role } from '@oversight/auth';
import { RuleViolationError } from '@oversight/domain-errors';
import { AllowRoles, IsCalendarDate, todayInLondon } from '@oversight/nest-platform';
import { IsIn, IsOptional } from 'class-validator';
import { PrismaService } from '../infrastructure/prisma.service';

export class SwapReportQuery {
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @IsOptional()
  @IsIn(['district', 'reason', 'agency', 'month'])
  groupBy?: 'district' | 'reason' | 'agency' | 'month';
}

const GROUP_SQL = {
  district: 'r.district',
  reason: 'r.reason',
  agency: 'r.referring_agency',
  month: `to_char(s.swapped_on, 'YYYY-MM')`,
} as const;

const READERS = [Role.VruCoordinator, Role.VruManager, Role.Auditor] as const;

/** Totals are given both as swaps and as knives removed, as the public figures are (vru-notes.md 3.4). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly prisma: PrismaService) {}

  /** Swaps and knives removed in a period (swap date, inclusive), by district, reason, referring agency or month. */
  @Get('swaps')
  @AllowRoles(...READERS)
  async swaps(@Query() q: SwapReportQuery) {
    const { from, to } = this.period(q);
    const key = GROUP_SQL[q.groupBy ?? 'district'];
    const rows = await this.prisma.$queryRawUnsafe<
      Array<{ key: string; swaps: bigint; knives: bigint; kits: bigint }>
    >(
      `SELECT ${key} AS key, count(*) AS swaps, sum(s.knives_surrendered) AS knives, sum(s.kit_quantity) AS kits
         FROM swap s JOIN referral r ON r.id = s.referral_id
        WHERE s.swapped_on BETWEEN $1::date AND $2::date
        GROUP BY 1 ORDER BY 1`,
      from,
      to,
    );
    const groups = rows.map((r) => ({
      key: r.key,
      swaps: Number(r.swaps),
      knivesRemoved: Number(r.knives),
      kitsIssued: Number(r.kits),
    }));
    return {
      from,
      to,
      groupBy: q.groupBy ?? 'district',
      groups,
      total: {
        swaps: groups.reduce((a, g) => a + g.swaps, 0),
        knivesRemoved: groups.reduce((a, g) => a + g.knivesRemoved, 0),
        kitsIssued: groups.reduce((a, g) => a + g.kitsIssued, 0),
      },
    };
  }

  /** The same as CSV (one row per group, then the total). */
  @Get('swaps.csv')
  @AllowRoles(...READERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="skrs-swaps.csv"')
  async swapsCsv(@Query() q: SwapReportQuery) {
    const r = await this.swaps(q);
    const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    return (
      [
        `${r.groupBy},swaps,knives_removed,kits_issued`,
        ...r.groups.map((g) => `${esc(g.key)},${g.swaps},${g.knivesRemoved},${g.kitsIssued}`),
        `TOTAL ${r.from} to ${r.to},${r.total.swaps},${r.total.knivesRemoved},${r.total.kitsIssued}`,
      ].join('\n') + '\n'
    );
  }

  /** Since the scheme began: the figure a press office can quote ("N swaps removing M pointed knives"). */
  @Get('running-total')
  @AllowRoles(...READERS)
  async runningTotal() {
    const [r] = await this.prisma.$queryRawUnsafe<
      Array<{ swaps: bigint; knives: bigint; first: Date | null; last: Date | null }>
    >(
      `SELECT count(*) AS swaps, coalesce(sum(knives_surrendered), 0) AS knives, min(swapped_on) AS first, max(swapped_on) AS last FROM swap`,
    );
    const swaps = Number(r.swaps);
    const knives = Number(r.knives);
    const asOf = todayInLondon();
    return {
      asOf,
      swaps,
      knivesRemoved: knives,
      firstSwapOn: r.first ? r.first.toISOString().slice(0, 10) : null,
      statement: `As of ${asOf}, the Safer Knife Replacement Scheme has made ${swaps} swap${swaps === 1 ? '' : 's'}, removing ${knives} pointed knife${knives === 1 ? '' : 's'} from homes in Kent and Medway.`,
    };
  }

  /** Kit stock by store, with stores at or below their reorder level flagged. */
  @Get('stock')
  @AllowRoles(...READERS)
  async stock() {
    const rows = await this.prisma.$queryRawUnsafe<
      Array<{
        id: string;
        name: string;
        district: string;
        reorder_level: number;
        kit_type: string | null;
        quantity: number | null;
      }>
    >(
      `SELECT st.id, st.name, st.district, st.reorder_level, b.kit_type, b.quantity
         FROM store st LEFT JOIN stock_balance b ON b.store_id = st.id ORDER BY st.id, b.kit_type`,
    );
    return rows.map((r) => ({
      storeId: r.id,
      name: r.name,
      district: r.district,
      kitType: r.kit_type,
      quantity: r.quantity ?? 0,
      reorderLevel: r.reorder_level,
      atOrBelowReorderLevel: (r.quantity ?? 0) <= r.reorder_level,
    }));
  }

  /** Knives not destroyed by their due date, and bags chased or escalated. */
  @Get('custody-exceptions')
  @AllowRoles(...READERS)
  async custodyExceptions() {
    const rows = await this.prisma.$queryRawUnsafe<
      Array<{
        bag_number: string;
        reference: string;
        status: string;
        holder: string;
        knife_count: number;
        destruction_due_on: Date;
        chased_count: number;
        escalated_at: Date | null;
      }>
    >(
      `SELECT b.bag_number, r.reference, b.status, b.holder, b.knife_count, b.destruction_due_on, b.chased_count, b.escalated_at
         FROM custody_bag b JOIN swap s ON s.id = b.swap_id JOIN referral r ON r.id = s.referral_id
        WHERE b.status <> 'DESTROYED' AND (b.destruction_due_on < $1::date OR b.chased_count > 0 OR b.escalated_at IS NOT NULL)
        ORDER BY b.destruction_due_on, b.bag_number LIMIT 1000`,
      todayInLondon(),
    );
    return rows.map((b) => ({
      bagNumber: b.bag_number,
      reference: b.reference,
      status: b.status,
      holder: b.holder,
      knifeCount: b.knife_count,
      destructionDueOn: b.destruction_due_on.toISOString().slice(0, 10),
      chased: b.chased_count > 0,
      escalated: !!b.escalated_at,
    }));
  }

  private period(q: SwapReportQuery) {
    const to = q.to ?? todayInLondon();
    const from = q.from ?? '2000-01-01';
    if (from > to)
      throw new RuleViolationError([
        { rule: 'SKRS_PERIOD_INVALID', field: 'from', message: 'from must be on or before to.' },
      ]);
    return { from, to };
  }
}
