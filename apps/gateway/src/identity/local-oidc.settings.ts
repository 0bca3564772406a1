import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const URL_LIST = /^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/;

/** One client registered with the local identity provider. */
export interface RegisteredClient {
  clientId: string;
  /** Unset: a public client (PKCE alone); set: it must authenticate at the token endpoint with it. */
  secret?: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

/**
 * Settings of the local identity provider's OpenID Connect side (only read when LOCAL_ISSUER_ENABLED=true):
 * the client allowed to sign users in through it. The defaults are the local run's staff UI; a secret is
 * passed by the local run from .local/secrets.env and is never logged.
 */
export class LocalOidcSettings {
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'LOCAL_OIDC_CLIENT_ID must be 1-100 of A-Z a-z 0-9 . _ -' })
  LOCAL_OIDC_CLIENT_ID: string = 'staff-ui';

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'LOCAL_OIDC_CLIENT_SECRET must be at least 16 characters' })
  LOCAL_OIDC_CLIENT_SECRET?: string;

  /** Exact redirect URIs (comma-separated): a code is only ever sent to one of these. */
  @Matches(URL_LIST, { message: 'LOCAL_OIDC_REDIRECT_URIS must be comma-separated http(s) URLs' })
  LOCAL_OIDC_REDIRECT_URIS: string = 'http://127.0.0.1:3200/auth/callback';

  /** Where RP-initiated logout may send the browser back to (comma-separated, exact). */
  @Matches(URL_LIST, { message: 'LOCAL_OIDC_POST_LOGOUT_REDIRECT_URIS must be comma-separated http(s) URLs' })
  LOCAL_OIDC_POST_LOGOUT_REDIRECT_URIS: string = 'http://127.0.0.1:3200/signed-out';

  /** How long an authorisation code may be redeemed after it was issued (RFC 6749 §4.1.2: short). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(600)
  LOCAL_OIDC_CODE_TTL_SECONDS: number = 60;

  client(): RegisteredClient {
    return {
      clientId: this.LOCAL_OIDC_CLIENT_ID,
      secret: this.LOCAL_OIDC_CLIENT_SECRET || undefined,
      redirectUris: this.LOCAL_OIDC_REDIRECT_URIS.split(','),
      postLogoutRedirectUris: this.LOCAL_OIDC_POST_LOGOUT_REDIRECT_URIS.split(','),
    };
  }
}
