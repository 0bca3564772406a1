import { Client as TemporalClient, Connection } from '@temporalio/client';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { gatewayAssertionHeaders } from './gateway-assertion';
import { Client as PgClient } from 'pg';
import { databaseUrl, SHARED_KAFKA_BROKERS, SHARED_TEMPORAL_ADDRESS } from './local-stack';
import { ServiceInstance, startServiceInstance } from './service-instance';
import { waitFor } from './wait-for';

// Issue 14 §2 on the real local stack: a second API and a second worker of one service beside the running
// ones (scripts/start-services.sh), and what every two-instance test checks — the consumer group's
// partitions shared, both workers taking workflow tasks, one of them SIGKILLed mid-load.

/** A second API process and a second worker process of one service of the local run. */
export interface SecondInstance {
  readonly api: ServiceInstance;
  readonly worker: ServiceInstance;
  /** SIGTERM both (a killed one is already gone). */
  stop(): Promise<void>;
}

/**
 * Starts a second API (RUN_BACKGROUND_WORK=false) and a second worker of `app` on the given ports, with the
 * running processes' environment, from the same build as the local run (dist/ when built, else TypeScript).
 */
export async function startSecondInstance(
  app: string,
  ports: { api: number; worker: number },
): Promise<SecondInstance> {
  const api = await startServiceInstance({ app, entry: 'main.ts', port: ports.api });
  let worker: ServiceInstance;
  try {
    worker = await startServiceInstance({ app, entry: 'worker.ts', port: ports.worker });
  } catch (err) {
    await api.stop();
    throw err;
  }
  return { api, worker, stop: async () => void (await Promise.all([api.stop(), worker.stop()])) };
}

/** What a two-instance suite works with, once its `beforeAll` has run. */
export interface TwoInstanceSuite {
  /** A Kafka client of the test's own (admin calls: the consumer group's members). */
  readonly kafka: Kafka;
  /** A client of the shared Temporal server, namespace `default`. */
  readonly temporal: TemporalClient;
  readonly second: SecondInstance;
}

/**
 * The set-up every two-instance test of a service with a worker shares, registered as the suite's
 * `beforeAll` / `afterAll`: a Kafka client, a Temporal client and a second API and worker of `app`
 * (startSecondInstance), stopped and closed after the suite. `beforeStart` runs before the second instance
 * starts, `afterTests` before it stops (e.g. to give back what the test took from a shared pool).
 */
export function twoInstanceSuite(
  app: string,
  ports: { api: number; worker: number },
  hooks: { beforeStart?: () => Promise<void>; afterTests?: () => Promise<void> } = {},
): TwoInstanceSuite {
  let kafka: Kafka | undefined;
  let temporal: TemporalClient | undefined;
  let second: SecondInstance | undefined;
  beforeAll(async () => {
    kafka = new Kafka({
      clientId: `${app}-scale-it`,
      brokers: [SHARED_KAFKA_BROKERS],
      logLevel: logLevel.WARN,
    });
    const connection = await Connection.connect({ address: SHARED_TEMPORAL_ADDRESS, connectTimeout: '5s' });
    temporal = new TemporalClient({ connection, namespace: 'default' });
    await hooks.beforeStart?.();
    second = await startSecondInstance(app, ports);
  });
  afterAll(async () => {
    try {
      await hooks.afterTests?.();
    } finally {
      await second?.stop();
      await temporal?.connection.close();
    }
  });
  const started = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`${app} two-instance suite: no ${what} (its beforeAll failed)`);
    return value;
  };
  return {
    get kafka() {
      return started('Kafka client', kafka);
    },
    get temporal() {
      return started('Temporal client', temporal);
    },
    get second() {
      return started('second instance', second);
    },
  };
}

/**
 * What the first check of every two-instance test reads: the status of a GET through the second API
 * (`path` as the service sees it) and what that HTTP-only process says about its outbox relay (relayRole:
 * it should run none).
 */
export async function probeSecondApi(
  api: { app: string; port: number },
  path: string,
  token: string,
): Promise<{ status: number; relay: 'leader' | 'standby' | 'no relay' }> {
  const res = await callInstance(api, 'GET', path, { token });
  return { status: res.status, relay: await relayRole(api) };
}

/**
 * What the process on `instance.port` says on /metrics about its service's outbox relay: `leader` (it holds
 * the leader lock and publishes), `standby` (its relay runs and waits for the lock), or `no relay` (no
 * `outbox_relay_leader` sample for the service: an HTTP-only process, whose relay never runs).
 */
