// The coordination chain with no app open: the EHR places a discharge order, the
// headless relay (SMART Backend Services) fires the rules, a booking arrives from
// another surface (plain FHIR writes), the vendor simulator books it, and the
// relay fires the next steps until every checkpoint is green. Real sandbox, real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChartModel } from '../../shared/chart/chart-model';
import { loadChart } from '../../shared/chart/load-chart';
import { createFhirApi, entriesOf, type FhirApi } from '../../shared/fhir/api';
import { SNOMED, STEP_KINDS, SYSTEMS } from '../../shared/fhir/codes';
import { createFetchTransport } from '../../shared/fhir/transport';
import { newBookingIds, planBooking } from '../../shared/booking/write-plan';
import { patientNotifiedBundle, recordPatientConfirmed } from '../../shared/workflow/checkpoints';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox';
import { SANDBOX_RELAY_KEY } from './relay';
import { backendAuthorization } from './backend-token';
import { createRelay } from './relay';

const PORT = 18_000 + Math.floor(Math.random() * 1000);
const ORIGIN = `http://localhost:${PORT}`;
const PATIENT = 'pat-010'; // hip fracture, going home with home health, no discharge order yet
let sandbox: Sandbox;
let api: FhirApi;

beforeAll(async () => {
  sandbox = await startSandbox({ port: PORT, appPort: PORT + 1000, simMode: 'step' });
  const authorization = backendAuthorization({
    tokenUrl: `${ORIGIN}/auth/token`, clientId: 'carerelay-relay', scope: 'system/*.cruds',
    keyFile: SANDBOX_RELAY_KEY,
  });
  api = createFhirApi(createFetchTransport({ baseUrl: sandbox.fhirBaseUrl, fetch: (...a) => fetch(...a), authorization }));
}, 60_000);
afterAll(async () => sandbox?.close());

const steps = async (kind: string) =>
  entriesOf(await api.search('Task', { patient: PATIENT, code: `${SYSTEMS.step}|${kind}` }), 'Task');

describe('the coordination chain, headless', () => {
  it('discharge order → transport request → booked → notify step + home health referral → notified, confirmed: all green', async () => {
    const relay = createRelay({ origin: ORIGIN });
    const placed = await fetch(`${ORIGIN}/ehr/patient/${PATIENT}/discharge-order`, { method: 'POST', redirect: 'manual' });
    expect(placed.status).toBe(303);

    await relay();
    const [request] = await steps(STEP_KINDS.transportRequest);
    expect(request).toMatchObject({ status: 'requested', owner: { reference: expect.stringMatching(/^PractitionerRole\//) } });

    // A booking made elsewhere (the extension, another app): plain FHIR writes.
    const bed = (await api.read('Encounter', 'enc-010')).location?.[0]?.location.reference;
    expect(bed).toMatch(/^Location\//);
    const draft = {
      service: 'transport' as const, code: 'A0130', patient: `Patient/${PATIENT}`, encounter: 'Encounter/enc-010', vendor: 'Organization/vendor-nemt-1',
      window: { start: new Date(Date.now() + 6 * 3_600_000).toISOString() }, flags: ['wheelchair' as const],
      pickup: { reference: bed ?? '' }, dropoff: { kind: 'residence' as const, address: { line: ['1 Main St'], city: 'Columbus', state: 'OH', postalCode: '43215' } },
    };
    const ids = newBookingIds(() => crypto.randomUUID(), draft);
    await api.transaction(planBooking(draft, ids, new Date().toISOString()).bundle);
    for (let i = 0; i < 2; i++) expect((await fetch(`${ORIGIN}/__sandbox/sim/step`, { method: 'POST' })).ok).toBe(true);

    await relay();
    expect((await steps(STEP_KINDS.transportRequest))[0]?.status).toBe('completed');
    const notify = await steps(STEP_KINDS.notifyPatient);
    expect(notify).toHaveLength(1);
    expect(notify[0]?.owner?.reference).toMatch(/^PractitionerRole\//);
    const referrals = entriesOf(await api.search('ServiceRequest', { patient: PATIENT, code: `${SYSTEMS.snomed}|${SNOMED.homeHealthReferral.code}` }), 'ServiceRequest');
    expect(referrals.filter((r) => r.status === 'active')).toHaveLength(1);

    const sr = entriesOf(await api.search('ServiceRequest', { identifier: `${SYSTEMS.bookingId}|${ids.request}` }), 'ServiceRequest')[0];
    const requestRef = `ServiceRequest/${sr?.id}`;
    await api.transaction(patientNotifiedBundle({ request: requestRef, patient: `Patient/${PATIENT}`, message: 'Your ride home is booked.', communicationId: crypto.randomUUID(), now: new Date() }));
    await recordPatientConfirmed(api, { request: requestRef, provenanceId: crypto.randomUUID(), now: new Date() });
    await relay();
    expect((await steps(STEP_KINDS.notifyPatient))[0]?.status).toBe('completed');

    const model = buildChartModel(await loadChart(api, { patient: PATIENT }));
    const booking = model.bookings.find((b) => b.id === sr?.id);
    expect(booking?.checkpoints).toMatchObject({ booked: true, patientNotified: true, patientConfirmed: true });

    // Running the rules again creates nothing.
    expect((await relay()).filter((o) => o.result === 'created')).toEqual([]);
  }, 120_000);
});
