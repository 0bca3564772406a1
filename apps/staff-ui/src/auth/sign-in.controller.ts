import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import { STAFF_UI_ENV } from '../config/tokens';
import type { StaffUiEnv } from '../config/staff-ui.env';
import { homeFor } from '../web/navigation';
import type { SessionUser } from '../web/session.types';
import { safeReturnPath } from './sign-in.guard';

interface SignInForm {
  username?: string;
  password?: string;
}

/**
 * Local sign-in: the form posts the demo user's name and password here, and this server exchanges them
 * at the gateway's local issuer (POST /auth/token). The token stays in the server-side session.
 * Production sign-in (OIDC authorisation code + PKCE) is described in the README and not built yet.
 */
@Controller()
export class SignInController {
  constructor(@Inject(STAFF_UI_ENV) private readonly env: StaffUiEnv) {}

  @Get('/')
  home(@Req() req: Request, @Res() res: Response) {
    res.redirect(303, req.session.user ? homeFor(req.session.user) : '/sign-in');
  }

  @Get('sign-in')
  form(@Res() res: Response) {
    res.render('sign-in', { values: {}, errors: {} });
  }

  @Post('sign-in')
  async signIn(@Req() req: Request, @Res() res: Response, @Body() body: SignInForm) {
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
    const returnTo = safeReturnPath(req.session.returnTo);
    // A new session id at sign-in (no fixation); the old one is destroyed in the store.
    req.session.regenerate((err) => {
      if (err) return res.status(503).render('errors/unavailable');
      req.session.user = user;
      req.session.token = token;
      req.session.tokenExpiresAt = (claims.exp ?? 0) * 1000;
      req.session.save(() => res.redirect(303, returnTo ?? homeFor(user)));
    });
  }

  @Post('sign-out')
  signOut(@Req() req: Request, @Res() res: Response) {
    req.session.destroy(() => {
      res.clearCookie('staff_ui_session', { path: '/' });
      res.redirect(303, '/sign-in');
    });
  }

  @Get('no-access')
  noAccess(@Res() res: Response) {
    res.status(403).render('errors/forbidden');
  }
}
