// The vendor simulator: plays every vendor through the FHIR API, the way a real
// dispatcher's system would (accept or decline, book, then report milestones).
import { z } from 'zod';
import { SYSTEMS, type ServiceType } from '../../shared/fhir/codes';
import { createCancelAcknowledger } from './acknowledge';
import { createAdminHandler } from './admin';
import { appointmentIdOf, applyDecision, settleAppointment, type ApplyContext } from './apply';
import { decide, milestoneOf, scheduledTimeOf } from './decide';
import {
  AppointmentSchema, RequestSchema, ServiceHoursSchema, SimConflictError, TaskSchema, readResource, searchResources,
  type SimRequest, type SimTask,
} from './fhir-io';
import { createScriptBook } from './scripts';
import { DEFAULT_TIMINGS, type SimAction, type SimTimings, type VendorSimulator, type VendorSimulatorOptions } from './types';

export type { SimAction, SimScript, SimTimings, VendorSimulator, VendorSimulatorOptions } from './types';
export { DEFAULT_TIMINGS } from './types';

const OPEN_TASKS = `Task?code=${SYSTEMS.taskCode}|fulfill&status=requested,accepted,in-progress&_count=100`;
const MAX_TRIES = 4;
const IdOnly = z.object({ id: z.string() });

/** FNV-1a: a stable number in [0, 1) per seed, Task and purpose, independent of visiting order. */
function hash01(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
}

function serviceTypeOf(request: SimRequest): ServiceType {
  if (request.resourceType === 'DeviceRequest') return 'dme';
  const code = request.category?.flatMap((c) => c.coding ?? []).find((c) => c.system === SYSTEMS.serviceType)?.code;
  if (code === 'home-health' || code === 'dme' || code === 'transport') return code;
  return request.code?.coding?.some((c) => c.code === '417511005') ? 'home-health' : 'transport';
}

export function createVendorSimulator(opts: VendorSimulatorOptions): VendorSimulator {
  const { fhir, mode } = opts;
  const seed = opts.seed ?? 1;
  const now = opts.now ?? (() => new Date());
  const timings: SimTimings = {
    ...DEFAULT_TIMINGS,
    ...(mode === 'step' ? { rescheduleProbability: 0, vendorNoShowProbability: 0 } : {}),
    ...opts.timings,
  };
  const scripts = createScriptBook();
  const acknowledgeCancels = createCancelAcknowledger(fhir, now);
  let timer: ReturnType<typeof setInterval> | undefined;
  let busy = false;

  async function hoursOf(owner: string | undefined) {
    if (!owner) return undefined;
    try {
      const found = await searchResources(fhir, `HealthcareService?organization=${encodeURIComponent(owner)}`, ServiceHoursSchema);
      return found[0];
    } catch {
      return undefined; // No directory entry: the vendor takes the requested time as is.
    }
  }

  /** The booked time: the vendor's eta, else its Appointment's start, else the time the facility asked for. */
  async function scheduledOf(task: SimTask, request: SimRequest): Promise<Date | undefined> {
    const eta = scheduledTimeOf(task);
    if (eta) return eta;
    const apptId = appointmentIdOf(task);
    if (apptId) {
      try {
        const start = Date.parse((await readResource(fhir, `Appointment/${apptId}`, AppointmentSchema)).start ?? '');
        if (!Number.isNaN(start)) return new Date(start);
      } catch {
        // An unreadable Appointment falls back to the requested time.
      }
    }
    const requested = Date.parse(request.occurrencePeriod?.start ?? request.occurrenceDateTime ?? '');
    return Number.isNaN(requested) ? undefined : new Date(requested);
  }

  async function advance(first: SimTask): Promise<SimAction | undefined> {
    let task = first;
    let conflicts = 0;
    let triedBooking = false;
    const focus = task.focus?.reference;
    if (!focus) return undefined;
    const request = await readResource(fhir, focus, RequestSchema);
    const service = serviceTypeOf(request);
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const scripted = scripts.next(task, service);
      const scheduled = mode === 'auto' && task.status !== 'requested' ? await scheduledOf(task, request) : undefined;
      const d = decide({
        task, service, mode, timings, now: now(), scripted, scheduled,
        rand: (salt) => hash01(`${seed}:${task.id}:${salt}`),
      });
      const base = { taskId: task.id, owner: task.owner?.reference ?? '', from: milestoneOf(task), conflicts };
      if (d.action === 'none') {
        if (d.usedScript) scripted?.commit();
        if (triedBooking) await cancelOrphanAppointment(task, service, request);
        return d.usedScript || conflicts > 0 ? { ...base, status: task.status, action: 'none', note: conflicts > 0 ? 'left alone after a conflicting change' : 'scripted no-answer' } : undefined;
      }
      const ctx: ApplyContext = {
        fhir, now: now(), service, request, timeZone: opts.timeZone, confirmationDigits: 1000 + Math.floor(hash01(`${seed}:${task.id}:confirmation`) * 9000),
        hours: d.action === 'book' ? await hoursOf(task.owner?.reference) : undefined,
      };
      try {
        const applied = await applyDecision(ctx, task, d);
        if (d.usedScript) scripted?.commit();
        return { ...base, to: d.to, status: applied.task.status, action: d.action, appointmentId: applied.appointmentId, confirmation: applied.confirmation, provenanceId: applied.provenanceId };
      } catch (err) {
        if (!(err instanceof SimConflictError)) throw err;
        // Someone else (usually the app) changed the Task: re-read and decide again, never overwrite.
        conflicts++;
        triedBooking ||= d.action === 'book';
        task = await readResource(fhir, `Task/${task.id}`, TaskSchema);
      }
    }
    return { taskId: task.id, owner: task.owner?.reference ?? '', from: milestoneOf(task), status: task.status, action: 'none', conflicts, note: 'gave up after repeated conflicts' };
  }

  /** A booking whose Task update lost the race leaves an Appointment nobody points at: cancel it. */
  async function cancelOrphanAppointment(task: SimTask, service: ServiceType, request: SimRequest): Promise<void> {
    const found = await searchResources(fhir, `Appointment?identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|sim-${task.id}`)}`, IdOnly);
    for (const a of found) {
      await settleAppointment({ fhir, now: now(), service, request, timeZone: opts.timeZone, confirmationDigits: 0 }, a.id, { appointmentStatus: 'cancelled' });
    }
  }

  async function step(): Promise<SimAction[]> {
    const tasks = (await searchResources(fhir, OPEN_TASKS, TaskSchema))
      .filter((t) => t.owner?.reference?.startsWith('Organization/'));
    const actions: SimAction[] = [];
    // One at a time: each step moves each Task by exactly one milestone, in a stable order.
    for (const task of tasks.sort((a, b) => a.id.localeCompare(b.id))) {
      const action = await advance(task);
      if (action) actions.push(action);
    }
    // Then the dispatcher confirms the cancels it was sent (each step, like each tick).
    await acknowledgeCancels();
    return actions;
  }

  const sim: VendorSimulator = {
    step,
    start() {
      if (mode !== 'auto' || timer) return;
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        step().catch((err: unknown) => console.error('[vendor-sim] step failed:', err)).finally(() => { busy = false; });
      }, opts.tickMs ?? 2_000);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    script: (rule) => scripts.add(rule),
    handleAdmin: createAdminHandler({
      mode, running: () => timer !== undefined, step, script: (rule) => scripts.add(rule),
      clearScripts: () => scripts.clear(), pending: () => scripts.pending(), now,
    }),
  };
  return sim;
}
