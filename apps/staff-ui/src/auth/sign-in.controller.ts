import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { createLogger } from '@oversight/observability';
import type { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import { STAFF_UI_ENV } from '../config/tokens';
import type { StaffUiEnv } from '../config/staff-ui.env';
import { homeFor } from '../web/navigation';
import type { SessionUser } from '../web/session.types';
import { OidcSignIn, ProviderUnavailableError, SignInRefusedError } from './oidc-sign-in';
import './oidc-session.types';
import { safeReturnPath } from './sign-in.guard';

interface SignInForm {
  username?: string;
  password?: string;
}

/**
 * Sign-in and sign-out, in one of two modes (SIGN_IN_MODE):
 * - 'oidc' (production, and the local run against the gateway's local issuer): the OpenID Connect
 *   authorisation-code flow with PKCE (auth/oidc-sign-in.ts). /sign-in offers the button, /sign-in/start
 *   sends the browser to the provider, /auth/callback takes it back; sign-out also ends the provider's
 *   session when it advertises RP-initiated logout.
 * - 'local' (route tests): the form posts the demo user's name and password here, and this server
 *   exchanges them at the gateway's local issuer (POST /auth/token).
 * Either way the tokens stay in the server-side session and the session id is regenerated at sign-in.
 */
@Controller()
export class SignInController {
  private readonly oidc?: OidcSignIn;
  private readonly log = createLogger('SignInController');

  constructor(@Inject(STAFF_UI_ENV) private readonly env: StaffUiEnv) {
    const settings = env.oidc();
    this.oidc = settings ? new OidcSignIn(settings) : undefined;
  }

  @Get('/')
  home(@Req() req: Request, @Res() res: Response) {
    res.redirect(303, req.session.user ? homeFor(req.session.user) : '/sign-in');
  }

  @Get('sign-in')
  form(@Res() res: Response) {
    if (this.oidc) return res.render('sign-in-oidc', {});
    res.render('sign-in', { values: {}, errors: {} });
  }

  /** Where sign-out ends (OIDC: the provider sends the browser back here, OIDC_POST_LOGOUT_REDIRECT_URI). */
  @Get('signed-out')
  signedOut(@Req() req: Request, @Res() res: Response) {
    if (req.session.user) return res.redirect(303, homeFor(req.session.user));
    if (this.oidc) return res.render('sign-in-oidc', { signedOut: true });
    res.redirect(303, '/sign-in');
  }

  /** OIDC: a fresh state, nonce and PKCE verifier in the session, then off to the provider. */
  @Get('sign-in/start')
  async start(@Req() req: Request, @Res() res: Response) {
    if (!this.oidc) return res.redirect(303, '/sign-in');
    let started;
    try {
      started = await this.oidc.start();
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'identity provider unavailable');
      return res.status(503).render('errors/unavailable');
    }
    req.session.oidc = started.pending;
    req.session.save((err) => {
      if (err) return res.status(503).render('errors/unavailable');
      res.redirect(303, started.url);
    });
  }

  /** OIDC: the provider's redirect back with `code` and `state`. */
  @Get('auth/callback')
  async callback(@Req() req: Request, @Res() res: Response) {
    if (!this.oidc) return res.redirect(303, '/sign-in');
    const pending = req.session.oidc;
    delete req.session.oidc; // one attempt per start, whatever happens next
    let signedIn;
    try {
      signedIn = await this.oidc.finish(req.query as Record<string, unknown>, pending);
    } catch (err) {
      if (err instanceof SignInRefusedError) {
        this.log.info({ reason: err.message }, 'sign-in refused');
        return res.status(400).render('sign-in-oidc', { refused: true });
      }
      this.log.warn({ err: (err as Error).message }, 'sign-in failed: identity provider unavailable');
      return res.status(err instanceof ProviderUnavailableError ? 503 : 500).render('errors/unavailable');
    }
    this.establish(req, res, signedIn.user, signedIn.accessToken, signedIn.expiresAt, signedIn.idToken);
  }

  /** Local mode only: the demo user's name and password, exchanged at the gateway's local issuer. */
  @Post('sign-in')
  async signIn(@Req() req: Request, @Res() res: Response, @Body() body: SignInForm) {
    if (this.oidc) return res.redirect(303, '/sign-in');
    const username = String(body.username ?? '').trim();
    const password = String(body.password ?? '');
    const errors: Record<string, string> = {};
    if (!username) errors.username = 'Enter your username';
    if (!password) errors.password = 'Enter your password';
    if (Object.keys(errors).length) {
      return res.status(400).render('sign-in', { values: { username }, errors });
    }
    let token: string;
    try {
      const r = await fetch(new URL('/auth/token', this.env.GATEWAY_URL), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
        signal: AbortSignal.timeout(this.env.GATEWAY_TIMEOUT_MS),
      });
      if (r.status === 400 || r.status === 401) {
        return res.status(401).render('sign-in', {
          values: { username },
          errors: { username: 'Enter a correct username and password' },
        });
      }
      if (!r.ok) throw new Error(`token endpoint answered ${r.status}`);
      token = ((await r.json()) as { access_token: string }).access_token;
    } catch {
      return res.status(503).render('errors/unavailable');
    }
    const claims = decodeJwt(token);
    const user: SessionUser = {
      username: String(claims.sub),
      name: String(claims.name ?? claims.sub),
      roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
      team: typeof claims.team === 'string' ? claims.team : undefined,
    };
    this.establish(req, res, user, token, (claims.exp ?? 0) * 1000);
  }

  @Post('sign-out')
  async signOut(@Req() req: Request, @Res() res: Response) {
    const idToken = req.session.idToken;
    const providerLogout = this.oidc && idToken ? await this.oidc.endSessionUrl(idToken) : undefined;
    req.session.destroy(() => {
      res.clearCookie('staff_ui_session', { path: '/' });
      res.redirect(303, providerLogout ?? (this.oidc ? '/signed-out' : '/sign-in'));
    });
  }

  @Get('no-access')
  noAccess(@Res() res: Response) {
    res.status(403).render('errors/forbidden');
  }

  /** A new session id at sign-in (no fixation; the old one is destroyed in the store), then back to work. */
  private establish(
    req: Request,
    res: Response,
    user: SessionUser,
    token: string,
    expiresAt: number,
    idToken?: string,
  ) {
    const returnTo = safeReturnPath(req.session.returnTo);
    req.session.regenerate((err) => {
      if (err) return res.status(503).render('errors/unavailable');
      req.session.user = user;
      req.session.token = token;
      req.session.tokenExpiresAt = expiresAt;
      if (idToken) req.session.idToken = idToken;
      req.session.save(() => res.redirect(303, returnTo ?? homeFor(user)));
    });
  }
}
