// Auto mode over 24 sandbox hours on a fast clock: no vendor ever reports a pickup,
// a visit or a delivery before the time it booked.
import { describe, expect, it } from 'vitest';
import { SYSTEMS, type ServiceType } from '../../shared/fhir/codes';
import { createSandboxClock, clockSpeedFromEnv } from '../clock';
import { scheduledTimeOf } from './decide';
import { createFakeFhir, type FakeFhir, type FakeResource } from './fake-fhir';
import { TaskSchema } from './fhir-io';
import { createVendorSimulator } from './index';

const START = Date.parse('2026-11-20T14:00:00Z'); // a Friday, 09:00 in New York
const HOUR = 3_600_000;
const cc = (system: string, code: string) => ({ coding: [{ system, code }] });
/** Milestones that say the service happened: none may come before the booked time. */
const HAPPENED = new Set(['picked-up', 'service-completed', 'delivered']);

export interface Reported { taskId: string; milestone: string; at: number; scheduled?: number }

/** The reports that break the rule "nothing happens before the booked time". */
export function earlyReports(reports: readonly Reported[]): Reported[] {
  return reports.filter((r) => HAPPENED.has(r.milestone) && (r.scheduled === undefined || r.at < r.scheduled));
}

function world(): FakeResource[] {
  const services: ServiceType[] = ['transport', 'home-health', 'dme'];
  const out: FakeResource[] = [
    { resourceType: 'Patient', id: 'pat-1' },
    { resourceType: 'Organization', id: 'vendor-1', name: 'Any Hour Vendor' },
    { resourceType: 'HealthcareService', id: 'hcs-1', providedBy: { reference: 'Organization/vendor-1' }, availableTime: [{ allDay: true }] },
  ];
  // 24 bookings: one requested every hour from 30 minutes from now, across the three services.
  for (let i = 0; i < 24; i++) {
    const service = services[i % 3]!;
    const start = new Date(START + 30 * 60_000 + i * HOUR).toISOString();
    const request: FakeResource = service === 'dme'
      ? { resourceType: 'DeviceRequest', id: `req-${i}`, status: 'active', intent: 'order', codeCodeableConcept: cc(SYSTEMS.hcpcs, 'E1390'), subject: { reference: 'Patient/pat-1' }, occurrencePeriod: { start } }
      : { resourceType: 'ServiceRequest', id: `req-${i}`, status: 'active', intent: 'order', category: [cc(SYSTEMS.serviceType, service)], code: cc(SYSTEMS.hcpcs, service === 'transport' ? 'A0130' : 'G0151'), subject: { reference: 'Patient/pat-1' }, occurrencePeriod: { start } };
    out.push(request, {
      resourceType: 'Task', id: `task-${String(i).padStart(2, '0')}`, status: 'requested', intent: 'order',
      businessStatus: cc(SYSTEMS.milestone, 'sent'), code: cc(SYSTEMS.taskCode, 'fulfill'), focus: { reference: `${request.resourceType}/req-${i}` },
      for: { reference: 'Patient/pat-1' }, owner: { reference: 'Organization/vendor-1' },
      authoredOn: new Date(START).toISOString(), lastModified: new Date(START).toISOString(),
    });
  }
  return out;
}

/** Runs the auto-mode simulator on a sped-up sandbox clock, one tick per real second. */
async function run24h(speed: number): Promise<{ reports: Reported[]; fhir: FakeFhir }> {
  let real = START;
  const clock = createSandboxClock({ speed, realNow: () => real });
  const fhir = createFakeFhir(world());
  const sim = createVendorSimulator({ fhir, mode: 'auto', seed: 7, now: clock.now, timings: { declineProbability: 0.1, rescheduleProbability: 0.1, vendorNoShowProbability: 0.05 } });
  const reports: Reported[] = [];
  while (clock.now().getTime() < START + 24 * HOUR) {
    real += 1_000;
    for (const a of await sim.step()) {
      if (!a.to) continue;
      const task = TaskSchema.parse(fhir.get(`Task/${a.taskId}`));
      // The Appointment is what the vendor booked; the eta follows reschedules.
      const appt = fhir.get(String(task.output?.find((o) => o.valueReference?.reference?.startsWith('Appointment/'))?.valueReference?.reference));
      const scheduled = scheduledTimeOf(task)?.getTime() ?? (appt?.start ? Date.parse(String(appt.start)) : undefined);
      reports.push({ taskId: a.taskId, milestone: a.to, at: clock.now().getTime(), scheduled });
    }
  }
  return { reports, fhir };
}

