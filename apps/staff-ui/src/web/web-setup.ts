import type { NestExpressApplication } from '@nestjs/platform-express';
import connectPgSimple from 'connect-pg-simple';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { csrfSync } from 'csrf-sync';
import express, { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import nunjucks from 'nunjucks';
import type { Pool } from 'pg';
import type { StaffUiEnv } from '../config/staff-ui.env';
import { signInGuard } from '../auth/sign-in.guard';
import { buildStylesheet, GOVUK_DIST, MOJ_DIST } from './assets';
import { SESSION_COOKIE } from './constants';
import { csrfErrorHandler } from './page-error.filter';
import { navigationFor } from './navigation';
import './session.types';

export function sessionSecret(env: StaffUiEnv): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  if (env.NODE_ENV === 'production') throw new Error('SESSION_SECRET is required in production');
  // Development only: stable per machine (the URL carries the generated database password).
  return createHash('sha256').update(`staff-ui-session:${env.DATABASE_URL}`).digest('hex');
}

/**
 * Everything the browser-facing side needs, in order: security headers with a per-request CSP nonce,
 * static assets, the PostgreSQL-backed session, the form body parser, CSRF, template locals.
 * `sessionStore` may be replaced (route tests use the in-memory store).
 */
export function configureWeb(
  app: NestExpressApplication,
  env: StaffUiEnv,
  opts: { pool?: Pool; stylesheet?: string } = {},
): void {
  if (env.NODE_ENV === 'production' && !env.secureCookies) {
    throw new Error('COOKIE_SECURE must be true in production');
  }
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  if (env.TRUST_PROXY > 0) server.set('trust proxy', env.TRUST_PROXY);

  const env_ = nunjucks.configure([path.join(__dirname, '../views'), GOVUK_DIST, MOJ_DIST], {
    autoescape: true,
    throwOnUndefined: false,
    express: server,
  });
  env_.addFilter('date', formatDate);
  env_.addFilter('dateTime', formatDateTime);
  env_.addFilter('humanise', humanise);
  app.setViewEngine('njk');

  server.use((_req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  server.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          manifestSrc: ["'self'"],
          // Sign-out goes on to the identity provider's logout (OIDC), and browsers check form-action on redirects.
          formAction: ["'self'", ...env.signInFormTargets],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
          ...(env.secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // Plain http is only allowed for the local run on loopback (COOKIE_SECURE=false).
      strictTransportSecurity: env.secureCookies,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );

  const stylesheet = opts.stylesheet ?? buildStylesheet();
  server.get('/assets/app.css', (_req: Request, res: Response) => {
    res.type('text/css').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(stylesheet);
  });
  const staticOpts = { index: false, maxAge: '1h', fallthrough: false } as const;
  server.use('/assets/images', express.static(path.join(GOVUK_DIST, 'govuk/assets/images'), staticOpts));
  server.use('/assets/manifest.json', (_req: Request, res: Response) =>
    res.sendFile(path.join(GOVUK_DIST, 'govuk/assets/manifest.json')),
  );
  server.get('/js/govuk.js', (_req: Request, res: Response) =>
    res.sendFile(path.join(GOVUK_DIST, 'govuk/govuk-frontend.min.js'), { maxAge: '1h' }),
  );
  server.get('/js/moj.js', (_req: Request, res: Response) =>
    res.sendFile(path.join(MOJ_DIST, 'moj/moj-frontend.min.js'), { maxAge: '1h' }),
  );
  server.get('/js/app.js', (_req: Request, res: Response) =>
    res.sendFile(path.join(__dirname, 'scripts/app.js'), { maxAge: '1h' }),
  );

  // Probes and metrics never get a session (no row written per probe).
  const skipForProbes =
    (mw: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      isProbe(req.path) ? next() : mw(req, res, next);

  const PgStore = connectPgSimple(session);
  const idleMs = env.SESSION_IDLE_MINUTES * 60_000;
  server.use(
    skipForProbes(
      session({
        name: SESSION_COOKIE,
        secret: sessionSecret(env),
        store: opts.pool
          ? new PgStore({
              pool: opts.pool,
              tableName: 'session',
              createTableIfMissing: false,
              pruneSessionInterval: 600,
            })
          : undefined,
        resave: false,
        saveUninitialized: false,
        // Every request pushes the idle timeout back; the store row expires with the cookie.
        rolling: true,
        cookie: {
          httpOnly: true,
          secure: env.secureCookies,
          sameSite: 'lax',
          maxAge: idleMs,
          path: '/',
        },
      }),
    ),
  );
  server.use(express.urlencoded({ extended: true, limit: '100kb', parameterLimit: 500 }));

  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => (req.body as Record<string, string> | undefined)?._csrf,
  });
  server.use(skipForProbes(csrfSynchronisedProtection));
  server.use(csrfErrorHandler);

  server.use((req: Request, res: Response, next: NextFunction) => {
    if (isProbe(req.path)) return next();
    // Pages carry personal data or depend on who is signed in: never cached, never stored.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    const started = performance.now();
    res.locals.gatewayMs = 0;
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
      const total = performance.now() - started;
      if (!this.headersSent) {
        this.setHeader(
          'Server-Timing',
          `gateway;dur=${(res.locals.gatewayMs as number).toFixed(1)}, total;dur=${total.toFixed(1)}`,
        );
      }
      return writeHead.apply(this, args);
    } as typeof writeHead;
    res.locals.csrfToken = generateToken(req);
    res.locals.user = req.session.user;
    res.locals.navigation = navigationFor(req.session.user, req.path);
    res.locals.currentPath = req.path;
    res.locals.flash = req.session.flash;
    if (req.session.flash) delete req.session.flash;
    next();
  });
  server.use(signInGuard);
}

export function isProbe(p: string): boolean {
  return p.startsWith('/health/') || p === '/metrics';
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

export function formatDate(value: unknown): string {
  if (!value) return '';
  const d = new Date(String(value).length === 10 ? `${value}T00:00:00Z` : String(value));
  return Number.isNaN(d.getTime()) ? String(value) : DATE.format(d);
}

export function formatDateTime(value: unknown): string {
  if (!value) return '';
  const d = new Date(String(value));
  return Number.isNaN(d.getTime()) ? String(value) : DATE_TIME.format(d);
}

/** SOME_CODE → "Some code". */
export function humanise(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value).replace(/[_-]+/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
