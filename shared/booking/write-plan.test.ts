import { describe, expect, it } from 'vitest';
import { SYSTEMS } from '../fhir/codes';
import { newBookingIds, planBooking, type BookingDraft } from './write-plan';

const draft: BookingDraft = {
  service: 'transport', code: 'A0130', patient: 'Patient/pat-001', encounter: 'Encounter/enc-001', requester: 'Practitioner/prac-cm-1',
  vendor: 'Organization/vendor-nemt-1', coverage: 'Coverage/cov-001', window: { start: '2026-11-23T15:00:00Z', end: '2026-11-23T15:30:00Z' },
  pickup: { reference: 'Location/bed-4w-12' }, dropoff: { kind: 'residence', address: { line: ['1 Main St'], city: 'Springfield', state: 'MA', postalCode: '01101' } },
  flags: ['wheelchair', 'oxygen'], note: ' Call daughter on arrival ',
};
let n = 0;
const ids = newBookingIds(() => `id-${++n}`, draft);

describe('planBooking', () => {
  const plan = planBooking(draft, ids, '2026-11-22T10:00:00Z');
  const byType = (t: string) => plan.bundle.entry.find((e) => e.resource.resourceType === t);

  it('makes one transaction whose every entry is idempotent: conditional creates on our identifier, Provenance PUT at our id', () => {
    expect(plan.bundle.type).toBe('transaction');
    expect(plan.bundle.entry.map((e) => e.resource.resourceType)).toEqual(['Location', 'ServiceRequest', 'Task', 'Provenance']);
    expect(byType('Provenance')?.request).toEqual({ method: 'PUT', url: `Provenance/${ids.provenance}` });
    expect(byType('Provenance')?.resource).toMatchObject({ id: ids.provenance, target: [{ reference: `urn:uuid:${ids.task}` }] });
    for (const e of plan.bundle.entry.filter((x) => x.resource.resourceType !== 'Provenance')) {
      const [id, slot] = e.resource.identifier as { system: string; value: string }[];
      expect(id?.system).toBe(SYSTEMS.bookingId);
      expect(e.fullUrl).toBe(`urn:uuid:${id?.value}`);
      if (e.resource.resourceType === 'Location') {
        expect(e.request).toEqual({ method: 'POST', url: 'Location', ifNoneExist: `identifier=${SYSTEMS.bookingId}|${id?.value}` });
        continue;
      }
      // The order and its Task are created on the booking slot (duplicate-guard.ts), only while a live one holds it.
      expect(slot?.system).toBe(SYSTEMS.bookingSlot);
      const status = e.resource.resourceType === 'Task' ? 'requested,received,accepted,ready,in-progress,on-hold' : 'active';
      expect(e.request).toEqual({ method: 'POST', url: e.resource.resourceType, ifNoneExist: `identifier=${SYSTEMS.bookingSlot}|${slot?.value}&status=${status}` });
    }
  });

  it('links Task → request and inputs by urn:uuid, with the vendor as owner', () => {
    const task = byType('Task')?.resource;
    expect(task).toMatchObject({
      status: 'requested', intent: 'order', focus: { reference: `urn:uuid:${ids.request}` }, owner: { reference: draft.vendor },
      for: { reference: draft.patient }, businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'sent' }] },
    });
    expect(task?.input).toEqual([
      { type: { coding: [{ system: SYSTEMS.taskParam, code: 'pickup-location' }] }, valueReference: { reference: 'Location/bed-4w-12' } },
      { type: { coding: [{ system: SYSTEMS.taskParam, code: 'dropoff-location' }] }, valueReference: { reference: `urn:uuid:${ids.dropoff}` } },
    ]);
  });

  it('codes the level of service, window, payer and flags on the ServiceRequest', () => {
    expect(byType('ServiceRequest')?.resource).toMatchObject({
      code: { coding: [{ system: SYSTEMS.hcpcs, code: 'A0130', display: 'Wheelchair van' }] },
      occurrencePeriod: draft.window, insurance: [{ reference: 'Coverage/cov-001' }], note: [{ text: 'Call daughter on arrival' }],
      orderDetail: [{ coding: [{ system: SYSTEMS.capability, code: 'wheelchair' }] }, { coding: [{ system: SYSTEMS.capability, code: 'oxygen' }] }],
    });
  });

  it('is deterministic for the same ids: a retry sends the identical plan', () => {
    expect(planBooking(draft, ids, '2026-11-22T10:00:00Z')).toEqual(plan);
  });

  it('writes DME as a DeviceRequest', () => {
    const dme = planBooking({ ...draft, service: 'dme', code: 'E1390', pickup: undefined }, ids, '2026-11-22T10:00:00Z');
    expect(dme.bundle.entry.map((e) => e.resource.resourceType)).toEqual(['Location', 'DeviceRequest', 'Task', 'Provenance']);
  });
});
