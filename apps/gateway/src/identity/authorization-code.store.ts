import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { PrismaService } from '../infrastructure/prisma.service';
import type { AuthorizationRequest } from './authorization-request';

/** What a code was issued for: checked again when it is redeemed. */
export interface CodeGrant extends Omit<AuthorizationRequest, 'state'> {
  subject: string;
  authTime: Date;
  expiresAt: Date;
}

export type Redemption =
  | { ok: true; grant: CodeGrant }
  | { ok: false; reason: 'unknown' | 'already-used' | 'expired' };

const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');

/**
 * Authorisation codes of the local identity provider, in the gateway's PostgreSQL so that any gateway
 * instance can redeem a code another one issued. Only a hash of the code is stored; redeeming marks it used
 * in the same statement that reads it, so two concurrent redemptions cannot both succeed.
 */
@Injectable()
export class AuthorizationCodeStore {
  constructor(private readonly prisma: PrismaService) {}

  async issue(request: AuthorizationRequest, subject: string, ttlSeconds: number): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    const now = Date.now();
    await this.prisma.authorizationCode.create({
      data: {
        codeHash: hashOf(code),
        clientId: request.clientId,
        redirectUri: request.redirectUri,
        codeChallenge: request.codeChallenge,
        nonce: request.nonce,
        scope: request.scope,
        subject,
        authTime: new Date(now),
        expiresAt: new Date(now + ttlSeconds * 1000),
      },
    });
    // Housekeeping: codes a day past their expiry are of no use even for telling a replay apart.
    await this.prisma.authorizationCode.deleteMany({
      where: { expiresAt: { lt: new Date(now - 86_400_000) } },
    });
    return code;
  }

  async redeem(code: string): Promise<Redemption> {
    const hash = hashOf(code);
    const rows = await this.prisma.$queryRaw<
      {
        client_id: string;
        redirect_uri: string;
        code_challenge: string;
        nonce: string;
        scope: string;
        subject: string;
        auth_time: Date;
        expires_at: Date;
      }[]
    >`UPDATE authorization_code SET consumed_at = now()
       WHERE code_hash = ${hash} AND consumed_at IS NULL
       RETURNING client_id, redirect_uri, code_challenge, nonce, scope, subject, auth_time, expires_at`;
    const row = rows[0];
    if (!row) {
      const known = await this.prisma.authorizationCode.count({ where: { codeHash: hash } });
      return { ok: false, reason: known ? 'already-used' : 'unknown' };
    }
    if (row.expires_at.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      grant: {
        clientId: row.client_id,
        redirectUri: row.redirect_uri,
        codeChallenge: row.code_challenge,
        nonce: row.nonce,
        scope: row.scope,
        subject: row.subject,
        authTime: row.auth_time,
        expiresAt: row.expires_at,
      },
    };
  }
}
