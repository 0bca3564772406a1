import { startTracing } from '@oversight/observability';
import type { Request } from 'express';
import { once } from 'node:events';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:stream';
import type { StaffUiEnv } from '../config/staff-ui.env';
import { GatewayClient } from './gateway.client';

// Issue 14 §4: the staff UI's calls to the gateway carry W3C trace context, so a page's whole path is one trace.
describe('GatewayClient trace context', () => {
  let server: Server;
  const seen: IncomingHttpHeaders[] = [];
  let client: GatewayClient;

  beforeAll(async () => {
    startTracing({ serviceName: 'staff-ui-test', env: {} });
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/json');
      res.end('{"items":[]}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    client = new GatewayClient({
      GATEWAY_URL: `http://127.0.0.1:${port}`,
      GATEWAY_TIMEOUT_MS: 5000,
    } as StaffUiEnv);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function pageRequest(headers: Record<string, string> = {}): Request {
    const res = Object.assign(new EventEmitter(), { locals: {}, statusCode: 200, writableFinished: false });
    return {
      method: 'GET',
      headers,
      header: (name: string) => headers[name.toLowerCase()],
      session: { token: 'token', tokenExpiresAt: Date.now() + 60_000 },
      res,
    } as unknown as Request;
  }

  // Sampled or not (with no exporter configured, as here, spans are not recorded since 6616248), the ids propagate.
  const traceparent = (h: IncomingHttpHeaders) =>
    /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(String(h.traceparent));

  it("continues the browser's trace, with a span of its own as the gateway call's parent", async () => {
    seen.length = 0;
    const browser = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await client.get(pageRequest({ traceparent: browser }), '/reviews');
    const sent = traceparent(seen[0]);
    expect(sent?.[1]).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(sent?.[2]).not.toBe('00f067aa0ba902b7');
  });

  it("puts every gateway call of one page in one trace, and another page's in another", async () => {
    seen.length = 0;
    const page = pageRequest();
    await client.get(page, '/reviews');
    await client.get(page, '/reviews/queue');
    await client.get(pageRequest(), '/reviews');
    const [a, b, c] = seen.map((h) => traceparent(h));
    expect(a?.[1]).toMatch(/^[0-9a-f]{32}$/);
    expect(b?.[1]).toBe(a?.[1]);
    expect(b?.[2]).not.toBe(a?.[2]); // one CLIENT span per call
    expect(c?.[1]).not.toBe(a?.[1]);
  });
});
