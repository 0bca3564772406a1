// Replays every recorded review clock history (test/histories, written by
// tools/temporal/record-review-clock-histories.ts) against the current workflow code. A failure
// means the change would break workflows already running: make it compatible (patched(), a new
// workflow type) instead of re-recording the files.
import {
  bundleWorkflowCode,
  DefaultLogger,
  ReplayResult,
  Worker,
  WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REVIEW_CLOCK_WORKFLOW } from '../../src/workflows/review-clock.types';
import { historyFromJson } from './history-json';
import { installQuietTemporalRuntime, WORKFLOWS_PATH } from './review-clock.fixtures';

const HISTORIES_DIR = join(__dirname, '..', 'histories');
const files = readdirSync(HISTORIES_DIR)
  .filter((f) => /^review-clock-.*\.json$/.test(f))
  .sort();

const histories = files.map((file) => {
  const history = historyFromJson(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
  return { file, history, workflowId: file.replace(/\.json$/, '') };
});

async function replayAll(workflowBundle: WorkflowBundleWithSourceMap): Promise<Map<string, ReplayResult>> {
  const results = new Map<string, ReplayResult>();
  for await (const result of Worker.runReplayHistories(
    { workflowBundle, replayName: 'review-clock-replay' },
    histories,
  )) {
    results.set(result.workflowId, result);
  }
  return results;
}

const bundle = (workflowsPath: string) =>
  bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });

describe('reviewClockWorkflow replay of recorded histories', () => {
  beforeAll(() => installQuietTemporalRuntime());

  it('has the recorded histories of every scenario', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'review-clock-met.json',
        'review-clock-breached.json',
        'review-clock-signal-during-breach.json',
        'review-clock-signal-after-breach-worker-down.json',
        'review-clock-already-past.json',
      ]),
    );
    for (const { history } of histories) {
      expect(history.events![0].workflowExecutionStartedEventAttributes?.workflowType?.name).toBe(
        REVIEW_CLOCK_WORKFLOW,
      );
    }
  });

  it('replays every history against the current workflow code without a determinism error', async () => {
    const results = await replayAll(await bundle(WORKFLOWS_PATH));
    expect([...results.keys()].sort()).toEqual(histories.map((h) => h.workflowId).sort());
    const failures = [...results.values()]
      .filter((r) => r.error)
      .map((r) => `${r.workflowId}: ${r.error!.name}: ${r.error!.message}`);
    expect(failures).toEqual([]);
  });

  it('does catch an incompatible change (an extra activity before the wait): every history fails to replay', async () => {
    const results = await replayAll(await bundle(require.resolve('./incompatible-review-clock.workflow')));
    expect(results.size).toBe(histories.length);
    for (const [workflowId, result] of results) {
      expect({ workflowId, error: result.error?.name }).toEqual({
        workflowId,
        error: 'DeterminismViolationError',
      });
    }
  });
});
