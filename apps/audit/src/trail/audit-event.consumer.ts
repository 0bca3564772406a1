import { Injectable, OnModuleInit } from '@nestjs/common';
import { allTopics, EventOf, TopicDefinition } from '@oversight/contracts';
import { HandlerContext } from '@oversight/messaging';
import { InboxKafkaServer } from '@oversight/nest-platform';
import { toAuditFields } from './audit-entry.mapper';
import { AuditTrailService } from './audit-trail.service';

/**
 * Subscribes the audit trail to every topic in the catalogue: each domain event and each access
 * record becomes one chained entry, written in the same transaction as the inbox row.
 */
@Injectable()
export class AuditEventConsumer implements OnModuleInit {
  constructor(
    private readonly server: InboxKafkaServer,
    private readonly trail: AuditTrailService,
  ) {}

  onModuleInit(): void {
    for (const topic of allTopics) {
      this.server.addHandler(
        topic.name,
        (event: EventOf<TopicDefinition>, ctx: HandlerContext) => this.record(topic.name, event, ctx),
        true,
      );
    }
  }

  async record(topicName: string, event: EventOf<TopicDefinition>, ctx: HandlerContext): Promise<void> {
    const { id: _ignored, ...fields } = toAuditFields(topicName, event, '');
    await this.trail.append(ctx.tx, fields);
  }
}
