// Turns a BookingPlan into the FHIR resources of docs/fhir-model.md.
import type {
  Appointment, Communication, DeviceRequest, Identifier, Provenance, Reference, ServiceRequest, Task, TaskOutput,
} from '@medplum/fhirtypes';
import { SYSTEMS, TASK_PARAMS } from '../../shared/fhir/codes';
import { cc, coding, iso, ref, type SeedContext } from './context';
import { requestId, requestRef, type AttemptPlan, type BookingPlan, type MilestoneStep } from './booking-plan';
import { healthcareServiceId, vendorById } from './vendors';

const PROVENANCE_AGENT = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';

function bookingIdentifier(ctx: SeedContext): Identifier[] {
  return [{ system: SYSTEMS.bookingId, value: ctx.f.string.uuid() }];
}

function reqRef(plan: BookingPlan): Reference<never> {
  return { reference: requestRef(plan) };
}

export function buildBooking(ctx: SeedContext, plan: BookingPlan): void {
  const last = plan.attempts[plan.attempts.length - 1];
  if (plan.service === 'dme') ctx.add(deviceRequest(ctx, plan, last?.vendorId));
  else ctx.add(serviceRequest(ctx, plan, last?.vendorId));
  plan.attempts.forEach((attempt, i) => buildAttempt(ctx, plan, attempt, i + 1));
  plan.communications.forEach((c, i) => {
    ctx.add<Communication>({
      resourceType: 'Communication', id: `comm-${plan.key}-${i + 1}`, identifier: bookingIdentifier(ctx),
      status: 'completed', subject: ref('Patient', plan.patientId), recipient: [ref('Patient', plan.patientId)],
      sent: iso(c.at), basedOn: [reqRef(plan)], about: [reqRef(plan)], encounter: ref('Encounter', plan.encounterId),
      sender: c.vendorId ? ref('Organization', c.vendorId) : ref('PractitionerRole', c.staffRole ?? plan.requesterRole),
      payload: [{ contentString: c.text }],
    });
  });
}

function common(plan: BookingPlan) {
  return {
    subject: ref('Patient', plan.patientId),
    encounter: ref('Encounter', plan.encounterId),
    authoredOn: iso(plan.authoredOn),
    occurrencePeriod: { start: iso(plan.window.start), end: iso(plan.window.end) },
    requester: ref('PractitionerRole', plan.requesterRole),
    ...(plan.coverageId ? { insurance: [ref('Coverage', plan.coverageId)] } : {}),
    ...(plan.reasonConditionId ? { reasonReference: [ref('Condition', plan.reasonConditionId)] } : {}),
    ...(plan.note ? { note: [{ text: plan.note }] } : {}),
  };
}

function serviceRequest(ctx: SeedContext, plan: BookingPlan, vendorId?: string): ServiceRequest {
  const system = plan.service === 'home-health' ? SYSTEMS.snomed : SYSTEMS.hcpcs;
  return {
    resourceType: 'ServiceRequest', id: requestId(plan), identifier: bookingIdentifier(ctx),
    status: plan.requestStatus, intent: 'order',
    category: [cc(SYSTEMS.serviceType, plan.service)],
    code: cc(system, plan.code, plan.display),
    ...common(plan),
    ...(vendorId ? { performer: [ref('Organization', vendorId)] } : {}),
    ...(plan.tripId ? { requisition: { system: SYSTEMS.bookingId, value: plan.tripId } } : {}),
    ...(plan.capabilities.length ? { orderDetail: plan.capabilities.map((c) => cc(SYSTEMS.capability, c)) } : {}),
  };
}

// R4 DeviceRequest has no category/orderDetail/requisition: the HCPCS code says DME,
// groupIdentifier groups orders and capabilities travel as parameters.
function deviceRequest(ctx: SeedContext, plan: BookingPlan, vendorId?: string): DeviceRequest {
  return {
    resourceType: 'DeviceRequest', id: requestId(plan), identifier: bookingIdentifier(ctx),
    status: plan.requestStatus, intent: 'order',
    codeCodeableConcept: cc(SYSTEMS.hcpcs, plan.code, plan.display),
    ...common(plan),
    ...(vendorId ? { performer: ref('Organization', vendorId) } : {}),
    ...(plan.tripId ? { groupIdentifier: { system: SYSTEMS.bookingId, value: plan.tripId } } : {}),
    ...(plan.capabilities.length
      ? { parameter: plan.capabilities.map((c) => ({ code: cc(SYSTEMS.capability, c), valueBoolean: true })) } : {}),
  };
}

