import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { CommonEnv, InvalidConfigurationError } from '@oversight/config';
import { Upstream, UPSTREAM_NAMES } from '../routing/routes/route-rule';

export class GatewayEnv extends CommonEnv {
  /** Built-in token issuer with demo users: for local runs and tests only, never in production. */
  @IsIn(['true', 'false'])
  LOCAL_ISSUER_ENABLED: string = 'false';

  @ValidateIf((e: GatewayEnv) => e.LOCAL_ISSUER_ENABLED === 'true')
  @IsString()
  @IsNotEmpty()
  LOCAL_ISSUER_KEY_FILE: string;

  @ValidateIf((e: GatewayEnv) => e.LOCAL_ISSUER_ENABLED === 'true')
  @IsString()
  @MinLength(12, { message: 'DEMO_USER_PASSWORD must be at least 12 characters' })
  DEMO_USER_PASSWORD: string;

  /**
   * The key the gateway signs its per-request assertions to the services with (kept in this file, a mounted
   * secret in a cluster, so all replicas and restarts sign alike); created when missing. Required in
   * production: without it each gateway process makes a key of its own, and a service, which fetches one
   * gateway's key from INTERNAL_JWKS_URL, would refuse what the other replicas vouch for.
   */
  @ValidateIf((e: GatewayEnv) => e.NODE_ENV === 'production' || e.INTERNAL_ASSERTION_KEY_FILE !== undefined)
  @IsString({
    message:
      'INTERNAL_ASSERTION_KEY_FILE is required in production: every gateway replica must sign with one key (a mounted secret)',
  })
  @IsNotEmpty()
  INTERNAL_ASSERTION_KEY_FILE?: string;

  /** The services behind the gateway: "name=url,name=url", one for each name in UPSTREAM_NAMES. */
  @Matches(/^[a-z-]+=https?:\/\/[\w.:-]+(,[a-z-]+=https?:\/\/[\w.:-]+)*$/, {
    message: 'UPSTREAMS must be name=http(s)://host:port[,…]',
  })
  UPSTREAMS: string;

  /** Comma-separated origins allowed to call the API from a browser; empty means none. */
  @IsOptional()
  @Matches(/^(https?:\/\/[\w.:-]+)(,https?:\/\/[\w.:-]+)*$/, {
    message: 'CORS_ORIGINS must be comma-separated http(s) origins',
  })
  CORS_ORIGINS?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE: number = 600;

  /**
   * Hops of reverse proxies (the ingress controller) to trust for X-Forwarded-For (0: none). Behind an ingress
   * the address a request comes from is the ingress's; with this set it is the client's, which the rate limit
   * counts a request against when it carries no valid token.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(5)
  TRUST_PROXY: number = 0;

  @IsString()
  @Matches(/^\d+(kb|mb)$/, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT: string = '100kb';

  /** Base URL of each service behind the gateway: the one place to add a new one. */
  upstreams(): Record<Upstream, string> {
    const map = Object.fromEntries(
      this.UPSTREAMS.split(',').map((pair) => pair.split('=') as [string, string]),
    );
    const missing = UPSTREAM_NAMES.filter((n) => !map[n]);
    if (missing.length)
      throw new InvalidConfigurationError(`UPSTREAMS has no URL for: ${missing.join(', ')}`);
    return Object.fromEntries(UPSTREAM_NAMES.map((n) => [n, map[n]])) as Record<Upstream, string>;
  }
}
