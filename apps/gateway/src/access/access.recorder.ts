import { Injectable } from '@nestjs/common';
import { Principal } from '@oversight/auth';
import { ActorKind, buildEvent, Processing, Topics } from '@oversight/contracts';
import { appendToOutbox } from '@oversight/messaging';
import { currentCorrelationId } from '@oversight/observability';
import { PrismaService } from '../infrastructure/prisma.service';
import { AccessPolicy } from '../routing/route.table';

export interface AccessAttempt {
  principal: Principal;
  policy: AccessPolicy;
  recordId: string;
  route: string;
  statusCode: number;
  justification?: string;
  recipient?: string;
}

/**
 * Records each read (consultation) or disclosure of personal data, allowed or refused, through the
 * gateway's outbox so that the audit trail receives it even if Kafka is down. The response is only
 * released once this record is committed.
 */
@Injectable()
export class AccessRecorder {
  constructor(private readonly prisma: PrismaService) {}

  async record(a: AccessAttempt): Promise<void> {
    const allowed = a.statusCode < 400;
    const event = buildEvent(
      Topics.accessRecorded,
      {
        aggregateId: a.recordId,
        actor: {
          subject: a.principal.subject,
          kind: ActorKind.USER,
          roles: a.principal.roles,
          team: a.principal.team,
        },
        correlationId: currentCorrelationId(),
        processing: a.policy.processing === 'DISCLOSURE' ? Processing.DISCLOSURE : Processing.CONSULTATION,
        justification: a.justification ?? '',
      },
      {
        recordType: a.policy.recordType,
        recordId: a.recordId,
        route: a.route,
        statusCode: a.statusCode,
        recipient: a.recipient ?? '',
        allowed,
      },
    );
    await this.prisma.$transaction((tx) => appendToOutbox(tx, Topics.accessRecorded, event));
  }
}
