// shared/chart/changes.ts against the sandbox FHIR server over HTTP: the probe
// notices a new Provenance on one of the chart's Tasks or handoffs (a vendor's
// milestone, someone else's acknowledgement), which has no patient to search by.
import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { changeProbes, hasChangesSince } from '../../shared/chart/changes';
import { createFhirApi } from '../../shared/fhir/api';
import { createFetchTransport } from '../../shared/fhir/transport';
import { startTestFhirServer, type TestFhirServer } from './test-server';

const seed: Resource[] = [
  { resourceType: 'Patient', id: 'p1' },
  { resourceType: 'Task', id: 't1', status: 'requested', intent: 'order', for: { reference: 'Patient/p1' } },
  { resourceType: 'QuestionnaireResponse', id: 'qr1', status: 'completed', subject: { reference: 'Patient/p1' } },
  { resourceType: 'Task', id: 'other', status: 'requested', intent: 'order', for: { reference: 'Patient/p2' } },
];

let s: TestFhirServer;
beforeAll(async () => {
  s = await startTestFhirServer();
});
afterAll(() => s.close());
beforeEach(() => s.fhir.reset(seed));

const provenance = (id: string, target: string) => ({
  resourceType: 'Provenance', id, target: [{ reference: target }], recorded: new Date().toISOString(), agent: [{ who: { reference: 'Organization/v' } }],
});

describe('hasChangesSince', () => {
  const api = () => createFhirApi(createFetchTransport({ baseUrl: s.base, fetch, authorization: async () => undefined }));
  const cursor = async () => {
    await new Promise((r) => setTimeout(r, 5));
    return new Date().toISOString();
  };

  it('sees a new Provenance on a watched Task or handoff, and only those', async () => {
    const since = await cursor();
    const targets = ['Task/t1', 'QuestionnaireResponse/qr1'];
    expect(await hasChangesSince(api(), 'p1', since, targets)).toBe(false);
    await s.request('PUT', 'Provenance/ack1', provenance('ack1', 'QuestionnaireResponse/qr1'));
    expect(await hasChangesSince(api(), 'p1', since, targets)).toBe(true);
    // Without the targets, a Provenance is invisible to the patient-scoped probes: what this fixes.
    expect(await hasChangesSince(api(), 'p1', since)).toBe(false);
    const later = await cursor();
    await s.request('PUT', 'Provenance/x', provenance('x', 'Task/other'));
    expect(await hasChangesSince(api(), 'p1', later, targets)).toBe(false);
  });

  it('splits many targets into short probes', () => {
    const targets = Array.from({ length: 95 }, (_, i) => `Task/t${i}`);
    const provenanceProbes = changeProbes('p1', '2025-01-01T00:00:00Z', [...targets, 'Task/t0']).filter((u) => u.startsWith('Provenance?'));
    expect(provenanceProbes).toHaveLength(3);
    expect(provenanceProbes.every((u) => u.length < 2000)).toBe(true);
  });
});
