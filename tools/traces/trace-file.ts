/**
 * Reads what the local OpenTelemetry Collector's file exporter writes (deploy/local/otelcol/config.yaml:
 * `format: json`): one OTLP/JSON ExportTraceServiceRequest per line, `resourceSpans[].scopeSpans[].spans[]`,
 * ids as hex strings, times as nanosecond strings. One request's spans arrive in several lines (each
 * process exports its own batches), so spans are grouped by trace id across the whole file.
 */

export interface SpanRecord {
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  service: string;
  name: string;
  kind: string;
  /** Nanoseconds since the epoch (bigint: they do not fit a double exactly). */
  startNs: bigint;
  endNs: bigint;
  /** The status message when the span ended in error, else undefined. */
  error?: string;
}

export interface ParsedFile {
  spans: SpanRecord[];
  /** 1-based numbers of lines that are not an OTLP/JSON export (e.g. a line being written). */
  badLines: number[];
}

export interface SpanNode {
  span: SpanRecord;
  children: SpanNode[];
  /** The span names a parent that is not in the file (a process that does not export, or a lost batch). */
  orphan: boolean;
}

export interface Trace {
  traceId: string;
  startNs: bigint;
  endNs: bigint;
  roots: SpanNode[];
  spanCount: number;
  services: string[];
}

// OTLP SpanKind numbers (opentelemetry-proto trace.proto); the JSON mapping may also use the enum name.
const KINDS: Record<string, string> = {
  '0': 'unspecified',
  '1': 'internal',
  '2': 'server',
  '3': 'client',
  '4': 'producer',
  '5': 'consumer',
};
const STATUS_ERROR = 2;

interface OtlpAttribute {
  key?: string;
  value?: { stringValue?: string };
}
interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number | string;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  status?: { code?: number | string; message?: string };
}
interface OtlpExport {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{ spans?: OtlpSpan[] }>;
  }>;
}

const HEX_ID = /^[0-9a-f]+$/;

function kindName(kind: number | string | undefined): string {
  if (kind === undefined) return 'unspecified';
  const k = String(kind);
  return KINDS[k] ?? k.replace(/^SPAN_KIND_/, '').toLowerCase();
}

function nanos(v: string | number | undefined): bigint | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : undefined;
  if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v);
  return undefined;
}

function isError(status: OtlpSpan['status']): boolean {
  return status?.code === STATUS_ERROR || status?.code === 'STATUS_CODE_ERROR';
}

/** Parses one file's text. Spans without a valid trace id, span id or times are skipped. */
export function parseTraceLines(text: string): ParsedFile {
  const spans: SpanRecord[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let doc: OtlpExport;
    try {
      doc = JSON.parse(line) as OtlpExport;
    } catch {
      badLines.push(i + 1);
      return;
    }
    if (!doc || !Array.isArray(doc.resourceSpans)) {
      badLines.push(i + 1);
      return;
    }
    for (const rs of doc.resourceSpans) {
      const service =
        rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value?.stringValue ??
        'unknown service';
      for (const ss of rs.scopeSpans ?? []) {
        for (const s of ss.spans ?? []) {
          const traceId = (s.traceId ?? '').toLowerCase();
          const spanId = (s.spanId ?? '').toLowerCase();
          const startNs = nanos(s.startTimeUnixNano);
          const endNs = nanos(s.endTimeUnixNano);
          if (traceId.length !== 32 || !HEX_ID.test(traceId) || spanId.length !== 16 || !HEX_ID.test(spanId))
            continue;
          if (startNs === undefined || endNs === undefined) continue;
          spans.push({
            traceId,
            spanId,
            parentSpanId: (s.parentSpanId ?? '').toLowerCase(),
            service,
            name: s.name ?? '',
            kind: kindName(s.kind),
            startNs,
            endNs,
            error: isError(s.status) ? s.status?.message || 'error' : undefined,
          });
        }
      }
    }
  });
  return { spans, badLines };
}

const byStart = (a: SpanNode, b: SpanNode): number =>
  a.span.startNs < b.span.startNs ? -1 : a.span.startNs > b.span.startNs ? 1 : 0;

