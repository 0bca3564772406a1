import { ApplicationChannel, Processing } from './index';
import { buildEvent, decodeEvent, encodeEvent, InvalidEventError } from './event-codec';
import { Topics } from './topic.catalog';

const meta = {
  aggregateId: '7d3c1f8e-2a4b-4c6d-8e9f-0a1b2c3d4e5f',
  actor: { subject: 'user-1', roles: ['OPCC_REVIEWER'] },
  correlationId: 'corr-1',
  processing: Processing.COLLECTION,
};

function sample() {
  return buildEvent(Topics.reviewApplicationReceived, meta, {
    applicationId: meta.aggregateId,
    reference: 'CR-2026-000001',
    channel: ApplicationChannel.EMAIL,
    receivedOn: '2026-04-10',
  });
}

describe('event codec', () => {
  it('round-trips an event through its JSON wire form', () => {
    const event = sample();
    const decoded = decodeEvent(
      Topics.reviewApplicationReceived,
      encodeEvent(Topics.reviewApplicationReceived, event),
    );
    expect(decoded.reference).toBe('CR-2026-000001');
    expect(decoded.metadata.eventType).toBe('complaints.review-application-received');
    expect(decoded.metadata.schemaVersion).toBe(1);
    expect(decoded.metadata.eventId).toBe(event.metadata.eventId);
  });

  it.each([
    ['wrong type', (o: any) => ({ ...o, reference: 42 }), /malformed/],
    [
      'event id not a UUID',
      (o: any) => ({ ...o, metadata: { ...o.metadata, eventId: 'x' } }),
      /eventId must be a UUID/,
    ],
    [
      'wrong event type',
      (o: any) => ({ ...o, metadata: { ...o.metadata, eventType: 'other' } }),
      /eventType must be/,
    ],
    [
      'missing correlation id',
      (o: any) => ({ ...o, metadata: { ...o.metadata, correlationId: '' } }),
      /correlationId/,
    ],
    ['missing metadata', (o: any) => ({ ...o, metadata: undefined }), /metadata is missing/],
  ])('rejects a message with %s as permanently invalid', (_name, mutate, message) => {
    const json = JSON.parse(encodeEvent(Topics.reviewApplicationReceived, sample()));
    const bad = JSON.stringify(mutate(json));
    expect(() => decodeEvent(Topics.reviewApplicationReceived, bad)).toThrow(InvalidEventError);
    expect(() => decodeEvent(Topics.reviewApplicationReceived, bad)).toThrow(message);
  });

  it('reads a message from a newer producer whose contract added fields (rolling upgrade)', () => {
    const event = sample();
    const json = JSON.parse(encodeEvent(Topics.reviewApplicationReceived, event));
    const newer = JSON.stringify({
      ...json,
      addedInALaterVersion: 'ignored',
      metadata: { ...json.metadata, tenant: { force: 'a later envelope field' } },
    });
    const decoded = decodeEvent(Topics.reviewApplicationReceived, newer);
    expect(decoded.reference).toBe('CR-2026-000001');
    expect(decoded.metadata.eventId).toBe(event.metadata.eventId);
  });

  it('still refuses a known field with the wrong type next to an unknown one', () => {
    const json = JSON.parse(encodeEvent(Topics.reviewApplicationReceived, sample()));
    const bad = JSON.stringify({ ...json, addedInALaterVersion: 1, reference: 42 });
    expect(() => decodeEvent(Topics.reviewApplicationReceived, bad)).toThrow(/malformed/);
  });

  it('reads an unknown processing name as unset and refuses it', () => {
    const json = JSON.parse(encodeEvent(Topics.reviewApplicationReceived, sample()));
    const bad = JSON.stringify({
      ...json,
      metadata: { ...json.metadata, processing: 'PROCESSING_TELEPATHY' },
    });
    expect(() => decodeEvent(Topics.reviewApplicationReceived, bad)).toThrow(/processing must be set/);
  });

  it('rejects an empty message', () => {
    expect(() => decodeEvent(Topics.accessRecorded, null)).toThrow(InvalidEventError);
  });

  it('names every topic <domain>.<event>.v<N>', () => {
    for (const t of Object.values(Topics)) expect(t.name).toMatch(/^[a-z]+\.[a-z-]+\.v\d+$/);
  });
});
