// The slice of FHIR state the trigger rules look at, and the small questions they
// ask of it. Everything here is pure: the loader (load-state.ts) fills it in.
import { CARE_ROLES, EXTENSIONS, SNOMED, STEP_KINDS, SYSTEMS } from '../fhir/codes';
import { codeIn, hasCode, refId } from '../fhir/refs';
import { cancelReasonOf, closesNeed } from '../booking/cancel-reasons';
import { z } from 'zod';
import { Reference } from '../fhir/datatypes';
import type {
  TAppointment, TCarePlan, TCareTeam, TCommunication, TEncounter, THealthcareService, TOrganization, TPractitionerRole, TServiceRequest, TTask,
} from '../fhir/schemas';

export interface WorkflowState {
  /** Every ServiceRequest of the patients in scope: discharge orders and bookings. */
  requests: TServiceRequest[];
  /** Vendor Tasks and internal step Tasks of those patients. */
  tasks: TTask[];
  encounters: TEncounter[];
  appointments: TAppointment[];
  communications: TCommunication[];
  careTeams: TCareTeam[];
  carePlans: TCarePlan[];
  /** PractitionerRoles that can own steps (case manager, discharge nurse, ...). */
  roles: TPractitionerRole[];
  /** The vendor directory, for "is any vendor left to ask" (exception-rules.ts); absent: never called exhausted. */
  services?: THealthcareService[];
  organizations?: TOrganization[];
  /** Drop-off ZIP per request reference, where the caller knows it (the app does; the relay does not). */
  postalCodes?: Record<string, string>;
  /** Facility zone vendors' hours are read in. */
  timeZone?: string;
}

export type CareRole = (typeof CARE_ROLES)[keyof typeof CARE_ROLES];
export type StepKind = typeof STEP_KINDS.transportRequest | typeof STEP_KINDS.notifyPatient;

/** Request statuses that mean "there is (or was) a live booking", as opposed to a withdrawn one. */
const LIVE_REQUEST = new Set(['draft', 'active', 'on-hold', 'completed']);
/** Milestones at or after "booked": the vendor has committed to a time. */
export const BOOKED_OR_LATER = new Set([
  'booked', 'patient-notified', 'patient-confirmed', 'driver-assigned', 'en-route', 'picked-up', 'delivered', 'service-completed',
]);
const ENDED_TASK = new Set(['cancelled', 'rejected', 'failed', 'entered-in-error']);
export const OPEN_STEP = new Set(['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold']);

export const ref = (r: { resourceType: string; id?: string }): string => `${r.resourceType}/${r.id ?? ''}`;

export function isDischargeOrder(sr: TServiceRequest): boolean {
  return sr.status === 'active' && hasCode(sr.code, SYSTEMS.snomed, SNOMED.dischargeOrder.code);
}

export function serviceCategory(sr: TServiceRequest): string | undefined {
  return sr.category?.map((c) => codeIn(c, SYSTEMS.serviceType)).find(Boolean);
}

export function isLiveBooking(sr: TServiceRequest, service: 'transport' | 'home-health'): boolean {
  if (!LIVE_REQUEST.has(sr.status)) return false;
  if (serviceCategory(sr) === service) return true;
  return service === 'home-health' && hasCode(sr.code, SYSTEMS.snomed, SNOMED.homeHealthReferral.code);
}

export function stepKind(task: TTask): string | undefined {
  return codeIn(task.code, SYSTEMS.step);
}

export function isBookedVendorTask(task: TTask): boolean {
  if (!hasCode(task.code, SYSTEMS.taskCode, STEP_KINDS.fulfill) || ENDED_TASK.has(task.status)) return false;
  const milestone = codeIn(task.businessStatus, SYSTEMS.milestone);
  return milestone !== undefined && BOOKED_OR_LATER.has(milestone);
}

export function plannedDischarge(state: WorkflowState, order: TServiceRequest): string | undefined {
  if (order.occurrenceDateTime) return order.occurrenceDateTime;
  const encounter = state.encounters.find((e) => ref(e) === order.encounter?.reference);
  return encounter?.extension?.find((x) => x.url === EXTENSIONS.plannedDischarge)?.valueDateTime;
}

