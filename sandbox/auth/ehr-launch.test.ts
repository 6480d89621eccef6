import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { APP_REDIRECT, authorizeUrl, Browser, pkcePair, redeem, startAuth, type Sandbox } from './test-harness';

let sb: Sandbox;
beforeAll(async () => { sb = await startAuth(); });
afterAll(() => sb.close());

describe('smart-configuration', () => {
  test('advertises the endpoints, S256 only and the SMART capabilities', async () => {
    const config = sb.auth.smartConfiguration();
    expect(config).toMatchObject({
      issuer: `${sb.base}/auth`,
      authorization_endpoint: `${sb.base}/auth/authorize`,
      token_endpoint: `${sb.base}/auth/token`,
      jwks_uri: `${sb.base}/auth/jwks`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['none', 'private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    });
    expect(config.capabilities).toEqual(expect.arrayContaining([
      'launch-ehr', 'launch-standalone', 'client-public', 'client-confidential-asymmetric', 'context-ehr-patient',
      'context-ehr-encounter', 'context-standalone-patient', 'context-banner', 'permission-offline', 'permission-patient',
      'permission-user', 'permission-v1', 'permission-v2', 'sso-openid-connect', 'authorize-post',
    ]));
    // The advertised endpoints are live.
    const jwks = await fetch(String(config.jwks_uri));
    expect(jwks.status).toBe(200);
    expect(((await jwks.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
  });
});

describe('EHR launch', () => {
  test('signs in as the launch user without a page and returns the launch context', async () => {
    const launch = sb.auth.createLaunch({ patient: 'pat-1', encounter: 'enc-9', fhirUser: 'Practitioner/dr-ben', needPatientBanner: false });
    const { verifier, challenge } = pkcePair();
    const browser = new Browser();
    const { callback, page } = await browser.walk(authorizeUrl(sb, {
      scope: 'openid fhirUser launch patient/*.rs patient/Task.cruds', launch, state: 'st-123',
      code_challenge: challenge, code_challenge_method: 'S256',
    }));
    expect(page).toBeUndefined();
    expect(callback?.href.startsWith(APP_REDIRECT)).toBe(true);
    expect(callback?.searchParams.get('state')).toBe('st-123');
    const token = await redeem(sb, {
      grant_type: 'authorization_code', code: callback?.searchParams.get('code') ?? '',
      redirect_uri: APP_REDIRECT, client_id: 'carerelay-app', code_verifier: verifier,
    });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ patient: 'pat-1', encounter: 'enc-9', need_patient_banner: false, token_type: 'Bearer' });
    expect(String(token.body.scope).split(' ').sort()).toEqual(['fhirUser', 'launch', 'openid', 'patient/*.rs', 'patient/Task.cruds']);
    expect(token.body.refresh_token).toBeUndefined();
    const idToken = decodeJwt(String(token.body.id_token));
    expect(idToken.fhirUser).toBe(`${sb.fhirBaseUrl}/Practitioner/dr-ben`);
    expect(idToken.aud).toBe('carerelay-app');
    const ctx = await sb.auth.authenticate(String(token.body.access_token));
    expect(ctx).toMatchObject({ clientId: 'carerelay-app', patient: 'pat-1', encounter: 'enc-9', fhirUser: 'Practitioner/dr-ben' });
  });

  test('a second launch in the same browser gets the new patient, not the old grant', async () => {
    const browser = new Browser();
    const patients: unknown[] = [];
    for (const patient of ['pat-1', 'pat-2']) {
      const launch = sb.auth.createLaunch({ patient, fhirUser: 'Practitioner/dr-ada' });
      const { verifier, challenge } = pkcePair();
      const { callback } = await browser.walk(authorizeUrl(sb, { scope: 'launch patient/*.rs', launch, code_challenge: challenge, code_challenge_method: 'S256' }));
      const token = await redeem(sb, { grant_type: 'authorization_code', code: callback?.searchParams.get('code') ?? '', redirect_uri: APP_REDIRECT, client_id: 'carerelay-app', code_verifier: verifier });
      patients.push(token.body.patient);
    }
    expect(patients).toEqual(['pat-1', 'pat-2']);
  });

  test('EHR SSO: a later launch by the user already signed in redirects straight back, with its own context', async () => {
    const browser = new Browser();
    const launchAs = async (fhirUser: string, patient: string) => {
      const launch = sb.auth.createLaunch({ patient, fhirUser });
      const { verifier, challenge } = pkcePair();
      const walked = await browser.walk(authorizeUrl(sb, { scope: 'openid fhirUser launch patient/*.rs', launch, code_challenge: challenge, code_challenge_method: 'S256' }));
      const token = await redeem(sb, { grant_type: 'authorization_code', code: walked.callback?.searchParams.get('code') ?? '', redirect_uri: APP_REDIRECT, client_id: 'carerelay-app', code_verifier: verifier });
      const ctx = await sb.auth.authenticate(String(token.body.access_token));
      return { requests: walked.requests, patient: token.body.patient, fhirUser: ctx?.fhirUser, scope: String(token.body.scope).split(' ').sort() };
    };
    // First launch: no session yet, so the interaction signs the launch's user in (authorize → interaction → resume).
    expect(await launchAs('Practitioner/dr-ada', 'pat-1')).toEqual({ requests: 3, patient: 'pat-1', fhirUser: 'Practitioner/dr-ada', scope: ['fhirUser', 'launch', 'openid', 'patient/*.rs'] });
    // Same user, next patient: one request, the new launch's patient, the same scopes.
    expect(await launchAs('Practitioner/dr-ada', 'pat-2')).toEqual({ requests: 1, patient: 'pat-2', fhirUser: 'Practitioner/dr-ada', scope: ['fhirUser', 'launch', 'openid', 'patient/*.rs'] });
    // Another user at the same workstation is never let through on the signed-in user's session:
    // no code comes back straight away (oidc-provider asks to end dr-ada's session first).
    const { challenge } = pkcePair();
    const other = await browser.walk(authorizeUrl(sb, {
      scope: 'openid fhirUser launch patient/*.rs', launch: sb.auth.createLaunch({ patient: 'pat-3', fhirUser: 'Practitioner/dr-ben' }), code_challenge: challenge, code_challenge_method: 'S256',
    }));
    expect(other.callback).toBeUndefined();
    expect(other.requests).toBeGreaterThan(1);
  });

  test('authorization by POST (authorize-post) works too', async () => {
    const launch = sb.auth.createLaunch({ patient: 'pat-2', fhirUser: 'Practitioner/dr-ada' });
    const { verifier, challenge } = pkcePair();
    const params = new URL(authorizeUrl(sb, { scope: 'launch patient/*.rs', launch, code_challenge: challenge, code_challenge_method: 'S256' })).searchParams;
    const { callback } = await new Browser().walk(`${sb.base}/auth/authorize`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params,
    });
    const token = await redeem(sb, { grant_type: 'authorization_code', code: callback?.searchParams.get('code') ?? '', redirect_uri: APP_REDIRECT, client_id: 'carerelay-app', code_verifier: verifier });
    expect(token.body.patient).toBe('pat-2');
  });

  test('an unknown launch value is an invalid_request redirect to the app', async () => {
    const { challenge } = pkcePair();
    const { callback } = await new Browser().walk(authorizeUrl(sb, {
      scope: 'launch patient/*.rs', launch: 'not-a-launch', state: 's1', code_challenge: challenge, code_challenge_method: 'S256',
    }));
    expect(callback?.searchParams.get('error')).toBe('invalid_request');
    expect(callback?.searchParams.get('state')).toBe('s1');
  });

  test('a launch value is used up after three authorizations', async () => {
    const launch = sb.auth.createLaunch({ patient: 'pat-1', fhirUser: 'Practitioner/dr-ada' });
    const errors: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const { challenge } = pkcePair();
      const { callback } = await new Browser().walk(authorizeUrl(sb, { scope: 'launch patient/*.rs', launch, code_challenge: challenge, code_challenge_method: 'S256' }));
      errors.push(callback?.searchParams.get('error') ?? null);
    }
    expect(errors).toEqual([null, null, null, 'invalid_request']);
  });

  test('an aud naming another FHIR server is rejected', async () => {
    const { challenge } = pkcePair();
    const { callback } = await new Browser().walk(authorizeUrl(sb, {
      scope: 'patient/*.rs', aud: 'https://elsewhere.example/fhir', code_challenge: challenge, code_challenge_method: 'S256',
    }));
    expect(callback?.searchParams.get('error')).toBe('invalid_request');
  });
});
