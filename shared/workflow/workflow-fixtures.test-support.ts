// FHIR resources for the workflow tests: one hh patient on an encounter with a
// care team, and the events that move a discharge along.
import { parseWith } from '../fhir/api';
import { CARE_ROLES, EXTENSIONS, SNOMED, SYSTEMS } from '../fhir/codes';
import { RESOURCE_SCHEMAS, type ResourceOf, type ResourceTypeName } from '../fhir/schemas';
import { emptyState } from './load-state';
import type { WorkflowState } from './workflow-state';

export const PLANNED = '2026-11-23T15:00:00Z';
export const PICKUP = '2026-11-23T16:00:00Z';
export const NOW = new Date('2026-11-22T10:00:00Z');

export type Json = Record<string, unknown> & { resourceType: string; id: string };

const coded = (system: string, code: string) => ({ coding: [{ system, code }] });

export function chart(disposition: 'hh' | 'home' = 'hh'): Json[] {
  return [
    { resourceType: 'Patient', id: 'p1' },
    {
      resourceType: 'Encounter', id: 'e1', status: 'in-progress', subject: { reference: 'Patient/p1' },
      hospitalization: { dischargeDisposition: coded(SYSTEMS.dischargeDisposition, disposition) },
      extension: [{ url: EXTENSIONS.plannedDischarge, valueDateTime: PLANNED }],
    },
    { resourceType: 'PractitionerRole', id: 'role-cm-9', code: [coded(SYSTEMS.practitionerRole, CARE_ROLES.caseManager)] },
    { resourceType: 'PractitionerRole', id: 'role-cm-1', code: [coded(SYSTEMS.practitionerRole, CARE_ROLES.caseManager)] },
    { resourceType: 'PractitionerRole', id: 'role-dn-1', code: [coded(SYSTEMS.practitionerRole, CARE_ROLES.dischargeNurse)] },
    {
      resourceType: 'CareTeam', id: 'ct1', subject: { reference: 'Patient/p1' },
      participant: [
        { role: [coded(SYSTEMS.practitionerRole, CARE_ROLES.caseManager)], member: { reference: 'PractitionerRole/role-cm-9' } },
        { role: [coded(SYSTEMS.practitionerRole, CARE_ROLES.dischargeNurse)], member: { reference: 'PractitionerRole/role-dn-1' } },
      ],
    },
  ];
}

export function dischargeOrder(): Json {
  return {
    resourceType: 'ServiceRequest', id: 'order-1', status: 'active', intent: 'order',
    code: coded(SYSTEMS.snomed, SNOMED.dischargeOrder.code), subject: { reference: 'Patient/p1' }, encounter: { reference: 'Encounter/e1' },
  };
}

/** A transport booking the vendor has booked: request, Task at milestone booked, Appointment. */
export function bookedTransport(): Json[] {
  return [
    {
      resourceType: 'ServiceRequest', id: 'sr-t1', status: 'active', intent: 'order', identifier: [{ system: SYSTEMS.bookingId, value: 'b-sr-1' }],
      category: [coded(SYSTEMS.serviceType, 'transport')], subject: { reference: 'Patient/p1' }, encounter: { reference: 'Encounter/e1' },
      occurrencePeriod: { start: PICKUP },
    },
    {
      resourceType: 'Task', id: 'task-v1', status: 'accepted', intent: 'order', identifier: [{ system: SYSTEMS.bookingId, value: 'b-task-1' }],
      code: coded(SYSTEMS.taskCode, 'fulfill'), businessStatus: coded(SYSTEMS.milestone, 'booked'),
      focus: { reference: 'ServiceRequest/sr-t1' }, for: { reference: 'Patient/p1' }, owner: { reference: 'Organization/v1' },
    },
    {
      resourceType: 'Appointment', id: 'appt-1', status: 'booked', start: '2026-11-23T16:30:00Z', basedOn: [{ reference: 'ServiceRequest/sr-t1' }],
      participant: [{ actor: { reference: 'Patient/p1' }, status: 'needs-action' }],
    },
  ];
}

/**
 * The booked transport, cancelled by the facility with a coded reason (or words only,
 * as before reasons had codes): request revoked, vendor Task cancelled.
 */
export function cancelledTransport(reason: string | undefined, text = 'Family will drive the patient home'): Json[] {
  const [sr, task, appt] = bookedTransport();
  return [
    { ...(sr as Json), status: 'revoked' },
    {
      ...(task as Json), status: 'cancelled', businessStatus: coded(SYSTEMS.milestone, 'cancelled-by-patient'),
      statusReason: reason ? { coding: [{ system: SYSTEMS.cancelReason, code: reason }], text } : { text },
    },
    { ...(appt as Json), status: 'cancelled' },
  ];
}

/** The booked transport after the vendor finished it: Task completed, the order left active (a vendor cannot close it). */
export function completedTransport(): Json[] {
  const [sr, task, appt] = bookedTransport();
  return [sr as Json, { ...(task as Json), status: 'completed', businessStatus: coded(SYSTEMS.milestone, 'service-completed') }, { ...(appt as Json), status: 'fulfilled' }];
}

export function patientToldCommunication(): Json {
  return {
    resourceType: 'Communication', id: 'comm-1', status: 'completed', subject: { reference: 'Patient/p1' }, recipient: [{ reference: 'Patient/p1' }],
    basedOn: [{ reference: 'ServiceRequest/sr-t1' }], payload: [{ contentString: 'Pickup at 16:30' }],
  };
}

/** Parses resources into the state the rules read, as the loader would. */
export function stateOf(resources: Json[]): WorkflowState {
  const state = emptyState();
  const pick = <T extends ResourceTypeName>(type: T) => resources.filter((r) => r.resourceType === type).map((r) => parseWith(RESOURCE_SCHEMAS[type], type, r) as ResourceOf<T>);
  state.requests = pick('ServiceRequest');
  state.tasks = pick('Task');
  state.encounters = pick('Encounter');
  state.appointments = pick('Appointment');
  state.communications = pick('Communication');
  state.careTeams = pick('CareTeam');
  state.carePlans = pick('CarePlan');
  state.roles = pick('PractitionerRole');
  return state;
}