export async function relayRole(instance: {
  app: string;
  port: number;
}): Promise<'leader' | 'standby' | 'no relay'> {
  const metrics = await (await fetch(`http://127.0.0.1:${instance.port}/metrics`)).text();
  // e.g. outbox_relay_leader{relay="oocr",service="oocr-worker"} 1
  const m = new RegExp(`^outbox_relay_leader\\{[^}]*\\brelay="${instance.app}"[^}]*\\} (\\d+)$`, 'm').exec(
    metrics,
  );
  return !m ? 'no relay' : m[1] === '1' ? 'leader' : 'standby';
}

/**
 * The outbox relays of one service seen from PostgreSQL: how many relay sessions are open on its database
 * (`application_name` `outbox-relay:<relay>`, one per running relay, leader or standby) and how many of them
 * hold an advisory lock (the leader lock: one at most). Independent of what the processes report.
 */
export async function outboxRelaySessions(
  database: string,
  relay: string,
): Promise<{ relays: number; leaders: number }> {
  const db = new PgClient({ connectionString: databaseUrl(database) });
  await db.connect();
  try {
    const { rows } = await db.query<{ relays: number; leaders: number }>(
      `SELECT count(DISTINCT a.pid)::int AS relays,
              count(DISTINCT a.pid) FILTER (WHERE l.pid IS NOT NULL)::int AS leaders
         FROM pg_stat_activity a
         LEFT JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.granted
        WHERE a.datname = $1 AND a.application_name = $2`,
      [database, `outbox-relay:${relay}`],
    );
    return rows[0];
  } finally {
    await db.end();
  }
}

/**
 * Waits until every event a service published (its outbox) on `topic` under one of `keys` has been handled
 * by `consumerGroup` (its inbox, in the same database: a service consuming its own topic), and returns the
 * counts. The inbox's key (event id × group) holds each event to one row, so handled = published is
 * "every event handled, none twice".
 */
export async function waitForOwnEventsHandled(opts: {
  database: string;
  consumerGroup: string;
  topic: string;
  keys: string[];
  timeoutMs?: number;
}): Promise<{ published: number; handled: number }> {
  const counts = async () => {
    const db = new PgClient({ connectionString: databaseUrl(opts.database) });
    await db.connect();
    try {
      const { rows } = await db.query<{ published: number; handled: number }>(
        `SELECT count(*)::int AS published, count(i.event_id)::int AS handled
           FROM outbox_message o LEFT JOIN inbox_message i ON i.event_id = o.id AND i.consumer_group = $1
          WHERE o.topic = $2 AND o.message_key = ANY($3::text[])`,
        [opts.consumerGroup, opts.topic, opts.keys],
      );
      return rows[0];
    } finally {
      await db.end();
    }
  };
  return waitFor(
    `every ${opts.topic} event handled by ${opts.consumerGroup}`,
    counts,
    (x) => x.handled === x.published,
    {
      timeoutMs: opts.timeoutMs ?? 120_000,
      intervalMs: 1000,
    },
  );
}

/**
 * Waits until every workflow is RUNNING (one that has not started yet counts as NOT_STARTED) and returns
 * their statuses, in the order of `workflowIds`.
 */
export function waitForRunningWorkflows(
  temporal: TemporalClient,
  workflowIds: string[],
  description: string,
  timeoutMs = 170_000,
): Promise<string[]> {
  return waitFor(
    description,
    () =>
      Promise.all(
        workflowIds.map((id) =>
          temporal.workflow
            .getHandle(id)
            .describe()
            .then((d) => d.status.name as string)
            .catch(() => 'NOT_STARTED'),
        ),
      ),
    (s) => s.every((x) => x === 'RUNNING'),
    { timeoutMs, intervalMs: 2000 },
  );
}

export interface GroupMember {
  /** The broker's id of this membership (a new one each time a consumer joins). */
  memberId: string;
  clientId: string;
  clientHost: string;
  /** topic → partitions held */
  assignment: Record<string, number[]>;
}

