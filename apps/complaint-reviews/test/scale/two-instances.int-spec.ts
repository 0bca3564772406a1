// Issue 14 §2 on the real local stack: a second complaint-reviews API and worker beside the running ones
// (scripts/start-services.sh: API :3101 + worker :4101). Proves that the workers' consumers share the partitions
// of the complaint-reviews group, that both workers take tasks from the complaint-reviews task queue, and that a
// SIGKILL of the second worker in the middle of a burst of applications (recorded through both APIs) loses no
// application's acknowledgement clock and repeats none: one clock row, one running workflow and one handled
// event per application.
import { Topics } from '@oversight/contracts';
import {
  callInstance,
  loadAcrossWorkersKillingOne,
  probeSecondApi,
  tookTasks,
  twoInstanceSuite,
  waitFor,
  waitForSharedPartitions,
  workflowTaskTakers,
} from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { CONSUMER_GROUP } from '../../src/app.module';
import { reviewClockWorkflowId } from '../../src/workflows/review-clock.types';
import { api, query, tokenFor, validApplication } from '../support';

const PORTS = { api: 3201, worker: 4201 };
const REVIEWER = 'reviewer.amara';
const team = `e2e-scale-${randomUUID().slice(0, 8)}`;
jest.setTimeout(420_000);
const clockId = (id: string) => reviewClockWorkflowId(id, 'ACKNOWLEDGEMENT');

describe('two instances of complaint-reviews (API and worker) on the real stack', () => {
  const suite = twoInstanceSuite('complaint-reviews', PORTS);

  it('the second API serves requests and runs no background work', async () => {
    const probe = await probeSecondApi(suite.second.api, '/applications?limit=1', await tokenFor(REVIEWER));
    expect(probe).toEqual({ status: 200, relay: 'no relay' });
  });

  it('the consumers of both workers share the partitions of the complaint-reviews group', async () => {
    const group = await waitForSharedPartitions(
      suite.kafka,
      CONSUMER_GROUP,
      Topics.reviewApplicationReceived.name,
    );
    expect(group.members.length).toBeGreaterThanOrEqual(2);
  });

  it('workers in two processes share the task queue; SIGKILL of one mid-burst loses no clock and starts none twice', async () => {
    const token = await tokenFor(REVIEWER);
    const ids: string[] = [];
    const { workflowIds, takersBeforeKill } = await loadAcrossWorkersKillingOne({
      temporal: suite.temporal,
      second: suite.second,
      issue: async (i) => {
        const body = validApplication({ team, appropriateAuthority: 'Chief Constable of Kent Police' });
        const res =
          i % 2
            ? await callInstance<{ id: string }>(suite.second.api, 'POST', '/applications', { token, body })
            : await api('POST', '/api/complaint-reviews/applications', { as: REVIEWER, body });
        expect([res.status, res.status === 201 ? '' : JSON.stringify(res.body)]).toEqual([201, '']);
        ids.push(res.body!.id);
        return clockId(res.body!.id);
      },
    });
    expect((await suite.second.worker.exited).signal).toBe('SIGKILL');

    // Every application's acknowledgement clock: one row, and its workflow running.
    const clocks = await waitFor(
      'an acknowledgement clock for every application',
      () =>
        query<{ application_id: string; n: number }>(
          'complaint_reviews',
          `SELECT application_id::text, count(*)::int AS n FROM review_clock
            WHERE application_id = ANY($1::uuid[]) AND kind = 'ACKNOWLEDGEMENT' GROUP BY application_id`,
          [ids],
        ),
      (rows) => rows.length === ids.length,
      { timeoutMs: 170_000, intervalMs: 1000 },
    );
    expect(clocks.filter((c) => c.n !== 1)).toEqual([]);
    for (const id of ids) {
      const d = await suite.temporal.workflow.getHandle(clockId(id)).describe();
      expect([id, d.status.name]).toEqual([id, 'RUNNING']);
    }
    // Each application-received event handled once by the group, whichever worker took it.
    const handled = await query<{ n: number }>(
      'complaint_reviews',
      `SELECT count(*)::int AS n FROM inbox_message i JOIN outbox_message o ON o.id = i.event_id
        WHERE i.consumer_group = $1 AND o.topic = $2 AND o.message_key = ANY($3::text[])`,
      [CONSUMER_GROUP, Topics.reviewApplicationReceived.name, ids],
    );
    expect(handled[0].n).toBe(ids.length);

    // Both processes took workflow tasks of the burst.
    const all = await workflowTaskTakers(suite.temporal, workflowIds);
    expect(tookTasks(new Set([...takersBeforeKill, ...all]), suite.second.worker.pid)).toBe(true);
    expect([...all].some((who) => !who.startsWith(`${suite.second.worker.pid}@`))).toBe(true);
  });
});
