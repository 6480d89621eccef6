import { describe, expect, it } from 'vitest';
import { FhirHttpError } from '../errors/errors';
import { createRoutingTransport, mergeSearchsets, routeOf, RoutingError } from './routing-transport';
import type { FhirRequest, FhirResponse, FhirTransport } from './transport';

const BASE = 'http://coord.example/fhir/R4';
const searchset = (...ids: string[]) => ({ resourceType: 'Bundle', type: 'searchset', total: ids.length, entry: ids.map((id) => ({ resource: { resourceType: 'X', id } })) });
const answer = (body: unknown): FhirResponse => ({ status: 200, headers: { get: () => null }, body });

/** A fake server that records what it was asked and answers each GET with one resource named after it. */
function server(name: string, missing: string[] = []) {
  const seen: FhirRequest[] = [];
  const reply = (method: string, url: string) => {
    const [type, id] = url.split('?')[0]!.split('/');
    if (id && missing.includes(`${type}/${id}`)) return { status: '404 Not Found' };
    return { status: '200 OK', resource: id ? { resourceType: type, id } : searchset(`${name}-${type}`) };
  };
  const transport: FhirTransport = async (request) => {
    seen.push(request);
    const body = request.body as { type?: string; entry?: { request: { method: string; url: string } }[] } | undefined;
    if (request.url === '' && body?.type === 'batch') {
      return answer({ resourceType: 'Bundle', type: 'batch-response', entry: body.entry!.map((e) => { const r = reply(e.request.method, e.request.url); return { resource: r.resource, response: { status: r.status } }; }) });
    }
    if (request.url === '') return answer({ resourceType: 'Bundle', type: 'transaction-response', entry: [] });
    const [type, id] = request.url.split('?')[0]!.split('/');
    if (id && missing.includes(`${type}/${id}`)) throw new FhirHttpError(404, 'GET', request.url);
    return answer(reply(request.method, request.url).resource);
  };
  return { seen, transport, urls: () => seen.map((r) => r.url || `batch:${(r.body as { entry: { request: { url: string } }[] }).entry.map((e) => e.request.url).join('|')}`) };
}

function pair(missingOnBookings: string[] = []) {
  const ehr = server('ehr');
  const bookings = server('bookings', missingOnBookings);
  return { ehr, bookings, transport: createRoutingTransport({ ehr: ehr.transport, bookings: bookings.transport, bookingsBase: BASE }) };
}

describe('which server a request goes to', () => {
  it.each([
    ['GET', 'Patient?_id=p1', 'ehr'],
    ['GET', 'Encounter/e1', 'ehr'],
    ['POST', 'DocumentReference', 'ehr'],
    ['GET', 'Task?patient=p1', 'bookings'],
    ['PUT', 'Task/t1', 'bookings'],
    ['PUT', 'Provenance/pv1', 'bookings'],
    ['GET', 'HealthcareService?active=true', 'bookings'],
    ['GET', 'ServiceRequest?patient=p1', 'both'],
    ['POST', 'ServiceRequest/_search', 'both'],
    ['GET', 'Location?type=SNF', 'both'],
    ['GET', 'ServiceRequest/sr1', 'bookings-then-ehr'],
    ['POST', 'ServiceRequest', 'bookings'],
    ['PUT', 'DeviceRequest/d1', 'bookings'],
    ['POST', 'Communication', 'bookings'],
    ['GET', 'metadata', 'bookings'],
    ['GET', `${BASE}/Task?_page=2`, 'bookings'],
    ['GET', 'http://ehr.example/fhir/Patient?_page=2', 'ehr'],
  ])('%s %s → %s', (method, url, route) => {
    expect(routeOf(method, url, BASE)).toBe(route);
  });
});