/** The state and members (with their partitions) of a Kafka consumer group. */
export async function consumerGroup(
  kafka: Kafka,
  groupId: string,
): Promise<{ state: string; members: GroupMember[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    return {
      state: groups[0].state,
      members: groups[0].members.map((m) => ({
        memberId: m.memberId,
        clientHost: m.clientHost,
        clientId: m.clientId,
        assignment: AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {},
      })),
    };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until the group is stable with at least two members holding partitions (the running worker and
 * the second one), and returns it. Throws if a partition of `topic` is held by two members at once.
 */
export async function waitForSharedPartitions(
  kafka: Kafka,
  groupId: string,
  topic: string,
  timeoutMs = 60_000,
): Promise<{ state: string; members: GroupMember[] }> {
  const group = await waitFor(
    `the ${groupId} group to be stable with two members holding partitions`,
    () => consumerGroup(kafka, groupId),
    (g) =>
      g.state === 'Stable' &&
      g.members.filter((m) => Object.values(m.assignment).some((p) => p.length > 0)).length >= 2,
    { timeoutMs, intervalMs: 500 },
  );
  const held = group.members.flatMap((m) => m.assignment[topic] ?? []);
  if (held.length !== new Set(held).size)
    throw new Error(`a partition of ${topic} is held twice: ${JSON.stringify(group.members)}`);
  return group;
}

/**
 * The partitions of `topic` held in `group` by members that are not in `before` (the group as it was before
 * the second instance joined): what the second instance consumes. Sorted.
 */
export function partitionsOfNewMembers(
  group: { members: GroupMember[] },
  before: { members: GroupMember[] },
  topic: string,
): number[] {
  const old = new Set(before.members.map((m) => m.memberId));
  return group.members
    .filter((m) => !old.has(m.memberId))
    .flatMap((m) => m.assignment[topic] ?? [])
    .sort((a, b) => a - b);
}

/**
 * Waits until the group is stable and members that joined after `before` hold partitions of `topic`, and
 * returns those partitions (sorted). A member of `before` that is gone by then (a process killed by an earlier
 * run, until its session times out) cannot stand in for the new one. Throws if a partition is held twice.
 */
export async function waitForNewMemberPartitions(
  kafka: Kafka,
  groupId: string,
  topic: string,
  before: { members: GroupMember[] },
  timeoutMs = 60_000,
): Promise<number[]> {
  const group = await waitFor(
    `a new member of the ${groupId} group to hold partitions of ${topic}`,
    () => consumerGroup(kafka, groupId),
    (g) => g.state === 'Stable' && partitionsOfNewMembers(g, before, topic).length > 0,
    { timeoutMs, intervalMs: 500 },
  );
  const held = group.members.flatMap((m) => m.assignment[topic] ?? []);
  if (held.length !== new Set(held).size)
    throw new Error(`a partition of ${topic} is held twice: ${JSON.stringify(group.members)}`);
  return partitionsOfNewMembers(group, before, topic);
}

/** The identities (pid@host) of the workers that started workflow or activity tasks of these workflows. */
export async function workflowTaskTakers(
  temporal: TemporalClient,
  workflowIds: string[],
): Promise<Set<string>> {
  const identities = new Set<string>();
  for (const id of workflowIds) {
    const history = await temporal.workflow
      .getHandle(id)
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

/** Whether the process `pid` (a worker's identity is "<pid>@<host>") is among the task takers. */
export const tookTasks = (takers: Set<string>, pid: number): boolean =>
  [...takers].some((who) => who.startsWith(`${pid}@`));

/**
 * One request straight to a service instance (not through the gateway), vouched for as the gateway would
 * (the instance still verifies the bearer token).
 */
export async function callInstance<T = unknown>(
  instance: { app: string; port: number },
  method: string,
  path: string,
  opts: { token: string; body?: unknown; reason?: string },
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {
    ...(await gatewayAssertionHeaders({
      service: instance.app,
      method,
      path,
      bearerToken: opts.token,
      reason: opts.reason,
    })),
    authorization: `Bearer ${opts.token}`,
  };
  if (opts.reason) headers['x-access-reason'] = opts.reason;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`http://127.0.0.1:${instance.port}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as T };
}

/**
 * The load every two-instance test puts on a service: `issue(i)` does one unit of work (through either API)
 * and returns the id of the workflow it leads to. Issues `before` units, then one more every second until the
 * second worker has taken tasks of them (at most `max` in all: which worker polls first is up to Temporal),
 * then one more, SIGKILLs the second worker, and issues `after` more while its partitions and tasks move to
 * the running worker. Returns every workflow id and the task takers seen before the kill.
 */
export async function loadAcrossWorkersKillingOne(opts: {
  temporal: TemporalClient;
  second: SecondInstance;
  issue: (i: number) => Promise<string>;
  before?: number;
  after?: number;
  max?: number;
  timeoutMs?: number;
}): Promise<{ workflowIds: string[]; takersBeforeKill: Set<string> }> {
  const { temporal, second, issue } = opts;
  const [before, after, max] = [opts.before ?? 8, opts.after ?? 6, opts.max ?? 40];
  const workflowIds: string[] = [];
  const next = async () => workflowIds.push(await issue(workflowIds.length));
  while (workflowIds.length < before) await next();
  const takersBeforeKill = await waitFor(
    `the second worker (pid ${second.worker.pid}) to take workflow tasks`,
    async () => {
      const takers = await workflowTaskTakers(temporal, workflowIds);
      if (!tookTasks(takers, second.worker.pid) && workflowIds.length < max) await next();
      return takers;
    },
    (takers) => tookTasks(takers, second.worker.pid),
    { timeoutMs: opts.timeoutMs ?? 120_000, intervalMs: 1000 },
  );
  await next();
  await second.worker.kill();
  for (let i = 0; i < after; i++) await next();
  return { workflowIds, takersBeforeKill };
}
