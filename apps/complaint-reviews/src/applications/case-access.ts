import { AccessDeniedError, Principal, Role } from '@oversight/auth';
import {
  checkMayAct,
  checkReviewTransition,
  reviewState,
  type CaseActor,
  type ReviewAction,
} from '@oversight/complaint-review-rules';
import { ConflictError, NotFoundError } from '@oversight/domain-errors';
import { Prisma } from '../generated/prisma/client';
import { ApplicationStatus } from '../generated/prisma/enums';
import { ApplicationsService } from './applications.service';

type Tx = Prisma.TransactionClient;

/** Statuses in which a review can still be worked. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['RECEIVED', 'UNDER_REVIEW'];

/**
 * Loads a review locked for update (one writer at a time per case) with the people on it, and checks
 * the caller may see it (team, restricted cases), may act on it (checkMayAct: assigned to them, an
 * unassigned case of their team, or a manager) and that its state allows the action (the lifecycle
 * table, REVIEW_TRANSITIONS). Every case action starts here, so these rules are enforced in one place.
 */
export async function loadCaseForUpdate(
  tx: Tx,
  applications: ApplicationsService,
  id: string,
  principal: Principal,
  action: ReviewAction,
) {
  await tx.$queryRaw`SELECT id FROM review_application WHERE id = ${id}::uuid FOR UPDATE`;
  const app = await tx.reviewApplication.findUnique({
    where: { id },
    include: { complainant: true, representative: true, extensionDecision: true },
  });
  if (!app) throw new NotFoundError('Review application', id);
  applications.assertCanSee(app, principal);
  assertMayAct(app, principal, action);
  assertTransition(app, action);
  return app;
}

/** What the ownership rule needs to know of the caller. */
export function caseActor(principal: Principal): CaseActor {
  const role = principal.roles.includes(Role.OpccManager)
    ? 'MANAGER'
    : principal.roles.includes(Role.OpccReviewer)
      ? 'REVIEWER'
      : principal.roles.includes(Role.ReviewApplicant)
        ? 'APPLICANT'
        : 'OTHER';
  return { subject: principal.subject, team: principal.team, role };
}

/** Refuses (403) an action by someone who may read the case but not act on it (checkMayAct). */
export function assertMayAct(
  app: { team: string; assignedTo: string | null; submittedBy: string | null; createdBy: string },
  principal: Principal,
  action: ReviewAction,
): void {
  const refusal = checkMayAct(app, caseActor(principal), action);
  if (refusal) throw new AccessDeniedError(refusal.message);
}

/** Refuses (409, with the rule) an action the case's state does not allow (REVIEW_TRANSITIONS). */
export function assertTransition(
  app: { status: ApplicationStatus; eligibilityRoute: string | null },
  action: ReviewAction,
): void {
  const refusal = checkReviewTransition(reviewState(app.status, app.eligibilityRoute), action);
  if (refusal) throw new ConflictError(`${refusal.message} (rule ${refusal.rule}; ${refusal.code})`);
}

export type LoadedCase = Awaited<ReturnType<typeof loadCaseForUpdate>>;

export function requireOpen(status: ApplicationStatus): void {
  if (!OPEN_STATUSES.includes(status))
    throw new ConflictError(`The review is ${status}; this action needs it to be RECEIVED or UNDER_REVIEW`);
}

/** Every change to a case bumps its version (optimistic readers see it moved). */
export async function updateCase(
  tx: Tx,
  app: { id: string },
  data: Prisma.ReviewApplicationUncheckedUpdateInput,
): Promise<void> {
  await tx.reviewApplication.update({ where: { id: app.id }, data: { ...data, version: { increment: 1 } } });
}
