import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

/**
 * The staff UI's settings. It is not a domain service: no Kafka, no Temporal, no JWKS. Its database holds
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

  /** 'local': the sign-in form posts to the gateway's local issuer (POST /auth/token, demo users only). */
  @IsIn(['local'])
  SIGN_IN: string = 'local';

  /** Largest gateway response time before the page shows "service unavailable". */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  @Max(60000)
  GATEWAY_TIMEOUT_MS: number = 15000;
}
