// Replays every recorded review clock history (test/histories, written by
// tools/temporal/record-review-clock-histories.ts) against the current workflow code. A failure
// means the change would break workflows already running: make it compatible (patched(), a new
// workflow type) instead of re-recording the files.
import { loadRecordedHistories, replayFailures, replayRecordedHistories } from '@oversight/temporal';
import { join } from 'node:path';
import { REVIEW_CLOCK_WORKFLOW } from '../../src/workflows/review-clock.types';
import { installQuietTemporalRuntime, WORKFLOWS_PATH } from './review-clock.fixtures';

const histories = loadRecordedHistories(join(__dirname, '..', 'histories'), (f) =>
  f.startsWith('review-clock-'),
);
const files = histories.map((h) => h.file);

const replayAll = (workflowsPath: string) =>
  replayRecordedHistories(workflowsPath, histories, 'review-clock-replay');

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
    const results = await replayAll(WORKFLOWS_PATH);
    expect([...results.keys()].sort()).toEqual(histories.map((h) => h.workflowId).sort());
    expect(replayFailures(results)).toEqual([]);
  });

  it('does catch an incompatible change (an extra activity before the wait): every history fails to replay', async () => {
    const results = await replayAll(require.resolve('./incompatible-review-clock.workflow'));
    expect(results.size).toBe(histories.length);
    for (const [workflowId, result] of results) {
      expect({ workflowId, error: result.error?.name }).toEqual({
        workflowId,
        error: 'DeterminismViolationError',
      });
    }
  });
});
