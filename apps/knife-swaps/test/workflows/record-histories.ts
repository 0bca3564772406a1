// Records the swap workflow's histories for the replay test (swap.replay.int-spec.ts).
//
// usage: node -r ./tools/register.js apps/knife-swaps/test/workflows/record-histories.ts [SCENARIO...]
//
// Runs each scenario of swap.scenarios.ts on the time-skipping test server against the current workflow code, with
// in-memory activities, and writes its history to apps/knife-swaps/test/histories/<scenario>.json. Re-record only
// after a deliberate, compatible change; never to make a failing replay pass.
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJson } from '@oversight/temporal';
import {
  installQuietTemporalRuntime,
  RecordingActivities,
  SCENARIOS,
  startTestServer,
  WORKFLOWS_PATH,
} from './swap.scenarios';

const HISTORIES_DIR = join(__dirname, '..', 'histories');

async function main() {
  const wanted = process.argv.slice(2);
  installQuietTemporalRuntime();
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: new DefaultLogger('WARN'),
  });
  for (const name of wanted.length ? wanted : Object.keys(SCENARIOS)) {
    const env = await startTestServer();
    try {
      const startMs = await env.currentTimeMs();
      const recorder = new RecordingActivities(() => startMs, startMs);
      const taskQueue = `knife-swaps-histories`;
      // No workflow cache: every task replays the history so far, as after a worker restart.
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle,
        activities: recorder.activities,
        maxCachedWorkflows: 0,
      });
      const { handle } = await worker.runUntil(SCENARIOS[name]({ env, taskQueue, recorder, startMs }));
      const history = await handle.fetchHistory();
      writeFileSync(join(HISTORIES_DIR, `${name}.json`), historyToJson(history));
      console.log(`[oversight] recorded ${name}: ${history.events?.length} events`);
    } finally {
      await env.teardown();
    }
  }
}

main().catch((err) => {
  console.error(`[oversight] could not record histories: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
