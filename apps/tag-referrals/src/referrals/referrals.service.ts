import { Inject, Injectable } from '@nestjs/common';
import { Client as TemporalClient } from '@temporalio/client';
import { TagSettings } from '../config/tag-settings';
import { PrismaService } from '../infrastructure/prisma.service';
import { allocateTag } from './use-cases/allocate-tag';
import { createReferral } from './use-cases/create-referral';
import { extendEpisode } from './use-cases/extend-episode';
import { fitTag } from './use-cases/fit-tag';
import { getReferral } from './use-cases/get-referral';
import { listReferrals } from './use-cases/list-referrals';
import { provideInformation } from './use-cases/provide-information';
import { recordConsent } from './use-cases/record-consent';
import { ReferralContext } from './use-cases/referral.context';
import { removeTag } from './use-cases/remove-tag';
import { triageReferral } from './use-cases/triage-referral';
import { withdrawReferral } from './use-cases/withdraw-referral';

export { DECISION_TEMPLATE, MORE_INFO_TEMPLATE } from './use-cases/referral.context';

/** A use case's parameters after the context it is given. */
type Rest<F> = F extends (ctx: ReferralContext, ...rest: infer R) => unknown ? R : never;

/**
 * Voluntary Buddi tag referrals, from a partner's referral to removal (issue 11 §1–5), one use case per file in
 * ./use-cases: intake, triage with a decision log, consent, allocation from a pool that can never be
 * over-allocated, fitting, extension, withdrawal and removal. Every change commits with its outbox event; the
 * episode workflow is started by a consumer. This class only gives the controller one injectable entry point.
 */
@Injectable()
export class ReferralsService {
  private readonly ctx: ReferralContext;

  constructor(
    prisma: PrismaService,
    settings: TagSettings,
    @Inject(TemporalClient) temporal: TemporalClient,
  ) {
    this.ctx = new ReferralContext(prisma, settings, temporal);
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
  triage(...args: Rest<typeof triageReferral>) {
    return triageReferral(this.ctx, ...args);
  }
  provideInformation(...args: Rest<typeof provideInformation>) {
    return provideInformation(this.ctx, ...args);
  }
  recordConsent(...args: Rest<typeof recordConsent>) {
    return recordConsent(this.ctx, ...args);
  }
  withdraw(...args: Rest<typeof withdrawReferral>) {
    return withdrawReferral(this.ctx, ...args);
  }
  allocate(...args: Rest<typeof allocateTag>) {
    return allocateTag(this.ctx, ...args);
  }
  fit(...args: Rest<typeof fitTag>) {
    return fitTag(this.ctx, ...args);
  }
  extend(...args: Rest<typeof extendEpisode>) {
    return extendEpisode(this.ctx, ...args);
  }
  remove(...args: Rest<typeof removeTag>) {
    return removeTag(this.ctx, ...args);
  }
}
