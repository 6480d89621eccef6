// Writes one vendor decision to the FHIR server: Appointment (for bookings), the
// Task (If-Match), then the Provenance and Appointment follow-ups.
import type { Appointment, AppointmentParticipant, Provenance, Reference } from '@medplum/fhirtypes';
import { SYSTEMS, TASK_PARAMS, type ServiceType } from '../../shared/fhir/codes';
import type { FhirRequester } from '../contracts';
import type { Decision } from './decide';
import {
  AppointmentSchema, SimConflictError, TaskSchema, createResource, readResource, updateResource,
  type SimRequest, type SimServiceHours, type SimTask,
} from './fhir-io';
import { nearestSlot } from './hours';

const DURATION_MIN: Record<ServiceType, number> = { transport: 60, 'home-health': 90, dme: 120 };
const PREFIX: Record<ServiceType, string> = { transport: 'NEMT', 'home-health': 'HH', dme: 'DME' };
/** Ambulance trips are confirmed by the ambulance desk, under its own prefix (a BLS trip is not "NEMT-…"). */
const AMBULANCE_PREFIX: Readonly<Record<string, string>> = { A0428: 'BLS', A0426: 'ALS' };

export function confirmationPrefix(service: ServiceType, request: SimRequest): string {
  const code = (request.code ?? request.codeCodeableConcept)?.coding?.find((c) => c.system === SYSTEMS.hcpcs)?.code;
  return (service === 'transport' && code ? AMBULANCE_PREFIX[code] : undefined) ?? PREFIX[service];
}

export interface ApplyContext {
  fhir: FhirRequester;
  now: Date;
  service: ServiceType;
  request: SimRequest;
  /** The vendor's HealthcareService: its hours, and the Appointment participant standing for the vendor. */
  hours?: SimServiceHours;
  /** Deterministic 4-digit number for this Task's confirmation. */
  confirmationDigits: number;
  /** The zone the vendor hours are read in (the facility's); UTC when absent. */
  timeZone?: string;
}

export interface Applied { task: SimTask; appointmentId?: string; confirmation?: string; provenanceId: string }

function outputOf(task: SimTask, code: string) {
  return task.output?.find((o) => o.type.coding?.some((c) => c.system === SYSTEMS.taskParam && c.code === code));
}

