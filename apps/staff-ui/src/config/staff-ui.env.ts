import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

/** What the OpenID Connect sign-in needs (StaffUiEnv.oidc()). */
export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  scopes: string;
  timeoutMs: number;
}

/**
 * The staff UI's settings. It is not a domain service: no Kafka, no Temporal; it verifies only the ID token at sign-in. Its database holds
 * web sessions only; every read and write of case data goes through the gateway as the signed-in user.
 */
export class StaffUiEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: string = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3200;

  @IsString()
  HTTP_HOST: string = '127.0.0.1';

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgresql:// connection string' })
  DATABASE_URL!: string;

  /** Where every API call goes, with the user's bearer token. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  GATEWAY_URL: string = 'http://127.0.0.1:3000';

  /**
   * Signs the session cookie. Required in production; in development, when unset, it is derived from
   * DATABASE_URL (which carries the machine's generated database password), so sessions survive a restart.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters' })
  SESSION_SECRET?: string;

  /** Idle timeout: the session ends after this long without a request (never later than the token's expiry). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(480)
  SESSION_IDLE_MINUTES: number = 30;

  /**
   * 'true': the cookie is Secure (sent over HTTPS only; behind a TLS-terminating proxy set TRUST_PROXY).
   * 'false': for the local run over plain http on 127.0.0.1 only. Production refuses 'false'.
   * Unset: 'true' in production, 'false' otherwise (the local run is plain http on loopback).
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  COOKIE_SECURE?: string;

  get secureCookies(): boolean {
    return (this.COOKIE_SECURE ?? (this.NODE_ENV === 'production' ? 'true' : 'false')) === 'true';
  }

  /** Hops of reverse proxies to trust for X-Forwarded-Proto (0: none). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(5)
  TRUST_PROXY: number = 0;

  /**
   * 'oidc': OpenID Connect authorisation code + PKCE against the force's identity provider (production; the
   * local run uses the gateway's local issuer). 'local': a username/password form that this server posts to
   * the gateway's local issuer (POST /auth/token, demo users; route tests). Production refuses 'local'.
   */
  @IsIn(['oidc', 'local'])
  SIGN_IN_MODE: string = 'local';

  /** The identity provider's issuer URL (discovery at <issuer>/.well-known/openid-configuration). Unset: AUTH_ISSUER. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  OIDC_ISSUER_URL?: string;

  /** The issuer whose tokens the gateway accepts (set for every service by the local run). */
  @IsOptional()
  @IsString()
  AUTH_ISSUER?: string;

  @Matches(/^[\w.:@/-]{1,200}$/, {
    message: 'OIDC_CLIENT_ID must be the client id registered with the provider',
  })
  OIDC_CLIENT_ID: string = 'staff-ui';

  /** Unset: a public client (PKCE alone); set: client_secret_basic. From the secrets file; never logged. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'OIDC_CLIENT_SECRET must be at least 16 characters' })
  OIDC_CLIENT_SECRET?: string;

  /** This app's callback as registered with the provider; its path must be /auth/callback. Unset: http://HTTP_HOST:PORT/auth/callback (not in production). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  OIDC_REDIRECT_URI?: string;

  /** Where the provider sends the browser back after signing out (registered with it). Unset: this app's /signed-out. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  OIDC_POST_LOGOUT_REDIRECT_URI?: string;

  /** Space-separated scopes; must include openid. */
  @Matches(/^([\w.:/-]+ )*[\w.:/-]+$/, { message: 'OIDC_SCOPES must be space-separated scopes' })
  OIDC_SCOPES: string = 'openid profile';

  /**
   * The sign-in settings, checked together (the controller calls this at start-up, so a combination that
   * cannot work stops the app). Production: 'oidc' only, an explicit https issuer and redirect URI, and a
   * client secret (this server is a confidential client: it can keep one).
   */
  oidc(): OidcSettings | undefined {
    const production = this.NODE_ENV === 'production';
    if (this.SIGN_IN_MODE === 'local') {
      if (production)
        throw new Error('SIGN_IN_MODE=local is for local runs only; production signs in with oidc');
      return undefined;
    }
    const issuerUrl = this.OIDC_ISSUER_URL ?? (production ? undefined : this.AUTH_ISSUER);
    if (!issuerUrl) throw new Error('SIGN_IN_MODE=oidc needs OIDC_ISSUER_URL');
    if (!this.OIDC_SCOPES.split(' ').includes('openid')) throw new Error('OIDC_SCOPES must include openid');
    if (production && !this.OIDC_REDIRECT_URI) throw new Error('OIDC_REDIRECT_URI is required in production');
    const redirectUri = this.OIDC_REDIRECT_URI ?? `http://${this.HTTP_HOST}:${this.PORT}/auth/callback`;
    const redirect = new URL(redirectUri);
    if (redirect.pathname !== '/auth/callback')
      throw new Error('OIDC_REDIRECT_URI must end in /auth/callback');
    if (production && (redirect.protocol !== 'https:' || new URL(issuerUrl).protocol !== 'https:'))
      throw new Error('OIDC_ISSUER_URL and OIDC_REDIRECT_URI must be https in production');
    if (production && !this.OIDC_CLIENT_SECRET)
      throw new Error('OIDC_CLIENT_SECRET is required in production');
    return {
      issuerUrl,
      clientId: this.OIDC_CLIENT_ID,
      clientSecret: this.OIDC_CLIENT_SECRET,
      redirectUri,
      postLogoutRedirectUri: this.OIDC_POST_LOGOUT_REDIRECT_URI ?? `${redirect.origin}/signed-out`,
      scopes: this.OIDC_SCOPES,
      timeoutMs: this.GATEWAY_TIMEOUT_MS,
    };
  }

  /** Origins the browser may be sent to after a form (sign-out goes on to the provider's logout). */
  get signInFormTargets(): string[] {
    const oidc = this.SIGN_IN_MODE === 'oidc' ? (this.OIDC_ISSUER_URL ?? this.AUTH_ISSUER) : undefined;
    return oidc ? [new URL(oidc).origin] : [];
  }

  /** Largest gateway response time before the page shows "service unavailable". */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  @Max(60000)
  GATEWAY_TIMEOUT_MS: number = 15000;
}
