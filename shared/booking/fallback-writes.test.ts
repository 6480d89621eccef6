// Step-by-step writes against a fake server with neither transactions nor conditional create.
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../errors/errors';
import { createFhirApi } from '../fhir/api';
import type { FhirRequest, FhirResponse } from '../fhir/transport';
import { createPlanSender, fallbackNotice, featuresFrom, sendWrites } from './fallback-writes';
import { newBookingIds, planBooking, type BookingDraft } from './write-plan';

type Res = Record<string, unknown> & { resourceType: string; id: string; identifier?: { value: string }[] };

function server(opts: { failCreateOf?: string; updateCreate?: boolean } = {}) {
  const db: Res[] = [];
  let failed = false;
  const ok = (body: unknown): FhirResponse => ({ status: 200, headers: new Headers(), body });
  const transport = async (req: FhirRequest): Promise<FhirResponse> => {
    const [path = '', query = ''] = req.url.split('?');
    const [type = '', id] = path.split('/');
    if (req.method === 'GET' && type === 'metadata') return ok({ resourceType: 'CapabilityStatement', rest: [{ interaction: [{ code: 'batch' }], resource: ['ServiceRequest', 'Task', 'Location'].map((t) => ({ type: t, conditionalCreate: false, updateCreate: opts.updateCreate ?? false })) }] });
    if (req.method === 'GET') {
      const wanted = new URLSearchParams(query).get('identifier')?.split('|')[1];
      return ok({ resourceType: 'Bundle', type: 'searchset', entry: db.filter((r) => r.resourceType === type && r.identifier?.some((i) => i.value === wanted)).map((resource) => ({ resource })) });
    }
    if (req.headers?.['If-None-Exist']) throw new Error('conditional create is not supported here');
    const body = req.body as Res;
    if (req.method === 'POST' && type === opts.failCreateOf && !failed) {
      failed = true;
      throw new NetworkError('POST', type, new Error('reset'));
    }
    const saved = { ...body, id: id ?? `${type.toLowerCase()}-${db.length + 1}` };
    const at = db.findIndex((r) => r.resourceType === type && r.id === saved.id);
    if (at >= 0) db[at] = saved;
    else db.push(saved);
    return ok(saved);
  };
  return { db, api: createFhirApi(transport) };
}

const draft: BookingDraft = { service: 'transport', code: 'A0130', patient: 'Patient/p1', vendor: 'Organization/v1', window: { start: '2026-01-02T15:00:00Z' }, pickup: { reference: 'Location/bed' }, dropoff: { kind: 'residence', address: { line: ['1 Main'] } }, flags: [] };
let n = 0;
const plan = planBooking(draft, newBookingIds(() => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, draft), '2026-01-01T10:00:00Z');

describe('fallback writes', () => {
  it('reads what the server supports and says what CareRelay does about it', () => {
    expect(featuresFrom({ resourceType: 'CapabilityStatement', rest: [{ interaction: [{ code: 'transaction' }], resource: [{ type: 'Task', conditionalCreate: true }] }] })).toEqual({ transactions: true, conditionalCreate: true, updateCreate: [] });
    expect(fallbackNotice({ transactions: false, conditionalCreate: false })).toBe('This EHR does not support transactions or conditional create: CareRelay checks for duplicates before each write and writes the booking step by step.');
    expect(fallbackNotice({ transactions: true, conditionalCreate: true })).toBeUndefined();
  });

  it('writes in dependency order with real references, and names the request and Task like a transaction would', async () => {
    const s = server();
    const response = await createPlanSender(s.api)(plan.bundle);
    expect(s.db.map((r) => r.resourceType)).toEqual(['Location', 'ServiceRequest', 'Task', 'Provenance']);
    const task = s.db.find((r) => r.resourceType === 'Task');
    expect(task?.focus).toEqual({ reference: 'ServiceRequest/servicerequest-2' });
    expect(JSON.stringify(task?.input)).toContain('Location/location-1');
    expect(s.db.find((r) => r.resourceType === 'Provenance')?.target).toEqual([{ reference: 'Task/task-3' }]);
    expect(response.entry?.map((e) => e.response?.location)).toEqual(['Location/location-1', 'ServiceRequest/servicerequest-2', 'Task/task-3', `Provenance/${plan.ids.provenance}`]);
  });

  it('a retry after a half-written plan finds what exists and adds only the rest', async () => {
    const s = server({ failCreateOf: 'Task' });
    const send = createPlanSender(s.api);
    await expect(send(plan.bundle)).rejects.toBeInstanceOf(NetworkError);
    await send(plan.bundle);
    expect(s.db.map((r) => r.resourceType)).toEqual(['Location', 'ServiceRequest', 'Task', 'Provenance']);
    expect(s.db.filter((r) => r.identifier?.[0]?.value === plan.ids.request)).toHaveLength(1);
  });

  it('where the server allows update-as-create, the request and Task are PUT at our own ids, so a resend cannot duplicate them', async () => {
    const s = server({ updateCreate: true });
    const send = createPlanSender(s.api);
    await send(plan.bundle);
    await send(plan.bundle);
    expect(s.db.find((r) => r.resourceType === 'Task')?.id).toBe(plan.ids.task);
    expect(s.db.find((r) => r.resourceType === 'ServiceRequest')?.id).toBe(plan.ids.request);
    expect(s.db.map((r) => r.resourceType)).toEqual(['Location', 'ServiceRequest', 'Task', 'Provenance']);
  });
});

