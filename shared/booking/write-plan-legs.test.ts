// Round trips, will-call returns, the PCS and home health / DME specifics of the write plan.
import { describe, expect, it } from 'vitest';
import { SYSTEMS } from '../fhir/codes';
import { newBookingIds, PCS_QUESTIONNAIRE, planBooking, type BookingDraft } from './write-plan';

const draft: BookingDraft = {
  service: 'transport', code: 'A0428', patient: 'Patient/p1', vendor: 'Organization/amb', window: { start: '2026-11-23T15:00:00Z', end: '2026-11-23T15:30:00Z' },
  pickup: { reference: 'Location/bed' }, dropoff: { kind: 'residence', address: { line: ['1 Main St'] } }, flags: ['bls', 'oxygen'], needs: ['interpreter', 'stairs'],
  pcs: { physician: 'Dr. Ada Osei', reason: 'Requires oxygen titration and monitoring en route', date: '2026-11-22' },
};
let n = 0;
const ids = newBookingIds(() => `id-${++n}`, { ...draft, roundTrip: true });
const now = '2026-11-22T10:00:00Z';

describe('planBooking: legs and certification', () => {
  it('a round trip is two ServiceRequests linked by requisition, each with its own Task, in one transaction', () => {
    const plan = planBooking({ ...draft, returnLeg: { start: '2026-11-23T19:00:00Z' } }, ids, now);
    const srs = plan.bundle.entry.filter((e) => e.resource.resourceType === 'ServiceRequest');
    const tasks = plan.bundle.entry.filter((e) => e.resource.resourceType === 'Task');
    expect(srs).toHaveLength(2);
    expect(tasks).toHaveLength(2);
    expect(srs.map((e) => e.resource.requisition)).toEqual([{ system: SYSTEMS.bookingId, value: ids.trip }, { system: SYSTEMS.bookingId, value: ids.trip }]);
    expect(srs[1]?.resource.occurrencePeriod).toEqual({ start: '2026-11-23T19:00:00Z' });
    // The return runs the other way: from home back to the hospital.
    const back = tasks[1]?.resource.input as { valueReference: { reference: string } }[];
    expect(back.map((i) => i.valueReference.reference)).toEqual([`urn:uuid:${ids.dropoff}`, 'Location/bed']);
    expect(tasks[1]?.resource.focus).toEqual({ reference: `urn:uuid:${ids.returnRequest}` });
    // The same certification travels with the return (its own claim line); the note says which leg it is.
    expect(srs[1]?.resource.supportingInfo).toEqual([{ reference: '#pcs', display: 'Physician Certification Statement' }]);
    expect(JSON.stringify(srs[1]?.resource.contained)).toContain('Dr. Ada Osei');
    expect(JSON.stringify(srs[1]?.resource.note)).toContain('Return leg of a round trip.');
    expect(srs[0]?.resource.note ?? []).not.toContainEqual(expect.objectContaining({ text: expect.stringContaining('Return leg') }));
  });

  it('a will-call return has no fixed time and says so in its order details', () => {
    const plan = planBooking({ ...draft, returnLeg: {} }, ids, now);
    const back = plan.bundle.entry.filter((e) => e.resource.resourceType === 'ServiceRequest')[1]?.resource;
    expect(back?.occurrencePeriod).toBeUndefined();
    expect(JSON.stringify(back?.orderDetail)).toContain('will-call');
    expect(JSON.stringify(back?.note)).toContain('Will-call return');
  });

  it('an ambulance order carries its PCS as a QuestionnaireResponse referenced from supportingInfo, inside the conditional create', () => {
    const sr = planBooking(draft, ids, now).bundle.entry.find((e) => e.resource.resourceType === 'ServiceRequest');
    expect(sr?.request.ifNoneExist).toMatch(new RegExp(`^identifier=${SYSTEMS.bookingSlot}\\|slot-transport-`));
    expect(sr?.resource.supportingInfo).toEqual([{ reference: '#pcs', display: 'Physician Certification Statement' }]);
    expect(sr?.resource.contained).toEqual([expect.objectContaining({ resourceType: 'QuestionnaireResponse', id: 'pcs', status: 'completed', questionnaire: PCS_QUESTIONNAIRE })]);
    expect(JSON.stringify(sr?.resource.contained)).toContain('Dr. Ada Osei');
  });

  it('interpreter and stairs reach the vendor as order details beside the capability flags', () => {
    const sr = planBooking(draft, ids, now).bundle.entry.find((e) => e.resource.resourceType === 'ServiceRequest');
    expect((sr?.resource.orderDetail as { coding: { code: string }[] }[]).map((d) => d.coding[0]?.code)).toEqual(['bls', 'oxygen', 'interpreter', 'stairs']);
  });

  it('a due-by date (home health 48 h, DME before pickup) becomes the Task restriction', () => {
    const plan = planBooking({ ...draft, service: 'home-health', code: '417511005', pcs: undefined, dueBy: '2026-11-24T10:00:00Z' }, ids, now);
    expect(plan.bundle.entry.find((e) => e.resource.resourceType === 'Task')?.resource.restriction).toEqual({ period: { end: '2026-11-24T10:00:00Z' } });
  });
});
