// The coordination server over real HTTP: its FHIR API, what survives a restart, and the
// audit trail. Each restart is a fresh server replaying the journal on disk.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent, Bundle, CapabilityStatement, OperationOutcome, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, JournalCorruptError } from './journal';
import { COORDINATION_TYPES, startCoordinationServer, type CoordinationServer } from './server';

const PORT = 8194;
const SYSTEM = 'urn:carerelay:test:booking';
const dirs: string[] = [];
let server: CoordinationServer | undefined;
let dataDir = '';
let failAppends = false;

async function start(): Promise<CoordinationServer> {
  server = await startCoordinationServer({
    port: PORT, host: '127.0.0.1', dataDir,
    beforeAppend: () => {
      if (failAppends) throw new Error('disk full (test)');
    },
  });
  return server;
}

async function restart(): Promise<CoordinationServer> {
  await server?.close();
  return start();
}

interface Reply<T> { status: number; headers: Headers; body: T }

/** One connection per call (no keep-alive): each test restarts the server on the same port. */
function call<T = Resource>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
  const url = path.startsWith('http') ? path : `${server!.fhirBaseUrl}${path ? `/${path}` : ''}`;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method,
      agent: false,
      headers: { Accept: 'application/fhir+json', ...(body ? { 'Content-Type': 'application/fhir+json' } : {}), ...headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve({ status: res.statusCode ?? 0, headers: h, body: (text ? JSON.parse(text) : undefined) as T });
      });
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

function booking(id: string, patient = 'pat-001', task: Partial<Task> = {}): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:5f1e0c2a-0000-4000-8000-000000000001',
        resource: { resourceType: 'ServiceRequest', status: 'active', intent: 'order', identifier: [{ system: SYSTEM, value: id }], subject: { reference: `Patient/${patient}` } },
        request: { method: 'POST', url: 'ServiceRequest', ifNoneExist: `identifier=${SYSTEM}|${id}` },
      },
      {
        resource: {
          resourceType: 'Task', status: 'requested', intent: 'order', identifier: [{ system: SYSTEM, value: id }],
          focus: { reference: 'urn:uuid:5f1e0c2a-0000-4000-8000-000000000001' }, for: { reference: `Patient/${patient}` }, ...task,
        } as Task,
        request: { method: 'POST', url: 'Task', ifNoneExist: `identifier=${SYSTEM}|${id}` },
      },
    ],
  };
}

const entries = <T extends Resource>(b: Bundle): T[] => (b.entry ?? []).map((e) => e.resource as T);

