// Issue 14 §2 on the real local stack: a second oocr API and a second oocr worker beside the running ones
// (scripts/start-services.sh runs oocr as API :3103 + worker :4103). Proves that the workers' consumers share
// the partitions of the oocr group, that both workers poll the oocr task queue, and that a SIGKILL of one
// worker in the middle of a burst of cautions (issued through both APIs) loses no caution's workflow and
// repeats no effect: one inbox entry per event, one condition-reminder task per caution.
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
import { cautionWorkflowId } from '../../src/workflows/caution.types';
import { api, conditionalCaution, query, tokenFor } from '../support';

const PORTS = { api: 3203, worker: 4203 };
const OFFICER = 'cjops.dan';
jest.setTimeout(420_000);

describe('two instances of oocr (API and worker) on the real stack', () => {
  const suite = twoInstanceSuite('oocr', PORTS);

  it('the second API serves requests and runs no background work', async () => {
    const probe = await probeSecondApi(suite.second.api, '/cautions?limit=1', await tokenFor(OFFICER));
    expect(probe).toEqual({ status: 200, relay: 'no relay' });
  });

  it('the consumers of both workers share the partitions of the oocr group', async () => {
    const group = await waitForSharedPartitions(suite.kafka, CONSUMER_GROUP, 'oocr.disposal-recorded.v1');
    expect(group.members.length).toBeGreaterThanOrEqual(2);
  });

  it('workers in two processes share the task queue; SIGKILL of one in the middle of a burst loses no caution and repeats no effect', async () => {
    const token = await tokenFor(OFFICER);
    const ids: string[] = [];
    const { workflowIds, takersBeforeKill } = await loadAcrossWorkersKillingOne({
      temporal: suite.temporal,
      second: suite.second,
      issue: async (i) => {
        const body = conditionalCaution(`Scale Test ${randomUUID().slice(0, 8)}`);
        const res =
          i % 2
            ? await callInstance<{ id: string }>(suite.second.api, 'POST', '/disposals', { token, body })
            : await api('POST', '/api/oocr/disposals', { as: OFFICER, body });
        expect([res.status, res.status === 201 ? '' : JSON.stringify(res.body)]).toEqual([201, '']);
        ids.push(res.body!.id);
        return cautionWorkflowId(res.body!.id);
      },
    });
    expect((await suite.second.worker.exited).signal).toBe('SIGKILL');

    // Every caution's workflow started (from its event) and ran its first activity: the condition reminder.
    const tasks = await waitFor(
      'a condition-reminder task for every caution',
      () =>
        query<{ disposal_id: string; n: number }>(
          'oocr',
          `SELECT disposal_id::text, count(*)::int AS n FROM officer_task
            WHERE disposal_id = ANY($1::uuid[]) AND kind = 'CONDITION_REMINDER' GROUP BY disposal_id`,
          [ids],
        ),
      (rows) => rows.length === ids.length,
      { timeoutMs: 170_000, intervalMs: 1000 },
    );
    expect(tasks.filter((t) => t.n !== 1)).toEqual([]); // no effect twice
    for (const id of ids) {
      const state = await api('GET', `/api/oocr/cautions/${id}/workflow-state`, { as: OFFICER });
      expect(state.body?.status).toBe('ACTIVE');
    }
    // each disposal-recorded event handled once by the oocr group, whichever worker took it
    const handled = await query<{ n: number }>(
      'oocr',
      `SELECT count(*)::int AS n FROM inbox_message i JOIN outbox_message o ON o.id = i.event_id
        WHERE i.consumer_group = $1 AND o.topic = 'oocr.disposal-recorded.v1' AND o.message_key = ANY($2::text[])`,
      [CONSUMER_GROUP, ids],
    );
    expect(handled[0].n).toBe(ids.length);

    // Workers in two processes shared the oocr task queue: the histories name both as task takers.
    const all = await workflowTaskTakers(suite.temporal, workflowIds);
    expect(tookTasks(new Set([...takersBeforeKill, ...all]), suite.second.worker.pid)).toBe(true);
    expect([...all].some((who) => !who.startsWith(`${suite.second.worker.pid}@`))).toBe(true);
  });
});
