import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@oversight/contracts';
import { HandlerContext } from '@oversight/messaging';
import { Prisma } from '../generated/prisma/client';
import { NotificationDispatcher, NotificationRequestedEvent } from './notification-dispatcher.service';

/**
 * The consumer of `platform.notification-requested.v1`. The event arrives decoded and validated;
 * `ctx.tx` is the inbox transaction, so the notification, its outcome and the dispatched event are
 * written in it and a redelivered event has no second effect.
 */
@Controller()
export class NotificationRequestedConsumer {
  constructor(private readonly dispatcher: NotificationDispatcher) {}

  @EventPattern(Topics.notificationRequested.name)
  async onNotificationRequested(
    @Payload() event: NotificationRequestedEvent,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.dispatcher.handle(event, ctx.tx as unknown as Prisma.TransactionClient);
  }
}
