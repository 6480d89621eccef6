import { describe, expect, it } from 'vitest';
import { generateSeed } from './index';
import { splitSeed } from './split';
import { SYSTEMS } from '../../shared/fhir/codes';

describe('the seed split between the EHR and the coordination server', () => {
  const all = generateSeed({ seed: 42, now: new Date('2026-12-04T15:00:00Z') });
  const { ehr, coordination } = splitSeed(all);
  const types = (list: typeof all) => new Set<string>(list.map((r) => r.resourceType));
  const ours = (r: (typeof all)[number]) => ((r as { identifier?: { system?: string }[] }).identifier ?? []).some((i) => i.system === SYSTEMS.bookingId);

  it('leaves no booking in the EHR and no chart on the coordination server', () => {
    for (const t of ['Task', 'Appointment', 'Provenance', 'QuestionnaireResponse', 'HealthcareService']) expect(types(ehr).has(t)).toBe(false);
    expect(ehr.filter(ours)).toEqual([]);
    for (const t of ['Patient', 'Encounter', 'Condition', 'Coverage', 'Location', 'Practitioner']) expect(types(coordination).has(t)).toBe(false);
  });

  it('keeps the discharge orders in the EHR and every booking request on the coordination server', () => {
    const requests = all.filter((r) => r.resourceType === 'ServiceRequest');
    const orders = requests.filter((r) => !ours(r));
    expect(orders.length).toBeGreaterThan(0);
    expect(ehr.filter((r) => r.resourceType === 'ServiceRequest')).toHaveLength(orders.length);
    expect(coordination.filter((r) => r.resourceType === 'ServiceRequest')).toHaveLength(requests.length - orders.length);
  });

  it('puts every vendor that owns a Task beside it (worklist steps belong to hospital roles in the EHR), and loses nothing', () => {
    const ids = new Set(coordination.map((r) => `${r.resourceType}/${r.id}`));
    const owners = coordination.flatMap((r) => (r.resourceType === 'Task' && r.owner?.reference?.startsWith('Organization/') ? [r.owner.reference] : []));
    expect(owners.length).toBeGreaterThan(0);
    for (const owner of owners) expect(ids.has(owner)).toBe(true);
    const both = new Set([...ehr, ...coordination].map((r) => `${r.resourceType}/${r.id}`));
    expect(both.size).toBe(new Set(all.map((r) => `${r.resourceType}/${r.id}`)).size);
  });
});
