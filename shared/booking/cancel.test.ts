// Cancelling with a coded reason against the real sandbox FHIR server (transactions
// on): what the Task, the order and the Provenance hold, how the booking then reads
// (reason on the timeline in words, the vendor's acknowledgement), and the late
// cancel: refused until the user has seen the warning, then recorded as late.
import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestFhirServer, type TestFhirServer } from '../../sandbox/fhir/test-server';
import { createFhirApi } from '../fhir/api';
import { EXTENSIONS, SYSTEMS } from '../fhir/codes';
import { Provenance, ServiceRequest, Task } from '../fhir/schemas';
import { createFetchTransport } from '../fhir/transport';
import { buildBookings } from './booking-view';
import { cancelBooking, LateCancelError, type CancelInput } from './cancel';
import { CANCELLATION_ACKNOWLEDGED, cancelReasonOf, describeCancelReason } from './cancel-reasons';

type Json = Record<string, unknown> & { resourceType: string; id: string };

let s: TestFhirServer;
beforeAll(async () => {
  s = await startTestFhirServer(null);
});
afterAll(() => s.close());

function seed(milestone: string, status: string): Resource[] {
  return [
    { resourceType: 'Patient', id: 'p1' },
    { resourceType: 'Organization', id: 'v1', name: 'Metro Mobility' },
    {
      resourceType: 'ServiceRequest', id: 'sr1', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' },
      category: [{ coding: [{ system: SYSTEMS.serviceType, code: 'transport' }] }], code: { coding: [{ system: SYSTEMS.hcpcs, code: 'A0130' }] },
    },
    {
      resourceType: 'Task', id: 't1', status, intent: 'order', code: { coding: [{ system: SYSTEMS.taskCode, code: 'fulfill' }] },
      businessStatus: { coding: [{ system: SYSTEMS.milestone, code: milestone }] }, focus: { reference: 'ServiceRequest/sr1' },
      for: { reference: 'Patient/p1' }, owner: { reference: 'Organization/v1' }, authoredOn: '2026-11-22T08:00:00Z',
    },
  ] as Resource[];
}

const api = () => createFhirApi(createFetchTransport({ baseUrl: s.base, fetch }));
const get = async (path: string) => (await s.request('GET', path)).body as Json;
const input = (over: Partial<CancelInput> = {}): CancelInput => ({
  requestType: 'ServiceRequest', requestId: 'sr1', taskId: 't1', by: 'patient', reason: 'Family will drive', reasonCode: 'own-transport',
  actor: 'Practitioner/prac-cm-1', provenanceId: 'prov-cancel', now: '2026-11-22T11:00:00Z', ...over,
});

async function booking() {
  const provenance = (await s.request('GET', 'Provenance?target=Task/t1')).body as { entry?: { resource: unknown }[] };
  return buildBookings({
    requests: [ServiceRequest.parse(await get('ServiceRequest/sr1'))],
    tasks: [Task.parse(await get('Task/t1'))],
    appointments: [], communications: [], organizations: [{ resourceType: 'Organization', id: 'v1', name: 'Metro Mobility' }],
    provenance: (provenance.entry ?? []).map((e) => Provenance.parse(e.resource)),
  })[0];
}

describe('cancel with a coded reason', () => {
  beforeEach(async () => s.fhir.reset(seed('booked', 'accepted')));

  it('the Task carries the code and the words, the order is revoked, the Provenance says why', async () => {
    await cancelBooking(api(), input());
    const task = Task.parse(await get('Task/t1'));
    expect(task).toMatchObject({
      status: 'cancelled', businessStatus: { coding: [{ code: 'cancelled-by-patient' }] },
      statusReason: { coding: [{ system: SYSTEMS.cancelReason, code: 'own-transport', display: 'Family or own transport' }], text: 'Family will drive' },
    });
    expect(cancelReasonOf(task)).toBe('own-transport');
    expect(task['extension']).toBeUndefined();
    expect((await get('ServiceRequest/sr1'))['status']).toBe('revoked');
    expect(await get('Provenance/prov-cancel')).toMatchObject({ reason: [{ coding: [{ code: 'own-transport' }], text: 'Family will drive' }] });
  });

  it('the booking reads the reason in words, on the card and on its timeline, and waits for the vendor to acknowledge', async () => {
    await cancelBooking(api(), input());
    const b = await booking();
    expect(b?.cancellation).toEqual({ reason: 'own-transport', description: 'Family or own transport: Family will drive', acknowledged: false });
    expect(b?.timeline.at(-1)).toMatchObject({ milestone: 'cancelled-by-patient', detail: 'Family or own transport: Family will drive' });

    // The vendor's acknowledgement, as the simulator writes it.
    await s.request('POST', 'Provenance', {
      resourceType: 'Provenance', target: [{ reference: 'Task/t1' }], recorded: '2026-11-22T11:00:30Z',
      activity: { coding: [CANCELLATION_ACKNOWLEDGED] }, agent: [{ who: { reference: 'Organization/v1' } }],
    });
    const after = await booking();
    expect(after?.cancellation?.acknowledged).toBe(true);
    expect(after?.timeline.at(-1)).toMatchObject({ milestone: 'cancellation-acknowledged', by: 'Metro Mobility' });
  });

  it('without details the words are the reason\'s label', async () => {
    await cancelBooking(api(), input({ reason: 'Patient declined', reasonCode: 'patient-declined' }));
    expect(describeCancelReason('patient-declined', Task.parse(await get('Task/t1')).statusReason?.text)).toBe('Patient declined');
  });
});

describe('a late cancel (the vehicle is en route or later)', () => {
  beforeEach(async () => s.fhir.reset(seed('en-route', 'in-progress')));

  it('is refused until the user has seen the warning: nothing is written', async () => {
    await expect(cancelBooking(api(), input())).rejects.toBeInstanceOf(LateCancelError);
    expect(await get('Task/t1')).toMatchObject({ status: 'in-progress' });
    expect((await get('ServiceRequest/sr1'))['status']).toBe('active');
    expect((await s.request('GET', 'Provenance/prov-cancel')).status).toBe(404);
  });

  it('confirmed, it is recorded as late on the Task and the Provenance, and the timeline says so', async () => {
    await cancelBooking(api(), input({ acceptLate: true, reasonCode: 'clinical-change', reason: 'Clinical change', by: 'facility' }));
    expect((await get('Task/t1'))['extension']).toEqual([{ url: EXTENSIONS.lateCancel, valueCode: 'en-route' }]);
    expect((await get('Provenance/prov-cancel'))['extension']).toEqual([{ url: EXTENSIONS.lateCancel, valueCode: 'en-route' }]);
    const b = await booking();
    expect(b?.cancellation).toMatchObject({ reason: 'clinical-change', lateAfter: 'en-route' });
    expect(b?.timeline.at(-1)?.detail).toBe('Clinical change; late cancel: the vehicle was en route');
  });

  it('a booked (not yet en route) trip is not late', async () => {
    await s.fhir.reset(seed('driver-assigned', 'in-progress'));
    await cancelBooking(api(), input());
    expect((await get('Task/t1'))['extension']).toBeUndefined();
  });
});