/** Groups spans into traces, each a tree by parent span id, oldest trace first. */
export function groupTraces(spans: SpanRecord[]): Trace[] {
  const byTrace = new Map<string, SpanRecord[]>();
  for (const s of spans) {
    const list = byTrace.get(s.traceId);
    if (list) list.push(s);
    else byTrace.set(s.traceId, [s]);
  }
  const traces: Trace[] = [];
  for (const [traceId, list] of byTrace) {
    const nodes = new Map<string, SpanNode>();
    // A span exported twice (a retried batch) is shown once.
    for (const span of list)
      if (!nodes.has(span.spanId)) nodes.set(span.spanId, { span, children: [], orphan: false });
    const roots: SpanNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.span.parentSpanId ? nodes.get(node.span.parentSpanId) : undefined;
      if (parent && parent !== node) {
        parent.children.push(node);
      } else {
        node.orphan = node.span.parentSpanId !== '';
        roots.push(node);
      }
    }
    const sortTree = (ns: SpanNode[]): void => {
      ns.sort(byStart);
      ns.forEach((n) => sortTree(n.children));
    };
    sortTree(roots);
    const all = [...nodes.values()].map((n) => n.span);
    traces.push({
      traceId,
      startNs: all.reduce((m, s) => (s.startNs < m ? s.startNs : m), all[0].startNs),
      endNs: all.reduce((m, s) => (s.endNs > m ? s.endNs : m), all[0].endNs),
      roots,
      spanCount: all.length,
      services: [...new Set(all.map((s) => s.service))].sort(),
    });
  }
  return traces.sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0));
}

/**
 * A duration for people: 0.1 ms steps below 100 ms, whole ms below 10 s, 0.1 s steps below 2 min, then
 * minutes, hours and days (a workflow span lasts as long as its clock: weeks).
 */
export function formatDuration(ns: bigint): string {
  const ms = Number(ns) / 1e6;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

/**
 * The trace as text: a header, then one line per span, indented under its parent:
 * `<service>  <span name> (<kind>)  <duration>  +<offset from the trace's start>`.
 */
export function renderTrace(trace: Trace): string[] {
  const startIso = new Date(Number(trace.startNs / 1_000_000n)).toISOString();
  const lines = [
    `trace ${trace.traceId}  ${startIso}  ${formatDuration(trace.endNs - trace.startNs)}, ${trace.spanCount} span${
      trace.spanCount === 1 ? '' : 's'
    }, ${trace.services.join(', ')}`,
  ];
  const walk = (node: SpanNode, depth: number): void => {
    const s = node.span;
    const notes = [
      node.orphan ? `parent ${s.parentSpanId} not recorded` : '',
      s.error ? `ERROR: ${s.error}` : '',
    ].filter(Boolean);
    lines.push(
      `${'  '.repeat(depth + 1)}${s.service}  ${s.name} (${s.kind})  ${formatDuration(s.endNs - s.startNs)}  +${formatDuration(
        s.startNs - trace.startNs,
      )}${notes.length ? `  [${notes.join('; ')}]` : ''}`,
    );
    node.children.forEach((c) => walk(c, depth + 1));
  };
  trace.roots.forEach((r) => walk(r, 0));
  return lines;
}

export interface ShowOptions {
  traceId?: string;
  last: number;
}

/** Which traces to show: the one asked for, or the `last` most recent (oldest of them first). */
export function selectTraces(traces: Trace[], opts: ShowOptions): Trace[] {
  if (opts.traceId) return traces.filter((t) => t.traceId === opts.traceId);
  return traces.slice(Math.max(0, traces.length - opts.last));
}

/** Command-line arguments: `[--trace <32 hex>] [--last N] [--file PATH]...`; throws naming what to fix. */
export function parseArgs(argv: string[]): ShowOptions & { files: string[] } {
  const out: ShowOptions & { files: string[] } = { last: 5, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--trace') {
      const id = value().toLowerCase();
      if (!/^[0-9a-f]{32}$/.test(id))
        throw new Error(`--trace takes a trace id of 32 hex digits, not "${id}"`);
      out.traceId = id;
    } else if (arg === '--last') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 1)
        throw new Error(`--last takes a whole number of traces >= 1, not "${v}"`);
      out.last = Number(v);
    } else if (arg === '--file') {
      out.files.push(value());
    } else {
      throw new Error(`unknown argument "${arg}"`);
    }
  }
  return out;
}
