import { describe, expect, it } from 'vitest';
import { coordinationToken, TOKEN_EXCHANGE } from './coordination-token';

const BASE = 'http://coord.example/fhir/R4';

/** A stand-in token endpoint: grants each id_token once, rotates refresh tokens, records every form. */
function endpoint(opts: { refresh?: boolean; ttl?: number } = {}) {
  const forms: URLSearchParams[] = [];
  const used = new Set<string>();
  const live = new Set<string>();
  let n = 0;
  const fetchFn = (async (url: string, init?: RequestInit) => {
    if (url === `${BASE}/.well-known/smart-configuration`) return Response.json({ token_endpoint: 'https://coord.example/token' });
    const form = new URLSearchParams(String(init?.body));
    forms.push(form);
    const grant = () => {
      n += 1;
      const refresh = opts.refresh ? `r${n}` : undefined;
      if (refresh) live.add(refresh);
      return Response.json({ access_token: `t${n}`, expires_in: opts.ttl ?? 300, ...(refresh ? { refresh_token: refresh } : {}) });
    };
    if (form.get('grant_type') === 'refresh_token') {
      const r = form.get('refresh_token') ?? '';
      if (!live.delete(r)) return Response.json({ error: 'invalid_grant', error_description: 'refresh token not recognised' }, { status: 400 });
      return grant();
    }
    if (form.get('grant_type') !== TOKEN_EXCHANGE) return Response.json({ error: 'unsupported_grant_type' }, { status: 400 });
    const id = form.get('subject_token') ?? '';
    if (used.has(id)) return Response.json({ error: 'invalid_grant', error_description: 'This id_token was already exchanged' }, { status: 400 });
    used.add(id);
    return grant();
  }) as typeof fetch;
  return { fetchFn, forms, used };
}

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe('the coordination token (client side of the exchange)', () => {
  it('exchanges the launch once for concurrent requests, for the launch patient', async () => {
    const e = endpoint();
    const t = coordinationToken({ fhirBase: BASE, fetch: e.fetchFn, patient: 'p1', identity: () => ({ idToken: 'id1', accessToken: 'ehr1' }) });
    const headers = await Promise.all([t.authorization(), t.authorization(), t.authorization()]);
    expect(headers).toEqual(['Bearer t1', 'Bearer t1', 'Bearer t1']);
    expect(e.forms).toHaveLength(1);
    expect(Object.fromEntries(e.forms[0]!)).toMatchObject({ subject_token: 'id1', actor_token: 'ehr1', patient: 'p1' });
  });

  it('renews before expiry with the refresh token, never with the spent id_token', async () => {
    const e = endpoint({ refresh: true, ttl: 60 });
    let clock = 0;
    const t = coordinationToken({ fhirBase: BASE, fetch: e.fetchFn, patient: 'p1', now: () => clock, store: memoryStore(), identity: () => ({ idToken: 'id1', accessToken: 'ehr1' }) });
    expect(await t.authorization()).toBe('Bearer t1');
    clock = 30_000;
    expect(await t.authorization()).toBe('Bearer t1');
    clock = 45_000; // 15 s left: renewed
    expect(await t.authorization()).toBe('Bearer t2');
    expect(e.forms.map((f) => f.get('grant_type'))).toEqual([TOKEN_EXCHANGE, 'refresh_token']);
  });

  it('after a reload, the refresh token kept in session storage brings the session back', async () => {
    const e = endpoint({ refresh: true });
    const store = memoryStore();
    const identity = () => ({ idToken: 'id1', accessToken: 'ehr1' });
    await coordinationToken({ fhirBase: BASE, fetch: e.fetchFn, patient: 'p1', store, identity }).authorization();
    const reloaded = coordinationToken({ fhirBase: BASE, fetch: e.fetchFn, patient: 'p1', store, identity });
    expect(await reloaded.authorization()).toBe('Bearer t2');
    expect([...store.m.values()]).toEqual(['r2']);
  });

  it('when the id_token was spent and no refresh token is left, a fresh one from the EHR is exchanged', async () => {
    const e = endpoint();
    e.used.add('id1');
    let current = 'id1';
    const t = coordinationToken({
      fhirBase: BASE, fetch: e.fetchFn, patient: 'p1', identity: () => ({ idToken: current, accessToken: 'ehr' }),
      renewIdentity: async () => { current = 'id2'; return true; },
    });
    expect(await t.authorization()).toBe('Bearer t1');
    expect(e.forms.map((f) => f.get('subject_token'))).toEqual(['id1', 'id2']);
  });

  it('says why when the server refuses, and what to do', async () => {
    const e = endpoint();
    e.used.add('id1');
    const t = coordinationToken({ fhirBase: BASE, fetch: e.fetchFn, patient: 'p1', identity: () => ({ idToken: 'id1', accessToken: 'ehr' }) });
    await expect(t.authorization()).rejects.toThrow(/did not accept this EHR sign-in: This id_token was already exchanged\. Relaunch CareRelay from the chart/);
    expect(await t.refresh()).toBe(false);
  });

  it('without an id_token from the EHR it names the missing scopes', async () => {
    const t = coordinationToken({ fhirBase: BASE, fetch: endpoint().fetchFn, patient: 'p1', identity: () => undefined });
    await expect(t.authorization()).rejects.toThrow(/openid fhirUser/);
  });
});
