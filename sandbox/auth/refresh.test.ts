import { afterAll, beforeAll, expect, test } from 'vitest';
import { APP_REDIRECT, authorizeUrl, Browser, pkcePair, redeem, startAuth, type Sandbox } from './test-harness';

let sb: Sandbox;
beforeAll(async () => { sb = await startAuth(); });
afterAll(() => sb.close());

async function ehrTokens(scope: string) {
  const launch = sb.auth.createLaunch({ patient: 'pat-1', encounter: 'enc-1', fhirUser: 'Practitioner/dr-ada' });
  const { verifier, challenge } = pkcePair();
  const { callback } = await new Browser().walk(authorizeUrl(sb, { scope, launch, code_challenge: challenge, code_challenge_method: 'S256' }));
  return redeem(sb, { grant_type: 'authorization_code', code: callback?.searchParams.get('code') ?? '', redirect_uri: APP_REDIRECT, client_id: 'carerelay-app', code_verifier: verifier });
}

test.each(['offline_access', 'online_access'])('%s (without prompt=consent) yields a refresh token that a public client can use', async (access) => {
  const first = await ehrTokens(`openid fhirUser launch ${access} patient/*.rs`);
  expect(first.status).toBe(200);
  expect(String(first.body.scope).split(' ')).toContain(access);
  expect(typeof first.body.refresh_token).toBe('string');

  const refreshed = await redeem(sb, { grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token), client_id: 'carerelay-app' });
  expect(refreshed.status).toBe(200);
  expect(refreshed.body).toMatchObject({ patient: 'pat-1', encounter: 'enc-1', need_patient_banner: false });
  expect(String(refreshed.body.scope).split(' ').sort()).toEqual(String(first.body.scope).split(' ').sort());
  expect(refreshed.body.access_token).not.toBe(first.body.access_token);
  expect(await sb.auth.authenticate(String(refreshed.body.access_token))).toMatchObject({ patient: 'pat-1', scopes: ['patient/*.rs'] });
});

test('no refresh token without offline_access or online_access', async () => {
  const first = await ehrTokens('launch patient/*.rs');
  expect(first.status).toBe(200);
  expect(first.body.refresh_token).toBeUndefined();
});

test('a refresh token is bound to its client', async () => {
  const first = await ehrTokens('launch offline_access patient/*.rs');
  const stolen = await redeem(sb, { grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token), client_id: 'carerelay-extension' });
  expect(stolen.status).toBe(400);
  expect(stolen.body.error).toBe('invalid_grant');
});

test('revoking the refresh token ends the grant: access token and refresh stop working', async () => {
  const first = await ehrTokens('launch offline_access patient/*.rs');
  expect(await sb.auth.authenticate(String(first.body.access_token))).not.toBeNull();
  const res = await fetch(`${sb.base}/auth/revoke`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: String(first.body.refresh_token), client_id: 'carerelay-app' }),
  });
  expect(res.status).toBe(200);
  expect(await sb.auth.authenticate(String(first.body.access_token))).toBeNull();
  const again = await redeem(sb, { grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token), client_id: 'carerelay-app' });
  expect(again.body.error).toBe('invalid_grant');
});
