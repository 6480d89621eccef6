// Fuzz: malformed and unexpected FHIR answers, for every resource type we read,
// through the real read path (createFetchTransport → createFhirApi → loadChart →
// buildChartModel). The only acceptable failure is a typed CareRelayError; no
// crash (TypeError, RangeError, …) and no hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CareRelayError } from '../errors/errors';
import { createFhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
import type { ResourceTypeName } from '../fhir/schemas';
import { createFetchTransport } from '../fhir/transport';
import { buildChartModel } from './chart-model';
import { loadChart } from './load-chart';

const RUNS = 1000;
const ref = (r: string) => ({ reference: r });
const code = (system: string, c: string) => ({ coding: [{ system, code: c }] });

/** A valid resource per type, which the fuzzer then breaks field by field. */
const VALID: Partial<Record<ResourceTypeName, Record<string, unknown>>> = {
  Patient: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Doe', given: ['Jo'] }], address: [{ line: ['1 Main'], postalCode: '43215' }] },
  Encounter: { resourceType: 'Encounter', id: 'e1', status: 'in-progress', subject: ref('Patient/p1'), location: [{ location: ref('Location/l1') }] },
  ServiceRequest: {
    resourceType: 'ServiceRequest', id: 'sr1', status: 'active', intent: 'order', subject: ref('Patient/p1'), identifier: [{ system: SYSTEMS.bookingId, value: 'b1' }],
    category: [code(SYSTEMS.serviceType, 'transport')], code: code(SYSTEMS.hcpcs, 'A0130'), occurrencePeriod: { start: '2026-01-01T10:00:00Z' }, requisition: { value: 't' },
  },
  DeviceRequest: { resourceType: 'DeviceRequest', id: 'dr1', status: 'active', intent: 'order', subject: ref('Patient/p1'), codeCodeableConcept: code(SYSTEMS.hcpcs, 'E1390') },
  Task: {
    resourceType: 'Task', id: 't1', status: 'requested', intent: 'order', code: code(SYSTEMS.taskCode, 'fulfill'), focus: ref('ServiceRequest/sr1'),
    owner: ref('Organization/o1'), businessStatus: code(SYSTEMS.milestone, 'sent'), authoredOn: '2026-01-01T09:00:00Z', restriction: { period: { end: '2026-01-02' } },
    output: [{ type: code(SYSTEMS.taskParam, 'eta'), valueDateTime: '2026-01-01T10:00:00Z' }],
  },
  Appointment: { resourceType: 'Appointment', id: 'a1', status: 'booked', start: '2026-01-01T10:00:00Z', basedOn: [ref('ServiceRequest/sr1')], participant: [{ actor: ref('Patient/p1'), status: 'accepted' }] },
  Provenance: { resourceType: 'Provenance', id: 'pr1', target: [ref('Task/t1')], recorded: '2026-01-01T09:00:00Z', activity: code(SYSTEMS.milestone, 'sent'), agent: [{ who: ref('Organization/o1') }] },
  Communication: { resourceType: 'Communication', id: 'c1', status: 'completed', basedOn: [ref('ServiceRequest/sr1')], recipient: [ref('Patient/p1')] },
  Organization: { resourceType: 'Organization', id: 'o1', name: 'Vendor' },
  HealthcareService: { resourceType: 'HealthcareService', id: 'h1', providedBy: ref('Organization/o1'), availableTime: [{ daysOfWeek: ['mon'], availableStartTime: '08:00:00' }] },
  CarePlan: { resourceType: 'CarePlan', id: 'cp1', status: 'active', intent: 'plan', activity: [{ reference: ref('ServiceRequest/sr1') }], goal: [ref('Goal/g1')] },
  Condition: { resourceType: 'Condition', id: 'cd1', code: code(SYSTEMS.icd10cm, 'Z99.3') },
  Coverage: { resourceType: 'Coverage', id: 'cv1', status: 'active', class: [{ name: 'Plan' }] },
  Location: { resourceType: 'Location', id: 'l1', name: 'Bed', partOf: ref('Location/l1') },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Breaks a valid resource: random fields (top level or one level down) replaced by anything. */
const broken = (valid: Record<string, unknown>) =>
  fc.array(fc.tuple(fc.constantFrom(...Object.keys(valid), 'id', 'meta', 'identifier', 'extension'), fc.option(fc.string({ maxLength: 12 })), fc.anything({ maxDepth: 3 })), { minLength: 1, maxLength: 4 })
    .map((patches) => {
      const copy: Record<string, unknown> = structuredClone(valid);
      for (const [key, sub, value] of patches) {
        const current = copy[key];
        // Only into plain objects: an array's `length` set to anything is the generator's crash, not the app's.
        if (sub && isRecord(current)) current[sub] = value;
        else if (sub && Array.isArray(current) && isRecord(current[0])) current[0][sub] = value;
        else copy[key] = value;
      }
      return copy;
    });

const anyBody = (valid: Record<string, unknown>) => fc.oneof(broken(valid), broken(valid), fc.anything({ maxDepth: 3 }));

function fetchReturning(status: number, text: string): typeof fetch {
  return async () => new Response(text, { status, headers: { 'Content-Type': 'application/fhir+json' } });
}

async function onlyTypedErrors(run: () => Promise<unknown>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('hang')), 1000); });
  try {
    await Promise.race([run(), hang]);
  } catch (error) {
    if (!(error instanceof CareRelayError)) throw error;
  } finally {
    clearTimeout(timer);
  }
}

