import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, Topics } from '@oversight/contracts';
import { HandlerContext } from '@oversight/messaging';
import { createLogger } from '@oversight/observability';
import { DisposalsService } from '../disposals/disposals.service';
import { Prisma } from '../generated/prisma/client';
import { fieldAppInput } from './field-app.mapper';

/**
 * Takes in community resolutions issued in the field app (oocr.community-resolution-issued.v1): the record and its
 * review queue entry, in the inbox transaction. Rule problems do not stop it (the resolution was given at the
 * scene): they are stored with the record and shown in the review queue for CJ Operations to refer back.
 */
@Controller()
export class FieldAppConsumer {
  private readonly log = createLogger('FieldAppConsumer');

  constructor(private readonly disposals: DisposalsService) {}

  @EventPattern(Topics.communityResolutionIssued.name)
  async onCommunityResolutionIssued(
    @Payload() event: EventOf<typeof Topics.communityResolutionIssued>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    // The app may send the same resolution again under a new event id (e.g. after losing the acknowledgement).
    if (await tx.disposal.findUnique({ where: { id: event.resolutionId }, select: { id: true } })) return;
    const { input, issues } = fieldAppInput(event);
    const actor = event.metadata.actor!;
    const validation = this.disposals.validate(input, input.issuingOfficer.id);
    validation.violations.unshift(...issues);
    const reference = await this.disposals.store(tx, input, validation, {
      id: event.resolutionId,
      source: 'FIELD_APP',
      createdBy: actor.subject,
      actor: { subject: actor.subject, kind: actor.kind, roles: actor.roles, team: actor.team || undefined },
      correlationId: event.metadata.correlationId,
    });
    this.log.info(
      { disposalId: event.resolutionId, reference, issues: validation.violations.length },
      'community resolution taken in from the field app',
    );
  }
}
