import { Injectable } from '@nestjs/common';
import { Principal, Role } from '@oversight/auth';
import { addCalendarDays } from '@oversight/working-days';
import { todayInLondon } from '@oversight/nest-platform';
import { ApplicationSummaryView } from '../applications/application.view';
import { QueueView } from '../applications/dto/list-applications.query';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { Prisma } from '../generated/prisma/client';
import { ApplicationStatus } from '../generated/prisma/enums';
import { PrismaService } from '../infrastructure/prisma.service';

const OPEN = Prisma.sql`a.status IN ('RECEIVED', 'UNDER_REVIEW')`;
const OPEN_STATUSES: readonly string[] = ['RECEIVED', 'UNDER_REVIEW'];

/**
 * A clock that sets a deadline: running or already breached, except a completion clock while it is
 * stopped (no deadline until it restarts; the case is on hold meanwhile).
 */
const deadlineClock = (c: string) => {
  const k = Prisma.raw(c);
  return Prisma.sql`${k}.status IN ('RUNNING', 'BREACHED')
      AND NOT (${k}.kind = 'COMPLETION' AND EXISTS (
        SELECT 1 FROM clock_stop s WHERE s.application_id = ${k}.application_id AND s.to_date IS NULL))`;
};

/**
 * The nearest deadline of a review, its earliest deadline clock, for a few thousand open cases: one
 * index-only look-up per case (review_clock (application_id, status, due_on)). Closed cases keep their
 * breached clocks for ever, so aggregating every clock instead would grow with the whole history.
 */
const NEXT_DEADLINE_PER_CASE = Prisma.sql`LEFT JOIN LATERAL (
    SELECT min(c.due_on) AS due FROM review_clock c
    WHERE c.application_id = a.id AND ${deadlineClock('c')}
  ) nd ON true`;

const PAGE_COLUMNS = Prisma.sql`a.id, a.reference, a.status, a.team, a.restricted, a.received_on, a.assigned_to, nd.due`;

/**
 * A page of a listing over every case (no view, or a closed status), in queue order without working out
 * every case's nearest deadline: deadline clocks are read in due order (review_clock (due_on, status)),
 * each case at its earliest one, until the page is full; then cases with no deadline, oldest first.
 */
function pageOverEveryCase(where: Prisma.Sql, limit: number): Prisma.Sql {
  return Prisma.sql`
    (SELECT ${PAGE_COLUMNS}
     FROM (SELECT c.id AS clock_id, c.application_id, c.due_on AS due FROM review_clock c
           WHERE ${deadlineClock('c')}) nd
     JOIN review_application a ON a.id = nd.application_id
     WHERE NOT EXISTS (SELECT 1 FROM review_clock e WHERE e.application_id = nd.application_id
                       AND ${deadlineClock('e')}
                       AND (e.due_on < nd.due OR (e.due_on = nd.due AND e.id < nd.clock_id)))
       AND ${where}
     ORDER BY nd.due, a.received_on, a.reference
     LIMIT ${limit})
    UNION ALL
    (SELECT ${PAGE_COLUMNS}
     FROM review_application a CROSS JOIN (SELECT NULL::date AS due) nd
     WHERE NOT EXISTS (SELECT 1 FROM review_clock e WHERE e.application_id = a.id AND ${deadlineClock('e')})
       AND ${where}
     ORDER BY a.received_on, a.reference
     LIMIT ${limit})
    ORDER BY due ASC NULLS LAST, received_on ASC, reference ASC
    LIMIT ${limit}`;
}

interface QueueRow {
  id: string;
  reference: string;
  status: string;
  team: string;
  restricted: boolean;
  received_on: string;
  assigned_to: string | null;
  ack_due: string | null;
  ack_status: string | null;
  next_deadline: string | null;
}

export interface WorkloadRow {
  assignee: string | null;
  open: number;
  overdue: number;
  dueSoon: number;
  onHold: number;
  oldestReceivedOn: string | null;
}

/**
 * Work queues and workload, computed in SQL so they stay fast with many cases: restricted cases of
 * other teams are left out for reviewers, and every queue is sorted by the nearest deadline.
 */
