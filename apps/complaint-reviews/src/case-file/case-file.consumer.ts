import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, Topics } from '@oversight/contracts';
import { HandlerContext } from '@oversight/messaging';
import { Prisma } from '../generated/prisma/client';
import { CaseFileService } from './case-file.service';

/**
 * The case-file events complaint-reviews consumes, each in its inbox transaction (a redelivered event
 * has no second effect): its own request (starts the request's clock), the PSD's answer (records the
 * file), and reviews closing (cancel an outstanding request).
 */
@Controller()
export class CaseFileConsumer {
  constructor(private readonly caseFiles: CaseFileService) {}

  @EventPattern(Topics.caseFileRequested.name)
  async onRequested(
    @Payload() event: EventOf<typeof Topics.caseFileRequested>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.caseFiles.startClock(ctx.tx as unknown as Prisma.TransactionClient, event);
  }

  @EventPattern(Topics.caseFileProvided.name)
  async onProvided(
    @Payload() event: EventOf<typeof Topics.caseFileProvided>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.caseFiles.receiveFromPsd(ctx.tx as unknown as Prisma.TransactionClient, event);
  }

  /** Runs beside the clock starter's handler of the same topic (Nest calls every handler of an event). */
  @EventPattern(Topics.reviewStatusChanged.name)
  async onStatusChanged(
    @Payload() event: EventOf<typeof Topics.reviewStatusChanged>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.caseFiles.cancelOnClosure(ctx.tx as unknown as Prisma.TransactionClient, event);
  }
}
