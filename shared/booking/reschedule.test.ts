// Reschedule against a fake server that keeps versions and honours If-Match.
import { describe, expect, it } from 'vitest';
import { FhirHttpError, TransitionError } from '../errors/errors';
import { createFhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
import type { FhirRequest, FhirResponse } from '../fhir/transport';
import { rescheduleBooking, StaleBookingError } from './reschedule';

type Res = Record<string, unknown> & { resourceType: string; id: string; meta: { versionId: string } };

function server(initial: Res[]) {
  const db = new Map(initial.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const ok = (body: unknown): FhirResponse => ({ status: 200, headers: new Headers(), body });
  const transport = async (req: FhirRequest): Promise<FhirResponse> => {
    if (req.method === 'GET') return ok(db.get(req.url));
    const entries = (req.body as { entry: { resource: Res; request: { url: string; ifMatch?: string } }[] }).entry;
    for (const e of entries) {
      const current = db.get(e.request.url);
      if (current && e.request.ifMatch && e.request.ifMatch !== `W/"${current.meta.versionId}"`) throw new FhirHttpError(412, 'POST', '');
    }
    for (const e of entries) db.set(e.request.url, { ...e.resource, meta: { versionId: String(Number(db.get(e.request.url)?.meta.versionId ?? 0) + 1) } });
    return ok({ resourceType: 'Bundle', type: 'transaction-response', entry: [] });
  };
  return { db, api: createFhirApi(transport) };
}

const task = (status: string, version = '4'): Res => ({ resourceType: 'Task', id: 't1', meta: { versionId: version }, status, intent: 'order', businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'booked' }] } });
const request: Res = { resourceType: 'ServiceRequest', id: 'sr1', meta: { versionId: '2' }, status: 'active', intent: 'order', subject: { reference: 'Patient/p1' }, occurrencePeriod: { start: '2026-01-02T15:00:00Z' } };
const input = { requestType: 'ServiceRequest' as const, requestId: 'sr1', taskId: 't1', seen: { task: '4', request: '2' }, start: '2026-01-02T18:00:00Z', end: '2026-01-02T18:30:00Z', provenanceId: 'prov-1', now: '2026-01-02T09:00:00Z', actor: 'PractitionerRole/cm' };

describe('rescheduleBooking', () => {
  it('moves the order, asks the vendor to confirm again and records who asked', async () => {
    const s = server([task('accepted'), request]);
    await rescheduleBooking(s.api, input);
    expect(s.db.get('ServiceRequest/sr1')).toMatchObject({ occurrencePeriod: { start: '2026-01-02T18:00:00.000Z', end: '2026-01-02T18:30:00.000Z' }, meta: { versionId: '3' } });
    expect(s.db.get('Task/t1')).toMatchObject({ status: 'accepted', businessStatus: { coding: [{ code: 'reschedule-requested' }] } });
    expect(s.db.get('Provenance/prov-1')).toMatchObject({ activity: { coding: [{ code: 'reschedule-requested' }] }, agent: [{ who: { reference: 'PractitionerRole/cm' } }] });
  });

  it('never overwrites a change the user has not seen: nothing is written', async () => {
    const s = server([task('in-progress', '5'), request]);
    await expect(rescheduleBooking(s.api, input)).rejects.toBeInstanceOf(StaleBookingError);
    expect(s.db.get('ServiceRequest/sr1')).toMatchObject({ occurrencePeriod: { start: '2026-01-02T15:00:00Z' } });
  });

  it('a vendor that has not answered keeps its status and just sees the new time', async () => {
    const s = server([task('requested'), request]);
    await rescheduleBooking(s.api, input);
    expect(s.db.get('Task/t1')).toMatchObject({ meta: { versionId: '4' } });
    expect(s.db.get('ServiceRequest/sr1')).toMatchObject({ occurrencePeriod: { start: '2026-01-02T18:00:00.000Z' } });
  });

  it('refuses closed bookings and bad times with typed errors', async () => {
    await expect(rescheduleBooking(server([task('completed'), request]).api, input)).rejects.toBeInstanceOf(TransitionError);
    await expect(rescheduleBooking(server([task('accepted'), request]).api, { ...input, start: 'soon' })).rejects.toThrow(/New time/);
  });
});
