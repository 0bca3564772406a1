// Replaying recorded workflow histories against workflow code: how each service proves that a change
// to a workflow is compatible with the executions already running (its *.replay.int-spec.ts), and
// how an operator checks a history downloaded from a real server.
import { bundleWorkflowCode, DefaultLogger, ReplayResult, Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJson, WorkflowHistory } from './history-json';

export interface RecordedHistory {
  /** The file name in the histories directory. */
  file: string;
  /** The file name without .json: the id the replay reports its result under. */
  workflowId: string;
  /** The JSON as stored (for tests that read events by field name). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Temporal's history JSON, read field by field
  json: { events: Array<Record<string, any>> };
  history: WorkflowHistory;
}

/** Every history in `dir` whose file name passes `include` (default: every .json), sorted by name. */
export function loadRecordedHistories(
  dir: string,
  include: (file: string) => boolean = (f) => f.endsWith('.json'),
): RecordedHistory[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && include(f))
    .sort()
    .map((file) => {
      const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      return { file, workflowId: file.replace(/\.json$/, ''), json, history: historyFromJson(json) };
    });
}

/**
 * Bundles the workflows at `workflowsPath` and replays every history against them; the result of each
 * by workflow id (result.error set when the code is not compatible with that history).
 */
export async function replayRecordedHistories(
  workflowsPath: string,
  histories: RecordedHistory[],
  replayName: string,
): Promise<Map<string, ReplayResult>> {
  const workflowBundle = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  const results = new Map<string, ReplayResult>();
  for await (const result of Worker.runReplayHistories({ workflowBundle, replayName }, histories))
    results.set(result.workflowId, result);
  return results;
}

/** The failures of a replay, one line each ("<workflowId>: <error name>: <message>"); empty when all replayed. */
export function replayFailures(results: Map<string, ReplayResult>): string[] {
  return [...results.values()]
    .filter((r) => r.error)
    .map((r) => `${r.workflowId}: ${r.error!.name}: ${r.error!.message}`);
}