export function appointmentIdOf(task: SimTask): string | undefined {
  return outputOf(task, TASK_PARAMS.appointment)?.valueReference?.reference?.replace(/^Appointment\//, '');
}

function param(code: string, value: Record<string, unknown>) {
  return { type: { coding: [{ system: SYSTEMS.taskParam, code }] }, ...value };
}

function requestedStart(ctx: ApplyContext): Date {
  const raw = ctx.request.occurrencePeriod?.start ?? ctx.request.occurrenceDateTime;
  const wanted = raw ? new Date(raw) : new Date(ctx.now.getTime() + 2 * 3_600_000);
  return nearestSlot(wanted, ctx.hours, ctx.timeZone);
}

/** Conditional create keyed on the Task, so a retried booking never makes a second Appointment. */
async function createAppointment(ctx: ApplyContext, task: SimTask, start: Date, confirmation: string): Promise<string> {
  const basedOn: Reference<never> = { reference: `${ctx.request.resourceType}/${ctx.request.id}` };
  const pickup = outputOrInput(task, TASK_PARAMS.pickupLocation);
  const participant: AppointmentParticipant[] = [
    ...(task.for?.reference ? [{ actor: { reference: task.for.reference }, status: 'needs-action' as const, required: 'required' as const }] : []),
    // R4 allows no Organization here: the vendor takes part through its HealthcareService.
    ...(ctx.hours?.id ? [{ actor: { reference: `HealthcareService/${ctx.hours.id}` }, status: 'accepted' as const }] : []),
    ...(pickup ? [{ actor: { reference: pickup }, status: 'accepted' as const }] : []),
  ];
  const key = `sim-${task.id}`;
  const appt: Appointment = {
    resourceType: 'Appointment',
    identifier: [{ system: SYSTEMS.bookingId, value: key }, { system: SYSTEMS.confirmation, value: confirmation }],
    status: 'booked', serviceCategory: [{ coding: [{ system: SYSTEMS.serviceType, code: ctx.service }] }],
    ...(ctx.request.resourceType === 'ServiceRequest' ? { basedOn: [basedOn] } : { supportingInformation: [basedOn] }),
    start: start.toISOString(), end: new Date(start.getTime() + DURATION_MIN[ctx.service] * 60_000).toISOString(),
    created: ctx.now.toISOString(), participant,
  };
  const created = await createResource(ctx.fhir, appt, `identifier=${SYSTEMS.bookingId}|${key}`);
  return created.id;
}

function outputOrInput(task: SimTask, code: string): string | undefined {
  return task.input?.find((i) => i.type.coding?.some((c) => c.code === code))?.valueReference?.reference;
}

export async function applyDecision(ctx: ApplyContext, task: SimTask, decision: Decision): Promise<Applied> {
  if (!decision.to || !decision.status) throw new Error('applyDecision needs a milestone and a status');
  // Confirming a time the facility asked for (not one the vendor proposed) moves the
  // vendor's Appointment to the order's new time.
  const facilityReschedule = decision.action === 'book' && task.businessStatus?.coding?.[0]?.code === 'reschedule-requested'
    && !task.statusReason?.text?.startsWith('Vendor proposed');
  const d: Decision = facilityReschedule ? { ...decision, rescheduleTo: requestedStart(ctx) } : decision;
  const next: SimTask = {
    ...task, status: decision.status, lastModified: ctx.now.toISOString(),
    businessStatus: { coding: [{ system: SYSTEMS.milestone, code: decision.to }] },
  };
  if (d.reason) next.statusReason = { text: d.reason };
  else delete next.statusReason;
  let appointmentId = appointmentIdOf(task);
  let confirmation = outputOf(task, TASK_PARAMS.confirmationNumber)?.valueString;
  if (d.action === 'book' && !appointmentId) {
    confirmation = `${confirmationPrefix(ctx.service, ctx.request)}-${ctx.confirmationDigits}`;
    const start = requestedStart(ctx);
    appointmentId = await createAppointment(ctx, task, start, confirmation);
    next.output = [
      ...(task.output ?? []).filter((o) => !o.type.coding?.some((c) => c.system === SYSTEMS.taskParam)),
      param(TASK_PARAMS.appointment, { valueReference: { reference: `Appointment/${appointmentId}` } }),
      param(TASK_PARAMS.confirmationNumber, { valueString: confirmation }),
      param(TASK_PARAMS.eta, { valueDateTime: start.toISOString() }),
    ];
  }
  if (d.rescheduleTo) {
    next.output = [
      ...(next.output ?? []).filter((o) => !o.type.coding?.some((c) => c.code === TASK_PARAMS.eta)),
      param(TASK_PARAMS.eta, { valueDateTime: d.rescheduleTo.toISOString() }),
    ];
  }
  const saved = await updateResource(ctx.fhir, next, TaskSchema);
  const provenanceId = await writeProvenance(ctx, saved, d);
  if (appointmentId && (d.appointmentStatus || d.rescheduleTo)) await settleAppointment(ctx, appointmentId, d);
  return { task: saved, appointmentId, confirmation, provenanceId };
}

async function writeProvenance(ctx: ApplyContext, task: SimTask, d: Decision): Promise<string> {
  const prov: Provenance = {
    resourceType: 'Provenance', target: [{ reference: `Task/${task.id}` }],
    recorded: ctx.now.toISOString(), occurredDateTime: ctx.now.toISOString(),
    activity: { coding: [{ system: SYSTEMS.milestone, code: d.to }] },
    agent: [{
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author' }] },
      who: { reference: task.owner?.reference ?? '' },
    }],
  };
  return (await createResource(ctx.fhir, prov)).id;
}

/** Appointment follow-ups; the app may be editing it too (patient confirmation), so re-read on 412. */
export async function settleAppointment(ctx: ApplyContext, id: string, d: Pick<Decision, 'appointmentStatus' | 'rescheduleTo'>): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const appt = await readResource(ctx.fhir, `Appointment/${id}`, AppointmentSchema);
    if (appt.status === 'cancelled') return;
    const next = { ...appt };
    if (d.appointmentStatus) next.status = d.appointmentStatus;
    if (d.rescheduleTo) {
      next.start = d.rescheduleTo.toISOString();
      next.end = new Date(d.rescheduleTo.getTime() + DURATION_MIN[ctx.service] * 60_000).toISOString();
    }
    try {
      await updateResource(ctx.fhir, next, AppointmentSchema);
      return;
    } catch (err) {
      if (!(err instanceof SimConflictError)) throw err;
    }
  }
}
