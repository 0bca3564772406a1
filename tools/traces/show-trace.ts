/**
 * Prints traces the local OpenTelemetry Collector wrote (npm run start:all -- --with-tracing) as
 * indented span trees: service, span name, kind, duration and start offset — one request's whole path.
 *
 *   node -r ./tools/register.js tools/traces/show-trace.ts                 # the 5 most recent traces
 *   node -r ./tools/register.js tools/traces/show-trace.ts --last 20
 *   node -r ./tools/register.js tools/traces/show-trace.ts --trace <trace id>
 *   ... --file other.jsonl                                                 # instead of .local/traces/
 *
 * Reads .local/traces/traces.jsonl and its rotated predecessors (traces-<time>.jsonl), oldest first.
 * The trace id of a request is in the services' log lines (traceId) and the gateway's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { groupTraces, parseArgs, parseTraceLines, renderTrace, selectTraces, SpanRecord } from './trace-file';

const TRACES_DIR = resolve(__dirname, '../../.local/traces');

/** The collector's file and its rotated copies, oldest first (rotated names carry a sortable time). */
function defaultFiles(): string[] {
  if (!existsSync(TRACES_DIR)) return [];
  const rotated = readdirSync(TRACES_DIR)
    .filter((f) => /^traces-.+\.jsonl$/.test(f))
    .sort();
  const current = existsSync(join(TRACES_DIR, 'traces.jsonl')) ? ['traces.jsonl'] : [];
  return [...rotated, ...current].map((f) => join(TRACES_DIR, f));
}

function main(argv: string[]): number {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    process.stderr.write(
      `show-trace: ${(e as Error).message}\nusage: show-trace.ts [--trace <trace id>] [--last N] [--file PATH]...\n`,
    );
    return 2;
  }
  const files = opts.files.length ? opts.files : defaultFiles();
  if (files.length === 0) {
    process.stderr.write(
      `show-trace: no traces in ${TRACES_DIR}. Start the collector and the services with tracing: npm run start:all -- --with-tracing\n`,
    );
    return 1;
  }
  const spans: SpanRecord[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`show-trace: cannot read ${file}: ${(e as Error).message}\n`);
      return 1;
    }
    const parsed = parseTraceLines(text);
    spans.push(...parsed.spans);
    if (parsed.badLines.length) {
      process.stderr.write(
        `show-trace: ${file}: skipped ${parsed.badLines.length} line(s) that are not OTLP/JSON (first: line ${parsed.badLines[0]})\n`,
      );
    }
  }
  const shown = selectTraces(groupTraces(spans), opts);
  if (shown.length === 0) {
    process.stderr.write(
      opts.traceId
        ? `show-trace: no trace ${opts.traceId} in ${files.join(', ')}\n`
        : 'show-trace: no spans yet\n',
    );
    return 1;
  }
  process.stdout.write(shown.map((t) => renderTrace(t).join('\n')).join('\n\n') + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
