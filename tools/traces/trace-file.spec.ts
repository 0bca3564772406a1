import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatDuration,
  groupTraces,
  parseArgs,
  parseTraceLines,
  renderTrace,
  selectTraces,
} from './trace-file';

// Three lines the local collector (deploy/local/otelcol.sh, file exporter, format json) wrote for one
// intake request through the gateway, with the gateway and complaint-reviews (API and worker) exporting:
// each line is one batch of one process. The first also holds five single-span traces of other requests;
// the third came 5 minutes later, when the application was acknowledged and its review clock's
// workflow ran its activity and ended.
const FIXTURE = readFileSync(join(__dirname, 'test/fixtures/collector-output.jsonl'), 'utf8');
const INTAKE_TRACE = '7866c7c8f1c8a2f696d6fe3ea67d7782';

describe('parseTraceLines: the collector file exporter output', () => {
  it('reads every span of every batch, with its process as service', () => {
    const { spans, badLines } = parseTraceLines(FIXTURE);
    expect(badLines).toEqual([]);
    expect(spans).toHaveLength(14);
    const publish = spans.find((s) => s.name === 'complaints.review-application-received.v1 publish');
    expect(publish).toMatchObject({
      traceId: INTAKE_TRACE,
      spanId: '5424d5ac2cd96c33',
      parentSpanId: 'c3f13509615e36c3',
      service: 'complaint-reviews',
      kind: 'producer',
      error: undefined,
    });
    expect(publish!.endNs - publish!.startNs).toBe(241789n);
  });

  it('skips a line being written (cut off) and says which, keeping the others', () => {
    const [first, second] = FIXTURE.trim().split('\n');
    const { spans, badLines } = parseTraceLines(`${first}\n${second.slice(0, 300)}\n\n{"other":1}\n`);
    expect(badLines).toEqual([2, 4]);
    expect(spans).toHaveLength(7);
  });

  it('marks a span that ended in error and maps kinds by number or name', () => {
    const line = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'audit' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: 'A'.repeat(32),
                  spanId: 'b'.repeat(16),
                  name: 'GET /x',
                  kind: 'SPAN_KIND_CONSUMER',
                  startTimeUnixNano: '1000',
                  endTimeUnixNano: '2000',
                  status: { code: 2, message: 'boom' },
                },
                { traceId: 'not-hex', spanId: 'c'.repeat(16), startTimeUnixNano: '1', endTimeUnixNano: '2' },
              ],
            },
          ],
        },
      ],
    });
    const { spans } = parseTraceLines(line);
    expect(spans).toEqual([
      expect.objectContaining({ traceId: 'a'.repeat(32), kind: 'consumer', error: 'boom' }),
    ]);
  });
});

describe('groupTraces and renderTrace: one request as one tree', () => {
  const traces = groupTraces(parseTraceLines(FIXTURE).spans);

  it('joins the batches of three processes into one trace, oldest trace first', () => {
    // by start: the intake request began while the services fetched the gateway's keys
    expect(traces.map((t) => t.spanCount)).toEqual([1, 1, 1, 9, 1, 1]);
    const intake = traces[3];
    expect(intake.traceId).toBe(INTAKE_TRACE);
    expect(intake.services).toEqual(['complaint-reviews', 'complaint-reviews-worker', 'gateway']);
    expect(intake.roots).toHaveLength(1);
  });

  it('prints the path gateway -> service -> Kafka -> consumer -> workflow -> activity, indented, with durations', () => {
    expect(renderTrace(traces[3])).toEqual([
      `trace ${INTAKE_TRACE}  2026-12-07T22:03:25.728Z  5 min 43 s, 9 spans, complaint-reviews, complaint-reviews-worker, gateway`,
      '  gateway  POST /api/*path (server)  82.7 ms  +0.0 ms',
      '    gateway  POST complaint-reviews (client)  77.0 ms  +5.0 ms',
      '      complaint-reviews  POST /applications (server)  62.5 ms  +15.0 ms',
      '        complaint-reviews  complaints.review-application-received.v1 publish (producer)  0.2 ms  +60.0 ms',
      '          complaint-reviews-worker  complaints.review-application-received.v1 process (consumer)  122 ms  +102 ms',
      '            complaint-reviews-worker  StartWorkflow:reviewClockWorkflow (internal)  42.1 ms  +172 ms',
      '              complaint-reviews-worker  RunWorkflow:reviewClockWorkflow (internal)  5 min 43 s  +214 ms',
      '                complaint-reviews-worker  StartActivity:recordClockMet (internal)  2028 ms  +5 min 41 s',
      '                  complaint-reviews-worker  RunActivity:recordClockMet (internal)  36.9 ms  +5 min 43 s',
    ]);
  });

  it('shows a span whose parent was not exported as a root, saying so', () => {
    const withoutGateway = parseTraceLines(FIXTURE.trim().split('\n')[1]).spans;
    const [trace] = groupTraces(withoutGateway);
    expect(trace.roots.map((r) => [r.span.name, r.orphan])).toEqual([['POST /applications', true]]);
    expect(renderTrace(trace)[1]).toBe(
      '  complaint-reviews  POST /applications (server)  62.5 ms  +0.0 ms  [parent 2125c8233bfe8579 not recorded]',
    );
  });

  it('shows a span exported twice once', () => {
    const twice = parseTraceLines(`${FIXTURE}\n${FIXTURE}`).spans;
    expect(groupTraces(twice).map((t) => t.spanCount)).toEqual([1, 1, 1, 9, 1, 1]);
  });

  it('selects one trace by id, or the last N', () => {
    expect(selectTraces(traces, { traceId: INTAKE_TRACE, last: 5 }).map((t) => t.spanCount)).toEqual([9]);
    expect(selectTraces(traces, { traceId: 'f'.repeat(32), last: 5 })).toEqual([]);
    expect(selectTraces(traces, { last: 3 }).map((t) => t.traceId)).toEqual([
      INTAKE_TRACE,
      'd5fe71edb6e1fcff3c4b58be21c89356',
      'e6adc5d9a853e1c5bb4ee5eb90da4307',
    ]);
    expect(selectTraces(traces, { last: 50 })).toHaveLength(6);
  });

  it.each([
    [241_789n, '0.2 ms'],
    [99_949_999n, '99.9 ms'],
    [121_898_786n, '122 ms'],
    [9_999_400_000n, '9999 ms'],
    [10_000_000_000n, '10.0 s'],
    [119_940_000_000n, '119.9 s'],
    [342_819_000_000n, '5 min 43 s'],
    [7_260_000_000_000n, '2 h 1 min'],
    [29n * 86_400_000_000_000n + 3_600_000_000_000n, '29 d 1 h'],
  ])('formats %s ns as %s', (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });
});

describe('parseArgs', () => {
  it.each([
    [[], { last: 5, files: [] }],
    [['--last', '12'], { last: 12, files: [] }],
    [['--trace', INTAKE_TRACE.toUpperCase()], { last: 5, files: [], traceId: INTAKE_TRACE }],
    [['--file', 'a.jsonl', '--file', 'b.jsonl'], { last: 5, files: ['a.jsonl', 'b.jsonl'] }],
  ])('%j', (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  it.each([
    [['--last', '0'], '--last takes a whole number of traces >= 1, not "0"'],
    [['--last', '2.5'], '--last takes a whole number of traces >= 1, not "2.5"'],
    [['--trace', 'abc'], '--trace takes a trace id of 32 hex digits, not "abc"'],
    [['--trace'], '--trace needs a value'],
    [['--last', '--trace'], '--last needs a value'],
    [['--verbose'], 'unknown argument "--verbose"'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
