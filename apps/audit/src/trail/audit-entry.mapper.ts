import { EventOf, Processing, timestampDate, TopicDefinition, Topics } from '@oversight/contracts';
import { ChainedFields } from './hash-chain';

type AnyEvent = EventOf<TopicDefinition>;

/** Per-topic facts the envelope does not carry: which record, whose data, who received it. */
const SPECIFIC: Record<string, (e: AnyEvent) => Partial<ChainedFields>> = {
  [Topics.reviewApplicationReceived.name]: (e) => {
    const ev = e as EventOf<typeof Topics.reviewApplicationReceived>;
    return {
      recordType: 'complaint-review',
      recordId: ev.applicationId,
      dataSubjectId: ev.complainantPersonId || null,
    };
  },
  [Topics.reviewStatusChanged.name]: (e) => {
    const ev = e as EventOf<typeof Topics.reviewStatusChanged>;
    return {
      recordType: 'complaint-review',
      recordId: ev.applicationId,
      dataSubjectId: ev.complainantPersonId || null,
    };
  },
  [Topics.reviewDecided.name]: (e) => {
    const ev = e as EventOf<typeof Topics.reviewDecided>;
    return {
      recordType: 'complaint-review',
      recordId: ev.applicationId,
      dataSubjectId: ev.complainantPersonId || null,
    };
  },
  // Disclosure to the force: the request names the review to the appropriate authority (domain.md 1.4.2).
  [Topics.caseFileRequested.name]: (e) => {
    const ev = e as EventOf<typeof Topics.caseFileRequested>;
    return {
      recordType: 'complaint-review',
      recordId: ev.applicationId,
      dataSubjectId: ev.complainantPersonId || null,
      recipient: ev.appropriateAuthority || null,
    };
  },
  // Sent by the force PSD's system; the review it names may be unknown (the consumer parks that case).
  [Topics.caseFileProvided.name]: (e) => {
    const ev = e as EventOf<typeof Topics.caseFileProvided>;
    return { recordType: 'complaint-review', recordId: ev.applicationId || ev.metadata.aggregateId };
  },
  [Topics.notificationRequested.name]: (e) => {
    const ev = e as EventOf<typeof Topics.notificationRequested>;
    return {
      recordType: 'notification',
      recordId: ev.notificationId,
      dataSubjectId: ev.dataSubjectId || null,
    };
  },
  [Topics.notificationDispatched.name]: (e) => {
    const ev = e as EventOf<typeof Topics.notificationDispatched>;
    return {
      recordType: 'notification',
      recordId: ev.notificationId,
      dataSubjectId: ev.dataSubjectId || null,
      recipient: ev.recipientSummary || null,
      allowed: ev.status === 1,
    };
  },
  [Topics.communityResolutionIssued.name]: (e) => {
    const ev = e as EventOf<typeof Topics.communityResolutionIssued>;
    return { recordType: 'oocr-disposal', recordId: ev.resolutionId };
  },
  [Topics.disposalRecorded.name]: (e) => {
    const ev = e as EventOf<typeof Topics.disposalRecorded>;
    return {
      recordType: 'oocr-disposal',
      recordId: ev.disposalId,
      dataSubjectId: ev.offenderPersonId || null,
    };
  },
  [Topics.cautionUpdated.name]: (e) => {
    const ev = e as EventOf<typeof Topics.cautionUpdated>;
    return {
      recordType: 'oocr-disposal',
      recordId: ev.cautionId,
      dataSubjectId: ev.offenderPersonId || null,
    };
  },
  [Topics.resolutionReviewed.name]: (e) => {
    const ev = e as EventOf<typeof Topics.resolutionReviewed>;
    return {
      recordType: 'oocr-disposal',
      recordId: ev.disposalId,
      dataSubjectId: ev.offenderPersonId || null,
    };
  },
  [Topics.accessRecorded.name]: (e) => {
    const ev = e as EventOf<typeof Topics.accessRecorded>;
    return {
      recordType: ev.recordType,
      recordId: ev.recordId,
      recipient: ev.recipient || null,
      allowed: ev.allowed,
    };
  },
};

/** Turns any domain event into an audit entry; topics without a specific rule use the envelope. */
export function toAuditFields(topicName: string, event: AnyEvent, id: string): ChainedFields {
  const m = event.metadata;
  const base: ChainedFields = {
    id,
    sourceEventId: m.eventId,
    occurredAt: m.occurredAt ? timestampDate(m.occurredAt) : new Date(),
    processing: Processing[m.processing] ?? 'UNSPECIFIED',
    actorSubject: m.actor?.subject ?? 'unknown',
    actorRoles: m.actor?.roles ?? [],
    actorTeam: m.actor?.team || null,
    recordType: m.aggregateType,
    recordId: m.aggregateId,
    dataSubjectId: null,
    justification: m.justification || null,
    recipient: null,
    eventType: m.eventType,
    correlationId: m.correlationId,
    allowed: true,
  };
  return { ...base, ...(SPECIFIC[topicName]?.(event) ?? {}) };
}
