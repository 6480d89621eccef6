// Dead ends and "no vendor tonight", over a directory shaped like the sandbox's:
// why each vendor cannot, next open times, other levels, phone numbers; and the
// phone booking's write plan.
import { describe, expect, it } from 'vitest';
import { createFhirApi, parseWith } from '../fhir/api';
import { EXTENSIONS, SYSTEMS } from '../fhir/codes';
import { HealthcareService, Organization } from '../fhir/schemas';
import type { FhirRequest, FhirResponse } from '../fhir/transport';
import type { Booking } from './booking-view';
import { deadEndOf } from './dead-end';
import { adviseNoVendor, flagsForLevel } from './no-vendor';
import { planPhoneBooking } from './phone-booking';

const coded = (system: string, code: string) => ({ coding: [{ system, code }] });
const ALL = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function vendor(id: string, name: string, caps: string[], hours: { start: string; end: string; days?: string[] } | null, zips: string[], phone?: string, taxonomy = '343900000X') {
  return {
    org: parseWith(Organization, 'Organization', { resourceType: 'Organization', id, name, ...(phone ? { telecom: [{ system: 'phone', value: phone }] } : {}) }),
    hs: parseWith(HealthcareService, 'HealthcareService', {
      resourceType: 'HealthcareService', id: `hcs-${id}`, name, providedBy: { reference: `Organization/${id}` }, type: [coded(SYSTEMS.nucc, taxonomy)],
      characteristic: caps.map((c) => coded(SYSTEMS.capability, c)),
      availableTime: hours ? [{ daysOfWeek: hours.days ?? ALL, availableStartTime: hours.start, availableEndTime: hours.end }] : [{ daysOfWeek: ALL, allDay: true }],
      extension: zips.map((z) => ({ url: EXTENSIONS.servicePostalCode, valueString: z })),
    }),
  };
}

