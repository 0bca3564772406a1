import { Inject, Injectable } from '@nestjs/common';
import { Client as TemporalClient } from '@temporalio/client';
import { KnifeSwapsEnv } from '../config/knife-swaps.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { createReferral } from './use-cases/create-referral';
import { decideEligibility } from './use-cases/decide-eligibility';
import { getReferral } from './use-cases/get-referral';
import { listReferrals } from './use-cases/list-referrals';
import { recordConsent } from './use-cases/record-consent';
import { recordDiscussion } from './use-cases/record-discussion';
import { recordFollowUp } from './use-cases/record-follow-up';
import { recordSwap } from './use-cases/record-swap';
import { ReferralContext } from './use-cases/referral.context';
import { withdrawReferral } from './use-cases/withdraw-referral';

export { DA_RECORD_TYPE } from './use-cases/get-referral';

/** A use case's parameters after the context it is given. */
type Rest<F> = F extends (ctx: ReferralContext, ...rest: infer R) => unknown ? R : never;

/**
 * SKRS referrals from referral to follow-up (domain.md 3.3, 3.4.4; issue 12 §1–4, 7), one use case per file in
 * ./use-cases. Every change locks the referral row, checks the transition table of @oversight/knife-swap-rules,
 * and writes its event to the outbox in the same transaction; bad input is refused before anything is written.
 * This class only gives the controller one injectable entry point.
 */
@Injectable()
export class ReferralsService {
  private readonly ctx: ReferralContext;

  constructor(prisma: PrismaService, env: KnifeSwapsEnv, @Inject(TemporalClient) temporal: TemporalClient) {
    this.ctx = new ReferralContext(prisma, env, temporal);
  }

  create(...args: Rest<typeof createReferral>) {
    return createReferral(this.ctx, ...args);
  }
  list(...args: Rest<typeof listReferrals>) {
    return listReferrals(this.ctx, ...args);
  }
  get(...args: Rest<typeof getReferral>) {
    return getReferral(this.ctx, ...args);
  }
  recordDiscussion(...args: Rest<typeof recordDiscussion>) {
    return recordDiscussion(this.ctx, ...args);
  }
  decideEligibility(...args: Rest<typeof decideEligibility>) {
    return decideEligibility(this.ctx, ...args);
  }
  recordConsent(...args: Rest<typeof recordConsent>) {
    return recordConsent(this.ctx, ...args);
  }
  withdraw(...args: Rest<typeof withdrawReferral>) {
    return withdrawReferral(this.ctx, ...args);
  }
  recordSwap(...args: Rest<typeof recordSwap>) {
    return recordSwap(this.ctx, ...args);
  }
  recordFollowUp(...args: Rest<typeof recordFollowUp>) {
    return recordFollowUp(this.ctx, ...args);
  }
}
