import { Principal } from '@oversight/auth';
import { ConflictError, RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { logChange } from '../../decision-log/decision-log';
import { assertTransition } from '../case-access';
import { CaseActionContext, Tx, ClockCase, asDate } from './case-action.context';

/** Stops the completion clock from today, with a reason (1.4.7 [S] local standard). */
export async function stopClock(
  ctx: CaseActionContext,
  id: string,
  dto: { reason: string; note?: string },
  principal: Principal,
) {
  const result = await ctx.prisma.$transaction(async (tx) =>
    stopClockInTransaction(ctx, tx, await ctx.load(tx, id, principal, 'STOP_CLOCK'), dto, principal),
  );
  await ctx.clocks.signalCompletion(id, 'stop');
  return result;
}

/**
 * The stop itself, in the caller's transaction on a case the caller has loaded locked and may see
 * (also used by the case-file request). The caller signals the workflow once it has committed.
 */
export async function stopClockInTransaction(
  ctx: CaseActionContext,
  tx: Tx,
  app: ClockCase,
  dto: { reason: string; note?: string },
  principal: Principal,
) {
  const id = app.id;
  assertTransition(app, 'STOP_CLOCK');
  const clock = await tx.reviewClock.findUnique({
    where: { applicationId_kind: { applicationId: id, kind: 'COMPLETION' } },
  });
  if (!clock || clock.status !== 'RUNNING')
    throw new ConflictError('The completion clock is not running, so it cannot be stopped');
  if (await tx.clockStop.findFirst({ where: { applicationId: id, toDate: null } }))
    throw new ConflictError('The completion clock is already stopped');
  if (dto.reason === 'OTHER' && !dto.note?.trim())
    throw new RuleViolationError([
      {
        rule: 'NOTE_REQUIRED',
        field: 'note',
        message: 'A stop for OTHER reasons needs a note explaining it',
      },
    ]);
  const today = todayInLondon();
  await tx.clockStop.create({
    data: {
      applicationId: id,
      fromDate: asDate(today),
      reason: dto.reason,
      note: dto.note,
      stoppedBy: principal.subject,
    },
  });
  await logChange(tx, principal, {
    application: app,
    action: 'CLOCK_STOPPED',
    fromStatus: app.status,
    toStatus: app.status,
    reason: dto.note ? `${dto.reason}: ${dto.note}` : dto.reason,
    effectiveOn: today,
  });
  return { id, clock: 'STOPPED', from: today };
}
