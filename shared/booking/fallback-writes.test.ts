// Step-by-step writes against a fake server with neither transactions nor conditional create.
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../errors/errors';
import { createFhirApi } from '../fhir/api';
import type { FhirRequest, FhirResponse } from '../fhir/transport';
import { createPlanSender, fallbackNotice, featuresFrom } from './fallback-writes';
import { newBookingIds, planBooking, type BookingDraft } from './write-plan';

type Res = Record<string, unknown> & { resourceType: string; id: string; identifier?: { value: string }[] };

function server(opts: { failCreateOf?: string; updateCreate?: boolean } = {}) {
  const db: Res[] = [];
  let failed = false;
  const ok = (body: unknown): FhirResponse => ({ status: 200, headers: new Headers(), body });
  const transport = async (req: FhirRequest): Promise<FhirResponse> => {
    const [path = '', query = ''] = req.url.split('?');
    const [type = '', id] = path.split('/');
    if (req.method === 'GET' && type === 'metadata') return ok({ resourceType: 'CapabilityStatement', rest: [{ interaction: [{ code: 'batch' }], resource: ['ServiceRequest', 'Task', 'Location'].map((t) => ({ type: t, conditionalCreate: false, updateCreate: opts.updateCreate ?? false })) }] });
    if (req.method === 'GET') {
      const wanted = new URLSearchParams(query).get('identifier')?.split('|')[1];
      return ok({ resourceType: 'Bundle', type: 'searchset', entry: db.filter((r) => r.resourceType === type && r.identifier?.some((i) => i.value === wanted)).map((resource) => ({ resource })) });
    }
    if (req.headers?.['If-None-Exist']) throw new Error('conditional create is not supported here');
    const body = req.body as Res;
    if (req.method === 'POST' && type === opts.failCreateOf && !failed) {
      failed = true;
      throw new NetworkError('POST', type, new Error('reset'));
    }
    const saved = { ...body, id: id ?? `${type.toLowerCase()}-${db.length + 1}` };
    const at = db.findIndex((r) => r.resourceType === type && r.id === saved.id);
    if (at >= 0) db[at] = saved;
    else db.push(saved);
    return ok(saved);
  };
  return { db, api: createFhirApi(transport) };
}

const draft: BookingDraft = { service: 'transport', code: 'A0130', patient: 'Patient/p1', vendor: 'Organization/v1', window: { start: '2026-01-02T15:00:00Z' }, pickup: { reference: 'Location/bed' }, dropoff: { kind: 'residence', address: { line: ['1 Main'] } }, flags: [] };
let n = 0;
const plan = planBooking(draft, newBookingIds(() => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, draft), '2026-01-01T10:00:00Z');

describe('fallback writes', () => {
  it('reads what the server supports and says what CareRelay does about it', () => {
    expect(featuresFrom({ resourceType: 'CapabilityStatement', rest: [{ interaction: [{ code: 'transaction' }], resource: [{ type: 'Task', conditionalCreate: true }] }] })).toEqual({ transactions: true, conditionalCreate: true, updateCreate: [] });
    expect(fallbackNotice({ transactions: false, conditionalCreate: false })).toBe('This EHR does not support transactions or conditional create: CareRelay checks for duplicates before each write and writes the booking step by step.');
    expect(fallbackNotice({ transactions: true, conditionalCreate: true })).toBeUndefined();
  });

  it('writes in dependency order with real references, and names the request and Task like a transaction would', async () => {
    const s = server();
    const response = await createPlanSender(s.api)(plan.bundle);
    expect(s.db.map((r) => r.resourceType)).toEqual(['Location', 'ServiceRequest', 'Task', 'Provenance']);
    const task = s.db.find((r) => r.resourceType === 'Task');
    expect(task?.focus).toEqual({ reference: 'ServiceRequest/servicerequest-2' });
    expect(JSON.stringify(task?.input)).toContain('Location/location-1');
    expect(s.db.find((r) => r.resourceType === 'Provenance')?.target).toEqual([{ reference: 'Task/task-3' }]);
    expect(response.entry?.map((e) => e.response?.location)).toEqual(['Location/location-1', 'ServiceRequest/servicerequest-2', 'Task/task-3', `Provenance/${plan.ids.provenance}`]);
  });

  it('a retry after a half-written plan finds what exists and adds only the rest', async () => {
    const s = server({ failCreateOf: 'Task' });
    const send = createPlanSender(s.api);
    await expect(send(plan.bundle)).rejects.toBeInstanceOf(NetworkError);
    await send(plan.bundle);
    expect(s.db.map((r) => r.resourceType)).toEqual(['Location', 'ServiceRequest', 'Task', 'Provenance']);
    expect(s.db.filter((r) => r.identifier?.[0]?.value === plan.ids.request)).toHaveLength(1);
  });

  it('where the server allows update-as-create, the request and Task are PUT at our own ids, so a resend cannot duplicate them', async () => {
    const s = server({ updateCreate: true });
    const send = createPlanSender(s.api);
    await send(plan.bundle);
    await send(plan.bundle);
    expect(s.db.find((r) => r.resourceType === 'Task')?.id).toBe(plan.ids.task);
    expect(s.db.find((r) => r.resourceType === 'ServiceRequest')?.id).toBe(plan.ids.request);
    expect(s.db.map((r) => r.resourceType)).toEqual(['Location', 'ServiceRequest', 'Task', 'Provenance']);
  });
});
