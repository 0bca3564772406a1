import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@oversight/nest-platform';
import { AuditEnv } from './config/audit.env';
import { PrismaService } from './infrastructure/prisma.service';
import { AuditEventConsumer } from './trail/audit-event.consumer';
import { AuditController } from './trail/audit.controller';
import { AuditTrailService } from './trail/audit-trail.service';

export const CONSUMER_GROUP = 'audit';

@Module({})
export class AppModule {
  static forRoot(env: AuditEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceModule.forService({
          name: 'audit',
          env: { provide: AuditEnv, useValue: env },
          database: PrismaService,
          consumer: { groupId: CONSUMER_GROUP },
          outbox: false, // the trail is the end of the line: it records events and publishes none
          temporal: false,
        }),
      ],
      controllers: [AuditController],
      providers: [AuditTrailService, AuditEventConsumer],
    };
  }
}
