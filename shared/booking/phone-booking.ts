// Record a booking the case manager made by phone: after every vendor declined,
// after a no-show, or whenever calling was quicker. The booking becomes booked
// with that vendor like any other: a new vendor Task (attempt n+1, the same
// deterministic id dispatch would use, so a double click or a second tab records
// it once) at accepted/booked with the confirmation number, the Appointment at
// the agreed time, the order's performer and time, and a Provenance whose agent is
// the user and whose reason says it was booked by phone. An unanswered attempt
// still open is cancelled; open exception steps about this booking are completed.
// One transaction; every update carries If-Match.
import { TransitionError, ValidationError } from '../errors/errors';
import { entriesOf, type FhirApi } from '../fhir/api';
import { SYSTEMS, TASK_PARAMS, type ServiceType } from '../fhir/codes';
import type { TTask } from '../fhir/schemas';
import { serviceOf } from './booking-view';
import { dispatchIds, type DispatchRequest } from './dispatch';
import { sendWrites } from './fallback-writes';
import { assertTransition, isTaskStatus, TERMINAL } from './task-status';
import { provenanceEntry, type TransactionEntry } from './write-plan';

export interface PhoneBookingInput {
  requestType: 'ServiceRequest' | 'DeviceRequest';
  requestId: string;
  vendor: { organization: string; name: string; healthcareService?: string };
  /** The agreed pickup / visit / delivery time (ISO). */
  start: string;
  confirmation: string;
  /** fhirUser of whoever recorded it, and their name for the record. */
  actor?: string;
  actorName?: string;
  now: string;
  /** Open exception steps about this booking (all vendors declined, no-show): completed in the same transaction. */
  steps?: TTask[];
  /** A fresh UUID (crypto.randomUUID) for the transaction's urn:uuid fullUrls: a server resolves only real UUIDs. */
  newId: () => string;
}

const DURATION_MIN: Record<ServiceType, number> = { transport: 30, 'home-health': 60, dme: 60 };
export const PHONE_NOTE = 'Booked by phone';

const byAuthored = (a: TTask, b: TTask) => (Date.parse(a.authoredOn ?? '') || 0) - (Date.parse(b.authoredOn ?? '') || 0);

export async function recordPhoneBooking(api: FhirApi, input: PhoneBookingInput): Promise<{ taskId: string }> {
  const plan = await planPhoneBooking(api, input);
  await sendWrites(api, plan.bundle);
  return { taskId: plan.taskId };
}

export async function planPhoneBooking(api: FhirApi, input: PhoneBookingInput) {
  const start = Date.parse(input.start);
  if (Number.isNaN(start)) throw new ValidationError('Time', 'enter the time the vendor agreed to');
  if (!input.confirmation.trim()) throw new ValidationError('Confirmation number', "enter the vendor's confirmation number");
  if (!input.vendor.organization) throw new ValidationError('Vendor', 'choose the vendor you booked with');
  const requestRef = `${input.requestType}/${input.requestId}`;
  const [request, found] = await Promise.all([
    api.read(input.requestType, input.requestId),
    api.search('Task', { focus: requestRef, code: `${SYSTEMS.taskCode}|fulfill`, _count: '50' }),
  ]);
  if (request.status !== 'active') throw new TransitionError(request.status, 'booked', 'the order is no longer active; book a new one instead');
  const tasks = entriesOf(found, 'Task').sort(byAuthored);
  const last = tasks.at(-1);
  const ids = dispatchIds(request, tasks.length + 1);
  const service = serviceOf(request) ?? 'transport';
  const entries = [
    ...closeOpenAttempt(last, input),
    ...bookedEntries(request, last, ids, service, input),
    ...(input.steps ?? []).map((s) => completeStep(s, input.now, `Booked by phone with ${input.vendor.name}`)),
  ];
  return { taskId: ids.task, bundle: { resourceType: 'Bundle', type: 'transaction', entry: entries } };
}

/** A vendor that has not answered (or is mid-trip with a failed plan) gives way to the phone booking. */
function closeOpenAttempt(last: TTask | undefined, input: PhoneBookingInput): TransactionEntry[] {
  if (!last?.id || !isTaskStatus(last.status) || TERMINAL.has(last.status)) return [];
  const reason = `Booked by phone with ${input.vendor.name} instead`;
  assertTransition(last.status, 'cancelled', 'requester', reason);
  return [{
    fullUrl: `Task/${last.id}`,
    resource: { ...last, status: 'cancelled', statusReason: { text: reason }, businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'cancelled-by-facility' }] }, lastModified: input.now },
    request: { method: 'PUT', url: `Task/${last.id}`, ifMatch: `W/"${last.meta?.versionId ?? ''}"` },
  }];
}

