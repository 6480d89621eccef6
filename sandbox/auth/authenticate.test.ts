import { afterAll, beforeAll, expect, test } from 'vitest';
import { APP_REDIRECT, authorizeUrl, Browser, pkcePair, redeem, startAuth, type Sandbox } from './test-harness';

let sb: Sandbox;
beforeAll(async () => { sb = await startAuth(1); });
afterAll(() => sb.close());

test('a valid token resolves; after its lifetime it does not', async () => {
  const launch = sb.auth.createLaunch({ patient: 'pat-1', fhirUser: 'Practitioner/dr-ada' });
  const { verifier, challenge } = pkcePair();
  const { callback } = await new Browser().walk(authorizeUrl(sb, { scope: 'launch patient/*.rs', launch, code_challenge: challenge, code_challenge_method: 'S256' }));
  const token = await redeem(sb, { grant_type: 'authorization_code', code: callback?.searchParams.get('code') ?? '', redirect_uri: APP_REDIRECT, client_id: 'carerelay-app', code_verifier: verifier });
  expect(token.body.expires_in).toBe(1);
  const ctx = await sb.auth.authenticate(String(token.body.access_token));
  expect(ctx).toMatchObject({ clientId: 'carerelay-app', scopes: ['patient/*.rs'], patient: 'pat-1' });
  const system = await sb.auth.issueSystemToken('carerelay-relay', ['system/*.rs']);
  expect(await sb.auth.authenticate(system)).not.toBeNull();

  await new Promise((resolve) => setTimeout(resolve, 2100));
  expect(await sb.auth.authenticate(String(token.body.access_token))).toBeNull();
  expect(await sb.auth.authenticate(system)).toBeNull();
});

test('garbage, empty and missing tokens are null', async () => {
  expect(await sb.auth.authenticate(undefined)).toBeNull();
  expect(await sb.auth.authenticate('')).toBeNull();
  expect(await sb.auth.authenticate('not-a-token')).toBeNull();
  expect(await sb.auth.authenticate('x'.repeat(5000))).toBeNull();
  expect(await sb.auth.authenticate('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')).toBeNull();
});
