// Replays every recorded swap history (test/histories, written by record-histories.ts) against the current workflow
// code. A failure means the change would break swap workflows already running (they wait up to seven weeks): make
// it compatible (patched('<change-id>'), or a new workflow type) instead of re-recording the files.
import { loadRecordedHistories, replayFailures, replayRecordedHistories } from '@oversight/temporal';
import { join } from 'node:path';
import { SWAP_WORKFLOW } from '../../src/workflows/swap.types';
import { installQuietTemporalRuntime, SCENARIOS, WORKFLOWS_PATH } from './swap.scenarios';

const histories = loadRecordedHistories(join(__dirname, '..', 'histories'));
const files = histories.map((h) => h.file);

const replayAll = (workflowsPath: string) =>
  replayRecordedHistories(workflowsPath, histories, 'knife-swaps-replay');

describe('swap workflow: replay of recorded histories', () => {
  beforeAll(() => installQuietTemporalRuntime());

  it('has a recorded history of every scenario, each of the swap workflow', () => {
    expect(files).toEqual(expect.arrayContaining(Object.keys(SCENARIOS).map((s) => `${s}.json`)));
    for (const { history } of histories)
      expect(history.events![0].workflowExecutionStartedEventAttributes?.workflowType?.name).toBe(
        SWAP_WORKFLOW,
      );
  });

  it('replays every history against the current workflow code without a determinism error', async () => {
    const results = await replayAll(WORKFLOWS_PATH);
    expect([...results.keys()].sort()).toEqual(histories.map((h) => h.workflowId).sort());
    expect(replayFailures(results)).toEqual([]);
  });

  it('does catch an incompatible change: every history fails to replay', async () => {
    const results = await replayAll(require.resolve('./incompatible-swap.workflow'));
    expect(results.size).toBe(histories.length);
    for (const [workflowId, result] of results)
      expect({ workflowId, error: result.error?.name }).toEqual({
        workflowId,
        error: 'DeterminismViolationError',
      });
  });
});
