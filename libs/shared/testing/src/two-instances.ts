import type { Client as TemporalClient } from '@temporalio/client';
import { AssignerProtocol, Kafka } from 'kafkajs';
import { gatewayAssertionHeaders } from './gateway-assertion';
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

export interface GroupMember {
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
