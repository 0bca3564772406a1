import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@oversight/config';
import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { StaffUiEnv } from '../src/config/staff-ui.env';
import { createStaffUiApp } from '../src/create-app';

/**
 * The staff UI's route-test harness: the real app (SIGN_IN_MODE=local, sessions in memory) in front of a
 * stand-in gateway on loopback that answers what each test says (`handler`) and records what it was asked
 * (`seen`), and signed-in supertest agents. Lives outside src/ so the app build never carries it.
 *
 *   const ui = routeHarness({ username: 'vru.sam' }); // registers its own beforeAll / beforeEach / afterAll
 *   const { seen, signedIn } = ui;
 *   ui.handler = (method, url) => (url === '/api/…' ? { status: 200, body: {…} } : { status: 404 });
 */

/** What the stand-in gateway answers: with a `type`, a string body goes as it is; otherwise the body as JSON. */
export type GatewayReply = { status: number; body?: unknown; type?: string };
export type GatewayHandler = (
  method: string,
  url: string,
  body: string,
  req: IncomingMessage,
) => GatewayReply;

/** One call the UI made to the gateway, with the two headers every test looks at picked out. */
export interface GatewayCall {
  method: string;
  url: string;
  body: string;
  headers: IncomingHttpHeaders;
  authorization?: string;
  reason?: string;
}

export type Agent = ReturnType<typeof request.agent>;

const NOT_STUBBED: GatewayHandler = () => ({ status: 404, body: { message: 'not stubbed' } });
const CSRF = /name="_csrf" value="([^"]+)"/;

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** An unsigned token of the shape the gateway's /auth/token gives: the UI reads its claims, never verifies it. */
export const fakeToken = (sub: string, roles: string[]) =>
  `${b64({ alg: 'none' })}.${b64({ sub, name: `Name of ${sub}`, roles, exp: Math.floor(Date.now() / 1000) + 3600 })}.x`;

export interface RouteHarness {
  /** The app under test (set in beforeAll). */
  readonly app: NestExpressApplication;
  /** Every call the gateway received since the last reset (each test starts empty; `signedIn` empties it). */
  readonly seen: GatewayCall[];
  /** How the gateway answers; reset to 404 "not stubbed" before each test. */
  handler: GatewayHandler;
  /**
   * Signs in through the local sign-in form as a user with these roles (the gateway's /auth/token answered
   * here, whatever `handler` says). Returns the agent holding the session, a CSRF token of that session,
   * the sign-in answer and the cookie the visitor had before.
   */
  signedIn(
    roles: string[],
    username?: string,
  ): Promise<{ agent: Agent; csrf: string; res: request.Response; before?: string }>;
  /** The CSRF token of the form on `path`. */
  csrfOf(agent: Agent, path: string): Promise<string>;
}

export function routeHarness(options: { username?: string } = {}): RouteHarness {
  let app: NestExpressApplication | undefined;
  let gateway: Server;
  let signingIn: { username: string; roles: string[] } | undefined;
  const seen: GatewayCall[] = [];

  const harness: RouteHarness = {
    get app() {
      if (!app) throw new Error('routeHarness: the app starts in beforeAll');
      return app;
    },
    seen,
    handler: NOT_STUBBED,
    async signedIn(roles, username = options.username ?? 'vru.sam') {
      const agent = request.agent(harness.app.getHttpServer());
      const form = await agent.get('/sign-in').expect(200);
      const csrf = CSRF.exec(form.text)![1];
      const before = form.headers['set-cookie']?.[0];
      signingIn = { username, roles };
      let res: request.Response;
      try {
        res = await agent
          .post('/sign-in')
          .type('form')
          .send({ _csrf: csrf, username, password: 'pw' })
          .expect(303);
      } finally {
        signingIn = undefined;
      }
      // The session id (and its CSRF secret) changed at sign-in.
      const page = await agent.get('/sign-in');
      const token = CSRF.exec(page.text)?.[1] ?? csrf;
      seen.length = 0;
      return { agent, csrf: token, res, before };
    },
    async csrfOf(agent, path) {
      return CSRF.exec((await agent.get(path)).text)![1];
    },
  };

  beforeAll(async () => {
    gateway = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const method = req.method!;
        const url = req.url!;
        seen.push({
          method,
          url,
          body,
          headers: req.headers,
          authorization: req.headers.authorization,
          reason: req.headers['x-access-reason'] as string | undefined,
        });
        const out =
          signingIn && url === '/auth/token'
            ? { status: 200, body: { access_token: fakeToken(signingIn.username, signingIn.roles) } }
            : harness.handler(method, url, body, req);
        const type = out.type ?? 'application/json';
        res.writeHead(out.status, { 'content-type': type });
        res.end(
          out.body === undefined
            ? ''
            : out.type && typeof out.body === 'string'
              ? out.body
              : JSON.stringify(out.body),
        );
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const env = loadConfig(StaffUiEnv, {
      DATABASE_URL: 'postgresql://unused@127.0.0.1/none',
      GATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
      NODE_ENV: 'test',
    });
    app = await createStaffUiApp(env, { stylesheet: '', quiet: true });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((r) => gateway.close(r));
  });

  beforeEach(() => {
    seen.length = 0;
    harness.handler = NOT_STUBBED;
  });

  return harness;
}
