// The background's answers for a patient whose screen identifiers disagree with the
// server: no patient for the panel (so no booking form), no bookings in the overlay,
// and only reads on the FHIR server.
import { describe, expect, it, vi } from 'vitest';
import type { FhirRequest, FhirResponse } from '../../shared/fhir/transport';
import { SYSTEMS } from '../../shared/fhir/codes';
import type { DischargeContext } from '../messages';
import type { CurrentPatientStore } from './current-patient';
import { createHandlers } from './handlers';
import { DEFAULT_SETTINGS } from './settings';
import type { Login } from './smart-login';

const ADA = { resourceType: 'Patient', id: 'pat-001', name: [{ given: ['Ada'], family: 'Lovelace' }], birthDate: '1951-12-10', identifier: [{ system: SYSTEMS.mrn, value: 'MRN100037' }] };
const GRACE = { resourceType: 'Patient', id: 'pat-002', name: [{ given: ['Grace'], family: 'Hopper' }], birthDate: '1936-12-09', identifier: [{ system: SYSTEMS.mrn, value: 'MRN100074' }] };

function setup(context: DischargeContext, service: 'transport' | 'home-health' | 'dme' = 'dme') {
  const requests: FhirRequest[] = [];
  const transport = vi.fn(async (request: FhirRequest): Promise<FhirResponse> => {
    requests.push(request);
    const bundle = (entries: object[]) => ({ resourceType: 'Bundle', type: 'searchset', entry: entries.map((resource) => ({ resource })) });
    let body: unknown = bundle([]);
    if (request.url.includes('MRN100074')) body = bundle([GRACE]);
    else if (request.url.includes('MRN100037') || request.url === 'Patient?_id=pat-001') body = bundle([ADA]);
    return { status: 200, headers: { get: () => null }, body };
  });
  const login = { sessionFor: async () => ({ fhirUser: 'Practitioner/p1' }), transportFor: async () => transport } as unknown as Login;
  const current = { get: async () => ({ context, service, tabId: 1, at: 0 }) } as unknown as CurrentPatientStore;
  return { handlers: createHandlers({ login, current, fetch: vi.fn() }), requests };
}

const MISMATCH: DischargeContext = { source: 'generic', patientName: 'Ada Lovelace', birthDate: '12/10/1951', mrn: 'MRN100074' };

describe('two identifiers before booking', () => {
  it('gives the panel no patient, the service, and the reason when the MRN belongs to someone else', async () => {
    const { handlers, requests } = setup(MISMATCH);
    const answer = await handlers.onPanel({ type: 'current-patient' }, DEFAULT_SETTINGS);
    expect(answer).toEqual({ service: 'dme', patientName: 'Ada Lovelace', error: expect.stringContaining('the date of birth (12/10/1951) and name (Ada Lovelace) on the EHR screen do not match the patient with MRN MRN100074') });
    expect(requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('shows the overlay the reason, not the other patient\'s bookings', async () => {
    const { handlers, requests } = setup(MISMATCH);
    const answer = await handlers.onContent({ type: 'discharge-screen', context: MISMATCH }, DEFAULT_SETTINGS);
    expect(answer).toEqual({ signedIn: true, bookings: [], error: expect.stringMatching(/^Booking blocked/) });
    expect(requests.map((r) => r.url)).toEqual([`Patient?identifier=${encodeURIComponent(`${SYSTEMS.mrn}|MRN100074`)}&_count=2`]);
  });

  it('opens the patient and service when MRN and DOB agree', async () => {
    const { handlers } = setup({ source: 'generic', mrn: 'MRN100037', birthDate: '1951-12-10' }, 'home-health');
    expect(await handlers.onPanel({ type: 'current-patient' }, DEFAULT_SETTINGS)).toEqual({ service: 'home-health', patient: 'pat-001', encounter: undefined, patientName: 'Ada Lovelace' });
  });

  it('refuses a sandbox screen whose page id names a patient with another date of birth', async () => {
    const { handlers } = setup({ source: 'sandbox', patientId: 'pat-001', patientName: 'Ada Lovelace', birthDate: '1936-12-09' });
    const answer = await handlers.onPanel({ type: 'current-patient' }, DEFAULT_SETTINGS);
    expect(answer).toMatchObject({ error: expect.stringContaining("date of birth (1936-12-09) on the EHR screen does not match the patient with this screen's patient id") });
    expect(answer).not.toHaveProperty('patient');
  });
});
