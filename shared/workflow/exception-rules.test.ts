import { describe, expect, it } from 'vitest';
import { parseWith } from '../fhir/api';
import { CAPABILITIES, EXTENSIONS, SYSTEMS } from '../fhir/codes';
import { HealthcareService, Organization } from '../fhir/schemas';
import { exceptionRules } from './exception-rules';
import { buildWorklist, kindLabel } from './worklist';
import type { WorkflowWrite } from './trigger-rules';
import { chart, NOW, PICKUP, stateOf, type Json } from './workflow-fixtures.test-support';

const creates = (writes: WorkflowWrite[]) => writes.flatMap((w) => (w.kind === 'create' ? w.entries : []));
const completes = (writes: WorkflowWrite[]) => writes.flatMap((w) => (w.kind === 'complete' ? [`${w.task.id ?? ''}: ${w.why}`] : []));
const coded = (system: string, code: string) => ({ coding: [{ system, code }] });

/** Two stretcher vendors serving 43229 around the clock, and one that does not serve it. */
function directory() {
  const vendor = (id: string, name: string, zips: string[]) => ({
    org: parseWith(Organization, 'Organization', { resourceType: 'Organization', id, name }),
    hs: parseWith(HealthcareService, 'HealthcareService', {
      resourceType: 'HealthcareService', id: `hcs-${id}`, providedBy: { reference: `Organization/${id}` },
      type: [coded(SYSTEMS.nucc, '343900000X')], characteristic: ['stretcher', 'oxygen'].filter((c) => (CAPABILITIES as readonly string[]).includes(c)).map((c) => coded(SYSTEMS.capability, c)),
      extension: zips.map((z) => ({ url: EXTENSIONS.servicePostalCode, valueString: z })),
    }),
  });
  const all = [vendor('v1', 'One', ['43229']), vendor('v2', 'Two', ['43229']), vendor('v3', 'Far', ['43068'])];
  return { services: all.map((v) => v.hs), organizations: all.map((v) => v.org) };
}

function request(status = 'active'): Json {
  return {
    resourceType: 'ServiceRequest', id: 'sr-1', status, intent: 'order', identifier: [{ system: SYSTEMS.bookingId, value: 'b-sr-1' }],
    category: [coded(SYSTEMS.serviceType, 'transport')], code: coded(SYSTEMS.hcpcs, 'T2005'), subject: { reference: 'Patient/p1' },
    encounter: { reference: 'Encounter/e1' }, occurrencePeriod: { start: PICKUP },
  };
}

function attempt(n: number, owner: string, status: string, milestone: string, reason?: string): Json {
  return {
    resourceType: 'Task', id: `t${n}`, status, intent: 'order', identifier: [{ system: SYSTEMS.bookingId, value: `b-sr-1-attempt-${n}` }],
    code: coded(SYSTEMS.taskCode, 'fulfill'), businessStatus: coded(SYSTEMS.milestone, milestone), focus: { reference: 'ServiceRequest/sr-1' },
    for: { reference: 'Patient/p1' }, owner: { reference: `Organization/${owner}`, display: owner }, authoredOn: `2026-11-22T0${n}:00:00Z`,
    ...(reason ? { statusReason: { text: reason } } : {}),
  };
}

function step(kind: string, identifier: string, status = 'requested'): Json {
  return {
    resourceType: 'Task', id: 'step-1', status, intent: 'order', identifier: [{ system: SYSTEMS.bookingId, value: identifier }],
    code: coded(SYSTEMS.step, kind), focus: { reference: 'ServiceRequest/sr-1' }, for: { reference: 'Patient/p1' },
  };
}

function state(resources: Json[], withDirectory = true) {
  const s = stateOf(resources);
  if (withDirectory) Object.assign(s, directory(), { postalCodes: { 'ServiceRequest/sr-1': '43229' } });
  return s;
}