describe('sandbox clock', () => {
  it('runs `speed` times as fast as the real clock, from the real time it started', () => {
    let real = START;
    const clock = createSandboxClock({ speed: 60, realNow: () => real });
    expect(clock.now().getTime()).toBe(START);
    real += 60_000;
    expect(clock.now().getTime()).toBe(START + HOUR);
  });

  it('reads SANDBOX_CLOCK_SPEED and refuses nonsense with a clear message', () => {
    expect(clockSpeedFromEnv(undefined)).toBe(1);
    expect(clockSpeedFromEnv('60')).toBe(60);
    expect(() => clockSpeedFromEnv('fast')).toThrow(/SANDBOX_CLOCK_SPEED must be a positive number/);
    expect(() => clockSpeedFromEnv('0')).toThrow(/positive/);
  });
});

describe('vendor simulator (auto mode) over 24 sandbox hours', () => {
  it('never reports a pickup, a visit or a delivery before the booked time', async () => {
    const { reports, fhir } = await run24h(720); // 24 sandbox hours in 2 real minutes, simulated
    const happened = reports.filter((r) => HAPPENED.has(r.milestone));
    // Not vacuous: most bookings ran to the end, across all three services.
    expect(happened.length).toBeGreaterThanOrEqual(20);
    expect(new Set(happened.map((r) => r.milestone))).toEqual(new Set(['picked-up', 'service-completed', 'delivered']));
    expect(earlyReports(reports)).toEqual([]);
    // Driver assigned and en route come before the pickup time, not at booking.
    for (const r of reports.filter((x) => x.milestone === 'driver-assigned' || x.milestone === 'en-route')) {
      expect(r.scheduled! - r.at).toBeLessThanOrEqual(60 * 60_000);
    }
    // Bookings still ahead at the end of the run are not completed.
    const end = START + 24 * HOUR;
    for (const t of fhir.all('Task').map((x) => TaskSchema.parse(x))) {
      const s = scheduledTimeOf(t)?.getTime();
      if (s !== undefined && s > end) expect(t.status).not.toBe('completed');
    }
  });

  it('the check itself catches a pickup reported 40 minutes early', () => {
    const s = START + 2 * HOUR;
    expect(earlyReports([
      { taskId: 't', milestone: 'en-route', at: s - 40 * 60_000, scheduled: s },
      { taskId: 't', milestone: 'picked-up', at: s - 40 * 60_000, scheduled: s },
      { taskId: 'u', milestone: 'delivered', at: s + 1, scheduled: s },
    ])).toEqual([{ taskId: 't', milestone: 'picked-up', at: s - 40 * 60_000, scheduled: s }]);
  });
});

describe('the sandbox seed under the auto-mode simulator', () => {
  it('shows no booking completed, picked up or delivered before its time, at seeding or 20 sandbox minutes later', async () => {
    const { generateSeed } = await import('../seed/index');
    const now = new Date(START);
    const fhir = createFakeFhir(generateSeed({ seed: 42, now }) as FakeResource[]);
    const startOf = (t: FakeResource): number | undefined => {
      const task = TaskSchema.parse(t);
      const eta = scheduledTimeOf(task)?.getTime();
      if (eta !== undefined) return eta;
      const appt = fhir.get(String(task.output?.find((o) => o.valueReference?.reference?.startsWith('Appointment/'))?.valueReference?.reference));
      return appt?.start ? Date.parse(String(appt.start)) : undefined;
    };
    const early = (at: number) => fhir.all('Task')
      .filter((t) => ['picked-up', 'service-completed', 'delivered'].includes(String((t.businessStatus as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code)))
      .filter((t) => (startOf(t) ?? -Infinity) > at).map((t) => t.id);
    expect(early(now.getTime())).toEqual([]);
    const booked = fhir.all('Task').filter((t) => t.status === 'accepted' && (startOf(t) ?? 0) > now.getTime() + HOUR).map((t) => t.id);
    expect(booked.length).toBeGreaterThan(0); // the seed has bookings ahead (pat-003, pat-005)

    let real = START;
    const clock = createSandboxClock({ speed: 1, realNow: () => real });
    const sim = createVendorSimulator({ fhir, mode: 'auto', seed: 1, now: clock.now, timings: { rescheduleProbability: 0, vendorNoShowProbability: 0 } });
    for (let i = 0; i < 120; i++) { // 20 minutes of 10-second ticks: the old simulator completed everything in 2
      real += 10_000;
      await sim.step();
    }
    expect(early(clock.now().getTime())).toEqual([]);
    for (const id of booked) expect(fhir.get(`Task/${id}`)?.status).not.toBe('completed');
  });
});