describe('malformed FHIR responses: 0 crashes, 0 hangs', () => {
  for (const [type, valid] of Object.entries(VALID) as [ResourceTypeName, Record<string, unknown>][]) {
    it(`${type}: read, and inside a chart load`, async () => {
      await fc.assert(fc.asyncProperty(anyBody(valid), async (body) => {
        const api = createFhirApi(createFetchTransport({ baseUrl: 'https://ehr.example/fhir', fetch: fetchReturning(200, JSON.stringify(body) ?? '') }));
        await onlyTypedErrors(() => api.read(type, 'x'));
        // The same body as a search result inside the first-screen batch, then the screens' derivation.
        const batch = { resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '200 OK' }, resource: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: body }, { resource: valid }] } }] };
        const chartApi = createFhirApi(createFetchTransport({ baseUrl: 'https://ehr.example/fhir', fetch: fetchReturning(200, JSON.stringify(batch)) }));
        await onlyTypedErrors(async () => buildChartModel(await loadChart(chartApi, { patient: 'p1' })));
      }), { numRuns: RUNS });
    });
  }

  it('Bundle: broken search, batch and transaction answers (bodies, statuses, bytes)', async () => {
    const bundle = { resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '200 OK' }, resource: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: VALID.Task }] } }] };
    const text = fc.oneof(broken(bundle).map((b) => JSON.stringify(b)), fc.string(), fc.constant(''), fc.constant('{"resourceType":"Bundle","entry":['));
    await fc.assert(fc.asyncProperty(text, fc.constantFrom(200, 201, 400, 401, 404, 412, 429, 500, 503), async (body, status) => {
      const api = createFhirApi(createFetchTransport({ baseUrl: 'https://ehr.example/fhir', fetch: fetchReturning(status, body) }));
      await onlyTypedErrors(async () => buildChartModel(await loadChart(api, { patient: 'p1' })));
      await onlyTypedErrors(() => api.search('Task', { patient: 'p1' }));
      await onlyTypedErrors(() => api.transaction({ resourceType: 'Bundle', type: 'transaction', entry: [] }));
    }), { numRuns: RUNS });
  });

  it('a resourceType named like an Object method ("toString", "constructor", "__proto__") is an unknown type, not a crash', async () => {
    for (const resourceType of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const batch = { resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '200 OK' }, resource: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType, id: 'x' } }, { resource: VALID.Task }] } }] };
      const api = createFhirApi(createFetchTransport({ baseUrl: 'https://ehr.example/fhir', fetch: fetchReturning(200, JSON.stringify(batch)) }));
      const chart = await loadChart(api, { patient: 'p1' });
      expect(chart.byType.get('Task')).toHaveLength(1);
    }
  });

  it('the fuzzer is not vacuous: valid bodies still load', async () => {
    const api = createFhirApi(createFetchTransport({ baseUrl: 'https://ehr.example/fhir', fetch: fetchReturning(200, JSON.stringify(VALID.Task)) }));
    expect((await api.read('Task', 't1')).status).toBe('requested');
  });
});
