import { createRemoteJWKSet, errors as joseErrors, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { AuthenticationError } from './errors';
import { isRole, Principal } from './roles';

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
  /** JWKS endpoint of the identity provider (the gateway's built-in issuer when running locally). */
  jwksUrl?: string;
  /** A key resolver instead of a URL, for tests and the in-process issuer. */
  keys?: JWTVerifyGetKey;
  /** How far the issuer's clock may be from ours (exp, nbf and iat); default 5 s. */
  clockToleranceSeconds?: number;
  /**
   * The longest lifetime (exp − iat) accepted; a longer-lived token is refused even if unexpired, so a
   * leaked or mis-issued long token is not usable for days. Default DEFAULT_MAX_TOKEN_LIFETIME_SECONDS.
   */
  maxLifetimeSeconds?: number;
  /**
   * How many verified tokens to remember (default 1,000; 0: none). A token string seen again within
   * `verifiedCacheSeconds` and before it expires is not checked again: the same string cannot carry
   * another signature, and the gateway and every service see each user's token on every request.
   */
  verifiedCacheSize?: number;
  /** How long a verification is remembered at most (default 60 s): bounds the effect of a key withdrawn at the issuer. */
  verifiedCacheSeconds?: number;
}

/** Default of AUTH_MAX_TOKEN_LIFETIME_SECONDS: two hours, above every access-token lifetime we issue or expect. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 7200;

/**
 * Rules on the token's times that jose does not apply: an `iat` in the future (beyond the clock-skew
 * tolerance) and a lifetime above the configured maximum. Returns what is wrong, or undefined.
 */
export function tokenTimeProblem(
  claims: { iat?: number; exp?: number },
  nowSeconds: number,
  opts: { clockToleranceSeconds: number; maxLifetimeSeconds: number },
): string | undefined {
  if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number')
    return 'The access token has no iat or exp';
  if (claims.iat > nowSeconds + opts.clockToleranceSeconds)
    return "The access token was issued in the future (iat): check the issuer's clock";
  if (claims.exp <= claims.iat) return 'The access token expires before it was issued';
  if (claims.exp - claims.iat > opts.maxLifetimeSeconds)
    return `The access token lives longer than the ${opts.maxLifetimeSeconds} s allowed: obtain a shorter-lived one`;
  return undefined;
}

/** Claims the platform reads from an OIDC access token. */
export interface PlatformClaims extends JWTPayload {
  name?: string;
  roles?: unknown;
  team?: string;
  org?: string;
}

/** Verifies RS256 bearer tokens against a JWKS and turns them into a Principal. */
export class JwtVerifier {
  private readonly keys: JWTVerifyGetKey;
  private readonly verified = new VerifiedTokens();

  constructor(private readonly opts: JwtVerifierOptions) {
    if (opts.keys) this.keys = opts.keys;
    else if (opts.jwksUrl)
      this.keys = createRemoteJWKSet(new URL(opts.jwksUrl), {
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
      });
    else throw new Error('JwtVerifier needs jwksUrl or keys');
  }

  async verifyAuthorizationHeader(header: string | undefined): Promise<Principal> {
    if (!header)
      throw new AuthenticationError('MISSING_TOKEN', 'Send an Authorization: Bearer <access token> header');
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header.trim());
    if (!match)
      throw new AuthenticationError('MALFORMED_TOKEN', 'The Authorization header must be "Bearer <JWT>"');
    return this.verify(match[1]);
  }

  async verify(token: string, nowMs = Date.now()): Promise<Principal> {
    const remembered = this.verified.get(token, nowMs, this.opts.clockToleranceSeconds ?? 5);
    if (remembered) return remembered;
    const principal = await this.verifySignatureAndClaims(token);
    this.verified.put(token, principal, nowMs, {
      size: this.opts.verifiedCacheSize ?? 1000,
      seconds: this.opts.verifiedCacheSeconds ?? 60,
    });
    return copyOf(principal);
  }

  private async verifySignatureAndClaims(token: string): Promise<Principal & { exp: number }> {
    let payload: PlatformClaims;
    try {
      ({ payload } = await jwtVerify<PlatformClaims>(token, this.keys, {
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        algorithms: ['RS256'],
        clockTolerance: this.opts.clockToleranceSeconds ?? 5,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (err) {
      throw toAuthError(err);
    }
    const timeProblem = tokenTimeProblem(payload, Math.floor(Date.now() / 1000), {
      clockToleranceSeconds: this.opts.clockToleranceSeconds ?? 5,
      maxLifetimeSeconds: this.opts.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    });
    if (timeProblem) throw new AuthenticationError('INVALID_CLAIMS', timeProblem);
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    if (!payload.sub || roles.length === 0)
      throw new AuthenticationError('INVALID_CLAIMS', 'The token names no subject or no known role');
    return {
      subject: payload.sub,
      displayName: payload.name ?? payload.sub,
      roles,
      team: payload.team,
      organisation: payload.org,
      exp: payload.exp!,
    };
  }
}

/** Callers may change the principal they get (e.g. a request context); the remembered one stays as verified. */
function copyOf(p: Principal & { exp?: number }): Principal {
  return {
    subject: p.subject,
    displayName: p.displayName,
    roles: [...p.roles],
    team: p.team,
    organisation: p.organisation,
  };
}

/**
 * Tokens already verified, least recently used first (a Map keeps insertion order). An entry is used
 * only until the token's own expiry (with the clock tolerance jose applies) and for at most the
 * configured seconds after it was verified.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal & { exp: number }; until: number }>();

  get(token: string, nowMs: number, toleranceSeconds: number): Principal | undefined {
    const e = this.entries.get(token);
    if (!e) return undefined;
    if (nowMs >= e.until || nowMs >= (e.principal.exp + toleranceSeconds) * 1000) {
      this.entries.delete(token);
      return undefined;
    }
    this.entries.delete(token); // most recently used goes last
    this.entries.set(token, e);
    return copyOf(e.principal);
  }

  put(
    token: string,
    principal: Principal & { exp: number },
    nowMs: number,
    limits: { size: number; seconds: number },
  ): void {
    if (limits.size <= 0 || limits.seconds <= 0) return;
    this.entries.set(token, { principal, until: nowMs + limits.seconds * 1000 });
    while (this.entries.size > limits.size) this.entries.delete(this.entries.keys().next().value!);
  }
}

function toAuthError(err: unknown): AuthenticationError {
  if (err instanceof joseErrors.JWTExpired)
    return new AuthenticationError('EXPIRED_TOKEN', 'The access token has expired: obtain a new one');
  if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey)
    return new AuthenticationError(
      'INVALID_SIGNATURE',
      'The access token signature is not valid for this issuer',
    );
  if (err instanceof joseErrors.JWTClaimValidationFailed)
    return new AuthenticationError(
      'INVALID_CLAIMS',
      `The access token claim "${err.claim}" is not acceptable`,
    );
  if (err instanceof joseErrors.JOSEAlgNotAllowed)
    return new AuthenticationError('INVALID_SIGNATURE', 'Only RS256 access tokens are accepted');
  if (err instanceof joseErrors.JWKSTimeout || (err as Error)?.name === 'TypeError')
    // The key server could not be reached: not the caller's fault, but we still cannot let them in.
    return new AuthenticationError('INVALID_SIGNATURE', 'The access token could not be verified right now');
  return new AuthenticationError('MALFORMED_TOKEN', 'The access token could not be parsed');
}
