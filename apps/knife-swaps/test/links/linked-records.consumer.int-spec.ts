// The linked-records consumer on the real database: events of one linked record can arrive out of order (two
// topics, redeliveries), and an older one must never overwrite what a newer one said.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { HandlerContext } from '@oversight/messaging';
import { databaseUrl } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../../src/infrastructure/prisma.service';
import { LINK_KINDS, LinkedRecordsConsumer } from '../../src/links/linked-records.consumer';

const prisma = new PrismaService(databaseUrl('knife_swaps'), 2);
afterAll(() => prisma.$disconnect());

const consumer = new LinkedRecordsConsumer();
const at = (iso: string) => ({ occurredAt: timestampFromDate(new Date(iso)) });
const tagUpdated = (reference: string, toStatus: string, action: string, when: string) =>
  ({ reference, toStatus, action, metadata: at(when) }) as never;

async function deliver(handler: (tx: HandlerContext) => Promise<void>) {
  await prisma.$transaction((tx) => handler({ tx } as unknown as HandlerContext));
}

const heard = (reference: string) =>
  prisma.linkedRecord.findUnique({ where: { kind_reference: { kind: LINK_KINDS.tagReferral, reference } } });

describe('linked records heard through events', () => {
  it('keeps the newest status whatever order the events arrive in, and a redelivery changes nothing', async () => {
    const reference = `TAG-TEST-${randomUUID().slice(0, 8)}`;
    await deliver((ctx) =>
      consumer.onTagReferralUpdated(tagUpdated(reference, 'FITTED', 'FITTED', '2026-12-01T10:00:00Z'), ctx),
    );
    // An older event (the acceptance) arrives late: ignored.
    await deliver((ctx) =>
      consumer.onTagReferralUpdated(
        tagUpdated(reference, 'CONSENT_PENDING', 'ACCEPTED', '2026-11-20T10:00:00Z'),
        ctx,
      ),
    );
    expect(await heard(reference)).toMatchObject({ status: 'FITTED', lastChange: 'FITTED' });
    // A newer one moves it on; the same event again leaves it as it is.
    const removed = tagUpdated(reference, 'REMOVED', 'REMOVED', '2026-12-05T10:00:00Z');
    await deliver((ctx) => consumer.onTagReferralUpdated(removed, ctx));
    await deliver((ctx) => consumer.onTagReferralUpdated(removed, ctx));
    expect(await heard(reference)).toMatchObject({
      status: 'REMOVED',
      lastChange: 'REMOVED',
      lastEventAt: new Date('2026-12-05T10:00:00Z'),
    });
  });

  it('ignores an event without a reference', async () => {
    await deliver((ctx) =>
      consumer.onTagReferralUpdated(tagUpdated('', 'FITTED', 'FITTED', '2026-12-01T10:00:00Z'), ctx),
    );
    expect(await prisma.linkedRecord.count({ where: { reference: '' } })).toBe(0);
  });
});