function buildAttempt(ctx: SeedContext, plan: BookingPlan, attempt: AttemptPlan, n: number): void {
  const taskId = `task-${plan.key}-${n}`;
  const apptId = `appt-${plan.key}${plan.attempts.length > 1 ? `-${n}` : ''}`;
  const provIds = attempt.steps.map((step, m) => {
    const id = `prov-${plan.key}-${n}-${m + 1}`;
    ctx.add(provenance(id, taskId, attempt.vendorId, step));
    return id;
  });
  const first = attempt.steps[0];
  const final = attempt.steps[attempt.steps.length - 1];
  if (!first || !final) throw new Error(`Booking ${plan.key} attempt ${n} has no steps`);
  const appt = attempt.appointment;
  const output: TaskOutput[] = [];
  if (appt) {
    ctx.add(appointment(ctx, plan, attempt, apptId));
    output.push(
      { type: cc(SYSTEMS.taskParam, TASK_PARAMS.appointment), valueReference: ref('Appointment', apptId) },
      { type: cc(SYSTEMS.taskParam, TASK_PARAMS.confirmationNumber), valueString: appt.confirmation },
    );
    if (appt.eta) output.push({ type: cc(SYSTEMS.taskParam, TASK_PARAMS.eta), valueDateTime: iso(appt.eta) });
  }
  const input = [
    ...(plan.pickupLocationId ? [{ type: cc(SYSTEMS.taskParam, TASK_PARAMS.pickupLocation), valueReference: ref('Location', plan.pickupLocationId) }] : []),
    ...(plan.dropoffLocationId ? [{ type: cc(SYSTEMS.taskParam, TASK_PARAMS.dropoffLocation), valueReference: ref('Location', plan.dropoffLocationId) }] : []),
  ];
  ctx.add<Task>({
    resourceType: 'Task', id: taskId, identifier: bookingIdentifier(ctx),
    status: final.status, businessStatus: cc(SYSTEMS.milestone, final.milestone),
    ...(final.reason ? { statusReason: statusReason(final.status, final.reason) } : {}),
    intent: 'order', code: cc(SYSTEMS.taskCode, 'fulfill'),
    focus: reqRef(plan), for: ref('Patient', plan.patientId), encounter: ref('Encounter', plan.encounterId),
    authoredOn: iso(first.at), lastModified: iso(final.at),
    requester: ref('PractitionerRole', plan.requesterRole),
    owner: ref('Organization', attempt.vendorId, vendorById(attempt.vendorId).name),
    restriction: { period: { end: iso(plan.window.end) } },
    ...(plan.coverageId ? { insurance: [ref('Coverage', plan.coverageId)] } : {}),
    ...(input.length ? { input } : {}),
    ...(output.length ? { output } : {}),
    relevantHistory: provIds.map((id) => ref('Provenance', id)),
  });
}

/** The seeded cancel reasons, coded as the app codes them (shared/booking/cancel-reasons.ts). */
const CANCEL_CODES: Readonly<Record<string, string>> = {
  'Discharge postponed: new lab results': 'discharge-delayed',
  'Attending held discharge for observation': 'clinical-change',
  'Family will drive the patient home': 'own-transport',
  'Patient declined the service': 'patient-declined',
};

function statusReason(status: string, text: string): Task['statusReason'] {
  const code = status === 'cancelled' ? CANCEL_CODES[text] : undefined;
  return code ? { coding: [{ system: SYSTEMS.cancelReason, code }], text } : { text };
}

function provenance(id: string, taskId: string, vendorId: string, step: MilestoneStep): Provenance {
  const who = step.staffRole ? ref('PractitionerRole', step.staffRole) : ref('Organization', vendorId);
  return {
    resourceType: 'Provenance', id, target: [ref('Task', taskId)], recorded: iso(step.at), occurredDateTime: iso(step.at),
    activity: { coding: [coding(SYSTEMS.milestone, step.milestone)] },
    agent: [{ type: cc(PROVENANCE_AGENT, 'author', 'Author'), who }],
  };
}

function appointment(ctx: SeedContext, plan: BookingPlan, attempt: AttemptPlan, id: string): Appointment {
  const a = attempt.appointment;
  if (!a) throw new Error('appointment() needs an appointment plan');
  const booked = attempt.steps.find((s) => s.milestone === 'booked') ?? attempt.steps[0];
  return {
    resourceType: 'Appointment', id,
    identifier: [...bookingIdentifier(ctx), { system: SYSTEMS.confirmation, value: a.confirmation }],
    status: a.status,
    serviceCategory: [cc(SYSTEMS.serviceType, plan.service)],
    // Appointment.basedOn is ServiceRequest-only in R4; a DME delivery points at its DeviceRequest here.
    ...(plan.service === 'dme'
      ? { supportingInformation: [reqRef(plan)] } : { basedOn: [reqRef(plan)] }),
    start: iso(a.start), end: iso(a.end),
    ...(booked ? { created: iso(booked.at) } : {}),
    description: `${plan.display} (${vendorById(attempt.vendorId).name})`,
    participant: [
      { actor: ref('Patient', plan.patientId), status: a.patientConfirmed ? 'accepted' : 'needs-action', required: 'required' },
      // R4 allows no Organization here: the vendor takes part through its HealthcareService.
      { actor: ref('HealthcareService', healthcareServiceId(attempt.vendorId)), status: 'accepted' },
      ...(plan.pickupLocationId ? [{ actor: ref('Location', plan.pickupLocationId), status: 'accepted' as const }] : []),
    ],
  };
}
