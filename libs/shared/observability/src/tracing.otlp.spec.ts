import { execFile } from 'node:child_process';
import { createServer, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { otlpTracesUrl } from './tracing';

const REPO_ROOT = resolve(__dirname, '../../../..');

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}
interface OtlpRequest {
  url?: string;
  headers: IncomingHttpHeaders;
  body: {
    resourceSpans: Array<{
      resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
      scopeSpans: Array<{ scope: { name: string }; spans: OtlpSpan[] }>;
    }>;
  };
}

describe('OTLP/http export configured by OTEL_* settings (issue 14 §4)', () => {
  it.each([
    ['nothing set: the exporter default', {}, undefined],
    [
      'a base endpoint gets /v1/traces',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' },
      'http://collector:4318/v1/traces',
    ],
    [
      'a traces endpoint is used as it is',
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/traces',
      },
      'http://b:4318/traces',
    ],
  ])('%s', (_name, env, url) => {
    expect(otlpTracesUrl(env)).toBe(url);
  });

  async function runFixture(
    env: Record<string, string>,
  ): Promise<{ ids: { traceId: string; spanId: string }; received: OtlpRequest[]; signal?: string }> {
    const received: OtlpRequest[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ url: req.url, headers: req.headers, body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    try {
      const port = (collector.address() as AddressInfo).port;
      const { stdout, signal } = await new Promise<{ stdout: string; signal?: string }>((done, fail) => {
        execFile(
          process.execPath,
          [
            '-r',
            join(REPO_ROOT, 'tools', 'register.js'),
            join(__dirname, '../test/fixtures/otlp-export.process.ts'),
          ],
          {
            cwd: REPO_ROOT,
            timeout: 60_000,
            env: {
              ...process.env,
              OTEL_TRACES_EXPORTER: 'otlp',
              OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
              OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '',
              OTEL_SERVICE_NAME: 'otlp-fixture',
              ...env,
            },
          },
          (err, out) => {
            const e = err as (Error & { signal?: string; killed?: boolean }) | null;
            if (e && (!e.signal || e.killed)) fail(e);
            else done({ stdout: out, signal: e?.signal });
          },
        );
      });
      const ids = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { traceId: string; spanId: string };
      return { ids, received, signal };
    } finally {
      await new Promise((r) => collector.close(r));
    }
  }

  it('sends a process’s spans, workflow spans included with their parent, to the collector', async () => {
    const { ids, received } = await runFixture({});
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((r) => r.url === '/v1/traces')).toBe(true);
    const resources = received.flatMap((r) => r.body.resourceSpans);
    expect(
      resources.every((rs) =>
        rs.resource.attributes.some(
          (a) => a.key === 'service.name' && a.value.stringValue === 'otlp-fixture',
        ),
      ),
    ).toBe(true);
    const spans = resources.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
    expect(spans.map((s) => s.name).sort()).toEqual([
      'POST /things',
      'RunWorkflow:fixture',
      'things publish',
    ]);
    expect(spans.every((s) => s.traceId === ids.traceId)).toBe(true);
    const byName = (n: string): OtlpSpan | undefined => spans.find((s) => s.name === n);
    expect(byName('things publish')?.parentSpanId).toBe(ids.spanId);
    expect(byName('RunWorkflow:fixture')?.parentSpanId).toBe(ids.spanId);
    const scopes = resources.flatMap((rs) => rs.scopeSpans.map((ss) => ss.scope.name));
    expect(scopes).toEqual(expect.arrayContaining(['oversight', '@temporalio/interceptors-opentelemetry']));
  }, 90_000);

  it('sends the spans still batched when the process is stopped with SIGTERM, and the process still ends', async () => {
    const { ids, received, signal } = await runFixture({ FIXTURE_END: 'sigterm' });
    expect(signal).toBe('SIGTERM');
    const spans = received.flatMap((r) =>
      r.body.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans)),
    );
    expect(spans.filter((s) => s.traceId === ids.traceId)).toHaveLength(3);
  }, 90_000);
});
