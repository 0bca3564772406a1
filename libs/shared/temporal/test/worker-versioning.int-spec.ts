/**
 * Rolling upgrade of workflow code with Worker Deployment Versioning, on the local Temporal dev server (the one
 * start:all runs: Temporal CLI 1.9.1, server 1.32.0). Two builds of one worker's workflow code, A and B, poll ONE
 * task queue at the same time, as old and new pods do during a rollout; each declares its version through
 * workerVersioningOptions (the same settings the services read, TEMPORAL_WORKER_*). Shown:
 * - a run started while A is current is pinned to A, and still finishes on A after B is made current;
 * - a run started after B is current goes to B;
 * - a run of a workflow that declares AUTO_UPGRADE, started on A, finishes on B once B is current.
 * The version routing is set with the client's deployment API (SetWorkerDeploymentCurrentVersion), as the
 * Temporal Worker Controller does on Kubernetes.
 */
import { SHARED_TEMPORAL_ADDRESS, waitFor } from '@oversight/testing';
import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import { decodeVersioningBehavior } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { workerVersioningOptions } from '../src/worker-versioning';

const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
const run = randomUUID().slice(0, 8);
const taskQueue = `versioning-it-${run}`;
const deploymentName = `oversight-versioning-it-${run}`;
const BUILD_A = `a-${run}`;
const BUILD_B = `b-${run}`;

describe('worker deployment versioning: two builds side by side on one task queue', () => {
  let connection: Connection;
  let client: Client;
  let workerConnection: NativeConnection;
  const running: Array<{ worker: Worker; done: Promise<void> }> = [];

  const startWorker = async (build: 'a' | 'b', buildId: string) => {
    const worker = await Worker.create({
      connection: workerConnection,
      namespace,
      taskQueue,
      workflowsPath: require.resolve(`./fixtures/build-${build}.workflows`),
      // No sticky cache: every workflow task goes through the shared task queue, so only the server's routing by
      // version (not a cached run staying on the worker that started it) decides which build takes it.
      maxCachedWorkflows: 0,
      ...workerVersioningOptions(
        {
          TEMPORAL_WORKER_VERSIONING: 'on',
          TEMPORAL_WORKER_DEPLOYMENT_NAME: deploymentName,
          TEMPORAL_WORKER_BUILD_ID: buildId,
          TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR: 'PINNED',
        },
        'versioning-it',
        () => undefined,
      ),
    });
    running.push({ worker, done: worker.run() });
  };

  /** Makes a build current; refused by the server until that build's pollers have been seen, hence the retry. */
  const makeCurrent = (buildId: string) =>
    waitFor(
      `build ${buildId} to become the current version of ${deploymentName}`,
      async () => {
        await client.workflowService.setWorkerDeploymentCurrentVersion({
          namespace,
          deploymentName,
          buildId,
          identity: 'worker-versioning.int-spec',
        });
        const { workerDeploymentInfo } = await client.workflowService.describeWorkerDeployment({
          namespace,
          deploymentName,
        });
        return workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId;
      },
      (current) => current === buildId,
      { timeoutMs: 30_000, intervalMs: 250 },
    );

  /** The version and behaviour the server recorded for a run. */
  const versioningOf = async (h: WorkflowHandle) => {
    const { raw } = await h.describe();
    const info = raw.workflowExecutionInfo?.versioningInfo;
    return {
      buildId: info?.deploymentVersion?.buildId,
      behavior: decodeVersioningBehavior(info?.behavior),
    };
  };

  /** Starts a run of one of the fixtures' workflows (build-a/b.workflows.ts), by type name. */
  const start = (workflowType: 'pinnedWorkflow' | 'autoUpgradeWorkflow', label: string) =>
    client.workflow.start<() => Promise<string>>(workflowType, {
      taskQueue,
      workflowId: `versioning-it-${run}-${label}`,
    });

  beforeAll(async () => {
    connection = await Connection.connect({ address: SHARED_TEMPORAL_ADDRESS, connectTimeout: '5s' });
    client = new Client({ connection, namespace });
    workerConnection = await NativeConnection.connect({ address: SHARED_TEMPORAL_ADDRESS });
  });

  afterAll(async () => {
    for (const { worker } of running) if (worker.getState() === 'RUNNING') worker.shutdown();
    await Promise.allSettled(running.map((r) => r.done));
    await workerConnection?.close();
    await connection?.close();
  });

  it('keeps a pinned run on build A while new runs go to build B; an AUTO_UPGRADE run moves to B', async () => {
    // build A is deployed and made current
    await startWorker('a', BUILD_A);
    await makeCurrent(BUILD_A);
    const pinnedOnA = await start('pinnedWorkflow', 'pinned-a');
    const upgrading = await start('autoUpgradeWorkflow', 'auto');
    // each run has had its first workflow task on A (the query is answered by A's code)
    expect(await waitFor('the pinned run to answer on A', () => pinnedOnA.query<string>('build'))).toBe('A');
    expect(await waitFor('the auto-upgrade run to answer on A', () => upgrading.query<string>('build'))).toBe(
      'A',
    );
    expect(await versioningOf(pinnedOnA)).toEqual({ buildId: BUILD_A, behavior: 'PINNED' });
    expect(await versioningOf(upgrading)).toEqual({ buildId: BUILD_A, behavior: 'AUTO_UPGRADE' });

    // build B rolls out beside A on the same task queue, and becomes current (A keeps running: it drains)
    await startWorker('b', BUILD_B);
    await makeCurrent(BUILD_B);
    const startedOnB = await start('pinnedWorkflow', 'pinned-b');
    expect(await waitFor('the new run to answer on B', () => startedOnB.query<string>('build'))).toBe('B');
    expect(await versioningOf(startedOnB)).toEqual({ buildId: BUILD_B, behavior: 'PINNED' });

    // the runs finish: the pinned one on A, the new one and the auto-upgrade one on B
    for (const h of [pinnedOnA, upgrading, startedOnB]) await h.signal('release');
    expect(await pinnedOnA.result()).toBe('A');
    expect(await startedOnB.result()).toBe('B');
    expect(await upgrading.result()).toBe('B');
    expect((await versioningOf(pinnedOnA)).buildId).toBe(BUILD_A);
    expect((await versioningOf(upgrading)).buildId).toBe(BUILD_B);
  });
});