const VENDORS = [
  vendor('metro', 'Metro Mobility Transport', ['ambulatory', 'wheelchair', 'oxygen'], { start: '06:00:00', end: '22:00:00' }, ['43201', '43229'], '614-555-0300'),
  vendor('scioto', 'Scioto Wheelchair Vans', ['ambulatory', 'wheelchair'], { start: '07:00:00', end: '18:00:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] }, ['43201'], '614-555-0301'),
  vendor('careline', 'CareLine Stretcher Transport', ['stretcher', 'oxygen'], { start: '07:00:00', end: '20:00:00' }, ['43201', '43229'], '614-555-0302'),
  vendor('bls', 'Capital City Ambulance (BLS)', ['bls', 'stretcher', 'oxygen'], null, ['43201', '43229'], '614-555-0303', '341600000X'),
  vendor('hh', 'Hearthside Home Health', ['home-health-nursing'], null, ['43201'], undefined, '251E00000X'),
];
const services = VENDORS.map((v) => v.hs);
const orgs = VENDORS.map((v) => v.org);
// Monday 2026-12-07, 23:30 UTC.
const LATE = '2026-12-07T23:30:00.000Z';

describe('no vendor tonight', () => {
  it('says why each transport vendor cannot, with phone and hours; the next open time only where the hours alone stand in the way', () => {
    const advice = adviseNoVendor(services, orgs, { service: 'transport', level: 'A0130', flags: ['wheelchair', 'oxygen'], postalCode: '43201', at: LATE, timeZone: 'UTC' });
    const byName = new Map(advice.contacts.map((c) => [c.name, c]));
    expect(byName.get('Metro Mobility Transport')).toMatchObject({ misses: ['closed at that time'], nextOpen: '2026-12-08T06:00:00.000Z', phone: '614-555-0300', hours: 'every day 06:00–22:00' });
    expect(byName.get('Scioto Wheelchair Vans')).toMatchObject({ misses: ['no oxygen', 'closed at that time'] });
    expect(byName.get('Scioto Wheelchair Vans')?.nextOpen).toBeUndefined();
    expect(byName.get('Capital City Ambulance (BLS)')?.misses).toEqual(['no wheelchair']);
    expect(byName.has('Hearthside Home Health')).toBe(false);
    expect(advice.earliest).toBe('2026-12-08T06:00:00.000Z');
  });

  it('offers the levels that have a vendor at that time, marks those below the chart, and never picks one', () => {
    const advice = adviseNoVendor(services, orgs, { service: 'transport', level: 'A0130', flags: ['wheelchair', 'oxygen'], postalCode: '43201', at: LATE }, 'A0130');
    // The BLS crew can also run a stretcher-van trip (it carries a stretcher): both are above the chart's level.
    expect(advice.levels).toEqual([{ level: 'T2005', vendors: 1, below: false }, { level: 'A0428', vendors: 1, below: false }]);
    // In the day the stretcher van also fits; a level under the chart's is marked.
    const day = adviseNoVendor(services, orgs, { service: 'transport', level: 'A0428', flags: ['stretcher', 'oxygen'], postalCode: '43201', at: '2026-12-08T10:00:00.000Z' }, 'A0428');
    expect(day.levels.find((l) => l.level === 'T2005')).toEqual({ level: 'T2005', vendors: 2, below: true }); // CareLine and the BLS crew
  });

  it('a stretcher level carries a wheelchair patient; a wheelchair level drops the stretcher need', () => {
    expect(flagsForLevel('A0428', ['wheelchair', 'oxygen'])).toEqual(['oxygen']);
    expect(flagsForLevel('A0130', ['stretcher', 'oxygen'])).toEqual(['oxygen']);
  });
});

function booking(over: Partial<Booking>): Booking {
  return {
    id: 'sr-1', resourceType: 'ServiceRequest', service: 'transport', code: 'T2005', label: 'Stretcher van', requestStatus: 'active',
    taskStatus: 'rejected', milestone: 'declined', timeIsConfirmed: false, attempts: 2, requestedTime: '2026-12-08T10:00:00.000Z', orderDetails: ['stretcher'],
    checkpoints: { booked: false, patientNotified: false, patientConfirmed: false, handoffAcknowledged: false }, timeline: [], notices: [],
    tried: [
      { vendor: 'Organization/careline', status: 'rejected', milestone: 'declined', reason: 'No crew available' },
      { vendor: 'Organization/bls', status: 'rejected', milestone: 'declined' },
    ],
    ...over,
  };
}

describe('dead ends', () => {
  it('every vendor that fits declined: one truth, each vendor with why it could not', () => {
    const end = deadEndOf(booking({}), services, orgs, { postalCode: '43229' });
    expect(end?.kind).toBe('all-declined');
    expect(end?.headline).toMatch(/^Every vendor that can do this trip declined or did not answer, and no other vendor in the directory can take it\./);
    expect(end?.headline).not.toMatch(/looking for the next vendor/);
    const why = Object.fromEntries(end?.contacts.map((c) => [c.name, c.why]) ?? []);
    expect(why).toEqual({
      'CareLine Stretcher Transport': 'declined (No crew available)',
      'Capital City Ambulance (BLS)': 'declined',
      'Metro Mobility Transport': 'no stretcher',
      'Scioto Wheelchair Vans': 'no stretcher, does not serve 43229',
    });
  });

  it('not a dead end while a vendor that fits was not asked yet, or while a vendor holds it', () => {
    expect(deadEndOf(booking({ tried: [{ vendor: 'Organization/careline', status: 'rejected' }] }), services, orgs, { postalCode: '43229' })).toBeUndefined();
    expect(deadEndOf(booking({ taskStatus: 'requested' }), services, orgs, { postalCode: '43229' })).toBeUndefined();
    expect(deadEndOf(booking({ requestStatus: 'revoked' }), services, orgs, { postalCode: '43229' })).toBeUndefined();
  });

  it('a vendor no-show is a dead end until rebooked, with the vendors that can take it marked as not asked', () => {
    const end = deadEndOf(booking({ taskStatus: 'failed', milestone: 'vendor-no-show', tried: [{ vendor: 'Organization/careline', status: 'failed', milestone: 'vendor-no-show', reason: 'no driver' }] }), services, orgs, { postalCode: '43229' });
    expect(end?.kind).toBe('vendor-no-show');
    expect(end?.contacts.find((c) => c.name === 'CareLine Stretcher Transport')?.why).toBe('did not show (no driver)');
    expect(end?.contacts.find((c) => c.name === 'Capital City Ambulance (BLS)')).toMatchObject({ why: 'can take it; not asked yet', untried: true });
  });
});

describe('phone booking plan', () => {
  const request = { resourceType: 'ServiceRequest', id: 'sr-1', meta: { versionId: '3' }, status: 'active', intent: 'order', identifier: [{ system: SYSTEMS.bookingId, value: 'bk-1' }], category: [coded(SYSTEMS.serviceType, 'transport')], subject: { reference: 'Patient/p1' }, occurrencePeriod: { start: '2026-12-08T10:00:00Z', end: '2026-12-08T10:30:00Z' } };
  const declined = { resourceType: 'Task', id: 't2', meta: { versionId: '2' }, status: 'rejected', intent: 'order', code: coded(SYSTEMS.taskCode, 'fulfill'), focus: { reference: 'ServiceRequest/sr-1' }, for: { reference: 'Patient/p1' }, owner: { reference: 'Organization/bls' }, authoredOn: '2026-12-05T08:00:00Z', input: [{ type: coded(SYSTEMS.taskParam, 'pickup-location'), valueReference: { reference: 'Location/bed-1' } }] };
  const api = createFhirApi(async (req: FhirRequest): Promise<FhirResponse> => {
    const body = req.url.startsWith('ServiceRequest/') ? request : { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { ...declined, id: 't1', authoredOn: '2026-12-05T07:00:00Z' } }, { resource: declined }] };
    return { status: 200, headers: new Headers(), body };
  });
  let n = 0;
  const input = {
    requestType: 'ServiceRequest' as const, requestId: 'sr-1', vendor: { organization: 'Organization/careline', name: 'CareLine Stretcher Transport', healthcareService: 'HealthcareService/hcs-careline' },
    start: '2026-12-08T11:15:00Z', confirmation: ' CLS-77 ', actor: 'Practitioner/dana', now: '2026-12-05T09:00:00Z', newId: () => `00000000-0000-4000-8000-00000000000${n++}`,
  };

  it('books attempt n+1 with that vendor: Task booked with the confirmation, Appointment at the agreed time, order moved, Provenance by the user', async () => {
    const plan = await planPhoneBooking(api, input);
    const entries = plan.bundle.entry as { fullUrl: string; resource: Record<string, unknown>; request: { method: string; url: string; ifMatch?: string; ifNoneExist?: string } }[];
    expect(entries.map((e) => `${e.request.method} ${e.request.url}`)).toEqual(['POST Appointment', 'POST Task', 'PUT ServiceRequest/sr-1', 'PUT Provenance/bk-1-a3-sent']);
    const [appt, task, order, prov] = entries;
    expect(plan.taskId).toBe('bk-1-attempt-3');
    expect(task?.request.ifNoneExist).toBe(`identifier=${SYSTEMS.bookingId}|bk-1-attempt-3`);
    expect(task?.resource).toMatchObject({ status: 'accepted', businessStatus: coded(SYSTEMS.milestone, 'booked'), owner: { reference: 'Organization/careline' }, input: declined.input });
    expect(JSON.stringify(task?.resource['output'])).toContain('"valueString":"CLS-77"');
    expect(appt?.resource).toMatchObject({ status: 'booked', start: '2026-12-08T11:15:00.000Z', end: '2026-12-08T11:45:00.000Z', basedOn: [{ reference: 'ServiceRequest/sr-1' }] });
    expect(JSON.stringify(appt?.resource['participant'])).toContain('HealthcareService/hcs-careline');
    expect(order?.request.ifMatch).toBe('W/"3"');
    expect(order?.resource).toMatchObject({ performer: [{ reference: 'Organization/careline' }], occurrencePeriod: { start: '2026-12-08T11:15:00.000Z', end: '2026-12-08T11:45:00.000Z' } });
    expect(prov?.resource).toMatchObject({ target: [{ reference: task?.fullUrl }], agent: [{ who: { reference: 'Practitioner/dana' } }], activity: coded(SYSTEMS.milestone, 'booked') });
    expect(JSON.stringify(prov?.resource['reason'])).toContain('Booked by phone with CareLine Stretcher Transport, confirmation #CLS-77');
    // The links are real UUIDs (a server resolves only those); the identifiers carry the idempotency.
    expect(task?.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  });

  it('completes the open exception steps in the same write, and refuses without a confirmation number', async () => {
    const step = { resourceType: 'Task' as const, id: 's1', meta: { versionId: '1' }, status: 'requested' as const, intent: 'order' };
    const plan = await planPhoneBooking(api, { ...input, steps: [step] });
    const last = plan.bundle.entry.at(-1) as { resource: Record<string, unknown>; request: { ifMatch?: string } };
    expect(last.resource).toMatchObject({ id: 's1', status: 'completed' });
    expect(last.request.ifMatch).toBe('W/"1"');
    await expect(planPhoneBooking(api, { ...input, confirmation: ' ' })).rejects.toThrow(/confirmation number/);
  });
});
