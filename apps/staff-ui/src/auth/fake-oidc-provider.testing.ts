import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';

export const FAKE_CLIENT_SECRET = 's3cret-s3cret-s3cret';

/**
 * A stand-in identity provider on loopback (discovery, JWKS, token endpoint) that checks what a real one
 * checks (client secret, PKCE S256) and answers with an ID token whose claims each test can spoil.
 */
export class FakeOidcProvider {
  server!: Server;
  base = '';
  key!: KeyLike;
  jwk!: JWK;
  otherKey!: KeyLike;
  /** What the authorisation request carried, as the provider would have kept it with the code. */
  issued?: { code: string; challenge: string; nonce: string };
  tokenRequests: URLSearchParams[] = [];
  idToken: { nonce?: string; aud?: string; iss?: string; exp?: number; signWith?: 'other' } = {};
  tokenAnswer?: { status: number; body: unknown };
  up = true;

  async start(): Promise<void> {
    const pair = await generateKeyPair('RS256');
    this.key = pair.privateKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    this.otherKey = (await generateKeyPair('RS256')).privateKey;
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!this.up) return void req.socket.destroy(); // as if nothing listened
    if (req.url === '/.well-known/openid-configuration')
      return json(200, {
        issuer: this.base,
        authorization_endpoint: `${this.base}/authorize`,
        token_endpoint: `${this.base}/token`,
        jwks_uri: `${this.base}/jwks`,
        end_session_endpoint: `${this.base}/logout`,
        response_types_supported: ['code'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    if (req.url === '/jwks') return json(200, { keys: [this.jwk] });
    if (req.url === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      this.tokenRequests.push(form);
      if (this.tokenAnswer) return json(this.tokenAnswer.status, this.tokenAnswer.body);
      if (
        req.headers.authorization !==
        `Basic ${Buffer.from(`staff-ui:${FAKE_CLIENT_SECRET}`).toString('base64')}`
      )
        return json(401, { error: 'invalid_client' });
      const verifier = form.get('code_verifier') ?? '';
      const s256 = createHash('sha256').update(verifier).digest('base64url');
      if (!this.issued || form.get('code') !== this.issued.code || s256 !== this.issued.challenge)
        return json(400, { error: 'invalid_grant', error_description: 'code or verifier' });
      const now = Math.floor(Date.now() / 1000);
      const idToken = await new SignJWT({
        nonce: this.idToken.nonce ?? this.issued.nonce,
        name: 'Amara Okafor',
        roles: ['OPCC_REVIEWER'],
        team: 'opcc-reviews-east',
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('reviewer.amara')
        .setIssuer(this.idToken.iss ?? this.base)
        .setAudience(this.idToken.aud ?? 'staff-ui')
        .setIssuedAt(now)
        .setExpirationTime(this.idToken.exp ?? now + 300)
        .sign(this.idToken.signWith === 'other' ? this.otherKey : this.key);
      const accessToken = await new SignJWT({ roles: ['OPCC_REVIEWER'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('reviewer.amara')
        .setExpirationTime(now + 3600)
        .sign(this.key);
      return json(200, {
        access_token: accessToken,
        id_token: idToken,
        token_type: 'Bearer',
        expires_in: 3600,
      });
    }
    if (req.url?.startsWith('/authorize')) {
      // What a provider does after the user signs in: remember the request with a new code, redirect back.
      const q = new URL(req.url, this.base).searchParams;
      const code = `code-${Math.random().toString(36).slice(2)}`;
      this.issued = { code, challenge: q.get('code_challenge')!, nonce: q.get('nonce')! };
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state')!);
      res.writeHead(303, { location: back.toString() });
      return res.end();
    }
    json(404, {});
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
