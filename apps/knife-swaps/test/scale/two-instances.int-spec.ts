// Issue 14 §2 on the real local stack: a second knife-swaps API and worker beside the running ones
// (scripts/start-services.sh: API :3106 + worker :4106). Proves that the workers' consumers share the partitions
// of the knife-swaps group, that both workers take tasks from the knife-swaps task queue, and that a SIGKILL of the
// second worker in the middle of a burst of swaps (recorded through both APIs) loses no swap's workflow and
// repeats no effect: every referral event handled once, one running workflow per swap.
import { Topics } from '@oversight/contracts';
import {
  callInstance,
  loadAcrossWorkersKillingOne,
  probeSecondApi,
  tookTasks,
  twoInstanceSuite,
  waitForOwnEventsHandled,
  waitForRunningWorkflows,
  waitForSharedPartitions,
  workflowTaskTakers,
} from '@oversight/testing';
import { CONSUMER_GROUP } from '../../src/app.module';
import { swapWorkflowId } from '../../src/workflows/swap.types';
import { api, consentedReferral, newStore, PRACTITIONER, swapBody, tokenFor } from '../support';

const PORTS = { api: 3206, worker: 4206 };
const TOPIC = Topics.knifeSwapReferralUpdated.name;
jest.setTimeout(480_000);

describe('two instances of knife-swaps (API and worker) on the real stack', () => {
  const suite = twoInstanceSuite('knife-swaps', PORTS);

  it('the second API serves requests and runs no background work', async () => {
    const token = await tokenFor(PRACTITIONER);
    const probe = await probeSecondApi(suite.second.api, '/tasks?assignee=VRU_COORDINATOR', token);
    expect(probe).toEqual({ status: 200, relay: 'no relay' });
  });

  it('the consumers of both workers share the partitions of the knife-swaps group', async () => {
    const group = await waitForSharedPartitions(suite.kafka, CONSUMER_GROUP, TOPIC);
    expect(group.members.length).toBeGreaterThanOrEqual(2);
  });

  it('workers in two processes share the task queue; SIGKILL of one mid-burst loses no swap and repeats no effect', async () => {
    const token = await tokenFor(PRACTITIONER);
    const store = await newStore({ FOUR_PACK: 100 });
    const referrals: string[] = [];
    const swaps: string[] = [];
    const { workflowIds, takersBeforeKill } = await loadAcrossWorkersKillingOne({
      temporal: suite.temporal,
      second: suite.second,
      issue: async (i) => {
        const referral = await consentedReferral();
        referrals.push(referral);
        const path = `/referrals/${referral}/swap`;
        const body = swapBody(store);
        const res =
          i % 2
            ? await callInstance<{ swapId: string }>(suite.second.api, 'POST', path, { token, body })
            : await api('POST', path, { as: PRACTITIONER, body });
        expect([res.status, res.status === 201 ? '' : JSON.stringify(res.body)]).toEqual([201, '']);
        swaps.push(res.body!.swapId);
        return swapWorkflowId(res.body!.swapId);
      },
    });
    expect((await suite.second.worker.exited).signal).toBe('SIGKILL');

    // Every swap's workflow started from its event, once (the id is the swap's), and runs.
    const statuses = await waitForRunningWorkflows(
      suite.temporal,
      workflowIds,
      'a running workflow for every swap',
    );
    expect(statuses).toHaveLength(swaps.length);
    // Every referral event of the burst (discussion, eligibility, consent, swap) handled once by the group.
    const c = await waitForOwnEventsHandled({
      database: 'knife_swaps',
      consumerGroup: CONSUMER_GROUP,
      topic: TOPIC,
      keys: referrals,
    });
    expect(c.published).toBeGreaterThanOrEqual(swaps.length);

    // Both processes took workflow tasks of the burst.
    const all = await workflowTaskTakers(suite.temporal, workflowIds);
    expect(tookTasks(new Set([...takersBeforeKill, ...all]), suite.second.worker.pid)).toBe(true);
    expect([...all].some((who) => !who.startsWith(`${suite.second.worker.pid}@`))).toBe(true);
  });
});
