// The readiness check against fake EHRs on the network (msw): what a complete
// server looks like, what each missing feature turns into, and unusable documents.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkReadiness } from './readiness';
import { capabilityStatementFixture, smartConfigurationFixture, type CapabilitySwitches } from './test-fixtures';

const ISS = 'https://ehr.example.org/fhir/R4';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function ehr(smart: Record<string, unknown> = smartConfigurationFixture(), switches: CapabilitySwitches = {}) {
  server.use(
    http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json(smart)),
    http.get(`${ISS}/metadata`, () => HttpResponse.json(capabilityStatementFixture(switches))),
  );
}

const byId = async (iss = ISS) => {
  const report = await checkReadiness(iss, fetch);
  return { report, get: (id: string) => report.items.find((i) => i.id === id) };
};

describe('checkReadiness', () => {
  it('reports every item ok for a server with everything CareRelay uses', async () => {
    ehr();
    const { report } = await byId(`${ISS}/`);
    expect(report.iss).toBe(ISS);
    expect(report.documents.every((d) => d.ok)).toBe(true);
    expect(report.items.map((i) => i.id)).toEqual([
      'launch-ehr', 'launch-standalone', 'pkce-s256', 'scopes-v2', 'refresh', 'client-public',
      'write-Task', 'write-ServiceRequest', 'write-DeviceRequest', 'write-Appointment', 'write-Communication', 'write-Provenance',
      'transactions', 'conditional-create', 'include', 'subscriptions',
    ]);
    expect(report.items.filter((i) => i.status !== 'ok')).toEqual([]);
    expect(report.verdict).toBe('ready');
  });

  it('names the fallback for each missing FHIR feature', async () => {
    ehr(undefined, { transactions: false, conditionalCreate: false, include: false, subscriptions: false });
    const { report, get } = await byId();
    expect(get('transactions')).toMatchObject({ status: 'missing', evidence: 'rest.interaction: [batch]' });
    expect(get('transactions')?.fallback).toMatch(/sequential conditional creates in dependency order/i);
    expect(get('conditional-create')).toMatchObject({ status: 'missing', evidence: 'Task.conditionalCreate = false; ServiceRequest.conditionalCreate = false' });
    expect(get('conditional-create')?.fallback).toMatch(/search by identifier before writing.*the booking screen says so/i);
    expect(get('include')?.status).toBe('missing');
    expect(get('include')?.fallback).toMatch(/extra reads/i);
    expect(get('subscriptions')?.fallback).toMatch(/polling with _lastUpdated/i);
    expect(report.verdict).toBe('ready-with-fallbacks');
  });

  it('points a read-only EHR at a separate bookings server, and flags create-only types as partial', async () => {
    const readOnly = capabilityStatementFixture({ writableTypes: ['Provenance'] });
    const rest = (readOnly.rest as { resource: { type: string; interaction: { code: string }[] }[] }[])[0];
    const appointment = rest?.resource.find((r) => r.type === 'Appointment');
    if (appointment) appointment.interaction.push({ code: 'create' });
    server.use(
      http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.json(smartConfigurationFixture())),
      http.get(`${ISS}/metadata`, () => HttpResponse.json(readOnly)),
    );
    const { get } = await byId();
    expect(get('write-Task')).toMatchObject({ status: 'missing', evidence: 'Task interactions: [read, search-type]' });
    expect(get('write-Task')?.fallback).toMatch(/separate logistics FHIR server \(configuration: bookingsServer\)/);
    expect(get('write-Appointment')?.status).toBe('partial');
    expect(get('write-Provenance')?.status).toBe('ok');
  });

  it('falls back to v1 scopes, relaunch and polling, and refuses a server without PKCE S256', async () => {
    ehr(smartConfigurationFixture({
      capabilities: ['launch-ehr', 'client-public', 'permission-v1'],
      code_challenge_methods_supported: ['plain'],
      grant_types_supported: ['authorization_code'],
      scopes_supported: ['openid', 'patient/*.read'],
    }));
    const { report, get } = await byId();
    expect(get('scopes-v2')).toMatchObject({ status: 'missing', evidence: 'capabilities does not list permission-v2; it lists permission-v1' });
    expect(get('scopes-v2')?.fallback).toMatch(/SMART v1 scopes/);
    expect(get('refresh')?.status).toBe('missing');
    expect(get('refresh')?.fallback).toMatch(/relaunch on expiry/i);
    expect(get('launch-standalone')?.status).toBe('missing');
    expect(get('pkce-s256')).toMatchObject({ status: 'missing', blocking: true, evidence: 'code_challenge_methods_supported: [plain]' });
    expect(report.verdict).toBe('not-ready');
  });

  it('calls refresh partial when the capability is listed but the refresh_token grant is not', async () => {
    ehr(smartConfigurationFixture({ grant_types_supported: ['authorization_code'] }));
    const { get } = await byId();
    expect(get('refresh')).toMatchObject({ status: 'partial', evidence: 'capabilities lists permission-online and permission-offline; grant_types_supported omits refresh_token' });
  });
});

