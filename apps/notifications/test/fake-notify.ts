import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method?: string;
  path?: string;
  authorization?: string;
  body: Record<string, any>;
}

/**
 * A stand-in for GOV.UK Notify's v2 API on a free local port: records every request and answers
 * with the queued responses in turn, then with `fallback` (a 201 with a fresh id unless changed).
 */
export class FakeNotify {
  readonly received: ReceivedRequest[] = [];
  readonly responses: Array<{ status: number; body: unknown }> = [];
  fallback: { status: number; body: unknown } | undefined;
  url = '';
  private server?: Server;
  private ids = 0;

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        this.received.push({
          method: req.method,
          path: req.url,
          authorization: req.headers.authorization,
          body: JSON.parse(raw || '{}'),
        });
        const next = this.responses.shift() ??
          this.fallback ?? { status: 201, body: { id: `notify-${++this.ids}`, reference: null } };
        res.writeHead(next.status, { 'content-type': 'application/json' }).end(JSON.stringify(next.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.received.length = 0;
    this.responses.length = 0;
    this.fallback = undefined;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Notify's error body. */
export const notifyError = (status: number, error: string, message: string) => ({
  status,
  body: { status_code: status, errors: [{ error, message }] },
});
