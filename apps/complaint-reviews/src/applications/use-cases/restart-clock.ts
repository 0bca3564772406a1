import { Principal } from '@oversight/auth';
import { completionClock, STOP_CLOCK_REASONS } from '@oversight/complaint-review-rules';
import { ConflictError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { completionInstants } from '../../clocks/clock-starter.consumer';
import { logChange } from '../../decision-log/decision-log';
import { assertTransition } from '../case-access';
import { CaseActionContext, Tx, ClockCase, asDate, day } from './case-action.context';

/** Restarts the completion clock; the due date moves by the working days stopped (rules lib). */
export async function restartClock(ctx: CaseActionContext, id: string, principal: Principal) {
  const { result, restart } = await ctx.prisma.$transaction(async (tx) =>
    restartClockInTransaction(ctx, tx, await ctx.load(tx, id, principal, 'RESTART_CLOCK'), principal),
  );
  await ctx.clocks.signalCompletion(id, { restart });
  return result;
}

/**
 * The restart itself, in the caller's transaction (also used when the force's case file arrives).
 * Returns the signal the caller sends to the workflow once it has committed.
 */
export async function restartClockInTransaction(
  ctx: CaseActionContext,
  tx: Tx,
  app: ClockCase,
  principal: Principal,
) {
  const id = app.id;
  assertTransition(app, 'RESTART_CLOCK');
  const open = await tx.clockStop.findFirst({ where: { applicationId: id, toDate: null } });
  if (!open) throw new ConflictError('The completion clock is not stopped');
  const clock = await tx.reviewClock.findUniqueOrThrow({
    where: { applicationId_kind: { applicationId: id, kind: 'COMPLETION' } },
  });
  const today = todayInLondon();
  await tx.clockStop.update({
    where: { id: open.id },
    data: { toDate: asDate(today), restartedBy: principal.subject },
  });
  const stops = await tx.clockStop.findMany({ where: { applicationId: id } });
  const due = completionClock(
    {
      acceptedOn: day(clock.startedAt),
      stops: stops.map((st) => ({
        from: day(st.fromDate),
        to: st.toDate ? day(st.toDate) : today,
        reason: st.reason as (typeof STOP_CLOCK_REASONS)[number],
        note: st.note ?? undefined,
      })),
    },
    ctx.rules,
  );
  await tx.reviewClock.update({ where: { id: clock.id }, data: { dueOn: asDate(due.dueDate) } });
  await logChange(tx, principal, {
    application: app,
    action: 'CLOCK_RESTARTED',
    fromStatus: app.status,
    toStatus: app.status,
    reason: `Due ${due.dueDate} (${due.workingDaysStopped} working days stopped)`,
    effectiveOn: today,
    details: { dueOn: due.dueDate, workingDaysStopped: due.workingDaysStopped },
  });
  return {
    result: { id, clock: 'RUNNING', dueOn: due.dueDate, workingDaysStopped: due.workingDaysStopped },
    restart: completionInstants(due),
  };
}
