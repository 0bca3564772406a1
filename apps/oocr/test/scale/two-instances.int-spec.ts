// Issue 14 §2 on the real local stack: a second oocr API and a second oocr worker beside the running ones
// (scripts/start-services.sh runs oocr as API :3103 + worker :4103). Proves that the workers' consumers share
// the partitions of the oocr group, that both workers poll the oocr task queue, and that a SIGKILL of one
// worker in the middle of a burst of cautions (issued through both APIs) loses no caution's workflow and
// repeats no effect: one inbox entry per event, one condition-reminder task per caution.
import {
  gatewayAssertionHeaders,
  SHARED_KAFKA_BROKERS,
  SHARED_TEMPORAL_ADDRESS,
  ServiceInstance,
  startServiceInstance,
  waitFor,
} from '@oversight/testing';
import { createKafka } from '@oversight/messaging';
import { connectTemporalClient } from '@oversight/temporal';
import { Client as TemporalClient } from '@temporalio/client';
import { AssignerProtocol, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { CONSUMER_GROUP } from '../../src/app.module';
import { cautionWorkflowId } from '../../src/workflows/caution.types';
import { api, daysFrom, query, today, tokenFor } from '../support';

const API2_PORT = 3203;
const WORKER2_PORT = 4203;
const OFFICER = 'cjops.dan';
const BURST = 24;

function caution(name: string) {
  return {
    disposalType: 'ADULT_CONDITIONAL_CAUTION',
    issueDate: today(),
    crimeReference: '46/61234/26',
    district: 'maidstone',
    offender: {
      fullName: name,
      dateOfBirth: '1988-02-14',
      gender: 'MALE',
      ethnicity: 'W1',
      email: `offender.${randomUUID().slice(0, 6)}@example.org`,
    },
    offence: {
      code: '58/1',
      description: 'Criminal damage to a bus shelter',
      classification: 'EITHER_WAY',
      offenceDate: daysFrom(-5),
      offenceGroup: 'CRIMINAL_DAMAGE_AND_ARSON',
    },
    issuingOfficer: { id: 'pc.5120', name: 'PC Ndlovu' },
    authoriser: { id: 'ps.2210', rank: 'SERGEANT' },
    admission: 'ADMITTED',
    evidenceSufficientToCharge: true,
    effectExplainedWithBreachWarning: true,
    signedConsent: { documentRef: `DOC-${randomUUID().slice(0, 8)}`, signedOn: today() },
    victims: [
      {
        name: 'Kent Bus Services',
        email: 'claims@example.org',
        wantsUpdates: false,
        views: {
          soughtOn: daysFrom(-2),
          method: 'email',
          outcome: 'VIEWS_GIVEN',
          views: 'Wants the repair paid for',
          requestedAction: 'Pay for the repair',
          requestedActionAttached: true,
        },
      },
    ],
    conditions: [
      {
        purpose: 'REHABILITATIVE',
        kind: 'COURSE',
        description: 'Attend a victim awareness course',
        dueDate: daysFrom(3), // within the reminder window: the workflow reminds at once
        provider: 'Kent Victim Awareness Programme',
      },
    ],
  };
}

/** POST a caution straight to the second API instance, vouched for as the gateway would. */
async function issueViaApi2(body: unknown): Promise<{ status: number; body: any }> {
  const token = await tokenFor(OFFICER);
  const path = '/disposals';
  const headers = await gatewayAssertionHeaders({
    service: 'oocr',
    method: 'POST',
    path,
    bearerToken: token,
  });
  const res = await fetch(`http://127.0.0.1:${API2_PORT}${path}`, {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

async function groupMembers(kafka: Kafka) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([CONSUMER_GROUP]);
    return {
      state: groups[0].state,
      members: groups[0].members.map((m) => ({
        clientHost: m.clientHost,
        clientId: m.clientId,
        assignment: AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {},
      })),
    };
  } finally {
    await admin.disconnect();
  }
}

/** The identities (pid@host) of the workers that started workflow and activity tasks of these cautions. */
async function taskTakers(temporal: TemporalClient, cautionIds: string[]): Promise<Set<string>> {
  const identities = new Set<string>();
  for (const id of cautionIds) {
    const history = await temporal.workflow
      .getHandle(cautionWorkflowId(id))
      .fetchHistory()
      .catch(() => undefined); // not started yet
    for (const e of history?.events ?? []) {
      const who =
        e.workflowTaskStartedEventAttributes?.identity ?? e.activityTaskStartedEventAttributes?.identity;
      if (who) identities.add(who);
    }
  }
  return identities;
}

describe('two instances of oocr (API and worker) on the real stack', () => {
  let api2: ServiceInstance | undefined;
  let worker2: ServiceInstance | undefined;
  let kafka: Kafka;
  let temporal: TemporalClient;

  beforeAll(async () => {
    kafka = createKafka('oocr-scale-it', SHARED_KAFKA_BROKERS);
    temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
    api2 = await startServiceInstance({ app: 'oocr', entry: 'main.ts', port: API2_PORT });
    worker2 = await startServiceInstance({ app: 'oocr', entry: 'worker.ts', port: WORKER2_PORT });
  });

  afterAll(async () => {
    await Promise.all([api2?.stop(), worker2?.stop()]);
    await temporal?.connection.close();
  });

  it('the second API serves requests and runs no background work', async () => {
    const token = await tokenFor(OFFICER);
    const path = '/cautions?limit=1';
    const headers = await gatewayAssertionHeaders({
      service: 'oocr',
      method: 'GET',
      path,
      bearerToken: token,
    });
    const res = await fetch(`http://127.0.0.1:${API2_PORT}${path}`, {
      headers: { ...headers, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${API2_PORT}/metrics`)).text();
    expect(metrics).not.toMatch(/^outbox_relay_leader\{relay="oocr"\} 1$/m);
  });

  it('the consumers of both workers share the partitions of the oocr group', async () => {
    const group = await waitFor(
      'the oocr group to be stable with both workers holding partitions',
      () => groupMembers(kafka),
      (g) =>
        g.state === 'Stable' &&
        g.members.filter((m) => Object.values(m.assignment).some((p) => p.length > 0)).length >= 2,
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    // every partition of the topic the cautions come from is held by exactly one member
    const held = group.members.flatMap((m) => m.assignment['oocr.disposal-recorded.v1'] ?? []);
    expect(held.sort()).toEqual([...new Set(held)].sort());
    expect(new Set(group.members.map((m) => m.clientId)).size).toBeGreaterThanOrEqual(1);
  });

  it('workers in two processes share the task queue; SIGKILL of one in the middle of a burst loses no caution and repeats no effect', async () => {
    const ids: string[] = [];
    const issue = async (i: number) => {
      const body = caution(`Scale Test ${randomUUID().slice(0, 8)}`);
      const res =
        i % 2 ? await issueViaApi2(body) : await api('POST', '/api/oocr/disposals', { as: OFFICER, body });
      expect([res.status, res.status === 201 ? '' : JSON.stringify(res.body)]).toEqual([201, '']);
      ids.push(res.body.id);
    };
    for (let i = 0; i < BURST / 2; i++) await issue(i);
    // Both workers take tasks from the oocr queue: wait until the second one has run some, then kill it
    // while the rest of the burst is still coming.
    const takers = await waitFor(
      'the second worker to run tasks of the burst',
      () => taskTakers(temporal, ids),
      (who) => [...who].some((w) => w.startsWith(`${worker2!.pid}@`)),
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    for (let i = BURST / 2; i < BURST; i++) {
      await issue(i);
      if (i === BURST / 2 + 1) await worker2!.kill(); // its partitions and workflow tasks move to the other worker
    }
    expect((await worker2!.exited).signal).toBe('SIGKILL');

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
      (rows) => rows.length === BURST,
      { timeoutMs: 120_000, intervalMs: 1000 },
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
    expect(handled[0].n).toBe(BURST);

    // Workers in two processes shared the oocr task queue: the histories name both as task takers.
    const all = await taskTakers(temporal, ids);
    expect([...takers, ...all].some((who) => who.startsWith(`${worker2!.pid}@`))).toBe(true);
    expect([...all].some((who) => !who.startsWith(`${worker2!.pid}@`))).toBe(true);
  });
});
