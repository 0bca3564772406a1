import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@oversight/nest-platform';
import { AuditEnv } from './config/audit.env';
import { AuditDatabase } from './infrastructure/audit-database';
import { PrismaService } from './infrastructure/prisma.service';
import { AuditEventConsumer } from './trail/audit-event.consumer';
import { AuditController } from './trail/audit.controller';
import { AuditTrailService } from './trail/audit-trail.service';

export const CONSUMER_GROUP = 'audit';
/** Connections of the audit API's reads (searches and verifications are few; the consumer's pool is DATABASE_POOL_SIZE). */
const AUDIT_READ_POOL_SIZE = 3;

@Module({})
export class AppModule {
  static forRoot(env: AuditEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceModule.forService({
          name: 'audit',
          env: { provide: AuditEnv, useValue: env },
          database: AuditDatabase, // the consumer's: plain SQL over pg
          consumer: { groupId: CONSUMER_GROUP },
          outbox: false, // the trail is the end of the line: it records events and publishes none
          temporal: false,
        }),
      ],
      controllers: [AuditController],
      providers: [
        // The audit API's reads (search, chain verification): a small pool of their own.
        {
          provide: PrismaService,
          useFactory: () => new PrismaService(env.DATABASE_URL, AUDIT_READ_POOL_SIZE),
        },
        AuditTrailService,
        AuditEventConsumer,
      ],
    };
  }
}
