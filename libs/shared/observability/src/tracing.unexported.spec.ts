import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../../..');
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

interface Leg {
  recording: boolean;
  traceId?: string;
  outgoing?: string;
}

/**
 * Issue 14 §5: with no exporter (the local default) spans are not built, which the gateway's profile
 * showed costing CPU on every request, yet one request keeps one trace id across every hop and in the
 * logs (issue 14 §4). Run in a child process, as a service starts tracing, not inside jest's registry.
 */
describe('tracing with no exporter: ids propagate, nothing is recorded', () => {
  let out: { continued: Leg; root: Leg };
  beforeAll(async () => {
    const stdout = await new Promise<string>((done, fail) =>
      execFile(
        process.execPath,
        [
          '-r',
          join(REPO_ROOT, 'tools', 'register.js'),
          join(__dirname, '../test/fixtures/unexported-trace.process.ts'),
        ],
        {
          cwd: REPO_ROOT,
          env: {
            PATH: process.env.PATH,
            OTEL_TRACES_EXPORTER: 'none',
            FIXTURE_TRACEPARENT: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
          },
          timeout: 30_000,
        },
        (err, so, se) => (err ? fail(new Error(`${err.message}\n${se}`)) : done(so)),
      ),
    );
    out = JSON.parse(stdout.trim().split('\n').pop()!);
  }, 40_000);

  it('continues the incoming trace id and hands it to the next hop, unsampled', () => {
    expect(out.continued.recording).toBe(false);
    expect(out.continued.traceId).toBe(TRACE_ID);
    expect(out.continued.outgoing).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-00$`));
    expect(out.continued.outgoing).not.toContain('00f067aa0ba902b7');
  });

  it('starts a new trace id where none comes in', () => {
    expect(out.root.recording).toBe(false);
    expect(out.root.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(out.root.traceId).not.toBe(TRACE_ID);
    expect(out.root.outgoing).toBe(`00-${out.root.traceId}-${out.root.outgoing!.split('-')[2]}-00`);
  });
});