describe('unusable documents', () => {
  it('says which document could not be reached, and counts its items as missing', async () => {
    server.use(
      http.get(`${ISS}/.well-known/smart-configuration`, () => HttpResponse.error()),
      http.get(`${ISS}/metadata`, () => HttpResponse.json(capabilityStatementFixture())),
    );
    const { report, get } = await byId();
    expect(report.documents[0]).toMatchObject({ name: 'SMART configuration', ok: false });
    expect(report.documents[0]?.ok === false && report.documents[0].problem).toMatch(/^Could not reach https:\/\/ehr\.example\.org\/fhir\/R4\/\.well-known\/smart-configuration/);
    expect(get('pkce-s256')).toMatchObject({ status: 'missing', evidence: 'Not checked: the SMART configuration could not be read' });
    expect(get('transactions')?.status).toBe('ok');
    expect(report.verdict).toBe('not-ready');
  });

  it('explains an HTTP error, a non-JSON answer and a document of the wrong shape', async () => {
    server.use(
      http.get(`${ISS}/.well-known/smart-configuration`, () => new HttpResponse('<html>login</html>', { headers: { 'Content-Type': 'text/html' } })),
      http.get(`${ISS}/metadata`, () => HttpResponse.json({ resourceType: 'OperationOutcome' })),
    );
    const { report } = await byId();
    const problems = report.documents.map((d) => (d.ok ? '' : d.problem));
    expect(problems).toEqual([
      `${ISS}/.well-known/smart-configuration did not answer with JSON, so it is not a SMART configuration.`,
      `${ISS}/metadata is not a usable CapabilityStatement: resourceType must be CapabilityStatement.`,
    ]);
    server.use(http.get(`${ISS}/metadata`, () => new HttpResponse(null, { status: 401 })));
    const again = await byId();
    expect(again.report.documents[1]).toMatchObject({ ok: false, problem: `${ISS}/metadata answered HTTP 401; the CapabilityStatement must be public.` });
  });

  it('does not fetch anything for a URL it would never launch against', async () => {
    const { report } = await byId('http://ehr.example.org/fhir');
    expect(report.verdict).toBe('not-ready');
    expect(report.documents[0]).toMatchObject({ ok: false, problem: expect.stringMatching(/must be absolute and https/) });
    expect((await byId('not a url')).report.items).toEqual([]);
  });

  it('gives up on a server that does not answer in time', async () => {
    server.use(
      http.get(`${ISS}/.well-known/smart-configuration`, () => new Promise<never>(() => undefined)),
      http.get(`${ISS}/metadata`, () => HttpResponse.json(capabilityStatementFixture())),
    );
    const report = await checkReadiness(ISS, fetch, { timeoutMs: 50 });
    expect(report.documents[0]).toMatchObject({ ok: false, problem: expect.stringMatching(/no answer within 50 ms/) });
  });
});
