// Reads what the trigger rules need in few round trips: one batch finds the
// patients with something to act on (an active discharge order, a booked vendor
// Task, an open step), then one batch per group of patients reads their state.
import { CareRelayError } from '../errors/errors';
import { entriesOf, parseWith, type FhirApi } from '../fhir/api';
import { CARE_ROLES, SNOMED, STEP_KINDS, SYSTEMS } from '../fhir/codes';
import { refId } from '../fhir/refs';
import { Bundle, type TBundle } from '../fhir/schemas';
import { EXCEPTION_STEP_CODES } from './exception-rules';
import type { WorkflowState } from './workflow-state';

/** Patients per batch: keeps each search URL well under common 8 KB URL limits. */
const PATIENTS_PER_BATCH = 25;
const OPEN_STATUSES = 'draft,requested,received,accepted,ready,in-progress,on-hold';

export async function loadWorkflowState(api: FhirApi): Promise<WorkflowState> {
  const found = await batchSearch(api, [
    `ServiceRequest?code=${enc(`${SYSTEMS.snomed}|${SNOMED.dischargeOrder.code}`)}&status=active&_count=500`,
    `Task?code=${enc(`${SYSTEMS.taskCode}|fulfill`)}&status=accepted,in-progress&_count=500`,
    `Task?code=${enc(`${SYSTEMS.step}|${STEP_KINDS.transportRequest},${SYSTEMS.step}|${STEP_KINDS.notifyPatient}`)}&status=${OPEN_STATUSES}&_count=500`,
    // Exceptions (exception-rules.ts): a vendor declined or did not show, and the steps they opened.
    `Task?code=${enc(`${SYSTEMS.taskCode}|fulfill`)}&status=rejected,failed&_count=500`,
    `Task?code=${enc(EXCEPTION_STEP_CODES.map((c) => `${SYSTEMS.step}|${c}`).join(','))}&status=${OPEN_STATUSES}&_count=500`,
  ]);
  const patients = new Set<string>();
  for (const bundle of found) {
    for (const sr of entriesOf(bundle, 'ServiceRequest')) addPatient(patients, sr.subject.reference);
    for (const t of entriesOf(bundle, 'Task')) addPatient(patients, t.for?.reference);
  }
  const state = emptyState();
  const ids = [...patients].sort();
  for (let i = 0; i < ids.length; i += PATIENTS_PER_BATCH) await loadPatients(api, ids.slice(i, i + PATIENTS_PER_BATCH), state, i === 0);
  return state;
}

export function emptyState(): WorkflowState {
  return { requests: [], tasks: [], encounters: [], appointments: [], communications: [], careTeams: [], carePlans: [], roles: [] };
}

async function loadPatients(api: FhirApi, ids: string[], state: WorkflowState, withRoles: boolean): Promise<void> {
  const p = ids.join(',');
  const roles = [CARE_ROLES.caseManager, CARE_ROLES.dischargeNurse].map((r) => `${SYSTEMS.practitionerRole}|${r}`).join(',');
  const results = await batchSearch(api, [
    `ServiceRequest?patient=${p}&_count=1000`,
    `Task?patient=${p}&_count=1000`,
    `Encounter?patient=${p}&_count=200`,
    `Appointment?patient=${p}&_count=1000`,
    `Communication?patient=${p}&_count=1000`,
    `CareTeam?patient=${p}&_count=200`,
    `CarePlan?patient=${p}&status=active&_count=200`,
    ...(withRoles ? [`PractitionerRole?role=${enc(roles)}&_count=200`, 'HealthcareService?active=true&_include=HealthcareService:organization&_count=200'] : []),
  ]);
  const [requests, tasks, encounters, appointments, communications, careTeams, carePlans, practitionerRoles, directory] = results;
  if (!requests || !tasks || !encounters || !appointments || !communications || !careTeams || !carePlans) throw new CareRelayError('The workflow batch came back short');
  state.requests.push(...entriesOf(requests, 'ServiceRequest'));
  state.tasks.push(...entriesOf(tasks, 'Task'));
  state.encounters.push(...entriesOf(encounters, 'Encounter'));
  state.appointments.push(...entriesOf(appointments, 'Appointment'));
  state.communications.push(...entriesOf(communications, 'Communication'));
  state.careTeams.push(...entriesOf(careTeams, 'CareTeam'));
  state.carePlans.push(...entriesOf(carePlans, 'CarePlan'));
  if (practitionerRoles) state.roles.push(...entriesOf(practitionerRoles, 'PractitionerRole'));
  if (directory) {
    state.services = entriesOf(directory, 'HealthcareService');
    state.organizations = entriesOf(directory, 'Organization');
  }
}

/** The state of a few named patients (the app's own patient), with roles and the vendor directory. */
export async function loadPatientsState(api: FhirApi, patientIds: string[]): Promise<WorkflowState> {
  const state = emptyState();
  await loadPatients(api, patientIds, state, true);
  return state;
}

/** One batch of searches; each result has its further pages followed, so nothing is silently cut off. */
export async function batchSearch(api: FhirApi, urls: string[]): Promise<TBundle[]> {
  const response = await api.transaction({ resourceType: 'Bundle', type: 'batch', entry: urls.map((url) => ({ request: { method: 'GET', url } })) });
  const out: TBundle[] = [];
  for (const [i, url] of urls.entries()) {
    const entry = response.entry?.[i];
    if (!entry?.response?.status.startsWith('2')) throw new CareRelayError(`Search ${url.split('?')[0] ?? url} failed in the workflow batch (${entry?.response?.status ?? 'no answer'})`);
    let page: TBundle | undefined = parseWith(Bundle, url, entry.resource);
    const all = page;
    while ((page = await api.next(page))) all.entry = [...(all.entry ?? []), ...(page.entry ?? [])];
    out.push(all);
  }
  return out;
}

function addPatient(set: Set<string>, reference: string | undefined): void {
  const id = refId({ reference }, 'Patient');
  if (id) set.add(id);
}

const enc = (s: string) => encodeURIComponent(s);