describe('the routing transport', () => {
  it('merges a search both servers answer, EHR first, totals added', async () => {
    const p = pair();
    const res = await p.transport({ method: 'GET', url: 'ServiceRequest?patient=p1' });
    expect((res.body as { entry: { resource: { id: string } }[] }).entry.map((e) => e.resource.id)).toEqual(['ehr-ServiceRequest', 'bookings-ServiceRequest']);
    expect((res.body as { total: number }).total).toBe(2);
  });

  it('reads a shared type from the coordination server, then from the EHR when it has none', async () => {
    const p = pair(['ServiceRequest/order-1']);
    const mine = await p.transport({ method: 'GET', url: 'ServiceRequest/sr-9' });
    expect(mine.body).toMatchObject({ id: 'sr-9' });
    expect(p.ehr.seen).toHaveLength(0);
    const order = await p.transport({ method: 'GET', url: 'ServiceRequest/order-1' });
    expect(order.body).toMatchObject({ id: 'order-1' });
    expect(p.ehr.urls()).toEqual(['ServiceRequest/order-1']);
  });

  it('splits a batch per entry and answers in the original order', async () => {
    const p = pair(['ServiceRequest/order-1']);
    const res = await p.transport({ method: 'POST', url: '', body: { resourceType: 'Bundle', type: 'batch', entry: [
      { request: { method: 'GET', url: 'Patient?_id=p1' } },
      { request: { method: 'GET', url: 'Task?patient=p1' } },
      { request: { method: 'GET', url: 'ServiceRequest?patient=p1' } },
      { request: { method: 'GET', url: 'Condition?patient=p1' } },
      { request: { method: 'GET', url: 'ServiceRequest/order-1' } },
    ] } });
    expect(p.ehr.urls()).toEqual(['batch:Patient?_id=p1|ServiceRequest?patient=p1|Condition?patient=p1|ServiceRequest/order-1']);
    expect(p.bookings.urls()).toEqual(['batch:Task?patient=p1|ServiceRequest?patient=p1|ServiceRequest/order-1']);
    const entries = (res.body as { entry: { resource: { id?: string; entry?: { resource: { id: string } }[] }; response: { status: string } }[] }).entry;
    expect(entries.map((e) => e.resource.entry?.map((x) => x.resource.id) ?? e.resource.id)).toEqual([
      ['ehr-Patient'], ['bookings-Task'], ['ehr-ServiceRequest', 'bookings-ServiceRequest'], ['ehr-Condition'], 'order-1',
    ]);
    expect(entries.every((e) => e.response.status.startsWith('200'))).toBe(true);
  });

  it('sends a booking transaction to the coordination server only', async () => {
    const p = pair();
    await p.transport({ method: 'POST', url: '', body: { resourceType: 'Bundle', type: 'transaction', entry: [
      { request: { method: 'POST', url: 'ServiceRequest' } }, { request: { method: 'POST', url: 'Task' } }, { request: { method: 'PUT', url: 'Provenance/p1' } },
    ] } });
    expect(p.ehr.seen).toHaveLength(0);
    expect(p.bookings.seen).toHaveLength(1);
  });

  it('refuses a transaction that would write the EHR and CareRelay at once, naming the EHR types', async () => {
    const p = pair();
    const mixed = { resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'POST', url: 'Task' } }, { request: { method: 'PUT', url: 'Patient/p1' } }] };
    await expect(p.transport({ method: 'POST', url: '', body: mixed })).rejects.toThrow(RoutingError);
    await expect(p.transport({ method: 'POST', url: '', body: mixed })).rejects.toThrow(/cannot include the EHR's records \(Patient\)/);
    expect(p.ehr.seen.length + p.bookings.seen.length).toBe(0);
  });

  it('a failure on either side of a merged search fails that entry instead of showing half of it', async () => {
    const ehr = server('ehr');
    const bookings: FhirTransport = async (request) => answer({ resourceType: 'Bundle', type: 'batch-response', entry: (request.body as { entry: unknown[] }).entry.map(() => ({ response: { status: '403 Forbidden' } })) });
    const t = createRoutingTransport({ ehr: ehr.transport, bookings, bookingsBase: BASE });
    const res = await t({ method: 'POST', url: '', body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: 'ServiceRequest?patient=p1' } }, { request: { method: 'GET', url: 'Patient?_id=p1' } }] } });
    const statuses = (res.body as { entry: { response: { status: string } }[] }).entry.map((e) => e.response.status);
    expect(statuses).toEqual(['403 Forbidden', '200 OK']);
  });

  it('keeps the paging link of the side that has more', () => {
    const a = { ...searchset('a'), link: [{ relation: 'next', url: 'http://ehr.example/fhir/ServiceRequest?page=2' }] };
    expect(mergeSearchsets(a, searchset('b'))).toMatchObject({ link: [{ relation: 'next', url: 'http://ehr.example/fhir/ServiceRequest?page=2' }], total: 2 });
  });
});