describe('sendWrites: every write bundle CareRelay sends', () => {
  /** Logs each request (method, url, If-Match / If-None-Exist) and keeps resources; transactions as configured. */
  function logged(caps: { transactions: boolean; conditionalCreate: boolean } | 'unreadable') {
    const log: { method: string; url: string; ifMatch?: string; ifNoneExist?: string; body?: unknown }[] = [];
    const db = new Map<string, Res>();
    let n = 0;
    const ok = (body: unknown, status = 200): FhirResponse => ({ status, headers: new Headers(), body });
    const transport = async (req: FhirRequest): Promise<FhirResponse> => {
      log.push({ method: req.method, url: req.url, ifMatch: req.headers?.['If-Match'], ifNoneExist: req.headers?.['If-None-Exist'], body: req.body });
      const [path = '', query = ''] = req.url.split('?');
      const [type = '', id] = path.split('/');
      if (req.method === 'GET' && type === 'metadata') {
        if (caps === 'unreadable') throw new Error('no metadata here');
        return ok({
          resourceType: 'CapabilityStatement',
          rest: [{ interaction: [{ code: 'batch' }, ...(caps.transactions ? [{ code: 'transaction' }] : [])], resource: ['ServiceRequest', 'Task', 'Location', 'Communication'].map((t) => ({ type: t, conditionalCreate: caps.conditionalCreate })) }],
        });
      }
      if (req.method === 'POST' && path === '') return ok({ resourceType: 'Bundle', type: 'transaction-response', entry: [] });
      if (req.method === 'GET') {
        const wanted = new URLSearchParams(query).get('identifier')?.split('|')[1];
        return ok({ resourceType: 'Bundle', type: 'searchset', entry: [...db.values()].filter((r) => r.resourceType === type && r.identifier?.some((i) => i.value === wanted)).map((resource) => ({ resource })) });
      }
      const saved = { ...(req.body as Res), id: id ?? `${type.toLowerCase()}-${++n}` };
      db.set(`${type}/${saved.id}`, saved);
      return ok(saved, id ? 200 : 201);
    };
    return { log, db, api: createFhirApi(transport), writes: () => log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`) };
  }

  const cancelShape = {
    resourceType: 'Bundle', type: 'transaction',
    entry: [
      { resource: { resourceType: 'Task', id: 't1', status: 'cancelled', intent: 'order' }, request: { method: 'PUT', url: 'Task/t1', ifMatch: 'W/"4"' } },
      { resource: { resourceType: 'ServiceRequest', id: 'sr1', status: 'revoked', intent: 'order', subject: { reference: 'Patient/p1' } }, request: { method: 'PUT', url: 'ServiceRequest/sr1', ifMatch: 'W/"2"' } },
      { fullUrl: 'urn:uuid:p1', resource: { resourceType: 'Provenance', id: 'p1', target: [{ reference: 'Task/t1' }], recorded: '2026-01-01T10:00:00Z', agent: [{ who: { display: 'CareRelay' } }] }, request: { method: 'PUT', url: 'Provenance/p1' } },
    ],
  };

  it('a full server gets the very bundle it was given, as one transaction', async () => {
    const s = logged({ transactions: true, conditionalCreate: true });
    await sendWrites(s.api, cancelShape);
    expect(s.writes()).toEqual(['POST ']);
    expect(s.log.find((r) => r.method === 'POST')?.body).toBe(cancelShape);
  });

  it('updates only (no conditional create needed) still go as a transaction where only conditional create is missing', async () => {
    const s = logged({ transactions: true, conditionalCreate: false });
    await sendWrites(s.api, cancelShape);
    expect(s.writes()).toEqual(['POST ']);
  });

  it('an unreadable CapabilityStatement does not block the write: it goes as a transaction, as before', async () => {
    const s = logged('unreadable');
    await sendWrites(s.api, cancelShape);
    expect(s.writes()).toEqual(['POST ']);
  });

  it('without transactions: entries without fullUrl, PUT with If-Match (version kept), PUT at a client id without If-Match', async () => {
    const s = logged({ transactions: false, conditionalCreate: false });
    const response = await sendWrites(s.api, cancelShape);
    expect(s.log.filter((r) => r.method === 'PUT').map((r) => [r.url, r.ifMatch])).toEqual([['Task/t1', 'W/"4"'], ['ServiceRequest/sr1', 'W/"2"'], ['Provenance/p1', undefined]]);
    expect(response.entry?.map((e) => e.response?.location)).toEqual(['Task/t1', 'ServiceRequest/sr1', 'Provenance/p1']);
  });

  it('without transactions: POST with If-None-Exist is searched first (201 created, 200 found), urn references resolved even when the bundle names them before their target', async () => {
    const s = logged({ transactions: false, conditionalCreate: false });
    const q = `identifier=${encodeURIComponent('https://carerelay.example.org/fhir/sid/booking|c-1')}`;
    const bundle = {
      resourceType: 'Bundle', type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:c-1-prov', resource: { resourceType: 'Provenance', id: 'c-1-prov', target: [{ reference: 'urn:uuid:c-1' }], recorded: '2026-01-01T10:00:00Z', agent: [{ who: { display: 'CareRelay' } }] }, request: { method: 'PUT', url: 'Provenance/c-1-prov' } },
        { fullUrl: 'urn:uuid:c-1', resource: { resourceType: 'Communication', identifier: [{ value: 'c-1' }], status: 'completed' }, request: { method: 'POST', url: 'Communication', ifNoneExist: q } },
      ],
    };
    const first = await sendWrites(s.api, bundle);
    expect(s.writes()).toEqual(['POST Communication', 'PUT Provenance/c-1-prov']);
    expect(s.db.get('Provenance/c-1-prov')?.target).toEqual([{ reference: 'Communication/communication-1' }]);
    // Answered in the bundle's order, as a transaction-response is.
    expect(first.entry?.map((e) => e.response?.status)).toEqual(['200 OK', '201 Created']);
    const again = await sendWrites(s.api, bundle);
    expect(again.entry?.map((e) => e.response?.status)).toEqual(['200 OK', '200 OK']);
    expect([...s.db.keys()].filter((k) => k.startsWith('Communication/'))).toHaveLength(1);
    expect(s.log.some((r) => r.ifNoneExist)).toBe(false);
  });

  it('without transactions: the caller\'s step order is kept, references permitting', async () => {
    const s = logged({ transactions: false, conditionalCreate: false });
    await sendWrites(s.api, cancelShape, { stepOrder: (e) => (e.request.url.startsWith('ServiceRequest/') ? 0 : 1) });
    expect(s.writes()).toEqual(['PUT ServiceRequest/sr1', 'PUT Task/t1', 'PUT Provenance/p1']);
  });

  it('without transactions: a shape it cannot write step by step is refused before anything is written', async () => {
    const s = logged({ transactions: false, conditionalCreate: false });
    await expect(sendWrites(s.api, { resourceType: 'Bundle', type: 'transaction', entry: [...cancelShape.entry, { request: { method: 'DELETE', url: 'Task/t9' } }] })).rejects.toThrow(/step by step/);
    await expect(sendWrites(s.api, { resourceType: 'Bundle', type: 'transaction', entry: [...cancelShape.entry, { fullUrl: 'urn:uuid:x', resource: { resourceType: 'Basic' }, request: { method: 'POST', url: 'Basic' } }] })).rejects.toThrow(/cannot write Basic/);
    expect(s.writes()).toEqual([]);
  });
});
