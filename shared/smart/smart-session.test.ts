// The thin SMART client against a fake authorization server on the network (msw):
// discovery, PKCE, state, code exchange, refresh, and what it refuses.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import type { KeyValueStore } from '../booking/outbox';
import { createFetchTransport } from '../fhir/transport';
import { s256 } from './pkce';
import { createSmartSession } from './smart-session';
import { SmartAuthError } from './smart-errors';

const ISS = 'https://ehr.example.org/fhir/R4';
const AUTH = 'https://ehr.example.org/auth';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const config = {
  authorization_endpoint: `${AUTH}/authorize`, token_endpoint: `${AUTH}/token`,
  code_challenge_methods_supported: ['S256'], capabilities: ['launch-standalone', 'client-public'],
};
const idToken = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v), remove: async (k) => void data.delete(k), keys: async () => [...data.keys()] };
}

function setup(now = () => 1_000_000) {
  const store = memoryStore();
  const session = createSmartSession({ store, fetch: globalThis.fetch, crypto: webcrypto as unknown as Crypto, now });
  return { store, session };
}

/** A token endpoint that checks PKCE like a real server and records each form. */
function tokenEndpoint(forms: URLSearchParams[], challenge: { value?: string }, answer: (form: URLSearchParams) => object = () => ({})) {
  return http.post(config.token_endpoint, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    forms.push(form);
    if (form.get('grant_type') === 'authorization_code' && (await s256(webcrypto as unknown as Crypto, form.get('code_verifier') ?? '')) !== challenge.value) {
      return HttpResponse.json({ error: 'invalid_grant' }, { status: 400 });
    }
    if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') !== 'refresh-1') return HttpResponse.json({ error: 'invalid_grant' }, { status: 400 });
    return HttpResponse.json({ access_token: `access-${forms.length}`, token_type: 'Bearer', expires_in: 3600, scope: 'openid user/*.rs', refresh_token: 'refresh-1', patient: 'pat-1', id_token: idToken({ fhirUser: `${ISS}/Practitioner/prac-1` }), ...answer(form) });
  });
}

async function signIn(session: ReturnType<typeof setup>['session'], forms: URLSearchParams[]) {
  const challenge: { value?: string } = {};
  server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json(config)), tokenEndpoint(forms, challenge));
  const url = new URL(await session.begin({ iss: `${ISS}/`, clientId: 'carerelay-extension', redirectUri: REDIRECT, scope: 'openid fhirUser launch/patient user/*.rs' }));
  challenge.value = url.searchParams.get('code_challenge') ?? undefined;
  const info = await session.complete(`${REDIRECT}?code=code-1&state=${url.searchParams.get('state')}`);
  return { url, info };
}

describe('authorization request', () => {
  it('uses PKCE S256, a 256-bit state, aud = iss and the requested scopes', async () => {
    const { session, store } = setup();
    server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json(config)));
    const url = new URL(await session.begin({ iss: ISS, clientId: 'carerelay-extension', redirectUri: REDIRECT, scope: 'openid launch/patient', launch: 'L1' }));
    const p = url.searchParams;
    expect(url.origin + url.pathname).toBe(config.authorization_endpoint);
    expect([p.get('response_type'), p.get('client_id'), p.get('redirect_uri'), p.get('aud'), p.get('scope'), p.get('launch'), p.get('code_challenge_method')])
      .toEqual(['code', 'carerelay-extension', REDIRECT, ISS, 'openid launch/patient', 'L1', 'S256']);
    expect(p.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const pending = JSON.parse(store.data.get('smart.pending') ?? '{}') as { verifier: string };
    expect(pending.verifier).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(p.get('code_challenge')).toBe(await s256(webcrypto as unknown as Crypto, pending.verifier));
    expect(url.search).not.toContain(pending.verifier);
  });

  it('gives every authorization its own state and verifier', async () => {
    const { session } = setup();
    server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json(config)));
    const input = { iss: ISS, clientId: 'c', redirectUri: REDIRECT, scope: 'openid' };
    const [a, b] = [new URL(await session.begin(input)), new URL(await session.begin(input))];
    expect(a.searchParams.get('state')).not.toBe(b.searchParams.get('state'));
    expect(a.searchParams.get('code_challenge')).not.toBe(b.searchParams.get('code_challenge'));
  });

  it.each([
    ['without S256', { ...config, code_challenge_methods_supported: ['plain'] }],
    ['with an http token endpoint', { ...config, token_endpoint: 'http://evil.example.org/token' }],
    ['without an authorization endpoint', { token_endpoint: config.token_endpoint, code_challenge_methods_supported: ['S256'] }],
  ])('refuses a server %s', async (_name, body) => {
    const { session } = setup();
    server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json(body)));
    await expect(session.begin({ iss: ISS, clientId: 'c', redirectUri: REDIRECT, scope: 'openid' })).rejects.toMatchObject({ reason: 'discovery' });
  });

  it('refuses discovery that fails or an insecure iss', async () => {
    const { session } = setup();
    server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => new HttpResponse('nope', { status: 404 })));
    await expect(session.begin({ iss: ISS, clientId: 'c', redirectUri: REDIRECT, scope: 'openid' })).rejects.toBeInstanceOf(SmartAuthError);
    await expect(session.begin({ iss: 'http://ehr.example.org/fhir', clientId: 'c', redirectUri: REDIRECT, scope: 'openid' })).rejects.toMatchObject({ reason: 'discovery' });
  });
});