describe('exception rules: all vendors declined', () => {
  it('every vendor that fits declined → one step for the case manager, with a deterministic id, due soon', () => {
    const s = state([...chart(), request(), attempt(1, 'v1', 'rejected', 'declined', 'No crew'), attempt(2, 'v2', 'rejected', 'declined')]);
    const [entry, ...rest] = creates(exceptionRules(s, NOW));
    expect(rest).toEqual([]);
    expect(entry?.identifier).toBe('all-declined-b-sr-1-2');
    expect(entry?.resource).toMatchObject({
      status: 'requested', code: { coding: [{ system: SYSTEMS.step, code: 'all-vendors-declined' }] },
      owner: { reference: 'PractitionerRole/role-cm-9' }, focus: { reference: 'ServiceRequest/sr-1' }, partOf: [{ reference: 'Task/t2' }],
      restriction: { period: { end: new Date(NOW.getTime() + 30 * 60_000).toISOString() } },
    });
    // The same state gives the same write: two runners make one step.
    expect(creates(exceptionRules(s, NOW))).toEqual([entry]);
  });

  it('a vendor left to ask is not a dead end (dispatch sends it on); the one outside the ZIP does not count', () => {
    expect(creates(exceptionRules(state([...chart(), request(), attempt(1, 'v1', 'rejected', 'declined')]), NOW))).toEqual([]);
    // Without the ZIP, "Far" would look like a vendor left to ask.
    const noZip = state([...chart(), request(), attempt(1, 'v1', 'rejected', 'declined'), attempt(2, 'v2', 'rejected', 'declined')]);
    delete noZip.postalCodes;
    expect(creates(exceptionRules(noZip, NOW))).toEqual([]);
  });

  it('a vendor that did not answer counts like a decline', () => {
    const s = state([...chart(), request(), attempt(1, 'v1', 'rejected', 'declined'), attempt(2, 'v2', 'cancelled', 'cancelled-by-facility', 'No answer within 15 minutes')]);
    expect(creates(exceptionRules(s, NOW)).map((e) => e.identifier)).toEqual(['all-declined-b-sr-1-2']);
  });

  it('without the directory nothing is called exhausted; nor a withdrawn order; nor twice', () => {
    const declined = [attempt(1, 'v1', 'rejected', 'declined'), attempt(2, 'v2', 'rejected', 'declined')];
    expect(creates(exceptionRules(state([...chart(), request(), ...declined], false), NOW))).toEqual([]);
    expect(creates(exceptionRules(state([...chart(), request('revoked'), ...declined]), NOW))).toEqual([]);
    expect(creates(exceptionRules(state([...chart(), request(), ...declined, step('all-vendors-declined', 'all-declined-b-sr-1-2')]), NOW))).toEqual([]);
    // Someone else's open step of the same kind about the same booking counts too.
    expect(creates(exceptionRules(state([...chart(), request(), ...declined, step('all-vendors-declined', 'made-elsewhere')]), NOW))).toEqual([]);
  });
});

describe('exception rules: vendor no-show', () => {
  it('a failed vendor Task → a rebook step for the case manager, once per failed attempt', () => {
    const s = state([...chart(), request(), attempt(1, 'v1', 'failed', 'vendor-no-show', 'No driver available')]);
    const [entry] = creates(exceptionRules(s, NOW));
    expect(entry?.identifier).toBe('vendor-no-show-b-sr-1-attempt-1');
    expect(entry?.resource).toMatchObject({ code: { coding: [{ system: SYSTEMS.step, code: 'vendor-no-show' }] }, owner: { reference: 'PractitionerRole/role-cm-9' }, partOf: [{ reference: 'Task/t1' }] });
  });
});

describe('exception steps close themselves', () => {
  it('when the booking is booked again (by phone or another vendor)', () => {
    const s = state([...chart(), request(), attempt(1, 'v1', 'rejected', 'declined'), attempt(2, 'v2', 'rejected', 'declined'), attempt(3, 'v1', 'accepted', 'booked'), step('all-vendors-declined', 'all-declined-b-sr-1-2')]);
    const writes = exceptionRules(s, NOW);
    expect(completes(writes)).toEqual(['step-1: Booked with v1']);
    expect(creates(writes)).toEqual([]);
  });

  it('when the order is cancelled; not while it is still a dead end; a closed step stays closed', () => {
    const declined = [attempt(1, 'v1', 'rejected', 'declined'), attempt(2, 'v2', 'rejected', 'declined')];
    expect(completes(exceptionRules(state([...chart(), request('revoked'), ...declined, step('all-vendors-declined', 'x')]), NOW))).toEqual(['step-1: The booking was cancelled']);
    expect(completes(exceptionRules(state([...chart(), request(), ...declined, step('all-vendors-declined', 'x')]), NOW))).toEqual([]);
    expect(completes(exceptionRules(state([...chart(), request('revoked'), ...declined, step('all-vendors-declined', 'x', 'completed')]), NOW))).toEqual([]);
  });

  it('a no-show step closes when another vendor books it', () => {
    const s = state([...chart(), request(), attempt(1, 'v1', 'failed', 'vendor-no-show'), attempt(2, 'v2', 'accepted', 'booked'), step('vendor-no-show', 'vendor-no-show-b-sr-1-attempt-1')]);
    expect(completes(exceptionRules(s, NOW))).toEqual(['step-1: Booked with v2']);
  });
});

describe('on the worklist', () => {
  it('an exception step is listed with its words and the booking\'s service, due first', () => {
    const s = state([...chart(), request(), step('all-vendors-declined', 'x'), step('vendor-no-show', 'y')]);
    const withDue = s.tasks.map((t, i) => ({ ...t, id: `step-${i}`, restriction: { period: { end: `2026-11-22T1${i}:00:00Z` } } }));
    const items = buildWorklist(withDue, s.requests, NOW);
    expect(items.map((i) => [i.kind, kindLabel(i.kind), i.service, i.overdue])).toEqual([
      ['all-vendors-declined', 'All vendors declined: book by phone, change or cancel', 'transport', false],
      ['vendor-no-show', 'Vendor did not show: rebook', 'transport', false],
    ]);
  });
});
