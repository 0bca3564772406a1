import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  JWK,
  jwtVerify,
  JWTVerifyGetKey,
  KeyLike,
  SignJWT,
} from 'jose';
import { AuthenticationError } from './errors';
import { isRole, Principal } from './roles';

/**
 * The gateway's word to a service that it has authenticated a request, checked it against the route
 * table, required the access reason where one is needed, and will record the access: a short-lived
 * JWT per forwarded request, bound to the service (aud), the method and the path with its query.
 * Services refuse requests without one (libs/shared/nest-platform PrincipalGuard), so calling a service
 * directly cannot skip the gateway's controls. See docs/architecture.md "How services trust requests".
 *
 * Signed with Ed25519 (EdDSA): the gateway signs one per forwarded request, and an RS256 signature
 * cost it about a millisecond of CPU each (issue 14 §5), an Ed25519 one a few hundredths. A key file
 * written before (RS256) keeps signing RS256 until it is replaced; services accept both.
 */
export const INTERNAL_ASSERTION_HEADER = 'x-oversight-assertion';
export const INTERNAL_ASSERTION_ISSUER = 'oversight-gateway';
export const INTERNAL_ASSERTION_TTL_SECONDS = 30;
const TYP = 'oversight-internal+jwt';
/** The algorithm new signing keys use. */
export const INTERNAL_ASSERTION_ALG = 'EdDSA';
/** What services accept: EdDSA, and RS256 from a gateway still on an older key. */
const ACCEPTED_ALGS = ['EdDSA', 'RS256'];

export interface InternalAssertionRequest {
  /** The service the request is forwarded to (its name in the gateway's UPSTREAMS). */
  service: string;
  method: string;
  /** Path and query string exactly as sent to the service. */
  pathAndQuery: string;
  principal: Principal;
  /** The route-table rule that allowed it ("GET /oocr/disposals/:id"). */
  route: string;
  /** X-Access-Reason as the gateway checked it; absent when none was given. */
  reason?: string;
}

export interface VouchedRequest {
  principal: Principal;
  route: string;
  reason?: string;
}

/** Normalises a path+query the way fetch sends it, so both sides compare the same string. */
export function canonicalPathAndQuery(pathAndQuery: string): string {
  const u = new URL(pathAndQuery, 'http://service.invalid');
  return `${u.pathname}${u.search}`;
}

/** The gateway's signing key: kept in a file (a mounted secret in a cluster) so that every replica and restart signs alike. */
export class InternalAssertionSigner {
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
    private readonly alg: string,
  ) {}

  /**
   * Reads the key file, or makes a key (and writes it there) when there is none. With `mustExist` (a
   * production gateway) a missing file is refused: a replica that made its own key would sign what the
   * services, holding another replica's public key, refuse.
   */
  static async create(opts: { keyFile?: string; mustExist?: boolean }): Promise<InternalAssertionSigner> {
    if (opts.mustExist && !(opts.keyFile && existsSync(opts.keyFile)))
      throw new Error(
        `The internal-assertion key file ${opts.keyFile ?? '(INTERNAL_ASSERTION_KEY_FILE unset)'} does not exist: mount the shared key (deploy/helm/README.md)`,
      );
    if (opts.keyFile && existsSync(opts.keyFile)) {
      const stored = JSON.parse(readFileSync(opts.keyFile, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
      const alg = stored.privateJwk.alg ?? 'RS256'; // files written before EdDSA carry RS256 keys
      return new InternalAssertionSigner(
        (await importJWK(stored.privateJwk, alg)) as KeyLike,
        stored.publicJwk,
        alg,
      );
    }
    const alg = INTERNAL_ASSERTION_ALG;
    const { privateKey, publicKey } = await generateKeyPair(alg, { crv: 'Ed25519', extractable: true });
    const kid = `internal-${randomUUID()}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
    if (opts.keyFile) {
      mkdirSync(dirname(opts.keyFile), { recursive: true });
      const privateJwk = { ...(await exportJWK(privateKey)), kid, alg };
      writeFileSync(opts.keyFile, JSON.stringify({ privateJwk, publicJwk }), { mode: 0o600 });
    }
    return new InternalAssertionSigner(privateKey, publicJwk, alg);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  keyResolver(): JWTVerifyGetKey {
    return createLocalJWKSet(this.jwks());
  }

  async sign(r: InternalAssertionRequest, nowSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
    const p = r.principal;
    return new SignJWT({
      name: p.displayName,
      roles: p.roles,
      team: p.team,
      org: p.organisation,
      mth: r.method.toUpperCase(),
      pth: canonicalPathAndQuery(r.pathAndQuery),
      route: r.route,
      ...(r.reason ? { reason: r.reason } : {}),
    })
      .setProtectedHeader({ alg: this.alg, kid: this.publicJwk.kid, typ: TYP })
      .setIssuer(INTERNAL_ASSERTION_ISSUER)
      .setAudience(r.service)
      .setSubject(p.subject)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + INTERNAL_ASSERTION_TTL_SECONDS)
      .setJti(randomUUID())
      .sign(this.privateKey);
  }
}

export interface InternalAssertionVerifierOptions {
  /** This service's name: assertions for another service are refused. */
  service: string;
  /** The gateway's internal JWKS (INTERNAL_JWKS_URL), or keys for tests. */
  jwksUrl?: string;
  keys?: JWTVerifyGetKey;
  clockToleranceSeconds?: number;
}

/** Checks the gateway's assertion on a request reaching a service. */
export class InternalAssertionVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly opts: InternalAssertionVerifierOptions) {
    if (opts.keys) this.keys = opts.keys;
    else if (opts.jwksUrl)
      this.keys = createRemoteJWKSet(new URL(opts.jwksUrl), {
        cooldownDuration: 10_000,
        cacheMaxAge: 600_000,
      });
    else throw new Error('InternalAssertionVerifier needs jwksUrl or keys');
  }

  async verify(
    token: string | undefined,
    request: { method: string; pathAndQuery: string },
  ): Promise<VouchedRequest> {
    if (!token)
      throw new AuthenticationError(
        'MISSING_TOKEN',
        'Call this service through the gateway (/api/…): direct requests are not accepted',
      );
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: INTERNAL_ASSERTION_ISSUER,
        audience: this.opts.service,
        algorithms: ACCEPTED_ALGS,
        typ: TYP,
        clockTolerance: this.opts.clockToleranceSeconds ?? 5,
        maxTokenAge: INTERNAL_ASSERTION_TTL_SECONDS + (this.opts.clockToleranceSeconds ?? 5),
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      }));
    } catch {
      throw new AuthenticationError(
        'INVALID_SIGNATURE',
        'The gateway assertion is not valid: call this service through the gateway',
      );
    }
    if (
      payload['mth'] !== request.method.toUpperCase() ||
      payload['pth'] !== canonicalPathAndQuery(request.pathAndQuery)
    )
      throw new AuthenticationError('INVALID_CLAIMS', 'The gateway assertion was made for another request');
    const roles = Array.isArray(payload['roles']) ? payload['roles'].filter(isRole) : [];
    return {
      principal: {
        subject: String(payload['sub']),
        displayName: typeof payload['name'] === 'string' ? payload['name'] : String(payload['sub']),
        roles,
        team: typeof payload['team'] === 'string' ? payload['team'] : undefined,
        organisation: typeof payload['org'] === 'string' ? payload['org'] : undefined,
      },
      route: String(payload['route'] ?? ''),
      reason: typeof payload['reason'] === 'string' ? payload['reason'] : undefined,
    };
  }
}
