import { Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { findDemoUser, LocalIssuer } from '@oversight/auth';
import { Public } from '@oversight/nest-platform';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { GatewayEnv } from '../config/gateway.env';
import { AuthorizationCodeStore } from './authorization-code.store';
import { AuthorizationRequestCheck, checkAuthorizationRequest, withParams } from './authorization-request';
import { demoPasswordMatches } from './demo-password';
import { messagePage, pageCsp, signInPage } from './demo-sign-in.page';
import { LocalOidcSettings } from './local-oidc.settings';

/**
 * The local issuer as a minimal OpenID Connect provider, so that the staff UI's production sign-in
 * (authorisation code + PKCE) runs and is tested locally: discovery, an authorisation endpoint with a
 * plain demo sign-in page, and RP-initiated logout. The token endpoint and JWKS are LocalIssuerController's.
 * Development only (LOCAL_ISSUER_ENABLED=true): there is no single sign-on session, every sign-in asks
 * for the demo password.
 */
@ApiTags('local identity (development only)')
@Public()
@Controller()
export class OidcProviderController {
  constructor(
    private readonly issuer: LocalIssuer,
    private readonly env: GatewayEnv,
    private readonly settings: LocalOidcSettings,
    private readonly codes: AuthorizationCodeStore,
  ) {}

  @Get(['auth/.well-known/openid-configuration', '.well-known/openid-configuration'])
  @ApiOperation({ summary: 'OpenID Connect discovery of the local issuer' })
  discovery() {
    const base = this.issuer.issuerUrl;
    return {
      issuer: base,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/token`,
      jwks_uri: `${base}/jwks.json`,
      end_session_endpoint: `${base}/logout`,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'password'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile'],
      claims_supported: ['sub', 'name', 'roles', 'team', 'org', 'nonce', 'auth_time'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    };
  }

  @Get('auth/authorize')
  @ApiExcludeEndpoint()
  authorize(@Req() req: Request, @Res() res: Response) {
    const check = checkAuthorizationRequest(req.query as Record<string, unknown>, this.settings.client());
    if (!check.ok) return this.refuse(res, check);
    this.html(res, 200, (nonce) => signInPage({ request: check.request, styleNonce: nonce }));
  }

  @Post('auth/authorize')
  @ApiExcludeEndpoint()
  async signIn(@Req() req: Request, @Res() res: Response) {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const check = checkAuthorizationRequest(form, this.settings.client());
    if (!check.ok) return this.refuse(res, check);
    const username = typeof form.username === 'string' ? form.username.trim().slice(0, 100) : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const user = findDemoUser(username);
    if (!user || !demoPasswordMatches(password, this.env.DEMO_USER_PASSWORD)) {
      return this.html(res, 401, (nonce) =>
        signInPage({
          request: check.request,
          styleNonce: nonce,
          username,
          error: 'Enter a correct username and password',
        }),
      );
    }
    const code = await this.codes.issue(
      check.request,
      user.username,
      this.settings.LOCAL_OIDC_CODE_TTL_SECONDS,
    );
    res.redirect(
      303,
      withParams(check.request.redirectUri, { code, state: check.request.state, iss: this.issuer.issuerUrl }),
    );
  }

  /** RP-initiated logout: there is no provider session to end; back to the client if it asked to be. */
  @Get('auth/logout')
  @Header('Cache-Control', 'no-store')
  @ApiExcludeEndpoint()
  logout(@Req() req: Request, @Res() res: Response) {
    const q = req.query as Record<string, unknown>;
    const target = typeof q.post_logout_redirect_uri === 'string' ? q.post_logout_redirect_uri : undefined;
    if (target === undefined) {
      return this.html(res, 200, (n) => messagePage('Signed out', 'You have signed out.', n));
    }
    if (!this.settings.client().postLogoutRedirectUris.includes(target)) {
      return this.html(res, 400, (n) =>
        messagePage('Signed out', 'You have signed out. The address to return to is not registered.', n),
      );
    }
    const state = typeof q.state === 'string' && q.state.length <= 500 ? q.state : undefined;
    res.redirect(303, withParams(target, { state }));
  }

  private refuse(res: Response, check: Exclude<AuthorizationRequestCheck, { ok: true }>) {
    if ('showToUser' in check) {
      return this.html(res, 400, (n) => messagePage('Sign-in request refused', check.showToUser, n));
    }
    res.redirect(
      303,
      withParams(check.redirectUri, {
        error: check.error,
        error_description: check.description,
        state: check.state,
        iss: this.issuer.issuerUrl,
      }),
    );
  }

  private html(res: Response, status: number, render: (styleNonce: string) => string) {
    const nonce = randomBytes(16).toString('base64');
    const origins = [...new Set(this.settings.client().redirectUris.map((u) => new URL(u).origin))];
    res.setHeader('Content-Security-Policy', pageCsp(nonce, origins));
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).type('html').send(render(nonce));
  }
}
