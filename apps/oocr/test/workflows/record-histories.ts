// Records the caution and referral workflows' histories for the replay test (caution.replay.int-spec.ts).
//
// usage: node -r ./tools/register.js apps/oocr/test/workflows/record-histories.ts [SCENARIO...]
//
// Runs each scenario of caution.scenarios.ts on the time-skipping test server against the current workflow code,
// with in-memory activities, and writes its history to apps/oocr/test/histories/<scenario>.json. Re-record only
// after a deliberate, compatible change; never to make a failing replay pass (a replay failure means workflows
// already running would break). Keep old files that running workflows may still have.
import { temporalTestServerPath } from '@oversight/temporal';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installQuietTemporalRuntime, RecordingActivities, WORKFLOWS_PATH } from './caution.fixtures';
import { SCENARIOS } from './caution.scenarios';
import { historyToJson } from '@oversight/temporal';

export const HISTORIES_DIR = join(__dirname, '..', 'histories');

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((n) => !(n in SCENARIOS));
  if (unknown.length)
    throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  installQuietTemporalRuntime();
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: new DefaultLogger('WARN'),
  });
  for (const name of wanted.length ? wanted : Object.keys(SCENARIOS)) {
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    });
    try {
      const recorder = new RecordingActivities();
      const taskQueue = `oocr-histories-${name}`;
      // No workflow cache: every task replays the history so far, as after a worker restart.
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
      await env.teardown();
    }
  }
}

main().catch((err) => {
  console.error(`[oversight] could not record histories: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
