// Token exchange against the real sandbox EHR (its OIDC provider and FHIR server over HTTP):
// each refusal fails for its own reason, and a token for one patient never reaches another's.
import { randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent, Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthServer, loadClients } from '../../sandbox/auth/index';
import { APP_REDIRECT, authorizeUrl, Browser, CLIENTS_FILE, pkcePair, redeem, USERS } from '../../sandbox/auth/test-harness';
import type { AuthServer } from '../../sandbox/contracts';
import { createFhirServer } from '../fhir-engine/index';
import { startCoordinationServer, type CoordinationServer } from './server';
import { ACCESS_TOKEN_TYPE, ID_TOKEN_TYPE, TOKEN_EXCHANGE } from './token-exchange';

const PATIENTS: Patient[] = [
  { resourceType: 'Patient', id: 'pat-1', name: [{ family: 'Lopez', given: ['Maria'] }] },
  { resourceType: 'Patient', id: 'pat-2', name: [{ family: 'Smith', given: ['John'] }] },
];
const ADMIN = 'admin-token-for-tests-only-0123456789';

interface Ehr { base: string; fhirBaseUrl: string; auth: AuthServer; close(): Promise<void> }

/** A sandbox EHR (SMART/OIDC provider + FHIR server with two patients) on a real port. */
async function startEhr(port: number): Promise<Ehr> {
  const base = `http://127.0.0.1:${port}`;
  const fhirBaseUrl = `${base}/fhir/R4`;
  const auth = await createAuthServer({
    issuer: `${base}/auth`, fhirBaseUrl,
    clients: loadClients(CLIENTS_FILE, { appOrigin: 'http://localhost:5173', extensionId: 'abcdefghijklmnopabcdefghijklmnop' }),
    users: async () => USERS, patients: async () => [],
  });
  const fhir = await createFhirServer({ baseUrl: fhirBaseUrl, auth });
  await fhir.load(PATIENTS);
  const http: Server = createServer((req, res) => void (req.url?.startsWith('/auth') ? auth.handle(req, res) : fhir.handle(req, res)));
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  return { base, fhirBaseUrl, auth, close: () => new Promise((resolve) => { http.closeAllConnections(); http.close(() => resolve()); }) };
}

/** An EHR launch for `patient` by Ada, as the app does it: the EHR's id_token and access token. */
async function launch(ehr: Ehr, patient: string, clientId = 'carerelay-app'): Promise<{ idToken: string; accessToken: string }> {
  const { verifier, challenge } = pkcePair();
  const redirect = clientId === 'carerelay-app' ? APP_REDIRECT : 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
  const { callback } = await new Browser().walk(authorizeUrl({ ...ehr, close: ehr.close }, {
    client_id: clientId, redirect_uri: redirect,
    scope: 'openid fhirUser launch patient/*.rs', launch: ehr.auth.createLaunch({ patient, fhirUser: USERS[0]!.fhirUser }),
    code_challenge: challenge, code_challenge_method: 'S256',
    // Two launches by one user in one second would otherwise get byte-identical id_tokens.
    nonce: randomUUID(),
  }));
  const token = await redeem({ ...ehr, close: ehr.close }, {
    grant_type: 'authorization_code', code: callback?.searchParams.get('code') ?? '', redirect_uri: redirect, client_id: clientId, code_verifier: verifier,
  });
  if (token.status !== 200) throw new Error(`launch failed: ${JSON.stringify(token.body)}`);
  return { idToken: String(token.body.id_token), accessToken: String(token.body.access_token) };
}

let ehr: Ehr;
let untrusted: Ehr;
let coord: CoordinationServer;
let clock = () => new Date();
const dataDir = mkdtempSync(join(tmpdir(), 'coord-auth-'));

