import {
  exportJWK,
  generateKeyPair,
  importJWK,
  JWK,
  SignJWT,
  createLocalJWKSet,
  JWTVerifyGetKey,
  KeyLike,
} from 'jose';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Role } from './roles';

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  team?: string;
  organisation?: string;
}

/**
 * Invented staff for local runs and tests, one or more per role. Their password is not here: it comes
 * from the environment (DEMO_USER_PASSWORD), generated per machine by the start script.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'reviewer.amara',
    displayName: 'Amara Okafor',
    roles: [Role.OpccReviewer],
    team: 'opcc-reviews-east',
  },
  {
    username: 'reviewer.tom',
    displayName: 'Tom Whitlock',
    roles: [Role.OpccReviewer],
    team: 'opcc-reviews-west',
  },
  {
    username: 'manager.priya',
    displayName: 'Priya Nandakumar',
    roles: [Role.OpccManager],
    team: 'opcc-reviews-east',
  },
  { username: 'cjops.dan', displayName: 'Dan Mercer', roles: [Role.CjOpsOfficer], team: 'cjops-north' },
  {
    username: 'cjops.sgt.lena',
    displayName: 'Lena Fairbairn',
    roles: [Role.CjOpsSupervisor],
    team: 'cjops-north',
  },
  { username: 'vru.sam', displayName: 'Sam Adeyemi', roles: [Role.VruCoordinator], team: 'vru-medway' },
  { username: 'vru.manager.rhian', displayName: 'Rhian Pugh', roles: [Role.VruManager], team: 'vru-medway' },
  {
    username: 'vru.practitioner.ola',
    displayName: 'Ola Bankole',
    roles: [Role.VruPractitioner],
    team: 'vru-medway',
  },
  {
    username: 'partner.earlyhelp',
    displayName: 'Jo Castellano',
    roles: [Role.PartnerReferrer],
    organisation: 'early-help-medway',
  },
  {
    username: 'partner.yjs',
    displayName: 'Marcus Feld',
    roles: [Role.PartnerReferrer],
    organisation: 'youth-justice-kent',
  },
  {
    username: 'partner.police',
    displayName: 'PC Hannah Oduya',
    roles: [Role.PartnerReferrer],
    organisation: 'kent-police-medway-chst',
  },
  { username: 'auditor.ruth', displayName: 'Ruth Ellery', roles: [Role.Auditor] },
  { username: 'admin.kit', displayName: 'Kit Baranski', roles: [Role.Administrator] },
  { username: 'applicant.delphine', displayName: 'Delphine Arkwright', roles: [Role.ReviewApplicant] },
];

export interface LocalIssuerOptions {
  issuer: string;
  audience: string;
  /** Where the signing key is kept between restarts (outside the repository). Omit for an in-memory key. */
  keyFile?: string;
  tokenTtlSeconds?: number;
}

/**
 * A small OIDC-style token issuer for local runs and tests: RS256 tokens, a JWKS, demo users.
 * Production deployments point the gateway at the force's identity provider instead.
 */
export class LocalIssuer {
  private constructor(
    private readonly opts: LocalIssuerOptions,
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
  ) {}

  static async create(opts: LocalIssuerOptions): Promise<LocalIssuer> {
    if (opts.keyFile && existsSync(opts.keyFile)) {
      const stored = JSON.parse(readFileSync(opts.keyFile, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
      return new LocalIssuer(
        opts,
        (await importJWK(stored.privateJwk, 'RS256')) as KeyLike,
        stored.publicJwk,
      );
    }
    const { privateKey, publicKey } = await generateKeyPair('RS256', {
      extractable: true,
      modulusLength: 2048,
    });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    if (opts.keyFile) {
      mkdirSync(dirname(opts.keyFile), { recursive: true });
      const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
      writeFileSync(opts.keyFile, JSON.stringify({ privateJwk, publicJwk }), { mode: 0o600 });
    }
    return new LocalIssuer(opts, privateKey, publicJwk);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  keyResolver(): JWTVerifyGetKey {
    return createLocalJWKSet(this.jwks());
  }

  async issue(
    user: DemoUser,
    overrides: { expiresInSeconds?: number; issuedAt?: number } = {},
  ): Promise<string> {
    const iat = overrides.issuedAt ?? Math.floor(Date.now() / 1000);
    return new SignJWT({ name: user.displayName, roles: user.roles, team: user.team, org: user.organisation })
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid, typ: 'JWT' })
      .setSubject(user.username)
      .setIssuer(this.opts.issuer)
      .setAudience(this.opts.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (overrides.expiresInSeconds ?? this.opts.tokenTtlSeconds ?? 3600))
      .setJti(randomUUID())
      .sign(this.privateKey);
  }

  /** The issuer URL this instance signs as (the `iss` of its tokens). */
  get issuerUrl(): string {
    return this.opts.issuer;
  }

  /**
   * An OpenID Connect ID token for a client that signed the user in with the authorisation-code flow:
   * audience the client, the nonce the client sent (so it can tell this answer belongs to its request),
   * the time the user authenticated, and the same profile claims as the access token.
   */
  async issueIdToken(
    user: DemoUser,
    opts: { clientId: string; nonce: string; authTime: number; expiresInSeconds?: number },
  ): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT({
      name: user.displayName,
      roles: user.roles,
      team: user.team,
      org: user.organisation,
      nonce: opts.nonce,
      auth_time: opts.authTime,
      azp: opts.clientId,
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid, typ: 'JWT' })
      .setSubject(user.username)
      .setIssuer(this.opts.issuer)
      .setAudience(opts.clientId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (opts.expiresInSeconds ?? 300))
      .sign(this.privateKey);
  }
}

export function findDemoUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.username === username);
}