@Injectable()
export class QueuesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly env: ComplaintReviewsEnv,
  ) {}

  async list(
    principal: Principal,
    opts: { view?: QueueView; status?: ApplicationStatus; limit?: number },
  ): Promise<(ApplicationSummaryView & { nextDeadline: string | null })[]> {
    const today = todayInLondon();
    const soon = addCalendarDays(today, this.env.DUE_SOON_DAYS);
    const where: Prisma.Sql[] = [];
    if (!principal.roles.includes(Role.OpccManager))
      where.push(Prisma.sql`(a.restricted = false OR a.team = ${principal.team ?? ''})`);
    if (opts.status) where.push(Prisma.sql`a.status = ${opts.status}::"ApplicationStatus"`);
    else if (opts.view) where.push(OPEN);
    switch (opts.view) {
      case 'unassigned':
        where.push(Prisma.sql`a.assigned_to IS NULL`);
        break;
      case 'mine':
        where.push(Prisma.sql`a.assigned_to = ${principal.subject}`);
        break;
      case 'team':
        where.push(Prisma.sql`a.team = ${principal.team ?? ''}`);
        break;
      case 'on-hold':
        where.push(ON_HOLD);
        break;
      case 'due-soon':
        where.push(Prisma.sql`nd.due BETWEEN ${today}::date AND ${soon}::date`);
        break;
      case 'overdue':
        where.push(Prisma.sql`nd.due < ${today}::date`);
        break;
    }
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
    const openOnly = opts.status ? OPEN_STATUSES.includes(opts.status) : !!opts.view;
    const conditions = where.length ? Prisma.join(where, ' AND ') : Prisma.sql`true`;
    const page = openOnly
      ? Prisma.sql`SELECT ${PAGE_COLUMNS} FROM review_application a ${NEXT_DEADLINE_PER_CASE}
          WHERE ${conditions}
          ORDER BY nd.due ASC NULLS LAST, a.received_on ASC, a.reference ASC LIMIT ${limit}`
      : pageOverEveryCase(conditions, limit);
    // The page is chosen first; the acknowledgement clock is joined to its rows only.
    const rows = await this.read<QueueRow>(Prisma.sql`
      SELECT a.id, a.reference, a.status::text AS status, a.team, a.restricted,
             to_char(a.received_on, 'YYYY-MM-DD') AS received_on, a.assigned_to,
             to_char(ack.due_on, 'YYYY-MM-DD') AS ack_due, ack.status::text AS ack_status,
             to_char(a.due, 'YYYY-MM-DD') AS next_deadline
      FROM (${page}) a
      LEFT JOIN review_clock ack ON ack.application_id = a.id AND ack.kind = 'ACKNOWLEDGEMENT'
      ORDER BY a.due ASC NULLS LAST, a.received_on ASC, a.reference ASC`);
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      team: r.team,
      restricted: r.restricted,
      receivedOn: r.received_on,
      assignedTo: r.assigned_to,
      acknowledgementDueOn: r.ack_due,
      acknowledgementStatus: r.ack_status,
      nextDeadline: r.next_deadline,
    }));
  }

  /**
   * A read with JIT compilation off. PostgreSQL JIT-compiles a query estimated above jit_above_cost,
   * which a look-up per open case crosses with a few thousand of them, and compiling takes longer than
   * running: at 100,000 reviews (4,300 open) the workload took 110-170 ms with JIT and 32-49 ms without
   * (psql), and the on-hold and overdue views were estimated just under the threshold.
   */
  private async read<T>(sql: Prisma.Sql): Promise<T[]> {
    const [, rows] = await this.prisma.$transaction([
      this.prisma.$executeRaw`SET LOCAL jit = off`,
      this.prisma.$queryRaw<T[]>(sql),
    ]);
    return rows;
  }

  /** Open reviews per reviewer (null = unassigned), for the manager. */
  async workload(team?: string): Promise<WorkloadRow[]> {
    const today = todayInLondon();
    const soon = addCalendarDays(today, this.env.DUE_SOON_DAYS);
    const rows = await this.read<{
      assignee: string | null;
      open: number;
      overdue: number;
      due_soon: number;
      on_hold: number;
      oldest: string | null;
    }>(Prisma.sql`
      SELECT a.assigned_to AS assignee,
             count(*)::int AS open,
             (count(*) FILTER (WHERE nd.due < ${today}::date))::int AS overdue,
             (count(*) FILTER (WHERE nd.due BETWEEN ${today}::date AND ${soon}::date))::int AS due_soon,
             (count(*) FILTER (WHERE ${ON_HOLD}))::int AS on_hold,
             to_char(min(a.received_on), 'YYYY-MM-DD') AS oldest
      FROM review_application a
      ${NEXT_DEADLINE_PER_CASE}
      WHERE ${OPEN} ${team ? Prisma.sql`AND a.team = ${team}` : Prisma.empty}
      GROUP BY a.assigned_to
      ORDER BY a.assigned_to NULLS FIRST`);
    return rows.map((r) => ({
      assignee: r.assignee,
      open: r.open,
      overdue: r.overdue,
      dueSoon: r.due_soon,
      onHold: r.on_hold,
      oldestReceivedOn: r.oldest,
    }));
  }
}

/** Waiting on someone else: an extension decision, or information the application is missing. */
const ON_HOLD = Prisma.sql`(a.timeliness = 'OUT_OF_TIME_AWAITING_EXTENSION_DECISION'
  OR (cardinality(a.validity_missing) > 0 AND a.proceed_despite_missing_reason IS NULL)
  OR EXISTS (SELECT 1 FROM clock_stop s WHERE s.application_id = a.id AND s.to_date IS NULL))`;