describe('code exchange', () => {
  it('redeems the code as a public client with the verifier and keeps the context', async () => {
    const { session, store } = setup();
    const forms: URLSearchParams[] = [];
    const { info } = await signIn(session, forms);
    expect(Object.fromEntries(forms[0] ?? [])).toMatchObject({ grant_type: 'authorization_code', code: 'code-1', redirect_uri: REDIRECT, client_id: 'carerelay-extension' });
    expect(forms[0]?.has('client_secret')).toBe(false);
    expect(info).toEqual({ iss: ISS, scope: 'openid user/*.rs', patient: 'pat-1', encounter: undefined, fhirUser: 'Practitioner/prac-1', expiresAt: 1_000_000 + 3_600_000, refreshable: true });
    expect(JSON.stringify(info)).not.toContain('access-');
    expect(store.data.has('smart.pending')).toBe(false);
    expect(await session.authorization()).toBe('Bearer access-1');
  });

  it('rejects a wrong state, an error redirect and a foreign redirect without calling the token endpoint', async () => {
    const forms: URLSearchParams[] = [];
    server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json(config)), tokenEndpoint(forms, {}));
    const cases: [(state: string) => string, string][] = [
      [(_s) => `${REDIRECT}?code=c&state=forged`, 'state-mismatch'],
      [(s) => `${REDIRECT}?error=access_denied&state=${s}`, 'denied'],
      [(s) => `https://evil.example.org/?code=c&state=${s}`, 'redirect'],
      [(s) => `${REDIRECT}?state=${s}`, 'redirect'],
    ];
    for (const [redirect, reason] of cases) {
      const { session } = setup();
      const state = new URL(await session.begin({ iss: ISS, clientId: 'c', redirectUri: REDIRECT, scope: 'openid' })).searchParams.get('state') ?? '';
      await expect(session.complete(redirect(state))).rejects.toMatchObject({ reason });
      expect(await session.authorization()).toBeUndefined();
    }
    expect(forms).toHaveLength(0);
  });

  it('redeems a pending authorization once only, and not after ten minutes', async () => {
    let t = 0;
    const { session } = setup(() => t);
    const forms: URLSearchParams[] = [];
    const { url } = await signIn(session, forms);
    await expect(session.complete(`${REDIRECT}?code=code-1&state=${url.searchParams.get('state')}`)).rejects.toMatchObject({ reason: 'state-mismatch' });
    const again = new URL(await session.begin({ iss: ISS, clientId: 'c', redirectUri: REDIRECT, scope: 'openid' }));
    t = 11 * 60_000;
    await expect(session.complete(`${REDIRECT}?code=c&state=${again.searchParams.get('state')}`)).rejects.toMatchObject({ reason: 'state-mismatch' });
    expect(forms).toHaveLength(1);
  });

  it('refuses a token response that is not a Bearer token, without storing it', async () => {
    const { session } = setup();
    const challenge: { value?: string } = {};
    server.use(http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json(config)), tokenEndpoint([], challenge, () => ({ token_type: 'mac' })));
    const url = new URL(await session.begin({ iss: ISS, clientId: 'c', redirectUri: REDIRECT, scope: 'openid' }));
    challenge.value = url.searchParams.get('code_challenge') ?? undefined;
    await expect(session.complete(`${REDIRECT}?code=c&state=${url.searchParams.get('state')}`)).rejects.toMatchObject({ reason: 'token' });
    expect(await session.info()).toBeUndefined();
  });
});

describe('refresh and the FHIR transport', () => {
  it('refreshes once on a 401 and retries with the new token', async () => {
    const { session } = setup();
    const forms: URLSearchParams[] = [];
    await signIn(session, forms);
    const seen: (string | null)[] = [];
    server.use(http.get(`${ISS}/Patient/pat-1`, ({ request }) => {
      seen.push(request.headers.get('Authorization'));
      return seen.length === 1 ? new HttpResponse(null, { status: 401 }) : HttpResponse.json({ resourceType: 'Patient', id: 'pat-1' });
    }));
    const transport = createFetchTransport({ baseUrl: ISS, fetch: globalThis.fetch, authorization: session.authorization, refresh: session.refresh });
    const [a, b] = await Promise.all([transport({ method: 'GET', url: 'Patient/pat-1' }), session.refresh()]);
    expect(a.body).toMatchObject({ id: 'pat-1' });
    expect(b).toBe(true);
    expect(seen[0]).toBe('Bearer access-1');
    expect(seen.at(-1)).toMatch(/^Bearer access-[23]$/);
    expect(Object.fromEntries(forms[1] ?? [])).toEqual({ grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: 'carerelay-extension' });
    expect((await session.info())?.patient).toBe('pat-1');
  });

  it('refreshes before the token expires', async () => {
    let t = 1_000_000;
    const { session } = setup(() => t);
    const forms: URLSearchParams[] = [];
    await signIn(session, forms);
    t += 3_600_000 - 10_000;
    expect(await session.authorization()).toBe('Bearer access-2');
    expect(forms.map((f) => f.get('grant_type'))).toEqual(['authorization_code', 'refresh_token']);
  });

  it('ends the session when the refresh is refused', async () => {
    const { session, store } = setup();
    await signIn(session, []);
    server.use(http.post(config.token_endpoint, () => HttpResponse.json({ error: 'invalid_grant' }, { status: 400 })));
    expect(await session.refresh()).toBe(false);
    expect(await session.authorization()).toBeUndefined();
    expect([...store.data.keys()]).toEqual([]);
  });

  it('has nothing to refresh when signed out', async () => {
    const { session } = setup();
    expect(await session.refresh()).toBe(false);
    await signIn(session, []);
    await session.signOut();
    expect(await session.info()).toBeUndefined();
  });
});
