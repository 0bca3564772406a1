import { Principal } from '@oversight/auth';
import { ConflictError, NotFoundError } from '@oversight/domain-errors';
import { Prisma } from '../generated/prisma/client';
import { ApplicationStatus } from '../generated/prisma/enums';
import { ApplicationsService } from './applications.service';

type Tx = Prisma.TransactionClient;

/** Statuses in which a review can still be worked. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['RECEIVED', 'UNDER_REVIEW'];

/**
 * Loads a review locked for update (one writer at a time per case) with the people on it, and checks
 * the caller may see it (team, restricted cases). Every case action starts here.
 */
export async function loadCaseForUpdate(
  tx: Tx,
  applications: ApplicationsService,
  id: string,
  principal: Principal,
) {
  await tx.$queryRaw`SELECT id FROM review_application WHERE id = ${id}::uuid FOR UPDATE`;
  const app = await tx.reviewApplication.findUnique({
    where: { id },
    include: { complainant: true, representative: true, extensionDecision: true },
  });
  if (!app) throw new NotFoundError('Review application', id);
  applications.assertCanSee(app, principal);
  return app;
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
