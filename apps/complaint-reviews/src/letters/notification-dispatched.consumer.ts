import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, NotificationStatus, Topics } from '@oversight/contracts';
import { HandlerContext } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import { CLOCK_STARTING_LETTERS, ReviewClockStarter } from '../clocks/review-clock.starter';
import { Prisma } from '../generated/prisma/client';
import { REQUESTED_BY_SERVICE } from './letter-request';

/**
 * Records our letters as sent (with the date sent) or failed, from the notifications service's
 * outcome events, and starts the clock a letter begins: the applicant's reply to a request for
 * information, the force's response to recommendations, each from the day the letter went. A letter
 * that failed is logged for staff (LETTER_FAILED), who then reach the person another way, and its
 * clock runs from the day of the failure so the case does not stall. Other services' notifications
 * are ignored. Idempotent: the inbox drops redeliveries, and only a REQUESTED letter is updated.
 */
@Controller()
export class NotificationDispatchedConsumer {
  constructor(private readonly clocks: ReviewClockStarter) {}

  @EventPattern(Topics.notificationDispatched.name)
  async onDispatched(
    @Payload() event: EventOf<typeof Topics.notificationDispatched>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    if (event.requestedByService !== REQUESTED_BY_SERVICE) return;
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    const sent = event.status === NotificationStatus.SENT;
    const { count } = await tx.letter.updateMany({
      where: { id: event.notificationId, status: 'REQUESTED' },
      data: sent
        ? { status: 'SENT', sentOn: new Date(`${event.sentOn}T00:00:00Z`) }
        : { status: 'FAILED', failureReason: event.failureReason.slice(0, 500) },
    });
    if (count === 0) return;
    const letter = await tx.letter.findUniqueOrThrow({
      where: { id: event.notificationId },
      select: { applicationId: true, templateKey: true, recipientKind: true },
    });
    const from = sent ? event.sentOn : todayInLondon();
    if (!sent)
      await tx.decisionLogEntry.create({
        data: {
          applicationId: letter.applicationId,
          action: 'LETTER_FAILED',
          actor: REQUESTED_BY_SERVICE,
          reason: `The ${letter.recipientKind.toLowerCase()} letter could not be delivered: contact them another way`,
          details: { templateKey: letter.templateKey, letterId: event.notificationId },
        },
      });
    const kind = CLOCK_STARTING_LETTERS[letter.templateKey as keyof typeof CLOCK_STARTING_LETTERS];
    if (!kind) return;
    const at = { applicationId: letter.applicationId, correlationId: event.metadata?.correlationId ?? '' };
    if (kind === 'INFORMATION_REQUEST')
      await this.clocks.start(tx, at, kind, this.clocks.informationRequestDue(from));
    else if (
      await tx.recommendation.count({
        where: { applicationId: letter.applicationId, status: 'AWAITING_FORCE_RESPONSE' },
      })
    )
      await this.clocks.start(tx, at, kind, this.clocks.recommendationResponseDue(from));
  }
}
