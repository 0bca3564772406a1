// Replays every recorded episode history (test/histories, written by record-histories.ts) against the current
// workflow code. A failure means the change would break episodes already running (they last 6–8 weeks and then
// 9 months of follow-up): make it compatible (patched('<change-id>'), or a new workflow type) instead of
// re-recording the files.
import {
  bundleWorkflowCode,
  DefaultLogger,
  ReplayResult,
  Worker,
  WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EPISODE_WORKFLOW } from '../../src/workflows/episode.types';
import { historyFromJson } from './history-json';
import { installQuietTemporalRuntime, SCENARIOS, WORKFLOWS_PATH } from './episode.fixtures';

const HISTORIES_DIR = join(__dirname, '..', 'histories');
const files = readdirSync(HISTORIES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const histories = files.map((file) => ({
  file,
  workflowId: file.replace(/\.json$/, ''),
  history: historyFromJson(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'))),
}));

async function replayAll(workflowBundle: WorkflowBundleWithSourceMap): Promise<Map<string, ReplayResult>> {
  const results = new Map<string, ReplayResult>();
  for await (const result of Worker.runReplayHistories(
    { workflowBundle, replayName: 'tag-referrals-replay' },
    histories,
  ))
    results.set(result.workflowId, result);
  return results;
}

const bundle = (workflowsPath: string) =>
  bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });

describe('tag episode workflow: replay of recorded histories', () => {
  beforeAll(() => installQuietTemporalRuntime());

  it('has a recorded history of every scenario, each of the episode workflow', () => {
    expect(files).toEqual(expect.arrayContaining(Object.keys(SCENARIOS).map((s) => `${s}.json`)));
    for (const { history } of histories)
      expect(history.events![0].workflowExecutionStartedEventAttributes?.workflowType?.name).toBe(
        EPISODE_WORKFLOW,
      );
  });

  it('replays every history against the current workflow code without a determinism error', async () => {
    const results = await replayAll(await bundle(WORKFLOWS_PATH));
    expect([...results.keys()].sort()).toEqual(histories.map((h) => h.workflowId).sort());
    const failures = [...results.values()]
      .filter((r) => r.error)
      .map((r) => `${r.workflowId}: ${r.error!.name}: ${r.error!.message}`);
    expect(failures).toEqual([]);
  });

  it('does catch an incompatible change: every history fails to replay', async () => {
    const results = await replayAll(await bundle(require.resolve('./incompatible-episode.workflow')));
    expect(results.size).toBe(histories.length);
    for (const [workflowId, result] of results)
      expect({ workflowId, error: result.error?.name }).toEqual({
        workflowId,
        error: 'DeterminismViolationError',
      });
  });
});