function bookedEntries(request: DispatchRequest, last: TTask | undefined, ids: ReturnType<typeof dispatchIds>, service: ServiceType, input: PhoneBookingInput): TransactionEntry[] {
  const requestRef = `${request.resourceType}/${request.id ?? ''}`;
  // The identifiers (ids.task, apptKey) make a retry harmless; the fullUrls only link entries and must be UUIDs.
  const taskUrl = `urn:uuid:${input.newId()}`;
  const apptKey = `${ids.task}-phone`;
  const apptUrl = `urn:uuid:${input.newId()}`;
  const startIso = new Date(Date.parse(input.start)).toISOString();
  const endIso = new Date(Date.parse(input.start) + DURATION_MIN[service] * 60_000).toISOString();
  const param = (code: string, value: Record<string, unknown>) => ({ type: { coding: [{ system: SYSTEMS.taskParam, code }] }, ...value });
  const pickup = last?.input?.find((i) => i.type.coding?.some((c) => c.code === TASK_PARAMS.pickupLocation))?.valueReference?.reference;
  const who = input.actorName ?? input.actor ?? 'the case manager';
  const note = `${PHONE_NOTE} with ${input.vendor.name}, confirmation #${input.confirmation.trim()}; recorded by ${who}.`;
  const { id: _id, meta: _meta, output: _output, statusReason: _reason, note: _note, ...rest } = last ?? ({} as Partial<TTask>);
  const task = {
    ...rest,
    resourceType: 'Task',
    identifier: [{ system: SYSTEMS.bookingId, value: ids.task }],
    status: 'accepted',
    intent: 'order',
    code: { coding: [{ system: SYSTEMS.taskCode, code: 'fulfill' }] },
    businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'booked' }] },
    focus: { reference: requestRef },
    for: request.subject,
    ...(request.encounter ? { encounter: request.encounter } : {}),
    ...(request.requester ? { requester: request.requester } : {}),
    owner: { reference: input.vendor.organization, display: input.vendor.name },
    authoredOn: input.now,
    lastModified: input.now,
    input: (last?.input ?? []).filter((i) => !i.type.coding?.some((c) => c.code === TASK_PARAMS.appointment)),
    output: [
      param(TASK_PARAMS.appointment, { valueReference: { reference: apptUrl } }),
      param(TASK_PARAMS.confirmationNumber, { valueString: input.confirmation.trim() }),
      param(TASK_PARAMS.eta, { valueDateTime: startIso }),
    ],
    note: [{ text: note, time: input.now }],
  };
  const appointment = {
    resourceType: 'Appointment',
    identifier: [{ system: SYSTEMS.bookingId, value: apptKey }, { system: SYSTEMS.confirmation, value: input.confirmation.trim() }],
    status: 'booked',
    serviceCategory: [{ coding: [{ system: SYSTEMS.serviceType, code: service }] }],
    ...(request.resourceType === 'ServiceRequest' ? { basedOn: [{ reference: requestRef }] } : { supportingInformation: [{ reference: requestRef }] }),
    start: startIso,
    end: endIso,
    created: input.now,
    comment: note,
    participant: [
      ...(request.subject.reference ? [{ actor: { reference: request.subject.reference }, status: 'needs-action', required: 'required' }] : []),
      // R4 allows no Organization as an actor: the vendor takes part through its HealthcareService.
      ...(input.vendor.healthcareService ? [{ actor: { reference: input.vendor.healthcareService, display: input.vendor.name }, status: 'accepted' }] : []),
      ...(pickup ? [{ actor: { reference: pickup }, status: 'accepted' }] : []),
    ],
  };
  const performer = { reference: input.vendor.organization, display: input.vendor.name };
  const old = request.occurrencePeriod;
  const span = old?.start && old.end ? Date.parse(old.end) - Date.parse(old.start) : undefined;
  const occurrencePeriod = { start: startIso, ...(span && span > 0 ? { end: new Date(Date.parse(startIso) + span).toISOString() } : {}) };
  const provenance = provenanceEntry(ids.provenance, taskUrl, 'booked', input.now, input.actor, note);
  if (input.actorName && provenance.resource.agent) provenance.resource.agent = [{ who: { ...(input.actor ? { reference: input.actor } : {}), display: input.actorName } }];
  return [
    { fullUrl: apptUrl, resource: appointment, request: { method: 'POST', url: 'Appointment', ifNoneExist: `identifier=${SYSTEMS.bookingId}|${apptKey}` } },
    { fullUrl: taskUrl, resource: task, request: { method: 'POST', url: 'Task', ifNoneExist: `identifier=${SYSTEMS.bookingId}|${ids.task}` } },
    {
      fullUrl: requestRef,
      resource: { ...request, performer: request.resourceType === 'DeviceRequest' ? performer : [performer], occurrencePeriod },
      request: { method: 'PUT', url: requestRef, ifMatch: `W/"${request.meta?.versionId ?? ''}"` },
    },
    provenance,
  ];
}

export function completeStep(step: TTask, now: string, why: string): TransactionEntry {
  return {
    fullUrl: `Task/${step.id ?? ''}`,
    resource: { ...step, status: 'completed', statusReason: { text: why }, lastModified: now },
    request: { method: 'PUT', url: `Task/${step.id ?? ''}`, ifMatch: `W/"${step.meta?.versionId ?? ''}"` },
  };
}
