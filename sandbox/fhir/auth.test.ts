import type { Bundle, CapabilityStatement, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccessContext, AuthServer, FhirInteraction } from '../contracts';
import type { TestFhirServer } from './test-server';
import { startTestFhirServer } from './test-server';

/** A fake that honours the AuthServer contract: tokens are keys into a table; scopes are SMART v1 read/write. */
function fakeAuth(tokens: Record<string, AccessContext>): AuthServer {
  return {
    issuer: 'http://auth.test/auth',
    handle: (_req, res) => void res.writeHead(404).end(),
    authenticate: async (token) => (token ? tokens[token] ?? null : null),
    allows: (ctx: AccessContext, interaction: FhirInteraction, type: string) => ctx.scopes.some((scope) => {
      const m = /^(patient|user|system)\/(\w+|\*)\.(read|write|\*)$/.exec(scope);
      if (!m || (m[2] !== '*' && m[2] !== type)) return false;
      const read = interaction === 'read' || interaction === 'search';
      return m[3] === '*' || (read ? m[3] === 'read' : m[3] === 'write');
    }),
    allowsBeyondPatient: (ctx: AccessContext, interaction: FhirInteraction, type: string) => ctx.scopes.some((scope) => {
      const m = /^(user|system)\/(\w+|\*)\.(read|write|\*)$/.exec(scope);
      if (!m || (m[2] !== '*' && m[2] !== type)) return false;
      const read = interaction === 'read' || interaction === 'search';
      return m[3] === '*' || (read ? m[3] === 'read' : m[3] === 'write');
    }),
    createLaunch: () => 'launch-1',
    smartConfiguration: () => ({
      authorization_endpoint: 'http://auth.test/auth/authorize',
      token_endpoint: 'http://auth.test/auth/token',
      capabilities: ['launch-ehr'],
    }),
    issueSystemToken: async () => 'system',
  };
}

const tokens: Record<string, AccessContext> = {
  system: { clientId: 'sim', scopes: ['system/*.*'] },
  reader: { clientId: 'app', scopes: ['user/*.read'] },
  taskWriter: { clientId: 'app', scopes: ['user/*.read', 'user/Task.write'] },
  patientP1: { clientId: 'app', scopes: ['patient/*.read', 'patient/Task.write'], patient: 'p1' },
  // The app's launch: patient writes, user-level reads (worklist, metrics), and maybe user-level Task writes.
  launchReadsUnit: { clientId: 'app', scopes: ['patient/*.read', 'patient/Task.write', 'user/*.read'], patient: 'p1' },
  launchWritesUnitTasks: { clientId: 'app', scopes: ['patient/*.read', 'patient/Task.write', 'user/*.read', 'user/Task.write'], patient: 'p1' },
};
const seed: Resource[] = [
  { resourceType: 'Patient', id: 'p1' },
  { resourceType: 'Patient', id: 'p2' },
  { resourceType: 'Task', id: 't1', status: 'requested', intent: 'order', for: { reference: 'Patient/p1' } },
  { resourceType: 'Task', id: 't2', status: 'requested', intent: 'order', for: { reference: 'Patient/p2' } },
];
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

let s: TestFhirServer;
beforeAll(async () => {
  s = await startTestFhirServer(fakeAuth(tokens));
});
afterAll(() => s.close());
beforeEach(() => s.fhir.reset(seed));

describe('auth', () => {
  it('serves metadata and smart-configuration without a token, with the SMART oauth-uris', async () => {
    const cs = (await s.request('GET', 'metadata')).body as CapabilityStatement;
    const oauth = cs.rest?.[0]?.security?.extension?.[0];
    expect(oauth?.url).toBe('http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris');
    expect(oauth?.extension).toEqual([
      { url: 'authorize', valueUri: 'http://auth.test/auth/authorize' },
      { url: 'token', valueUri: 'http://auth.test/auth/token' },
    ]);
    const conf = await s.request('GET', '.well-known/smart-configuration', undefined, { Origin: 'http://app.example' });
    expect(conf.status).toBe(200);
    expect(conf.headers.get('access-control-allow-origin')).toBe('http://app.example');
    expect(conf.body).toMatchObject({ token_endpoint: 'http://auth.test/auth/token' });
  });

  it('401 with a Bearer challenge when the token is missing or unknown', async () => {
    const none = await s.request('GET', 'Patient/p1');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const bad = await s.request('GET', 'Patient/p1', undefined, bearer('nope'));
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect((bad.body as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('403 when scopes do not allow the interaction', async () => {
    expect((await s.request('GET', 'Patient/p1', undefined, bearer('reader'))).status).toBe(200);
    const write = await s.request('POST', 'Task', { resourceType: 'Task', status: 'requested', intent: 'order' }, bearer('reader'));
    expect(write.status).toBe(403);
    expect((await s.request('POST', 'Task', { resourceType: 'Task', status: 'requested', intent: 'order' }, bearer('taskWriter'))).status).toBe(201);
  });

  it('checks every entry of a transaction: one forbidden entry refuses the bundle', async () => {
    const r = await s.request('POST', '', {
      resourceType: 'Bundle', type: 'transaction',
      entry: [
        { resource: { resourceType: 'Task', status: 'requested', intent: 'order' }, request: { method: 'POST', url: 'Task' } },
        { resource: { resourceType: 'Patient', id: 'p1', gender: 'male' }, request: { method: 'PUT', url: 'Patient/p1' } },
      ],
    }, bearer('taskWriter'));
    expect(r.status).toBe(403);
    const count = await s.request('GET', 'Task?_summary=count', undefined, bearer('system'));
    expect((count.body as Bundle).total).toBe(2);
  });

  it('confines a patient-scoped token to its launch patient', async () => {
    const p = bearer('patientP1');
    expect((await s.request('GET', 'Patient/p1', undefined, p)).status).toBe(200);
    expect((await s.request('GET', 'Patient/p2', undefined, p)).status).toBe(403);
    expect((await s.request('GET', 'Task/t2', undefined, p)).status).toBe(403);
    const search = await s.request('GET', 'Task', undefined, p);
    expect((search.body as Bundle).entry?.map((e) => e.resource?.id)).toEqual(['t1']);
    const foreign = await s.request('POST', 'Task', { resourceType: 'Task', status: 'requested', intent: 'order', for: { reference: 'Patient/p2' } }, p);
    expect(foreign.status).toBe(403);
    expect((await s.request('GET', 'Task/t2', undefined, bearer('system'))).status).toBe(200);
  });

  it("user-level reads do not widen patient-level writes: another patient's Task needs a user/ write scope", async () => {
    const t2 = (await s.request('GET', 'Task/t2', undefined, bearer('launchReadsUnit'))).body as Resource;
    expect(t2).toMatchObject({ id: 't2' });
    const claim = { ...t2, owner: { reference: 'PractitionerRole/me' } };
    const refused = await s.request('PUT', 'Task/t2', claim, bearer('launchReadsUnit'));
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('Write outside the launch patient');
    expect((await s.request('PUT', 'Task/t1', { ...claim, id: 't1', for: { reference: 'Patient/p1' } }, bearer('launchReadsUnit'))).status).toBe(200);
    expect((await s.request('PUT', 'Task/t2', claim, bearer('launchWritesUnitTasks'))).status).toBe(200);
  });
});
