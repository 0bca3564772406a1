// Issue 14 §2 on the real local stack: a second tag-referrals API and worker beside the running ones
// (scripts/start-services.sh: API :3105 + worker :4105). Proves that the workers' consumers share the partitions
// of the tag-referrals group, that both workers take tasks from the tag-referrals task queue, that a SIGKILL of the
// second worker in the middle of a burst of fittings (recorded through both APIs) loses no episode workflow and
// repeats no effect, and that the scheduled location-retention sweep runs once per interval however many workers
// schedule it.
import { Topics } from '@oversight/contracts';
import {
  callInstance,
  loadAcrossWorkersKillingOne,
  probeSecondApi,
  ServiceInstance,
  startServiceInstance,
  tookTasks,
  twoInstanceSuite,
  waitFor,
  waitForOwnEventsHandled,
  waitForRunningWorkflows,
  waitForSharedPartitions,
  workflowTaskTakers,
} from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { CONSUMER_GROUP } from '../../src/app.module';
import { episodeWorkflowId } from '../../src/workflows/episode.types';
import { api, query, today, tokenFor } from '../support';

const PORTS = { api: 3205, worker: 4205 };
const SWEEP_WORKER_PORTS = [4305, 4405];
const BASE = '/api/tag-referrals';
const TOPIC = Topics.tagReferralUpdated.name;
const REFERRER = 'partner.yjs';
const COORDINATOR = 'vru.sam';
const PRACTITIONER = 'vru.practitioner.ola';
const RUN = randomUUID().slice(0, 8).toUpperCase();
jest.setTimeout(480_000);

const adult = () => {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 21);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

async function ok(res: Promise<{ status: number; text: string }>, step: string) {
  const r = await res;
  if (r.status >= 300) throw new Error(`${step}: ${r.status} ${r.text}`);
  return r;
}

/** A referral taken to ALLOCATED (accepted, consented, an IOM tag allocated), with consumables for its fitting. */
async function allocatedReferral(): Promise<string> {
  const created = await ok(
    api('POST', `${BASE}/referrals`, {
      as: REFERRER,
      body: {
        subjectName: `Scale Test ${RUN}-${randomUUID().slice(0, 6)}`,
        dateOfBirth: adult(),
        addressLines: ['1 Test Street', 'Chatham'],
        yotCaseId: `YOT-${RUN}`,
        referrerEmail: 'yjs.referrals@example.org',
        agency: 'YOUTH_JUSTICE',
        grounds: 'CRIMINAL_EXPLOITATION_RISK',
        multiAgencyPlanRef: `CIN-${RUN}`,
        riskLevel: 'HIGH',
        tagType: 'GPS',
        monitoringBasis: 'VOLUNTARY',
        pool: 'IOM',
        summary: 'Scale test referral.',
      },
    }),
    'referral',
  );
  const id = (created as unknown as { body: { id: string } }).body.id;
  const serial = `SCALE-IOM-${RUN}-${randomUUID().slice(0, 6).toUpperCase()}`;
  const steps: Array<[string, string, unknown]> = [
    [COORDINATOR, `${BASE}/referrals/${id}/triage`, { decision: 'ACCEPT' }],
    [
      COORDINATOR,
      `${BASE}/referrals/${id}/consents`,
      {
        party: 'SUBJECT',
        givenBy: 'the person',
        method: 'SIGNED_FORM',
        informationVersion: 'v2.1',
        givenOn: today(),
      },
    ],
    [COORDINATOR, `${BASE}/tags`, { serial, pool: 'IOM' }],
    [COORDINATOR, `${BASE}/referrals/${id}/allocation`, { serial }],
    [COORDINATOR, `${BASE}/consumables`, { kind: 'LOCKING_PLATE', change: 2 }],
    [COORDINATOR, `${BASE}/consumables`, { kind: 'STRAP', size: 'L', change: 1 }],
  ];
  for (const [as, path, body] of steps) await ok(api('POST', path, { as, body }), path);
  return id;
}

/**
 * Gives back the pool places this test's referrals hold (the IOM pool has 15 places on a shared database):
 * a fitted tag is removed and inspected back into stock, a referral not yet fitted is withdrawn. Run before
 * (leftovers of an interrupted run) and after the test.
 */
async function releaseScaleReferrals(): Promise<void> {
  const rows = await query<{ id: string; status: string; tag_serial: string | null }>(
    'tag_referrals',
    `SELECT id::text, status::text, tag_serial FROM referral
      WHERE subject_name LIKE 'Scale Test %' AND status IN ('FITTED', 'ALLOCATED', 'AWAITING_DEVICE', 'ACCEPTED')`,
  );
  for (const r of rows) {
    if (r.status === 'FITTED') {
      await ok(
        api('POST', `${BASE}/referrals/${r.id}/removal`, {
          as: PRACTITIONER,
          body: { removedOn: today(), reason: 'DISENGAGEMENT' },
        }),
        'removal',
      );
      await ok(
        api('POST', `${BASE}/tags/${r.tag_serial}/inspection`, {
          as: PRACTITIONER,
          body: { outcome: 'IN_STOCK', note: 'scale test' },
        }),
        'inspection',
      );
    } else
      await ok(
        api('POST', `${BASE}/referrals/${r.id}/withdrawal`, {
          as: REFERRER,
          body: { withdrawnBy: 'REFERRER', reason: 'scale test ended' },
        }),
        'withdrawal',
      );
  }
}

