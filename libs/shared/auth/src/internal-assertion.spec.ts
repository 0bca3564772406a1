import { exportJWK, generateKeyPair } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InternalAssertionSigner, InternalAssertionVerifier } from './internal-assertion';
import { Role } from './roles';

const principal = {
  subject: 'reviewer.amara',
  displayName: 'Amara',
  roles: [Role.OpccReviewer],
  team: 'east',
};
const request = { method: 'POST', pathAndQuery: '/applications' };
const vouch = (signer: InternalAssertionSigner) =>
  signer.sign({
    service: 'complaint-reviews',
    ...request,
    principal,
    route: 'POST /complaint-reviews/applications',
  });
const verifierFor = (signer: InternalAssertionSigner) =>
  new InternalAssertionVerifier({ service: 'complaint-reviews', keys: signer.keyResolver() });
const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());

describe('the gateway assertion', () => {
  it('is signed with Ed25519 (EdDSA) by a new key, and verified for exactly that request', async () => {
    const signer = await InternalAssertionSigner.create({
      keyFile: join(mkdtempSync(join(tmpdir(), 'ia-')), 'k.json'),
    });
    const token = await vouch(signer);
    expect(header(token).alg).toBe('EdDSA');
    expect(signer.jwks().keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    await expect(verifierFor(signer).verify(token, request)).resolves.toMatchObject({
      principal: { subject: 'reviewer.amara', roles: [Role.OpccReviewer], team: 'east' },
    });
    await expect(
      verifierFor(signer).verify(token, { method: 'POST', pathAndQuery: '/applications/x' }),
    ).rejects.toThrow(/made for another request/);
  });

  it('keeps signing RS256 with a key file written before, which services still accept', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', {
      extractable: true,
      modulusLength: 2048,
    });
    const kid = 'internal-old';
    const file = join(mkdtempSync(join(tmpdir(), 'ia-')), 'k.json');
    writeFileSync(
      file,
      JSON.stringify({
        privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
        publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
      }),
    );
    const signer = await InternalAssertionSigner.create({ keyFile: file });
    const token = await vouch(signer);
    expect(header(token)).toMatchObject({ alg: 'RS256', kid });
    await expect(verifierFor(signer).verify(token, request)).resolves.toMatchObject({
      principal: { subject: 'reviewer.amara' },
    });
  });

  it('a production gateway refuses a missing key file instead of making a key of its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assertion-key-'));
    const file = join(dir, 'internal-assertion-key.json');
    await expect(InternalAssertionSigner.create({ keyFile: file, mustExist: true })).rejects.toThrow(
      /does not exist: mount the shared key/,
    );
    await expect(InternalAssertionSigner.create({ mustExist: true })).rejects.toThrow(/unset/);
    const written = await InternalAssertionSigner.create({ keyFile: file }); // e.g. made once on a trusted machine
    const mounted = await InternalAssertionSigner.create({ keyFile: file, mustExist: true });
    expect(mounted.jwks()).toEqual(written.jwks());
  });

  it('refuses an assertion signed by another key', async () => {
    const ours = await InternalAssertionSigner.create({});
    const theirs = await InternalAssertionSigner.create({});
    await expect(verifierFor(ours).verify(await vouch(theirs), request)).rejects.toThrow(/not valid/);
  });
});
