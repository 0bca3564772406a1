// Replays every recorded caution and referral history (test/histories, written by record-histories.ts) against
// the current workflow code. A failure means the change would break workflows already running: make it
// compatible (patched('<change-id>'), or a new workflow type) instead of re-recording the files.
import { loadRecordedHistories, replayFailures, replayRecordedHistories } from '@oversight/temporal';
import { join } from 'node:path';
import { CAUTION_WORKFLOW } from '../../src/workflows/caution.types';
import { REFERRAL_WORKFLOW } from '../../src/workflows/referral.types';
import { installQuietTemporalRuntime, WORKFLOWS_PATH } from './caution.fixtures';
import { SCENARIOS } from './caution.scenarios';

const histories = loadRecordedHistories(join(__dirname, '..', 'histories'));
const files = histories.map((h) => h.file);

const replayAll = (workflowsPath: string) => replayRecordedHistories(workflowsPath, histories, 'oocr-replay');

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
    const results = await replayAll(WORKFLOWS_PATH);
    expect([...results.keys()].sort()).toEqual(histories.map((h) => h.workflowId).sort());
    expect(replayFailures(results)).toEqual([]);
  });

  it('does catch an incompatible change: every history fails to replay', async () => {
    const results = await replayAll(require.resolve('./incompatible-caution.workflow'));
    expect(results.size).toBe(histories.length);
    for (const [workflowId, result] of results)
      expect({ workflowId, error: result.error?.name }).toEqual({
        workflowId,
        error: 'DeterminismViolationError',
      });
  });
});
