import { Principal } from '@oversight/auth';
import {
  type CaseStanding,
  type ReviewAction,
  type ReviewRulesConfig,
  type ValidityItem,
} from '@oversight/complaint-review-rules';
import { RuleViolationError } from '@oversight/domain-errors';
import { reviewRulesSettings } from '../../assessment/review-rules.settings';
import { ClocksService } from '../../clocks/clocks.service';
import { ComplaintReviewsEnv } from '../../config/complaint-reviews.env';
import { LoggedChange } from '../../decision-log/decision-log';
import { Prisma } from '../../generated/prisma/client';
import { ApplicationStatus } from '../../generated/prisma/enums';
import { PrismaService } from '../../infrastructure/prisma.service';
import { LetterRecipient } from '../../letters/letter-request';
import { ApplicationsService } from '../applications.service';
import { loadCaseForUpdate, LoadedCase, updateCase } from '../case-access';

export type Tx = Prisma.TransactionClient;
/** What the clock stop and restart need of a case (loaded locked by the caller). */
export type ClockCase = LoggedChange['application'] & {
  status: ApplicationStatus;
  eligibilityRoute: string | null;
};
export const asDate = (s: string) => new Date(`${s}T00:00:00Z`);
export const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * What every case action (one per file in this folder) needs: the services, the configured rules, and
 * the helpers they share (load a case locked and visible, update it, date checks, letter recipient).
 */
export class CaseActionContext {
  readonly rules: ReviewRulesConfig;

  constructor(
    readonly prisma: PrismaService,
    readonly applications: ApplicationsService,
    readonly env: ComplaintReviewsEnv,
    readonly clocks: ClocksService,
  ) {
    this.rules = reviewRulesSettings(env);
  }

  /** What the case-readiness rules need to know about a case. */
  async standing(tx: Tx, app: LoadedCase): Promise<CaseStanding> {
    const asked = await tx.decisionLogEntry.findFirst({
      where: { applicationId: app.id, action: 'INFORMATION_REQUESTED' },
      select: { id: true, details: true },
    });
    const replyBy = (asked?.details as { respondBy?: unknown } | null)?.respondBy;
    return {
      eligibilityRoute: app.eligibilityRoute as CaseStanding['eligibilityRoute'],
      reviewBody: (app.reviewBody as CaseStanding['reviewBody']) ?? null,
      validityMissing: app.validityMissing as ValidityItem[],
      proceedDespiteMissingReason: app.proceedDespiteMissingReason,
      informationRequested: !!asked,
      informationReplyDueOn: typeof replyBy === 'string' ? replyBy : null,
      awaitingExtensionDecision: app.timeliness === 'OUT_OF_TIME_AWAITING_EXTENSION_DECISION',
    };
  }

  load(tx: Tx, id: string, principal: Principal, action: ReviewAction) {
    return loadCaseForUpdate(tx, this.applications, id, principal, action);
  }

  update(tx: Tx, app: { id: string }, data: Prisma.ReviewApplicationUncheckedUpdateInput) {
    return updateCase(tx, app, data);
  }

  notFuture(field: string, value: string, today: string, notBefore: string): void {
    if (value > today)
      throw new RuleViolationError([
        { rule: 'DATE_IN_FUTURE', field, message: `${field} (${value}) cannot be in the future` },
      ]);
    if (value < notBefore)
      throw new RuleViolationError([
        { rule: 'DATE_ORDER', field, message: `${field} (${value}) cannot be before ${notBefore}` },
      ]);
  }

  /** Letters go to the representative when there is one (they act for the complainant, 1.1.4). */
  complainantRecipient(app: {
    complainant: {
      fullName: string;
      email: string | null;
      postalAddress: string | null;
      contactPreference: 'EMAIL' | 'POST' | 'PHONE';
      language: 'ENGLISH' | 'WELSH';
    };
    representative: {
      fullName: string;
      email: string | null;
      postalAddress: string | null;
      contactPreference: 'EMAIL' | 'POST' | 'PHONE';
      language: 'ENGLISH' | 'WELSH';
    } | null;
  }): LetterRecipient {
    const p = app.representative ?? app.complainant;
    return {
      kind: 'COMPLAINANT',
      name: p.fullName,
      email: p.email,
      postalAddress: p.postalAddress,
      contactPreference: p.contactPreference,
      language: p.language,
    };
  }
}

/** Closing a case without a decision ends its clocks: they are recorded CANCELLED, never breached. */
export async function cancelClocks(tx: Tx, applicationId: string): Promise<void> {
  await tx.reviewClock.updateMany({
    where: { applicationId, status: 'RUNNING' },
    data: { status: 'CANCELLED' },
  });
}
