import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, Topics } from '@oversight/contracts';
import { ConflictError, NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { HandlerContext, PermanentProcessingError } from '@oversight/messaging';
import { createLogger } from '@oversight/observability';
import { isDisposalType, type OffenceClass } from '@oversight/oocr-rules';
import { isAlreadyStarted } from '@oversight/temporal';
import { Client as TemporalClient } from '@temporalio/client';
import { day } from '../common/dates';
import { OocrSettings } from '../config/oocr-settings';
import { OocrEnv } from '../config/oocr.env';
import { Prisma } from '../generated/prisma/client';
import { CAUTION_WORKFLOW, cautionWorkflowId } from '../workflows/caution.types';
import { cautionWorkflowInput } from './caution-schedule';
import { CautionsService, WorkflowNotRunningError } from './cautions.service';

/**
 * Starts the caution workflow when a disposal with a completion clock is recorded (oocr.disposal-recorded.v1),
 * from the consumer, never inside the HTTP request. Idempotent twice over: the inbox drops a redelivered event,
 * and the workflow id is deterministic. Also takes in providers' evidence of completed conditions.
 */
@Controller()
export class CautionStarterConsumer {
  private readonly log = createLogger('CautionStarterConsumer');

  constructor(
    private readonly env: OocrEnv,
    private readonly settings: OocrSettings,
    private readonly cautions: CautionsService,
    @Inject(TemporalClient) private readonly temporal: TemporalClient,
  ) {}

  @EventPattern(Topics.disposalRecorded.name)
  async onDisposalRecorded(
    @Payload() event: EventOf<typeof Topics.disposalRecorded>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    if (!event.hasCompletionClock) return;
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    const c = await tx.caution.findUnique({
      where: { disposalId: event.disposalId },
      include: {
        disposal: true,
        conditions: { include: { instalments: { orderBy: { number: 'asc' } } }, orderBy: { seq: 'asc' } },
      },
    });
    if (!c || !isDisposalType(c.disposal.disposalType))
      throw new PermanentProcessingError(`no caution ${event.disposalId} to start a workflow for`);
    const input = cautionWorkflowInput(
      {
        cautionId: c.disposalId,
        reference: c.disposal.reference,
        disposalType: c.disposal.disposalType,
        issueDate: day(c.disposal.issueDate),
        completionDueDate: day(c.completionDueDate),
        offenceClass: c.disposal.offenceClass as OffenceClass,
        offenceDate: day(c.disposal.offenceDate),
        conditions: c.conditions.map((x) => ({
          id: x.id,
          dueDate: day(x.dueDate),
          instalments: x.instalments.map((i) => ({ number: i.number, dueDate: day(i.dueDate) })),
        })),
        correlationId: event.metadata.correlationId,
      },
      this.settings.rules,
      this.settings.reminderDaysBefore,
    );
    if (input.timeLimit)
      await tx.caution.update({
        where: { disposalId: c.disposalId },
        data: { lastDateToLay: new Date(`${input.timeLimit.lastDateToLay}T00:00:00Z`) },
      });
    try {
      await this.temporal.workflow.start(CAUTION_WORKFLOW, {
        workflowId: cautionWorkflowId(c.disposalId),
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [input],
        memo: { correlationId: event.metadata.correlationId, reference: c.disposal.reference },
      });
      this.log.info({ cautionId: c.disposalId, items: input.items.length }, 'caution workflow started');
    } catch (err) {
      if (!isAlreadyStarted(err)) throw err;
    }
  }

  @EventPattern(Topics.conditionEvidenceReported.name)
  async onEvidenceReported(
    @Payload() event: EventOf<typeof Topics.conditionEvidenceReported>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    try {
      await this.cautions.recordProviderEvidence(tx, {
        evidenceId: event.metadata.eventId,
        cautionReference: event.cautionReference,
        conditionId: event.conditionId,
        instalmentNumber: event.instalmentNumber || null,
        provider: event.provider,
        reference: event.evidenceReference,
        completedOn: event.completedOn,
        description: event.description || undefined,
        recordedBy: event.metadata.actor?.subject ?? event.provider,
        correlationId: event.metadata.correlationId,
      });
    } catch (err) {
      // Already recorded (the provider sent it twice): nothing to do. Checked before anything is written.
      if (err instanceof WorkflowNotRunningError) throw new Error(err.message); // not started yet: retried, then parked
      if (err instanceof ConflictError)
        return void this.log.warn(
          { conditionId: event.conditionId, reason: err.message },
          'provider evidence ignored',
        );
      if (err instanceof RuleViolationError || err instanceof NotFoundError)
        throw new PermanentProcessingError(err.message);
      throw err;
    }
  }
}
