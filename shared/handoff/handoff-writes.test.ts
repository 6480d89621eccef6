// Attach and acknowledge a handoff against the real sandbox FHIR server over HTTP
// with transactions and conditional create switched off: one QuestionnaireResponse,
// the vendor Task pointing at its real id, and a retry after a failure between the
// two ending with exactly that.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultCapabilities } from '../../server/fhir-engine/index';
import { startTestFhirServer, type TestFhirServer } from '../../sandbox/fhir/test-server';
import { FhirHttpError } from '../errors/errors';
import { createFhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
import { createFetchTransport } from '../fhir/transport';
import { acknowledgeHandoff, attachHandoff, type AttachInput } from './handoff-writes';

type Json = Record<string, unknown> & { resourceType: string; id: string };

let s: TestFhirServer;
beforeAll(async () => {
  s = await startTestFhirServer(null);
});
afterAll(() => s.close());
beforeEach(async () => {
  s.faults.clear();
  s.fhir.capabilities = defaultCapabilities();
  await s.fhir.reset([
    { resourceType: 'Patient', id: 'p1' },
    {
      resourceType: 'Task', id: 't1', status: 'accepted', intent: 'order', for: { reference: 'Patient/p1' },
      code: { coding: [{ system: SYSTEMS.taskCode, code: 'fulfill' }] }, focus: { reference: 'ServiceRequest/sr1' },
      input: [{ type: { coding: [{ system: SYSTEMS.taskParam, code: 'pickup-location' }] }, valueReference: { reference: 'Location/bed' } }],
    },
  ]);
  s.fhir.capabilities = { ...defaultCapabilities(), transactions: false, conditionalCreate: false };
});

function client() {
  const sent: string[] = [];
  const transport = createFetchTransport({ baseUrl: s.base, fetch });
  const api = createFhirApi(async (req) => {
    sent.push(`${req.method} ${req.url.split('?')[0] ?? ''}`);
    return transport(req);
  });
  return { api, writes: () => sent.filter((r) => !r.startsWith('GET')) };
}

async function responses(): Promise<Json[]> {
  const r = await s.request('GET', `QuestionnaireResponse?identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|qr-1`)}`);
  return (r.body as { entry?: { resource: Json }[] }).entry?.map((e) => e.resource) ?? [];
}
async function task(): Promise<Json> {
  return (await s.request('GET', 'Task/t1')).body as Json;
}
const handoffInput = (t: Json) => JSON.stringify((t.input as { type: { coding: { code: string }[] }; valueReference: unknown }[]).filter((i) => i.type.coding[0]?.code === 'handoff').map((i) => i.valueReference));

const input: AttachInput = {
  draft: { kind: 'sbar', items: [{ linkId: 'situation', text: 'Situation', value: 'Going home on oxygen' }] },
  responseId: 'qr-1', taskId: 't1', patient: 'Patient/p1', author: 'PractitionerRole/r1', now: new Date('2026-11-22T09:00:00Z'),
};

describe('handoff writes on a server without transactions', () => {
  it('attach: the QuestionnaireResponse, then the vendor Task (If-Match) pointing at its server id', async () => {
    const c = client();
    await attachHandoff(c.api, input);
    expect(c.writes()).toEqual(['POST QuestionnaireResponse', 'PUT Task/t1']);
    const [qr] = await responses();
    expect(qr).toMatchObject({ status: 'completed', item: [{ linkId: 'situation', answer: [{ valueString: 'Going home on oxygen' }] }] });
    expect(handoffInput(await task())).toBe(JSON.stringify([{ reference: `QuestionnaireResponse/${qr?.id ?? ''}` }]));
  });

  it('a retry after the Task write failed finds the response and attaches it: one handoff, on the Task', async () => {
    const c = client();
    s.faults.set([{ method: 'PUT', path: '/Task/t1', kind: 'status', status: 500, times: 1 }]);
    await expect(attachHandoff(c.api, input)).rejects.toBeInstanceOf(FhirHttpError);
    expect(await responses()).toHaveLength(1);
    expect(handoffInput(await task())).toBe('[]');

    await attachHandoff(c.api, input);
    const found = await responses();
    expect(found).toHaveLength(1);
    expect(handoffInput(await task())).toBe(JSON.stringify([{ reference: `QuestionnaireResponse/${found[0]?.id ?? ''}` }]));
  });

  it('acknowledge: a Provenance PUT at the client id, so a resend leaves one', async () => {
    await s.request('PUT', 'QuestionnaireResponse/q9', { resourceType: 'QuestionnaireResponse', id: 'q9', status: 'completed', author: { reference: 'PractitionerRole/r1' } });
    const c = client();
    const ack = { response: 'QuestionnaireResponse/q9', provenanceId: 'ack-1', actor: 'PractitionerRole/r2', now: new Date('2026-11-22T10:00:00Z') };
    await acknowledgeHandoff(c.api, ack);
    await acknowledgeHandoff(c.api, ack);
    expect(c.writes()).toEqual(['PUT Provenance/ack-1', 'PUT Provenance/ack-1']);
    expect((await s.request('GET', 'Provenance/ack-1')).body).toMatchObject({ target: [{ reference: 'QuestionnaireResponse/q9' }], agent: [{ who: { reference: 'PractitionerRole/r2' } }] });
  });

  it('the sender cannot acknowledge its own handoff (the same user written relative or as a URL): nothing is written', async () => {
    await attachHandoff(client().api, { ...input, author: 'Practitioner/prac-cm-1' });
    const [qr] = await responses();
    const c = client();
    const own = { response: `QuestionnaireResponse/${qr?.id ?? ''}`, provenanceId: 'ack-own', actor: `${s.base}/Practitioner/prac-cm-1`, now: new Date('2026-11-22T10:00:00Z') };
    await expect(acknowledgeHandoff(c.api, own)).rejects.toThrow(/You wrote this handoff/);
    expect(c.writes()).toEqual([]);
    expect((await s.request('GET', 'Provenance/ack-own')).status).toBe(404);
  });

  it.each(['completed', 'cancelled'])('no handoff on a %s booking: refused before anything is written', async (status) => {
    await s.request('PUT', 'Task/t1', { ...(await task()), status });
    const c = client();
    await expect(attachHandoff(c.api, input)).rejects.toThrow(/has ended/);
    expect(c.writes()).toEqual([]);
    expect(await responses()).toEqual([]);
  });
});