async function audits(query = ''): Promise<AuditEvent[]> {
  const reply = await call<Bundle>('GET', `AuditEvent?_count=1000${query}`);
  return entries<AuditEvent>(reply.body).sort((a, b) => (a.recorded ?? '').localeCompare(b.recorded ?? ''));
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'coord-server-'));
  dirs.push(dataDir);
  failAppends = false;
  await start();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('coordination server: FHIR API', () => {
  it('says what it serves: CareRelay\'s types only, AuditEvent read-only', async () => {
    const { status, body } = await call<CapabilityStatement>('GET', 'metadata');
    expect(status).toBe(200);
    expect(body.software?.name).toBe('CareRelay coordination server');
    const resources = body.rest?.[0]?.resource ?? [];
    expect(resources.map((r) => r.type).sort()).toEqual([...COORDINATION_TYPES].sort());
    const codes = (type: string) => resources.find((r) => r.type === type)?.interaction?.map((i) => i.code) ?? [];
    expect(codes('Task')).toEqual(expect.arrayContaining(['create', 'update', 'read', 'search-type', 'history-instance']));
    expect(codes('AuditEvent')).not.toContain('create');
    expect(body.rest?.[0]?.interaction?.map((i) => i.code)).toContain('transaction');
  });

  it('refuses what the EHR keeps (Patient), and writes of AuditEvent, with an OperationOutcome', async () => {
    const patient = await call<OperationOutcome>('GET', 'Patient/pat-001');
    expect(patient.status).toBe(400);
    expect(patient.body.issue?.[0]?.details?.text).toMatch(/Patient is not served here/);
    const inBundle = await call<OperationOutcome>('POST', '', { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } }] });
    expect(inBundle.status).toBe(400);
    const audit = await call<OperationOutcome>('POST', 'AuditEvent', { resourceType: 'AuditEvent', type: { code: 'rest' }, recorded: new Date().toISOString(), agent: [{ requestor: true }], source: { observer: { display: 'forged' } } });
    expect(audit.status).toBe(405);
    expect(audit.body.resourceType).toBe('OperationOutcome');
  });

  it('validates writes against base R4 (4xx OperationOutcome, nothing stored)', async () => {
    const bad = await call<OperationOutcome>('POST', 'Task', { resourceType: 'Task', intent: 'order', for: { reference: 'Patient/pat-001' } });
    expect(bad.status).toBe(400);
    expect(bad.body.resourceType).toBe('OperationOutcome');
    expect(JSON.stringify(bad.body)).toMatch(/status/);
    const tasks = await call<Bundle>('GET', 'Task');
    expect(tasks.body.total).toBe(0);
  });

  it('books once with a transaction of conditional creates, however often it is sent', async () => {
    const first = await call<Bundle>('POST', '', booking('b-1'));
    expect(first.status).toBe(200);
    expect(first.body.entry?.map((e) => e.response?.status)).toEqual(['201', '201']);
    const again = await call<Bundle>('POST', '', booking('b-1'));
    expect(again.status).toBe(200);
    expect(again.body.entry?.map((e) => e.response?.status)).toEqual(['200', '200']);
    const requests = entries<ServiceRequest>((await call<Bundle>('GET', `ServiceRequest?identifier=${SYSTEM}|b-1`)).body);
    const tasks = entries<Task>((await call<Bundle>('GET', `Task?identifier=${SYSTEM}|b-1`)).body);
    expect(requests).toHaveLength(1);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.focus?.reference).toBe(`ServiceRequest/${requests[0]!.id}`);
  });

  it('keeps a failed transaction out entirely, in memory and on disk', async () => {
    const broken = booking('b-2', 'pat-002', { status: undefined } as Partial<Task>);
    const reply = await call<OperationOutcome>('POST', '', broken);
    expect(reply.status).toBe(400);
    expect((await call<Bundle>('GET', `ServiceRequest?identifier=${SYSTEM}|b-2`)).body.total).toBe(0);
    await restart();
    expect((await call<Bundle>('GET', `ServiceRequest?identifier=${SYSTEM}|b-2`)).body.total).toBe(0);
  });

  it('updates with If-Match, keeps history, and all of it survives a restart unchanged', async () => {
    await call('POST', '', booking('b-3', 'pat-003'));
    const [task] = entries<Task>((await call<Bundle>('GET', `Task?identifier=${SYSTEM}|b-3`)).body);
    const etag = `W/"${task!.meta?.versionId}"`;
    const accepted = await call<Task>('PUT', `Task/${task!.id}`, { ...task, status: 'accepted' }, { 'If-Match': etag });
    expect(accepted.status).toBe(200);
    const stale = await call<OperationOutcome>('PUT', `Task/${task!.id}`, { ...task, status: 'rejected' }, { 'If-Match': etag });
    expect(stale.status).toBe(412);
    const before = await call<Bundle>('GET', `Task/${task!.id}/_history`);
    expect(entries<Task>(before.body).map((t) => t.status)).toEqual(['accepted', 'requested']);

    await restart();
    const after = await call<Bundle>('GET', `Task/${task!.id}/_history`);
    expect(entries<Task>(after.body).map((t) => t.meta)).toEqual(entries<Task>(before.body).map((t) => t.meta));
    const current = await call<Task>('GET', `Task/${task!.id}`);
    expect(current.body.status).toBe('accepted');
    expect(current.headers.get('etag')).toBe(`W/"${accepted.body.meta?.versionId}"`);
  });

  it('answers _include, _revinclude, _lastUpdated and pages', async () => {
    for (const id of ['b-4', 'b-5', 'b-6']) await call('POST', '', booking(id, 'pat-004'));
    const withFocus = await call<Bundle>('GET', 'Task?patient=pat-004&_include=Task:focus');
    expect(withFocus.body.entry?.filter((e) => e.search?.mode === 'include').map((e) => e.resource?.resourceType)).toEqual(['ServiceRequest', 'ServiceRequest', 'ServiceRequest']);
    const withTasks = await call<Bundle>('GET', 'ServiceRequest?patient=pat-004&_revinclude=Task:focus');
    expect(withTasks.body.entry?.filter((e) => e.resource?.resourceType === 'Task')).toHaveLength(3);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await call<Bundle>('GET', `Task?_lastUpdated=gt${future}`)).body.total).toBe(0);
    expect((await call<Bundle>('GET', 'Task?_lastUpdated=gt2020-01-01')).body.total).toBe(3);
    const page = await call<Bundle>('GET', 'Task?patient=pat-004&_count=2');
    expect(page.body.entry).toHaveLength(2);
    const next = page.body.link?.find((l) => l.relation === 'next')?.url;
    expect(next).toBeTruthy();
    const rest = await call<Bundle>('GET', next!);
    expect(rest.body.entry).toHaveLength(1);
  });
});

