import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, NotificationStatus, Topics } from '@oversight/contracts';
import { HandlerContext } from '@oversight/messaging';
import { Prisma } from '../generated/prisma/client';
import { REQUESTED_BY_SERVICE } from './letter-request';

/**
 * Records our letters as sent (with the date sent, which starts any next clock) or failed, from the
 * notifications service's outcome events. Other services' notifications are ignored. Idempotent: the
 * inbox drops redeliveries, and only a REQUESTED letter is updated.
 */
@Controller()
export class NotificationDispatchedConsumer {
  @EventPattern(Topics.notificationDispatched.name)
  async onDispatched(
    @Payload() event: EventOf<typeof Topics.notificationDispatched>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    if (event.requestedByService !== REQUESTED_BY_SERVICE) return;
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    const sent = event.status === NotificationStatus.SENT;
    await tx.letter.updateMany({
      where: { id: event.notificationId, status: 'REQUESTED' },
      data: sent
        ? { status: 'SENT', sentOn: new Date(`${event.sentOn}T00:00:00Z`) }
        : { status: 'FAILED', failureReason: event.failureReason.slice(0, 500) },
    });
  }
}