describe('two instances of tag-referrals (API and worker) on the real stack', () => {
  const suite = twoInstanceSuite('tag-referrals', PORTS, {
    beforeStart: releaseScaleReferrals,
    afterTests: releaseScaleReferrals,
  });

  it('the second API serves requests and runs no background work', async () => {
    const probe = await probeSecondApi(suite.second.api, '/referrals?limit=1', await tokenFor(COORDINATOR));
    expect(probe).toEqual({ status: 200, relay: 'no relay' });
  });

  it('the consumers of both workers share the partitions of the tag-referrals group', async () => {
    const group = await waitForSharedPartitions(suite.kafka, CONSUMER_GROUP, TOPIC);
    expect(group.members.length).toBeGreaterThanOrEqual(2);
  });

  it('workers in two processes share the task queue; SIGKILL of one mid-burst loses no episode and repeats no effect', async () => {
    const token = await tokenFor(PRACTITIONER);
    const referrals: string[] = [];
    // At most 9 fittings (3, up to 6 while waiting for the second worker, 1, then 2): the pool has 15 places.
    const { workflowIds, takersBeforeKill } = await loadAcrossWorkersKillingOne({
      temporal: suite.temporal,
      second: suite.second,
      before: 3,
      max: 6,
      after: 2,
      issue: async (i) => {
        const id = await allocatedReferral();
        referrals.push(id);
        const body = { fittedOn: today(), fittedWhere: 'Medway YJS office', strapSize: 'L' };
        const res =
          i % 2
            ? await callInstance(suite.second.api, 'POST', `/referrals/${id}/fitting`, { token, body })
            : await api('POST', `${BASE}/referrals/${id}/fitting`, { as: PRACTITIONER, body });
        expect([res.status, res.status === 200 ? '' : JSON.stringify(res.body)]).toEqual([200, '']);
        return episodeWorkflowId(id);
      },
    });
    expect((await suite.second.worker.exited).signal).toBe('SIGKILL');

    // Every fitting's episode workflow started from the FITTED event, once (the id is the referral's), and runs.
    const statuses = await waitForRunningWorkflows(
      suite.temporal,
      workflowIds,
      'a running episode workflow for every fitting',
    );
    expect(statuses).toHaveLength(referrals.length);
    // Every referral event of the burst handled once by the group, whichever worker took it.
    const c = await waitForOwnEventsHandled({
      database: 'tag_referrals',
      consumerGroup: CONSUMER_GROUP,
      topic: TOPIC,
      keys: referrals,
    });
    expect(c.published).toBeGreaterThanOrEqual(referrals.length);

    const all = await workflowTaskTakers(suite.temporal, workflowIds);
    expect(tookTasks(new Set([...takersBeforeKill, ...all]), suite.second.worker.pid)).toBe(true);
    expect([...all].some((who) => !who.startsWith(`${suite.second.worker.pid}@`))).toBe(true);
  });

  it('the scheduled location sweep runs once per interval, not once per worker', async () => {
    // Two more workers that schedule the sweep every minute (first run about a minute after start), beside the
    // running worker (hourly): every run checks the others' under one advisory lock.
    const since = new Date();
    const workers: ServiceInstance[] = [];
    try {
      workers.push(
        ...(await Promise.all(
          SWEEP_WORKER_PORTS.map((port) =>
            startServiceInstance({
              app: 'tag-referrals',
              entry: 'worker.ts',
              port,
              env: { TAG_LOCATION_SWEEP_MINUTES: '1' },
            }),
          ),
        )),
      );
      const runs = await waitFor(
        'two scheduled sweep intervals to pass',
        () =>
          query<{ at: Date }>(
            'tag_referrals',
            `SELECT started_at AS at FROM location.retention_run
              WHERE trigger = 'SCHEDULE' AND started_at >= $1 ORDER BY started_at`,
            [since],
          ),
        (rows) => rows.length >= 2,
        { timeoutMs: 240_000, intervalMs: 2000 },
      );
      // Three workers tried at each tick; consecutive runs are at least the interval apart (less the 10% slack
      // the sweep allows for timer drift): one run per interval.
      const gaps = runs.slice(1).map((r, i) => new Date(r.at).getTime() - new Date(runs[i].at).getTime());
      expect(gaps.filter((g) => g < 54_000)).toEqual([]);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });
});
