import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../shared/fhir/codes';
import { confirmationPrefix } from './apply';
import { createFakeFhir, type FakeResource } from './fake-fhir';
import { createVendorSimulator } from './index';

const NOW = new Date('2026-11-20T14:00:00Z'); // a Friday
const VENDOR = 'Organization/vendor-nemt-1';
const cc = (system: string, code: string) => ({ coding: [{ system, code }] });

function world(opts: { start?: string; service?: 'transport' | 'dme'; tasks?: string[] } = {}): FakeResource[] {
  const service = opts.service ?? 'transport';
  const request: FakeResource = service === 'dme'
    ? { resourceType: 'DeviceRequest', id: 'req-1', status: 'active', intent: 'order', codeCodeableConcept: cc(SYSTEMS.hcpcs, 'E1390'), subject: { reference: 'Patient/pat-1' }, occurrencePeriod: { start: opts.start ?? '2026-11-20T16:00:00.000Z' } }
    : { resourceType: 'ServiceRequest', id: 'req-1', status: 'active', intent: 'order', category: [cc(SYSTEMS.serviceType, 'transport')], code: cc(SYSTEMS.hcpcs, 'A0130'), subject: { reference: 'Patient/pat-1' }, occurrencePeriod: { start: opts.start ?? '2026-11-20T16:00:00.000Z' } };
  const focus = `${request.resourceType}/req-1`;
  return [
    { resourceType: 'Patient', id: 'pat-1' },
    { resourceType: 'Organization', id: 'vendor-nemt-1', name: 'Metro Mobility' },
    { resourceType: 'HealthcareService', id: 'hcs-nemt-1', providedBy: { reference: VENDOR }, availableTime: [{ daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'], availableStartTime: '07:00:00', availableEndTime: '18:00:00' }] },
    request,
    ...(opts.tasks ?? ['task-1']).map((id) => ({
      resourceType: 'Task', id, status: 'requested', intent: 'order', identifier: [{ system: SYSTEMS.bookingId, value: `uuid-${id}` }],
      businessStatus: cc(SYSTEMS.milestone, 'sent'), code: cc(SYSTEMS.taskCode, 'fulfill'), focus: { reference: focus },
      for: { reference: 'Patient/pat-1' }, owner: { reference: VENDOR }, authoredOn: NOW.toISOString(), lastModified: NOW.toISOString(),
      input: [{ type: cc(SYSTEMS.taskParam, 'pickup-location'), valueReference: { reference: 'Location/loc-hospital' } }],
    })),
  ];
}

const milestone = (r: FakeResource | undefined) => (r?.businessStatus as { coding: { code: string }[] } | undefined)?.coding[0]?.code;
const output = (r: FakeResource | undefined, code: string) =>
  (r?.output as { type: { coding: { code: string }[] }; valueString?: string; valueReference?: { reference: string }; valueDateTime?: string }[] | undefined)
    ?.find((o) => o.type.coding[0]?.code === code);
const provenanceFor = (fhir: ReturnType<typeof createFakeFhir>, taskId: string) =>
  fhir.all('Provenance').filter((p) => (p.target as { reference: string }[])[0]?.reference === `Task/${taskId}`)
    .map((p) => (p.activity as { coding: { code: string }[] }).coding[0]?.code);

function stepSim(fhir: ReturnType<typeof createFakeFhir>, seed = 1) {
  return createVendorSimulator({ fhir, mode: 'step', seed, now: () => NOW, timings: { declineProbability: 0 } });
}

describe('vendor simulator (step mode)', () => {
  it.each([['A0130', 'NEMT'], ['T2005', 'NEMT'], ['A0428', 'BLS'], ['A0426', 'ALS']])('a %s trip is confirmed as %s-…', (code, prefix) => {
    const request = { resourceType: 'ServiceRequest' as const, id: 'r', status: 'active', intent: 'order', code: cc(SYSTEMS.hcpcs, code) };
    expect(confirmationPrefix('transport', request)).toBe(prefix);
  });

  it('home health and DME keep their own prefixes', () => {
    const dme = { resourceType: 'DeviceRequest' as const, id: 'r', status: 'active', intent: 'order', codeCodeableConcept: cc(SYSTEMS.hcpcs, 'E1390') };
    expect(confirmationPrefix('dme', dme)).toBe('DME');
    expect(confirmationPrefix('home-health', { ...dme, resourceType: 'ServiceRequest' as const })).toBe('HH');
  });

  it('accepts, then books with an Appointment, a confirmation number and Provenance', async () => {
    const fhir = createFakeFhir(world());
    const sim = stepSim(fhir);
    const [accepted] = await sim.step();
    expect(accepted).toMatchObject({ taskId: 'task-1', from: 'sent', to: 'accepted', status: 'accepted' });
    expect(fhir.get('Task/task-1')?.status).toBe('accepted');

    const [booked] = await sim.step();
    const task = fhir.get('Task/task-1');
    expect(milestone(task)).toBe('booked');
    expect(output(task, 'confirmation-number')?.valueString).toMatch(/^NEMT-\d{4}$/);
    expect(output(task, 'eta')?.valueDateTime).toBe('2026-11-20T16:00:00.000Z');
    const appt = fhir.get(output(task, 'appointment')?.valueReference?.reference ?? '');
    expect(appt).toMatchObject({
      status: 'booked', start: '2026-11-20T16:00:00.000Z', basedOn: [{ reference: 'ServiceRequest/req-1' }],
      participant: [{ actor: { reference: 'Patient/pat-1' }, status: 'needs-action' }, { actor: { reference: 'HealthcareService/hcs-nemt-1' }, status: 'accepted' }, { actor: { reference: 'Location/loc-hospital' } }],
    });
    expect(booked?.confirmation).toBe(output(task, 'confirmation-number')?.valueString);
    expect(provenanceFor(fhir, 'task-1')).toEqual(['accepted', 'booked']);
    const prov = fhir.get(`Provenance/${booked?.provenanceId}`);
    expect(prov).toMatchObject({ agent: [{ who: { reference: VENDOR } }], recorded: NOW.toISOString() });
    // Every write was optimistic.
    expect(fhir.log.filter((l) => l.startsWith('PUT Task'))).toHaveLength(2);
  });

  it('moves each open Task by exactly one milestone per step, through to completion', async () => {
    const fhir = createFakeFhir(world({ tasks: ['task-1', 'task-2'] }));
    const sim = stepSim(fhir);
    const expected = ['accepted', 'booked', 'driver-assigned', 'en-route', 'picked-up', 'service-completed'];
    for (const m of expected) {
      const actions = await sim.step();
      expect(actions.map((a) => a.to)).toEqual([m, m]);
      expect(milestone(fhir.get('Task/task-1'))).toBe(m);
    }
    expect(fhir.get('Task/task-1')?.status).toBe('completed');
    expect(provenanceFor(fhir, 'task-2')).toEqual(expected);
    expect(fhir.all('Appointment').map((a) => a.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await sim.step()).toEqual([]);
  });

  it('DME goes booked → delivered (completed)', async () => {
    const fhir = createFakeFhir(world({ service: 'dme' }));
    const sim = stepSim(fhir);
    await sim.step();
    await sim.step();
    const [delivered] = await sim.step();
    expect(delivered).toMatchObject({ to: 'delivered', status: 'completed' });
    expect(fhir.all('Appointment')[0]).toMatchObject({ status: 'fulfilled', supportingInformation: [{ reference: 'DeviceRequest/req-1' }] });
  });

  it('books the nearest slot in the vendor hours when the requested time is outside them', async () => {
    const fhir = createFakeFhir(world({ start: '2026-11-21T03:00:00.000Z' })); // Saturday night
    const sim = stepSim(fhir);
    await sim.step();
    await sim.step();
    expect(fhir.all('Appointment')[0]?.start).toBe('2026-11-23T07:00:00.000Z');
  });

  it('declines when scripted, with a reason, and leaves no Appointment', async () => {
    const fhir = createFakeFhir(world());
    const sim = stepSim(fhir);
    sim.script({ match: { owner: VENDOR }, actions: ['decline'] });
    const [action] = await sim.step();
    const task = fhir.get('Task/task-1');
    expect(action).toMatchObject({ action: 'decline', to: 'declined', status: 'rejected' });
    expect(task).toMatchObject({ status: 'rejected', statusReason: { text: expect.any(String) } });
    expect(milestone(task)).toBe('declined');
    expect(provenanceFor(fhir, 'task-1')).toEqual(['declined']);
    expect(await sim.step()).toEqual([]); // a rejected Task is closed
  });

  it('a scripted no-answer leaves the Task requested, step after step', async () => {
    const fhir = createFakeFhir(world());
    const sim = stepSim(fhir);
    sim.script({ match: { taskIdentifier: `${SYSTEMS.bookingId}|uuid-task-1` }, actions: ['no-answer'] });
    await sim.step();
    await sim.step();
    expect(fhir.get('Task/task-1')?.status).toBe('requested');
    expect(fhir.all('Provenance')).toEqual([]);
  });

  it('reschedules when scripted: new Appointment time and eta, then re-confirms', async () => {
    const fhir = createFakeFhir(world());
    const sim = stepSim(fhir);
    sim.script({ match: { serviceType: 'transport' }, actions: ['accept', 'book', 'reschedule', '2026-11-23T15:00:00Z'] });
    await sim.step();
    await sim.step();
    const [r] = await sim.step();
    const task = fhir.get('Task/task-1');
    expect(r).toMatchObject({ action: 'reschedule', to: 'reschedule-requested' });
    expect(output(task, 'eta')?.valueDateTime).toBe('2026-11-23T15:00:00.000Z');
    expect(fhir.all('Appointment')[0]).toMatchObject({ status: 'booked', start: '2026-11-23T15:00:00.000Z' });
    const [again] = await sim.step();
    expect(again).toMatchObject({ to: 'booked' });
  });

  it('on 412 re-reads and never overwrites the app cancelling the Task', async () => {
    const fhir = createFakeFhir(world());
    const sim = stepSim(fhir);
    fhir.onBeforePut = (key) => {
      fhir.onBeforePut = undefined;
      const t = fhir.get(key)!;
      fhir.put({ ...t, status: 'cancelled', businessStatus: cc(SYSTEMS.milestone, 'cancelled-by-facility'), statusReason: { text: 'Discharge postponed' } });
    };
    const [action] = await sim.step();
    expect(action).toMatchObject({ action: 'none', conflicts: 1, status: 'cancelled' });
    const task = fhir.get('Task/task-1');
    expect(task).toMatchObject({ status: 'cancelled', statusReason: { text: 'Discharge postponed' } });
    expect(milestone(task)).toBe('cancelled-by-facility');
    // No milestone of its own: only the dispatcher's acknowledgement of the cancel.
    expect(provenanceFor(fhir, 'task-1')).toEqual(['cancellation-acknowledged']);
  });

  it('acknowledges each recent cancel once (a Provenance by the vendor), and leaves old ones and the Task alone', async () => {
    const fhir = createFakeFhir(world({ tasks: ['task-1', 'task-2'] }));
    const cancel = (id: string, at: Date) => fhir.put({
      ...fhir.get(`Task/${id}`)!, status: 'cancelled', businessStatus: cc(SYSTEMS.milestone, 'cancelled-by-patient'),
      statusReason: { text: 'Family will drive' }, lastModified: at.toISOString(),
    });
    cancel('task-1', NOW);
    cancel('task-2', new Date(NOW.getTime() - 3 * 24 * 3_600_000)); // settled long ago (the seeded history)
    const sim = stepSim(fhir);
    const before = JSON.stringify(fhir.get('Task/task-1'));
    await sim.step();
    await sim.step();
    expect(provenanceFor(fhir, 'task-1')).toEqual(['cancellation-acknowledged']);
    expect(provenanceFor(fhir, 'task-2')).toEqual([]);
    expect(fhir.all('Provenance')[0]).toMatchObject({ agent: [{ who: { reference: VENDOR } }] });
    expect(JSON.stringify(fhir.get('Task/task-1'))).toBe(before);
    // A restarted simulator finds the acknowledgement on the server and writes none again.
    await stepSim(fhir).step();
    expect(provenanceFor(fhir, 'task-1')).toEqual(['cancellation-acknowledged']);
  });

  it('on 412 during booking, cancels its own Appointment if the app cancelled the Task', async () => {
    const fhir = createFakeFhir(world());
    const sim = stepSim(fhir);
    await sim.step();
    fhir.onBeforePut = (key) => {
      if (!key.startsWith('Task/')) return;
      fhir.onBeforePut = undefined;
      fhir.put({ ...fhir.get(key)!, status: 'cancelled', businessStatus: cc(SYSTEMS.milestone, 'cancelled-by-patient'), statusReason: { text: 'Family driving' } });
    };
    await sim.step();
    expect(fhir.get('Task/task-1')?.status).toBe('cancelled');
    expect(fhir.all('Appointment').map((a) => a.status)).toEqual(['cancelled']);
  });

  it('on 412 from a harmless change, retries on the fresh version and keeps that change', async () => {
    const fhir = createFakeFhir(world());
    const sim = stepSim(fhir);
    fhir.onBeforePut = (key) => {
      fhir.onBeforePut = undefined;
      fhir.put({ ...fhir.get(key)!, note: [{ text: 'Patient uses a walker' }] });
    };
    const [action] = await sim.step();
    expect(action).toMatchObject({ to: 'accepted', conflicts: 1 });
    expect(fhir.get('Task/task-1')).toMatchObject({ status: 'accepted', note: [{ text: 'Patient uses a walker' }] });
  });

  it('declines a deterministic share of requests from the seed', async () => {
    const outcomes = async (seed: number) => {
      const ids = Array.from({ length: 40 }, (_, i) => `task-${String(i).padStart(2, '0')}`);
      const fhir = createFakeFhir(world({ tasks: ids }));
      const sim = createVendorSimulator({ fhir, mode: 'step', seed, now: () => NOW, timings: { declineProbability: 0.25 } });
      return (await sim.step()).map((a) => a.to);
    };
    const a = await outcomes(3);
    expect(await outcomes(3)).toEqual(a);
    const declines = a.filter((m) => m === 'declined').length;
    expect(declines).toBeGreaterThan(0);
    expect(declines).toBeLessThan(20);
  });
});

describe('vendor simulator (auto mode)', () => {
  it('waits for the configured delay before moving', async () => {
    let clock = NOW;
    const fhir = createFakeFhir(world());
    const sim = createVendorSimulator({ fhir, mode: 'auto', now: () => clock, timings: { accept: 60_000, declineProbability: 0, rescheduleProbability: 0, vendorNoShowProbability: 0 } });
    expect(await sim.step()).toEqual([]);
    clock = new Date(NOW.getTime() + 61_000);
    expect((await sim.step()).map((a) => a.to)).toEqual(['accepted']);
  });
});

describe('handleAdmin', () => {
  it('serves GET, POST /script and POST /step', async () => {
    const fhir = createFakeFhir(world());
    const sim = stepSim(fhir);
    const server = createServer((req, res) => void sim.handleAdmin(req, res));
    await new Promise<void>((r) => server.listen(0, r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/__sandbox/sim`;
    try {
      expect(await (await fetch(base)).json()).toMatchObject({ mode: 'step', running: false, scripts: [] });
      const bad = await fetch(`${base}/script`, { method: 'POST', body: '{"actions":[]}' });
      expect(bad.status).toBe(400);
      const ok = await fetch(`${base}/script`, { method: 'POST', body: JSON.stringify({ match: { owner: VENDOR }, actions: ['decline', 'No stretcher today'] }) });
      expect(ok.status).toBe(201);
      const stepped = (await (await fetch(`${base}/step`, { method: 'POST' })).json()) as { actions: { to: string }[] };
      expect(stepped.actions.map((a) => a.to)).toEqual(['declined']);
      expect(fhir.get('Task/task-1')).toMatchObject({ statusReason: { text: 'No stretcher today' } });
    } finally {
      server.close();
    }
  });
});

describe('vendor simulator on the sandbox seed', () => {
  it('moves the seeded open bookings and leaves settled ones alone', async () => {
    const { generateSeed } = await import('../seed/index');
    const seeded = generateSeed({ seed: 42, now: NOW }) as FakeResource[];
    const fhir = createFakeFhir(seeded);
    const sim = stepSim(fhir);
    const before = fhir.all('Task').filter((t) => ['rejected', 'completed', 'cancelled', 'failed'].includes(String(t.status))).map((t) => JSON.stringify(t));
    const first = await sim.step();
    expect(first.map((a) => `${a.taskId}:${a.from}->${a.to}`)).toEqual(expect.arrayContaining([
      'task-b002-1:sent->accepted', 'task-b003-1:booked->driver-assigned', 'task-b004-2:accepted->booked', 'task-b006-1:sent->accepted',
    ]));
    for (let i = 0; i < 6; i++) await sim.step();
    expect(fhir.get('Task/task-b002-1')?.status).toBe('completed');
    const after = fhir.all('Task').filter((t) => before.some((b) => JSON.parse(b).id === t.id)).map((t) => JSON.stringify(t));
    expect(after).toEqual(before);
  });
});
