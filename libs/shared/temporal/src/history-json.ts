// Workflow histories to and from the JSON format Temporal's tools use (`temporal workflow show
// --output json`, the Web UI's download), so a history taken from a real server can be replayed too.
//
// Why not @temporalio/common's historyToJSON / historyFromJSON: in this install npm keeps two copies
// of protobufjs 8 (one under @temporalio/common, one under @temporalio/proto, because the root slot
// holds the protobufjs 7 that @grpc/proto-loader needs), and those functions mix them: they fail
// with "TypeError: type must be a Type". Here the JSON codec is taken from the same protobufjs copy
// as the History type, whatever the layout.
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import { dirname } from 'node:path';

export type WorkflowHistory = proto.temporal.api.history.v1.IHistory;

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is chosen by path at run time (see above)
const protojson: ProtoJson = require(
  require.resolve('protobufjs/ext/protojson', { paths: [dirname(require.resolve('@temporalio/proto'))] }),
);
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType(
  'temporal.api.history.v1.History',
);

export function historyToJson(history: WorkflowHistory): string {
  return `${JSON.stringify(protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)), null, 2)}\n`;
}

/** A decoded History, which Worker.runReplayHistory takes as it is (it only converts string ids). */
export function historyFromJson(json: unknown): WorkflowHistory {
  const history = protojson.fromJson(historyType, json, {
    ignoreUnknownFields: true,
  }) as WorkflowHistory | null;
  if (!history?.events?.length) throw new TypeError('not a workflow history: no events');
  return history;
}
