import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { APP_REDIRECT, authorizeUrl, Browser, pkcePair, redeem, startAuth, submitButton, type Sandbox } from './test-harness';

let sb: Sandbox;
beforeAll(async () => { sb = await startAuth(); });
afterAll(() => sb.close());

test('standalone launch: sign-in page, patient picker, token with the chosen patient', async () => {
  const { verifier, challenge } = pkcePair();
  const browser = new Browser();
  const first = await browser.walk(authorizeUrl(sb, {
    scope: 'openid fhirUser launch/patient patient/*.rs', state: 'abc', code_challenge: challenge, code_challenge_method: 'S256',
  }));
  const login = first.page;
  expect(login?.status).toBe(200);
  expect(login?.html).toContain('<label for="fhirUser">User</label>');
  expect(login?.html).toContain('>Sign in</button>');
  expect(login?.html).toContain('Ada Osei');
  // The app launches inside the EHR's iframe: the page must be frameable by localhost.
  const headers = (await browser.fetch(login!.url)).headers;
  expect(headers.get('content-security-policy')).toContain('frame-ancestors');
  expect(headers.get('x-frame-options')).toBeNull();

  const afterLogin = await submitButton(browser, login!, 'Sign in', { fhirUser: 'Practitioner/dr-ada' });
  const picker = afterLogin.page;
  expect(picker?.html).toContain('<label for="q">Search patients</label>');
  expect(picker?.html).toContain('>Select Maria Lopez</button>');
  expect(picker?.html).toContain('>Select John Smith</button>');

  // Search narrows the list (GET form, like a browser would submit it).
  const searched = await browser.walk(`${picker!.url}?q=smith`);
  expect(searched.page?.html).toContain('Select John Smith');
  expect(searched.page?.html).not.toContain('Select Maria Lopez');

  const done = await submitButton(browser, searched.page!, 'Select John Smith');
  expect(done.callback?.searchParams.get('state')).toBe('abc');
  const token = await redeem(sb, {
    grant_type: 'authorization_code', code: done.callback?.searchParams.get('code') ?? '',
    redirect_uri: APP_REDIRECT, client_id: 'carerelay-app', code_verifier: verifier,
  });
  expect(token.status).toBe(200);
  expect(token.body).toMatchObject({ patient: 'pat-2', need_patient_banner: true });
  expect(decodeJwt(String(token.body.id_token)).fhirUser).toBe(`${sb.fhirBaseUrl}/Practitioner/dr-ada`);
  expect(await sb.auth.authenticate(String(token.body.access_token))).toMatchObject({ patient: 'pat-2', fhirUser: 'Practitioner/dr-ada' });
});

test('a user outside the list cannot sign in', async () => {
  const { challenge } = pkcePair();
  const browser = new Browser();
  const { page } = await browser.walk(authorizeUrl(sb, { scope: 'launch/patient patient/*.rs', code_challenge: challenge, code_challenge_method: 'S256' }));
  const res = await submitButton(browser, page!, 'Sign in', { fhirUser: 'Practitioner/intruder' });
  expect(res.page?.status).toBe(400);
  expect(res.page?.html).toContain('role="alert"');
});

test('the extension client completes a standalone launch to its chromiumapp.org redirect', async () => {
  const { verifier, challenge } = pkcePair();
  const browser = new Browser();
  const redirect = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
  const { page } = await browser.walk(authorizeUrl(sb, {
    client_id: 'carerelay-extension', redirect_uri: redirect, scope: 'openid fhirUser user/*.rs',
    code_challenge: challenge, code_challenge_method: 'S256',
  }));
  const { callback } = await submitButton(browser, page!, 'Sign in', { fhirUser: 'Practitioner/dr-ben' });
  expect(callback?.origin).toBe('https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org');
  const token = await redeem(sb, { grant_type: 'authorization_code', code: callback?.searchParams.get('code') ?? '', redirect_uri: redirect, client_id: 'carerelay-extension', code_verifier: verifier });
  expect(token.status).toBe(200);
  expect(token.body.patient).toBeUndefined();
  expect(String(token.body.scope).split(' ')).toContain('user/*.rs');
});
