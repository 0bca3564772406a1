// Issue 14 §2 on the real local stack: a second knife-swaps API and worker beside the running ones
// (scripts/start-services.sh: API :3106 + worker :4106). Proves that the workers' consumers share the partitions
// of the knife-swaps group, that both workers take tasks from the knife-swaps task queue, and that a SIGKILL of the
// second worker in the middle of a burst of swaps (recorded through both APIs) loses no swap's workflow and
// repeats no effect: every referral event handled once, one running workflow per swap.
import { Topics } from '@oversight/contracts';
import { createKafka } from '@oversight/messaging';
import { connectTemporalClient } from '@oversight/temporal';
import {
  callInstance,
  loadAcrossWorkersKillingOne,
  SecondInstance,
  SHARED_KAFKA_BROKERS,
  SHARED_TEMPORAL_ADDRESS,
  startSecondInstance,
  tookTasks,
  waitFor,
  waitForSharedPartitions,
  workflowTaskTakers,
} from '@oversight/testing';
import { Client as TemporalClient } from '@temporalio/client';
import { Kafka } from 'kafkajs';
import { CONSUMER_GROUP } from '../../src/app.module';
import { swapWorkflowId } from '../../src/workflows/swap.types';
import { api, consentedReferral, newStore, PRACTITIONER, query, swapBody, tokenFor } from '../support';

const PORTS = { api: 3206, worker: 4206 };
const TOPIC = Topics.knifeSwapReferralUpdated.name;
jest.setTimeout(480_000);

describe('two instances of knife-swaps (API and worker) on the real stack', () => {
  let second: SecondInstance | undefined;
  let kafka: Kafka;
  let temporal: TemporalClient;

  beforeAll(async () => {
    kafka = createKafka('knife-swaps-scale-it', SHARED_KAFKA_BROKERS);
    temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
    second = await startSecondInstance('knife-swaps', PORTS);
  });

  afterAll(async () => {
    await second?.stop();
    await temporal?.connection.close();
  });

  it('the second API serves requests and runs no background work', async () => {
    const res = await callInstance(second!.api, 'GET', '/tasks?assignee=VRU_COORDINATOR', {
      token: await tokenFor(PRACTITIONER),
    });
    expect(res.status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${PORTS.api}/metrics`)).text();
    expect(metrics).not.toMatch(/^outbox_relay_leader\{relay="knife-swaps"\} 1$/m);
  });

  it('the consumers of both workers share the partitions of the knife-swaps group', async () => {
    const group = await waitForSharedPartitions(kafka, CONSUMER_GROUP, TOPIC);
    expect(group.members.length).toBeGreaterThanOrEqual(2);
  });

  it('workers in two processes share the task queue; SIGKILL of one mid-burst loses no swap and repeats no effect', async () => {
    const token = await tokenFor(PRACTITIONER);
    const store = await newStore({ FOUR_PACK: 100 });
    const referrals: string[] = [];
    const swaps: string[] = [];
    const { workflowIds, takersBeforeKill } = await loadAcrossWorkersKillingOne({
      temporal,
      second: second!,
      issue: async (i) => {
        const referral = await consentedReferral();
        referrals.push(referral);
        const path = `/referrals/${referral}/swap`;
        const body = swapBody(store);
        const res =
          i % 2
            ? await callInstance<{ swapId: string }>(second!.api, 'POST', path, { token, body })
            : await api('POST', path, { as: PRACTITIONER, body });
        expect([res.status, res.status === 201 ? '' : JSON.stringify(res.body)]).toEqual([201, '']);
        swaps.push(res.body!.swapId);
        return swapWorkflowId(res.body!.swapId);
      },
    });
    expect((await second!.worker.exited).signal).toBe('SIGKILL');

    // Every swap's workflow started from its event, once (the id is the swap's), and runs.
    const statuses = await waitFor(
      'a running workflow for every swap',
      () =>
        Promise.all(
          workflowIds.map((id) =>
            temporal.workflow
              .getHandle(id)
              .describe()
              .then((d) => d.status.name)
              .catch(() => 'NOT_STARTED'),
          ),
        ),
      (s) => s.every((x) => x === 'RUNNING'),
      { timeoutMs: 170_000, intervalMs: 2000 },
    );
    expect(statuses).toHaveLength(swaps.length);
    // Every referral event of the burst (discussion, eligibility, consent, swap) handled once by the group.
    const counts = async () =>
      (
        await query<{ published: number; handled: number }>(
          `SELECT count(*)::int AS published, count(i.event_id)::int AS handled
             FROM outbox_message o LEFT JOIN inbox_message i ON i.event_id = o.id AND i.consumer_group = $1
            WHERE o.topic = $2 AND o.message_key = ANY($3::text[])`,
          [CONSUMER_GROUP, TOPIC, referrals],
        )
      )[0];
    const c = await waitFor('every referral event handled', counts, (x) => x.handled === x.published, {
      timeoutMs: 120_000,
      intervalMs: 1000,
    });
    expect(c.published).toBeGreaterThanOrEqual(swaps.length);

    // Both processes took workflow tasks of the burst.
    const all = await workflowTaskTakers(temporal, workflowIds);
    expect(tookTasks(new Set([...takersBeforeKill, ...all]), second!.worker.pid)).toBe(true);
    expect([...all].some((who) => !who.startsWith(`${second!.worker.pid}@`))).toBe(true);
  });
});
