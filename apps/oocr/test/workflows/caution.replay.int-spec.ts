// Replays every recorded caution and referral history (test/histories, written by record-histories.ts) against
// the current workflow code. A failure means the change would break workflows already running: make it
// compatible (patched('<change-id>'), or a new workflow type) instead of re-recording the files.
import {
  bundleWorkflowCode,
  DefaultLogger,
  ReplayResult,
  Worker,
  WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAUTION_WORKFLOW } from '../../src/workflows/caution.types';
import { REFERRAL_WORKFLOW } from '../../src/workflows/referral.types';
import { installQuietTemporalRuntime, WORKFLOWS_PATH } from './caution.fixtures';
import { SCENARIOS } from './caution.scenarios';
import { historyFromJson } from './history-json';

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
    { workflowBundle, replayName: 'oocr-replay' },
    histories,
  ))
    results.set(result.workflowId, result);
  return results;
}

const bundle = (workflowsPath: string) =>
  bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });

describe('caution and referral workflows: replay of recorded histories', () => {
  beforeAll(() => installQuietTemporalRuntime());

  it('has a recorded history of every scenario', () => {
    expect(files).toEqual(expect.arrayContaining(Object.keys(SCENARIOS).map((s) => `${s}.json`)));
    for (const { file, history } of histories) {
      const type = history.events![0].workflowExecutionStartedEventAttributes?.workflowType?.name;
      expect({ file, type }).toEqual({
        file,
        type: file.startsWith('referral-') ? REFERRAL_WORKFLOW : CAUTION_WORKFLOW,
      });
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

  it('does catch an incompatible change: every history fails to replay', async () => {
    const results = await replayAll(await bundle(require.resolve('./incompatible-caution.workflow')));
    expect(results.size).toBe(histories.length);
    for (const [workflowId, result] of results)
      expect({ workflowId, error: result.error?.name }).toEqual({
        workflowId,
        error: 'DeterminismViolationError',
      });
  });
});