export function dispositionOf(state: WorkflowState, encounterRef: string | undefined): string | undefined {
  const encounter = state.encounters.find((e) => ref(e) === encounterRef);
  return codeIn(encounter?.hospitalization?.dischargeDisposition, SYSTEMS.dischargeDisposition);
}

/** The pickup time: the vendor's Appointment if it names one, else the requested window. */
export function pickupTime(state: WorkflowState, request: TServiceRequest): string | undefined {
  const appointment = state.appointments.find((a) => a.status !== 'cancelled' && a.basedOn?.some((b) => b.reference === ref(request)));
  return appointment?.start ?? request.occurrencePeriod?.start;
}

/**
 * The PractitionerRole that owns a step: the patient's own care team first (the
 * person who knows the patient), else any role with that code, lowest id first so
 * every runner picks the same one.
 */
export function ownerFor(state: WorkflowState, patientRef: string, role: CareRole): string | undefined {
  for (const team of state.careTeams) {
    if (subjectOf(team) !== patientRef) continue;
    const member = team.participant?.find((p) => p.role?.some((r) => hasCode(r, SYSTEMS.practitionerRole, role)))?.member;
    if (member?.reference && refId(member, 'PractitionerRole')) return member.reference;
  }
  const any = state.roles
    .filter((r) => r.id && r.code?.some((c) => hasCode(c, SYSTEMS.practitionerRole, role)))
    .sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''))[0];
  return any ? ref(any) : undefined;
}

/**
 * A Communication that tells the patient about this request: the "patient notified" checkpoint.
 * Completed and addressed to the patient (or a related person): a text counts once delivered,
 * and the patient's own reply (sent by them, to nobody in the chart) is not a notification.
 */
export function patientNotified(state: WorkflowState, requestRef: string): boolean {
  return state.communications.some((c) => c.status === 'completed'
    && (c.recipient ?? []).some((r) => /^(Patient|RelatedPerson)\//.test(r.reference ?? ''))
    && [...(c.basedOn ?? []), ...aboutOf(c)].some((r) => r.reference === requestRef));
}

/** CareTeam and CarePlan schemas leave subject unchecked; read it through the Reference schema. */
function subjectOf(resource: Record<string, unknown>): string | undefined {
  return Reference.safeParse(resource['subject']).data?.reference;
}

function aboutOf(c: TCommunication): { reference?: string }[] {
  return z.array(Reference).safeParse(c['about']).data ?? [];
}

/** Does the care plan ask for home health (an activity coded as a home health referral)? */
export function carePlanCallsForHomeHealth(state: WorkflowState, patientRef: string): boolean {
  return state.carePlans.some((p) => p.status === 'active' && subjectOf(p) === patientRef
    && (p.activity ?? []).some((a) => hasCode(a.detail?.code, SYSTEMS.snomed, SNOMED.homeHealthReferral.code) && a.detail?.status !== 'cancelled'));
}

/** Same encounter when the order names one; otherwise the same patient. */
export function sameStay(a: TServiceRequest, order: TServiceRequest): boolean {
  return order.encounter?.reference ? a.encounter?.reference === order.encounter.reference : a.subject.reference === order.subject.reference;
}

/**
 * A transport booking of this stay was cancelled with a reason that closes the need
 * ("family or own transport", "patient declined"): nobody is to book transport again
 * for it. Booking one on purpose still works; the rules just stop asking for one.
 */
export function transportNeedClosed(state: WorkflowState, stay: TServiceRequest): boolean {
  const closed = new Set(state.tasks.filter((t) => closesNeed(cancelReasonOf(t))).map((t) => t.focus?.reference));
  return state.requests.some((sr) => serviceCategory(sr) === 'transport' && sameStay(sr, stay) && closed.has(ref(sr)));
}

/** Vendor Task statuses after which a trip will not (or did) happen: its patient-facing steps are moot. */
export const TRIP_OVER = new Set(['completed', 'cancelled', 'failed', 'rejected', 'entered-in-error']);
