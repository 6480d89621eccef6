import type { Bundle, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../shared/fhir/codes';
import type { TestFhirServer } from '../fhir/test-server';
import { startTestFhirServer } from '../fhir/test-server';
import { faultsFromEnv, InvalidFaultRulesError } from './index';

const task: Task = { resourceType: 'Task', status: 'requested', intent: 'order', identifier: [{ system: SYSTEMS.bookingId, value: 'f1' }] };
const taskCount = async (s: TestFhirServer): Promise<number | undefined> =>
  ((await s.request('GET', 'Task?_summary=count')).body as Bundle).total;

let s: TestFhirServer;
beforeAll(async () => {
  s = await startTestFhirServer();
});
afterAll(() => s.close());
beforeEach(async () => {
  s.faults.clear();
  await s.fhir.reset([{ resourceType: 'Patient', id: 'p1' }]);
});

describe('fault injection, as a client sees it', () => {
  it('latency delays the response by at least ms', async () => {
    s.faults.set([{ kind: 'latency', ms: 300, path: '/Patient/' }]);
    const t0 = performance.now();
    expect((await s.request('GET', 'Patient/p1')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('401 carries WWW-Authenticate invalid_token; 429 and 503 carry Retry-After; times limits hits', async () => {
    s.faults.set([{ kind: 'status', status: 401, times: 1 }]);
    const expired = await s.request('GET', 'Patient/p1');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect((await s.request('GET', 'Patient/p1')).status).toBe(200);

    s.faults.set([{ kind: 'status', status: 429, retryAfter: 7, times: 2 }]);
    const limited = await s.request('GET', 'Patient/p1', undefined, { Origin: 'http://app.example' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(s.faults.list()[0]?.times).toBe(1);
    expect((await s.request('GET', 'Patient/p1')).status).toBe(429);
    expect((await s.request('GET', 'Patient/p1')).status).toBe(200);
    expect(s.faults.list()).toEqual([]);

    s.faults.set([{ kind: 'status', status: 503, retryAfter: 2, times: 1 }]);
    const down = await s.request('GET', 'Patient/p1');
    expect([down.status, down.headers.get('retry-after')]).toEqual([503, '2']);
    expect((down.body as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('status faults happen before processing: a 500 on create writes nothing', async () => {
    s.faults.set([{ kind: 'status', status: 500, method: 'POST', times: 1 }]);
    expect((await s.request('POST', 'Task', task)).status).toBe(500);
    expect(await taskCount(s)).toBe(0);
  });

  it('412 fault answers with an OperationOutcome', async () => {
    s.faults.set([{ kind: 'status', status: 412, method: 'PUT', times: 1 }]);
    const r = await s.request('PUT', 'Patient/p1', { resourceType: 'Patient', id: 'p1' });
    expect(r.status).toBe(412);
    expect((r.body as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('drop-before: the client sees a network error and nothing is written', async () => {
    s.faults.set([{ kind: 'drop-before', method: 'POST', path: '/Task', times: 1 }]);
    await expect(s.request('POST', 'Task', task)).rejects.toThrow();
    expect(await taskCount(s)).toBe(0);
  });

  it('drop-after-commit: the client sees a network error but the write happened', async () => {
    s.faults.set([{ kind: 'drop-after-commit', method: 'POST', path: '^/fhir/R4/Task$', times: 1 }]);
    await expect(s.request('POST', 'Task', task)).rejects.toThrow();
    expect(await taskCount(s)).toBe(1);
  });

  it('malformed-json: 200 whose body does not parse', async () => {
    s.faults.set([{ kind: 'malformed-json', path: 'Patient/p1', times: 1 }]);
    const res = await fetch(`${s.base}/Patient/p1`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('{')).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect((await s.request('GET', 'Patient/p1')).status).toBe(200);
  });

  it('method and path narrow which requests a rule hits', async () => {
    s.faults.set([{ kind: 'status', status: 503, method: 'POST', path: '/Task' }]);
    expect((await s.request('GET', 'Patient/p1')).status).toBe(200);
    expect((await s.request('POST', 'Patient', { resourceType: 'Patient' })).status).toBe(201);
    expect((await s.request('POST', 'Task', task)).status).toBe(503);
  });

  it('prefer narrows a rule to the transactions that ask for a representation, not batch reads', async () => {
    s.faults.set([{ kind: 'status', status: 500, method: 'POST', prefer: 'return=representation', times: 1 }]);
    const batch = { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: 'Patient/p1' } }] };
    expect((await s.request('POST', '', batch)).status).toBe(200);
    expect((await s.request('POST', '', batch, { Prefer: 'return=representation' })).status).toBe(500);
    expect(s.faults.list()).toEqual([]);
  });
});

describe('fault admin endpoint and env', () => {
  it('POST replaces, ?mode=add appends, GET lists, DELETE clears; invalid bodies get 400', async () => {
    const set = await s.request('POST', '/__sandbox/faults', [{ kind: 'status', status: 429, retryAfter: 1 }]);
    expect(set.status).toBe(200);
    expect((await s.request('GET', 'Patient/p1')).status).toBe(429);
    await s.request('POST', '/__sandbox/faults?mode=add', { kind: 'latency', ms: 5 });
    expect((await s.request('GET', '/__sandbox/faults')).body).toHaveLength(2);
    expect((await s.request('POST', '/__sandbox/faults', [{ kind: 'explode' }])).status).toBe(400);
    expect((await s.request('POST', '/__sandbox/faults', [{ kind: 'status' }])).status).toBe(400);
    expect((await s.request('POST', '/__sandbox/faults', '{not json')).status).toBe(400);
    expect((await s.request('GET', '/__sandbox/faults')).body).toHaveLength(2);
    expect((await s.request('DELETE', '/__sandbox/faults')).body).toEqual([]);
    expect((await s.request('GET', 'Patient/p1')).status).toBe(200);
  });

  it('reads SANDBOX_FAULTS', () => {
    expect(faultsFromEnv({})).toEqual([]);
    expect(faultsFromEnv({ SANDBOX_FAULTS: '{"kind":"latency","ms":50}' })).toEqual([{ kind: 'latency', ms: 50 }]);
    expect(() => faultsFromEnv({ SANDBOX_FAULTS: '[{"kind":"status"}]' })).toThrow(InvalidFaultRulesError);
    expect(() => faultsFromEnv({ SANDBOX_FAULTS: 'nope' })).toThrow(InvalidFaultRulesError);
  });
});
