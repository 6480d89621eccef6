import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { redeem, startAuth, type Sandbox } from './test-harness';

let sb: Sandbox;
beforeAll(async () => { sb = await startAuth(); });
afterAll(() => sb.close());

function sandboxKey(name: string): JWK {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../keys/${name}.private.jwk.json`, import.meta.url)), 'utf8')) as JWK;
}

async function assertion(clientId: string, key: CryptoKey | Uint8Array, alg: string, kid?: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg, typ: 'JWT', ...(kid ? { kid } : {}) })
    .setIssuer(clientId).setSubject(clientId).setAudience(`${sb.base}/auth/token`)
    .setJti(randomUUID()).setIssuedAt().setExpirationTime('5m')
    .sign(key);
}

async function clientCredentials(clientId: string, jwt: string, scope = 'system/*.rs system/Task.cruds') {
  return redeem(sb, {
    grant_type: 'client_credentials', scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: jwt,
  });
}

test.each([['carerelay-relay', 'relay', 'ES384'], ['carerelay-sim', 'sim', 'RS384']])('%s gets a system token with a %s-signed assertion', async (clientId, keyName, alg) => {
  const jwk = sandboxKey(keyName);
  expect(jwk.alg).toBe(alg);
  const res = await clientCredentials(clientId, await assertion(clientId, await importJWK(jwk, alg), alg, jwk.kid));
  expect(res.status).toBe(200);
  expect(res.body.scope).toBe('system/*.rs system/Task.cruds');
  const ctx = await sb.auth.authenticate(String(res.body.access_token));
  expect(ctx).toMatchObject({ clientId, scopes: ['system/*.rs', 'system/Task.cruds'] });
  expect(ctx?.patient).toBeUndefined();
  expect(sb.auth.allows(ctx!, 'update', 'Task')).toBe(true);
});

test('an assertion signed with another key is invalid_client', async () => {
  const { privateKey } = await generateKeyPair('ES384');
  const res = await clientCredentials('carerelay-relay', await assertion('carerelay-relay', privateKey, 'ES384', 'carerelay-relay-sandbox-1'));
  expect(res.status).toBe(401);
  expect(res.body.error).toBe('invalid_client');
  expect(res.body.access_token).toBeUndefined();
});

test('a replayed assertion is refused', async () => {
  const jwk = sandboxKey('relay');
  const jwt = await assertion('carerelay-relay', await importJWK(jwk, 'ES384'), 'ES384', jwk.kid);
  expect((await clientCredentials('carerelay-relay', jwt)).status).toBe(200);
  expect((await clientCredentials('carerelay-relay', jwt)).body.error).toBe('invalid_client');
});

test('public clients cannot use client_credentials', async () => {
  const res = await redeem(sb, { grant_type: 'client_credentials', scope: 'system/*.rs', client_id: 'carerelay-app' });
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.body.access_token).toBeUndefined();
});

test('issueSystemToken mints a token in-process, limited to registered scopes', async () => {
  const token = await sb.auth.issueSystemToken('carerelay-sim', ['system/Task.rs', 'system/Appointment.cu', 'patient/*.rs']);
  const ctx = await sb.auth.authenticate(token);
  expect(ctx).toMatchObject({ clientId: 'carerelay-sim', scopes: ['system/Task.rs', 'system/Appointment.cu'] });
  expect(ctx?.expiresAt).toBeGreaterThan(Date.now() / 1000);
  await expect(sb.auth.issueSystemToken('nobody', ['system/*.rs'])).rejects.toThrow(/unknown client/);
});