describe('coordination server: durable journal', () => {
  it('drops a torn last write at start, and carries on cleanly', async () => {
    await call('POST', '', booking('b-7', 'pat-005'));
    await server!.close();
    appendFileSync(join(dataDir, JOURNAL_FILE), '{"seq":99,"at":"2026-01-01T00:00:00Z","changes":[{"put":{"resourceType":"Task","id":"torn"');
    const s = await start();
    expect(s.replayed.tornBytes).toBeGreaterThan(0);
    expect((await call('GET', 'Task/torn')).status).toBe(404);
    await call('POST', '', booking('b-8', 'pat-005'));
    await restart();
    expect(server!.replayed.tornBytes).toBe(0);
    expect((await call<Bundle>('GET', 'Task?patient=pat-005')).body.total).toBe(2);
  });

  it('refuses to start on a damaged line that is not the last', async () => {
    await call('POST', '', booking('b-9'));
    await server!.close();
    server = undefined;
    const file = join(dataDir, JOURNAL_FILE);
    writeFileSync(file, 'not json\n' + readFileSync(file, 'utf8'));
    await expect(startCoordinationServer({ port: PORT, host: '127.0.0.1', dataDir })).rejects.toThrow(JournalCorruptError);
  });
});

describe('coordination server: audit trail', () => {
  it('records each read, search and write with who, what, when and the outcome', async () => {
    const t0 = new Date().toISOString();
    await call('POST', '', booking('b-10', 'pat-010'));
    const [task] = entries<Task>((await call<Bundle>('GET', 'Task?patient=pat-010')).body);
    await call('GET', `Task/${task!.id}`);
    await call('GET', 'Task/does-not-exist');

    const trail = await audits('&patient=pat-010');
    expect(trail.map((a) => [a.subtype?.[0]?.code, a.action, a.outcome])).toEqual([
      ['transaction', 'E', '0'],
      ['search-type', 'E', '0'],
      ['read', 'R', '0'],
    ]);
    for (const a of trail) {
      expect(a.recorded! >= t0).toBe(true);
      expect(a.agent?.[0]?.requestor).toBe(true);
      expect(a.agent?.[0]?.network?.address).toBe('127.0.0.1');
      expect(a.entity?.some((e) => e.what?.reference === 'Patient/pat-010')).toBe(true);
    }
    const failed = (await audits()).find((a) => a.entity?.some((e) => e.description === 'GET Task/does-not-exist'));
    expect(failed?.outcome).toBe('4');
    expect(failed?.outcomeDesc).toBe('HTTP 404');
  });

  it('writes a change and its audit record in one journal line, and keeps the trail across restarts', async () => {
    await call('POST', '', booking('b-11', 'pat-011'));
    const lines = readFileSync(join(dataDir, JOURNAL_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { changes: { put?: Resource }[] });
    const written = lines.find((l) => l.changes.some((c) => c.put?.resourceType === 'Task'));
    expect(written?.changes.map((c) => c.put?.resourceType)).toEqual(['ServiceRequest', 'Task', 'AuditEvent']);
    const before = (await audits()).length;
    await restart();
    // Same events, plus the search that just listed them.
    expect((await audits()).length).toBe(before + 1);
  });

  it('fails the request when its audit record cannot be written, and keeps nothing of it', async () => {
    failAppends = true;
    const write = await call<OperationOutcome>('POST', '', booking('b-12', 'pat-012'));
    expect(write.status).toBe(500);
    const read = await call<OperationOutcome>('GET', 'Task?patient=pat-012');
    expect(read.status).toBe(500);
    expect(read.body.resourceType).toBe('OperationOutcome');
    expect(JSON.stringify(read.body)).not.toMatch(/"Task"/);
    failAppends = false;
    expect((await call<Bundle>('GET', `Task?identifier=${SYSTEM}|b-12`)).body.total).toBe(0);
    await restart();
    expect((await call<Bundle>('GET', `Task?identifier=${SYSTEM}|b-12`)).body.total).toBe(0);
  });
});
