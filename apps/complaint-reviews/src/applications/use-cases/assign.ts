import { AccessDeniedError, Principal, Role } from '@oversight/auth';
import { RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { logChange } from '../../decision-log/decision-log';
import { CaseActionContext, Tx } from './case-action.context';

/**
 * Claim (no assignee), assign or reassign. Reviewers may claim an unassigned review for themselves;
 * assigning to someone else or taking a review from its assignee is for managers.
 */
export async function assign(
  ctx: CaseActionContext,
  id: string,
  dto: { assignee?: string; reason?: string },
  principal: Principal,
) {
  return ctx.prisma.$transaction(async (tx) => assignOne(ctx, tx, id, dto, principal));
}

/** Assigns several reviews at once; all or nothing. */
export async function assignMany(
  ctx: CaseActionContext,
  ids: string[],
  dto: { assignee: string; reason?: string },
  principal: Principal,
) {
  return ctx.prisma.$transaction(async (tx) => {
    const results = [];
    for (const id of [...new Set(ids)].sort()) results.push(await assignOne(ctx, tx, id, dto, principal));
    return { assigned: results.length, results };
  });
}

export async function assignOne(
  ctx: CaseActionContext,
  tx: Tx,
  id: string,
  dto: { assignee?: string; reason?: string },
  principal: Principal,
) {
  const app = await ctx.load(tx, id, principal, 'ASSIGN');
  const assignee = dto.assignee ?? principal.subject;
  const isManager = principal.roles.includes(Role.OpccManager);
  // A reviewer may claim a free review, and claiming their own again changes nothing.
  if (!isManager && (assignee !== principal.subject || (app.assignedTo && app.assignedTo !== assignee)))
    throw new AccessDeniedError(
      app.assignedTo
        ? `The review is assigned to ${app.assignedTo}; only a manager can reassign it`
        : 'Reviewers can claim a review for themselves; only a manager can assign it to someone else',
    );
  if (app.assignedTo === assignee) return { id, assignedTo: assignee, changed: false };
  const action = !app.assignedTo ? (assignee === principal.subject ? 'CLAIMED' : 'ASSIGNED') : 'REASSIGNED';
  if (action === 'REASSIGNED' && !dto.reason?.trim())
    throw new RuleViolationError([
      { rule: 'REASON_REQUIRED', field: 'reason', message: 'Say why the review is being reassigned' },
    ]);
  await ctx.update(tx, app, { assignedTo: assignee });
  await logChange(tx, principal, {
    application: app,
    action,
    fromStatus: app.status,
    toStatus: app.status,
    reason: dto.reason,
    effectiveOn: todayInLondon(),
    details: { from: app.assignedTo, to: assignee },
  });
  return { id, assignedTo: assignee, changed: true };
}
