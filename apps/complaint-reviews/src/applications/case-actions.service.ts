import { Injectable } from '@nestjs/common';
import { ClocksService } from '../clocks/clocks.service';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { ApplicationsService } from './applications.service';
import { decideExtension } from './use-cases/decide-extension';
import { assessReviewBody } from './use-cases/assess-review-body';
import { withdraw } from './use-cases/withdraw';
import { decide } from './use-cases/record-decision';
import { recordDecisionNotToAct } from './use-cases/record-decision-not-to-act';
import { close } from './use-cases/close-case';
import { requestInformation } from './use-cases/request-information';
import { informationReceived } from './use-cases/record-information-received';
import { proceedDespiteMissing } from './use-cases/proceed-despite-missing';
import { stopClock, stopClockInTransaction } from './use-cases/stop-clock';
import { restartClock, restartClockInTransaction } from './use-cases/restart-clock';
import { recordForceResponse } from './use-cases/record-force-response';
import { requestAcknowledgement } from './use-cases/request-acknowledgement';
import { assign, assignMany } from './use-cases/assign';
import { CaseActionContext } from './use-cases/case-action.context';

export type { ClockCase } from './use-cases/case-action.context';

/** A use case's parameters after the context it is given. */
type Rest<F> = F extends (ctx: CaseActionContext, ...rest: infer R) => unknown ? R : never;

/**
 * What reviewers do to a case after intake, one use case per file in ./use-cases. Each action checks
 * the case can take it, then writes the change, its decision-log row, its event and any letter in one
 * transaction: a refused action writes nothing. This class only gives the controllers and the other
 * services one injectable entry point.
 */
@Injectable()
export class CaseActionsService {
  private readonly ctx: CaseActionContext;

  constructor(
    prisma: PrismaService,
    applications: ApplicationsService,
    env: ComplaintReviewsEnv,
    clocks: ClocksService,
  ) {
    this.ctx = new CaseActionContext(prisma, applications, env, clocks);
  }

  /** A person's decision on a late application (domain.md 1.2.5, 1.5.3); refusing closes the case. */
  decideExtension(...args: Rest<typeof decideExtension>) {
    return decideExtension(this.ctx, ...args);
  }

  /**
   * The relevant-review-body checklist (1.3.1, 1.3.2). Any yes: the IOPC reviews, so the application is
   * forwarded, the applicant is told by letter (1.2.4) and the case closes as passed to the IOPC.
   */
  assessReviewBody(...args: Rest<typeof assessReviewBody>) {
    return assessReviewBody(this.ctx, ...args);
  }

  withdraw(...args: Rest<typeof withdraw>) {
    return withdraw(this.ctx, ...args);
  }

  /** The review's outcome (1.1.6) with recommendations (1.4.3) and both outcome letters. */
  decide(...args: Rest<typeof decide>) {
    return decide(this.ctx, ...args);
  }

  /**
   * Records a decision not to act (what was considered, why not): the decision log keeps every
   * decision, including those that change nothing else. Allowed at any stage, closed cases included.
   */
  recordDecisionNotToAct(...args: Rest<typeof recordDecisionNotToAct>) {
    return recordDecisionNotToAct(this.ctx, ...args);
  }

  /**
   * Closes a case without a review decision, where the record supports the reason (case-readiness
   * rule): not eligible, the 2012 appeal route, or information still missing after asking for it. The
   * applicant is told why by letter; the case's clocks end.
   */
  close(...args: Rest<typeof close>) {
    return close(this.ctx, ...args);
  }

  /**
   * Asks the applicant for the missing validity items (1.2.6 [U]) by letter; the response period is
   * its own clock, started by the consumer from the logged change. One request per review.
   */
  requestInformation(...args: Rest<typeof requestInformation>) {
    return requestInformation(this.ctx, ...args);
  }

  /** Records what the applicant supplied, assesses the intake again, and meets the information clock. */
  informationReceived(...args: Rest<typeof informationReceived>) {
    return informationReceived(this.ctx, ...args);
  }

  /** Goes on despite missing items with a recorded reason (1.2.6 [U], 1.5.4), via decideToProceed. */
  proceedDespiteMissing(...args: Rest<typeof proceedDespiteMissing>) {
    return proceedDespiteMissing(this.ctx, ...args);
  }

  /** Stops the completion clock from today, with a reason (1.4.7 [S] local standard). */
  stopClock(...args: Rest<typeof stopClock>) {
    return stopClock(this.ctx, ...args);
  }

  /**
   * The stop itself, in the caller's transaction on a case the caller has loaded locked and may see
   * (also used by the case-file request). The caller signals the workflow once it has committed.
   */
  stopClockInTransaction(...args: Rest<typeof stopClockInTransaction>) {
    return stopClockInTransaction(this.ctx, ...args);
  }

  /** Restarts the completion clock; the due date moves by the working days stopped (rules lib). */
  restartClock(...args: Rest<typeof restartClock>) {
    return restartClock(this.ctx, ...args);
  }

  /**
   * The restart itself, in the caller's transaction (also used when the force's case file arrives).
   * Returns the signal the caller sends to the workflow once it has committed.
   */
  restartClockInTransaction(...args: Rest<typeof restartClockInTransaction>) {
    return restartClockInTransaction(this.ctx, ...args);
  }

  /** The force's response to one recommendation (1.4.5 [U]) closes it. */
  recordForceResponse(...args: Rest<typeof recordForceResponse>) {
    return recordForceResponse(this.ctx, ...args);
  }

  /**
   * The acknowledgement letter (once per case), in one transaction with its log entry. Returns false
   * when one was already requested, so a repeated call sends nothing twice.
   */
  requestAcknowledgement(...args: Rest<typeof requestAcknowledgement>) {
    return requestAcknowledgement(this.ctx, ...args);
  }

  /**
   * Claim (no assignee), assign or reassign. Reviewers may claim an unassigned review for themselves;
   * assigning to someone else or taking a review from its assignee is for managers.
   */
  assign(...args: Rest<typeof assign>) {
    return assign(this.ctx, ...args);
  }

  /** Assigns several reviews at once; all or nothing. */
  assignMany(...args: Rest<typeof assignMany>) {
    return assignMany(this.ctx, ...args);
  }
}
