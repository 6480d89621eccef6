import { afterAll, beforeAll, expect, test } from 'vitest';
import { APP_REDIRECT, authorizeUrl, Browser, pkcePair, redeem, startAuth, type Sandbox } from './test-harness';

let sb: Sandbox;
beforeAll(async () => { sb = await startAuth(); });
afterAll(() => sb.close());

async function ehrCode(extra: Record<string, string | undefined> = {}) {
  const launch = sb.auth.createLaunch({ patient: 'pat-1', fhirUser: 'Practitioner/dr-ada' });
  return new Browser().walk(authorizeUrl(sb, { scope: 'launch patient/*.rs', launch, ...extra }));
}

test('a request without a code_challenge is refused', async () => {
  const { callback } = await ehrCode();
  expect(callback?.searchParams.get('error')).toBe('invalid_request');
  expect(callback?.searchParams.get('code')).toBeNull();
});

test('code_challenge_method=plain is refused', async () => {
  const { verifier } = pkcePair();
  const { callback } = await ehrCode({ code_challenge: verifier, code_challenge_method: 'plain' });
  expect(callback?.searchParams.get('error')).toBe('invalid_request');
});

test('a wrong code_verifier is invalid_grant; the right one works once, then the code is spent', async () => {
  const { verifier, challenge } = pkcePair();
  const { callback } = await ehrCode({ code_challenge: challenge, code_challenge_method: 'S256' });
  const code = callback?.searchParams.get('code') ?? '';
  const form = { grant_type: 'authorization_code', code, redirect_uri: APP_REDIRECT, client_id: 'carerelay-app' };
  const wrong = await redeem(sb, { ...form, code_verifier: pkcePair().verifier });
  expect(wrong.status).toBe(400);
  expect(wrong.body.error).toBe('invalid_grant');

  // A failed attempt does not burn the code in oidc-provider; the rightful holder still redeems it.
  const right = await redeem(sb, { ...form, code_verifier: verifier });
  expect(right.status).toBe(200);
  const reused = await redeem(sb, { ...form, code_verifier: verifier });
  expect(reused.status).toBe(400);
  expect(reused.body.error).toBe('invalid_grant');
});

test('redirect URIs must match exactly', async () => {
  const { challenge } = pkcePair();
  const res = await new Browser().walk(authorizeUrl(sb, {
    scope: 'patient/*.rs', redirect_uri: `${APP_REDIRECT}?x=1`, code_challenge: challenge, code_challenge_method: 'S256',
  }));
  // Never redirect to an unregistered URI: the error is shown on the server's page.
  expect(res.callback).toBeUndefined();
  expect(res.page?.status).toBe(400);
  expect(res.page?.html).toContain('redirect_uri');
});

test('the token endpoint answers CORS preflights from the app origin', async () => {
  const res = await fetch(`${sb.base}/auth/token`, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  expect(res.status).toBeLessThan(300);
  expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
});

test('scopes the client did not register are not granted', async () => {
  const { verifier, challenge } = pkcePair();
  const launch = sb.auth.createLaunch({ patient: 'pat-1', fhirUser: 'Practitioner/dr-ada' });
  const { callback } = await new Browser().walk(authorizeUrl(sb, {
    scope: 'launch patient/Observation.rs system/*.cruds patient/Task.cd patient/Observation.cruds-ish', launch,
    code_challenge: challenge, code_challenge_method: 'S256',
  }));
  const token = await redeem(sb, { grant_type: 'authorization_code', code: callback?.searchParams.get('code') ?? '', redirect_uri: APP_REDIRECT, client_id: 'carerelay-app', code_verifier: verifier });
  expect(String(token.body.scope).split(' ').sort()).toEqual(['launch', 'patient/Observation.rs', 'patient/Task.cd']);
});
