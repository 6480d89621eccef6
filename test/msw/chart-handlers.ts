// An msw FHIR endpoint answering the app's batch Bundles from a fixed set of
// resources (the sandbox seed), good enough for component tests: each batch
// entry returns the resources of its type that belong to the patient.
import { http, HttpResponse } from 'msw';
import { z } from 'zod';

export const TEST_FHIR = 'https://fhir.test/R4';

const R = z.looseObject({
  resourceType: z.string(),
  id: z.string().optional(),
  subject: z.looseObject({ reference: z.string().optional() }).optional(),
  for: z.looseObject({ reference: z.string().optional() }).optional(),
  patient: z.looseObject({ reference: z.string().optional() }).optional(),
  beneficiary: z.looseObject({ reference: z.string().optional() }).optional(),
});
type R = z.infer<typeof R>;

function belongs(r: R, patient: string): boolean {
  const ref = `Patient/${patient}`;
  return [r.subject, r.for, r.patient, r.beneficiary].some((x) => x?.reference === ref) || (r.resourceType === 'Patient' && r.id === patient);
}

export function chartHandlers(input: readonly unknown[], onTransaction?: (body: unknown) => Response | Promise<Response>) {
  const resources = input.flatMap((r) => {
    const parsed = R.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  return [
    // A fully capable server: bookings go as one transaction of conditional creates.
    http.get(`${TEST_FHIR}/metadata`, () => HttpResponse.json({
      resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1', format: ['json'],
      rest: [{ mode: 'server', interaction: [{ code: 'transaction' }, { code: 'batch' }], resource: ['ServiceRequest', 'DeviceRequest', 'Task', 'Location'].map((type) => ({ type, conditionalCreate: true })) }],
    })),
    http.post(`${TEST_FHIR}/`, async ({ request }) => {
      const body = (await request.json()) as { type: string; entry: { request: { url: string } }[] };
      if (body.type === 'transaction') return onTransaction ? onTransaction(body) : HttpResponse.json({ resourceType: 'Bundle', type: 'transaction-response', entry: [] });
      return HttpResponse.json({
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: body.entry.map(({ request: req }) => {
          const [type = '', query = ''] = req.url.split('?');
          const patient = new URLSearchParams(query).get('patient') ?? new URLSearchParams(query).get('_id') ?? '';
          const matches = resources.filter((r) => r.resourceType === type && (type === 'HealthcareService' || belongs(r, patient)));
          // Stand-ins for _include: the vendor directory's organizations; the care plan's goals, team and staff.
          const included = type === 'HealthcareService' ? resources.filter((r) => r.resourceType === 'Organization')
            : type === 'CarePlan' ? resources.filter((r) => (['Goal', 'CareTeam'].includes(r.resourceType) && belongs(r, patient)) || ['PractitionerRole', 'Practitioner'].includes(r.resourceType))
            : [];
          if (new URLSearchParams(query).get('_summary') === 'count') return { resource: { resourceType: 'Bundle', type: 'searchset', total: 0 }, response: { status: '200 OK' } };
          return { resource: { resourceType: 'Bundle', type: 'searchset', entry: [...matches, ...included].map((resource) => ({ resource })) }, response: { status: '200 OK' } };
        }),
      });
    }),
  ];
}