beforeAll(async () => {
  [ehr, untrusted] = await Promise.all([startEhr(8195), startEhr(8196)]);
  coord = await startCoordinationServer({
    port: 8197, host: '127.0.0.1', dataDir,
    exchange: {
      trusted: [{ issuer: `${ehr.base}/auth`, fhirBaseUrl: ehr.fhirBaseUrl }],
      clientIds: ['carerelay-app'],
      adminToken: ADMIN,
      now: () => clock(),
    },
  });
}, 60_000);
afterAll(async () => {
  await Promise.all([coord?.close(), ehr?.close(), untrusted?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

interface Reply<T> { status: number; body: T }

function call<T = Resource>(method: string, url: string, opts: { body?: string; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: opts.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function exchange(form: { idToken: string; accessToken: string; patient: string }) {
  return call<Record<string, string>>('POST', `${coord.origin}/token`, {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: TOKEN_EXCHANGE,
      subject_token: form.idToken, subject_token_type: ID_TOKEN_TYPE,
      actor_token: form.accessToken, actor_token_type: ACCESS_TOKEN_TYPE,
      patient: form.patient,
    }).toString(),
  });
}

const fhir = <T = Resource>(method: string, path: string, token?: string, body?: unknown) => call<T>(method, `${coord.fhirBaseUrl}/${path}`, {
  headers: { Accept: 'application/fhir+json', ...(body ? { 'Content-Type': 'application/fhir+json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  ...(body ? { body: JSON.stringify(body) } : {}),
});

const task = (patient: string) => ({ resourceType: 'Task', status: 'requested', intent: 'order', for: { reference: `Patient/${patient}` } });

describe('coordination server: token exchange', () => {
  it('audits every exchange, granted or refused, with the reason', async () => {
    const t0 = new Date().toISOString();
    const tokens = await launch(ehr, 'pat-1');
    await exchange({ ...tokens, patient: 'pat-1' });
    await exchange({ ...tokens, patient: 'pat-1' });
    const trail = await fhir<Bundle>('GET', 'AuditEvent?_count=1000', ADMIN);
    const logins = (trail.body.entry ?? []).map((e) => e.resource as AuditEvent)
      .filter((ev) => ev.subtype?.[0]?.code === '110122' && ev.recorded! >= t0);
    expect(logins).toHaveLength(2);
    const granted = logins.find((ev) => ev.outcome === '0');
    const refused = logins.find((ev) => ev.outcome !== '0');
    expect(granted).toMatchObject({ outcome: '0', action: 'E' });
    expect(granted!.agent?.[0]?.who?.reference).toBe(`${ehr.fhirBaseUrl}/${USERS[0]!.fhirUser}`);
    expect(refused).toMatchObject({ outcome: '4' });
    expect(refused!.outcomeDesc).toMatch(/already exchanged/);
    for (const ev of logins) expect(ev.entity?.[0]?.what?.reference).toBe('Patient/pat-1');
    // Tokens never land in the audit trail.
    expect(JSON.stringify(logins)).not.toContain(tokens.idToken);
    expect(JSON.stringify(logins)).not.toContain(tokens.accessToken);
  });

  it('exchanges the EHR launch for a short-lived token confined to the launch patient', async () => {
    const tokens = await launch(ehr, 'pat-1');
    const reply = await exchange({ ...tokens, patient: 'pat-1' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ token_type: 'Bearer', issued_token_type: ACCESS_TOKEN_TYPE, patient: 'pat-1', expires_in: 300 });
    const claims = decodeJwt(reply.body.access_token!);
    expect(claims).toMatchObject({ patient: 'pat-1', client_id: 'carerelay-app', iss: coord.origin, aud: coord.fhirBaseUrl });
    expect(claims.exp! - claims.iat!).toBe(300);

    expect((await fhir('GET', 'Task')).status).toBe(401);
    const created = await fhir('POST', 'Task', reply.body.access_token, task('pat-1'));
    expect(created.status).toBe(201);
    const mine = await fhir<Bundle>('GET', 'Task?patient=pat-1', reply.body.access_token);
    expect(mine.body.total).toBe(1);
  });

  it('refuses a forged signature', async () => {
    const { idToken, accessToken } = await launch(ehr, 'pat-1');
    // Same header (kid) and claims, signed with a key the EHR never published.
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(decodeJwt(idToken)).setProtectedHeader(decodeProtectedHeader(idToken) as { alg: string }).sign(privateKey);
    const reply = await exchange({ idToken: forged, accessToken, patient: 'pat-1' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'invalid_grant' });
    expect(reply.body.error_description).toMatch(/signature does not verify/);
  });

  it('refuses an expired id_token', async () => {
    const tokens = await launch(ehr, 'pat-1');
    const exp = decodeJwt(tokens.idToken).exp!;
    clock = () => new Date((exp + 60) * 1000);
    try {
      const reply = await exchange({ ...tokens, patient: 'pat-1' });
      expect(reply.status).toBe(400);
      expect(reply.body.error_description).toMatch(/expired/);
    } finally {
      clock = () => new Date();
    }
  });

  it('refuses an issuer that is not on the allow-list, even with valid signatures', async () => {
    const tokens = await launch(untrusted, 'pat-1');
    const reply = await exchange({ ...tokens, patient: 'pat-1' });
    expect(reply.status).toBe(400);
    expect(reply.body.error_description).toMatch(/issuer is not on the allow-list/);
  });

  it('refuses an id_token issued to another client (audience)', async () => {
    const tokens = await launch(ehr, 'pat-1', 'carerelay-extension');
    const reply = await exchange({ ...tokens, patient: 'pat-1' });
    expect(reply.status).toBe(400);
    expect(reply.body.error_description).toMatch(/not issued to CareRelay \(audience\)/);
  });

  it('refuses a replayed id_token', async () => {
    const tokens = await launch(ehr, 'pat-1');
    expect((await exchange({ ...tokens, patient: 'pat-1' })).status).toBe(200);
    const again = await exchange({ ...tokens, patient: 'pat-1' });
    expect(again.status).toBe(400);
    expect(again.body.error_description).toMatch(/already exchanged/);
  });

  it('does not believe the client about the patient: the EHR must confirm it', async () => {
    const tokens = await launch(ehr, 'pat-1');
    const reply = await exchange({ ...tokens, patient: 'pat-2' });
    expect(reply.status).toBe(400);
    expect(reply.body.error_description).toMatch(/EHR did not confirm this patient.*403/);
  });

  it('answers a token for patient A asking for patient B with 403, and audits it', async () => {
    const b = await exchange({ ...(await launch(ehr, 'pat-2')), patient: 'pat-2' });
    const bTask = await fhir<Resource>('POST', 'Task', b.body.access_token, task('pat-2'));
    expect(bTask.status).toBe(201);
    const a = await exchange({ ...(await launch(ehr, 'pat-1')), patient: 'pat-1' });
    const tokenA = a.body.access_token!;

    expect((await fhir('GET', 'Task?patient=pat-2', tokenA)).status).toBe(403);
    expect((await fhir('GET', `Task/${bTask.body.id}`, tokenA)).status).toBe(403);
    expect((await fhir('POST', 'Task', tokenA, task('pat-2'))).status).toBe(403);
    // Nor does a search without a patient parameter show B's records.
    const all = await fhir<Bundle>('GET', 'Task', tokenA);
    expect(all.body.entry?.every((e) => (e.resource as { for?: { reference?: string } }).for?.reference === 'Patient/pat-1')).toBe(true);
    // Audit is the administrators' (a patient token may not read it).
    expect((await fhir('GET', 'AuditEvent', tokenA)).status).toBe(403);
    const trail = await fhir<Bundle>('GET', 'AuditEvent?outcome=4&_count=1000', ADMIN);
    const refused = (trail.body.entry ?? []).map((e) => e.resource as AuditEvent);
    const find = (request: string) => refused.find((ev) => ev.entity?.some((en) => en.description === request));
    const cases: [string, string][] = [
      ['GET Task?patient=pat-2', 'Patient/pat-2'],
      [`GET Task/${bTask.body.id}`, `Task/${bTask.body.id}`],
      ['POST Task', 'Patient/pat-2'],
    ];
    for (const [request, whose] of cases) {
      const ev = find(request);
      expect(ev, request).toBeDefined();
      expect(ev!.outcomeDesc).toBe('HTTP 403');
      // The EHR's absolute fhirUser: unambiguous whichever EHR the user came from.
      expect(ev!.agent?.find((ag) => ag.requestor)?.who?.reference).toBe(`${ehr.fhirBaseUrl}/${USERS[0]!.fhirUser}`);
      expect(ev!.agent?.find((ag) => !ag.requestor)?.who?.identifier?.value).toBe('carerelay-app');
      expect(ev!.entity?.map((en) => en.what?.reference)).toEqual(expect.arrayContaining(['Patient/pat-1', whose]));
    }
  });
});

