// Records the episode workflow's histories for the replay test (episode.replay.int-spec.ts).
//
// usage: node -r ./tools/register.js apps/tag-referrals/test/workflows/record-histories.ts [SCENARIO...]
//
// Runs each scenario of episode.fixtures.ts on a fresh time-skipping test server against the current workflow code,
// with in-memory activities and no workflow cache (every task replays the history so far, as after a worker
// restart), and writes its history to apps/tag-referrals/test/histories/<scenario>.json. Re-record only after a
// deliberate, compatible change; never to make a failing replay pass.
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJson } from '@oversight/temporal';
import {
  installQuietTemporalRuntime,
  RecordingActivities,
  SCENARIOS,
  timeSkippingEnvironment,
  WORKFLOWS_PATH,
} from './episode.fixtures';

const HISTORIES_DIR = join(__dirname, '..', 'histories');

async function main() {
  const wanted = process.argv.slice(2);
  installQuietTemporalRuntime();
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: new DefaultLogger('WARN'),
  });
  for (const name of wanted.length ? wanted : Object.keys(SCENARIOS)) {
    const { env, stop } = await timeSkippingEnvironment();
    try {
      const recorder = new RecordingActivities('');
      const taskQueue = 'tag-referrals-histories';
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle,
        activities: recorder.activities,
        maxCachedWorkflows: 0,
      });
      const { handle } = await worker.runUntil(SCENARIOS[name]({ env, taskQueue, recorder }));
      const history = await handle.fetchHistory();
      writeFileSync(join(HISTORIES_DIR, `${name}.json`), historyToJson(history));
      console.log(`[oversight] recorded ${name}: ${history.events?.length} events`);
    } finally {
      await stop();
    }
  }
}

main().catch((err) => {
  console.error(`[oversight] could not record histories: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
