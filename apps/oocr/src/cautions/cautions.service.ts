import { Inject, Injectable } from '@nestjs/common';
import { Client as TemporalClient } from '@temporalio/client';
import { OocrSettings } from '../config/oocr-settings';
import { PrismaService } from '../infrastructure/prisma.service';
import { list, workflowState } from './use-cases/read-cautions';
import { recordEvidence, recordProviderEvidence } from './use-cases/record-evidence';
import { extend } from './use-cases/extend-completion';
import { vary } from './use-cases/vary-conditions';
import { assessBreach } from './use-cases/assess-breach';
import { decideBreach } from './use-cases/decide-breach';
import { proceedingsStarted } from './use-cases/record-proceedings-started';
import { CautionContext } from './use-cases/caution.context';

export { WorkflowNotRunningError, type EvidenceFromProvider } from './use-cases/caution.context';

/** A use case's parameters after the context it is given. */
type Rest<F> = F extends (ctx: CautionContext, ...rest: infer R) => unknown ? R : never;

/**
 * What staff (and providers) do to a running conditional caution. Each change is validated against the rules and
 * the stored state, written with its event, and signalled to the caution's workflow in one transaction: the signal
 * is the last step before the commit, so a failed signal leaves nothing behind. The workflow then writes the
 * resulting state (condition and caution statuses) back through its activities.
 *
 * One use case per file in ./use-cases; this class only gives the controller and the consumers one injectable
 * entry point.
 */
@Injectable()
export class CautionsService {
  private readonly ctx: CautionContext;

  constructor(
    prisma: PrismaService,
    settings: OocrSettings,
    @Inject(TemporalClient) temporal: TemporalClient,
  ) {
    this.ctx = new CautionContext(prisma, settings, temporal);
  }

  list(...args: Rest<typeof list>) {
    return list(this.ctx, ...args);
  }

  /** The workflow's own view (live from Temporal): what the database shows plus timers, reminders and rejected signals. */
  workflowState(...args: Rest<typeof workflowState>) {
    return workflowState(this.ctx, ...args);
  }

  recordEvidence(...args: Rest<typeof recordEvidence>) {
    return recordEvidence(this.ctx, ...args);
  }

  /** From a provider's event (in the consumer's inbox transaction). */
  recordProviderEvidence(...args: Rest<typeof recordProviderEvidence>) {
    return recordProviderEvidence(this.ctx, ...args);
  }

  extend(...args: Rest<typeof extend>) {
    return extend(this.ctx, ...args);
  }

  vary(...args: Rest<typeof vary>) {
    return vary(this.ctx, ...args);
  }

  assessBreach(...args: Rest<typeof assessBreach>) {
    return assessBreach(this.ctx, ...args);
  }

  /** The decision after a breach (domain.md 2.1.11, 2.1.12, 2.6.6), validated by validateBreachDecision. */
  decideBreach(...args: Rest<typeof decideBreach>) {
    return decideBreach(this.ctx, ...args);
  }

  proceedingsStarted(...args: Rest<typeof proceedingsStarted>) {
    return proceedingsStarted(this.ctx, ...args);
  }
}
