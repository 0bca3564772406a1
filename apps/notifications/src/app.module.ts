import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@oversight/nest-platform';
import { NotificationsEnv } from './config/notifications.env';
import { notificationSenderFor } from './delivery/delivery.providers';
import { NOTIFICATION_SENDER } from './delivery/notification.sender';
import { NotificationDispatcher } from './dispatch/notification-dispatcher.service';
import { NotificationRequestedConsumer } from './dispatch/notification-requested.consumer';
import { PrismaService } from './infrastructure/prisma.service';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';

export const CONSUMER_GROUP = 'notifications';

@Module({})
export class AppModule {
  static forRoot(env: NotificationsEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceModule.forService({
          name: 'notifications',
          env: { provide: NotificationsEnv, useValue: env },
          database: PrismaService,
          consumer: { groupId: CONSUMER_GROUP },
          outbox: true,
          temporal: false,
        }),
      ],
      controllers: [NotificationsController, NotificationRequestedConsumer],
      providers: [
        // The delivery adapter: GOV.UK Notify, or the local sink (NOTIFY_* settings).
        { provide: NOTIFICATION_SENDER, useFactory: () => notificationSenderFor(env) },
        NotificationsService,
        NotificationDispatcher,
      ],
    };
  }
}
