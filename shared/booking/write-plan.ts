// Turns a confirmed booking form into one FHIR transaction: every resource has a
// client-generated identifier and is created conditionally (If-None-Exist), so a
// retry, a double click or two surfaces booking at once yield exactly one booking.
import { SNOMED, STEP_KINDS, SYSTEMS, TASK_PARAMS, TRANSPORT_LEVELS, type Capability, type ServiceType, type TransportLevel } from '../fhir/codes';

export interface PlaceInput {
  /** An existing Location ("Location/123"), or an address to create a Location for. */
  reference?: string;
  name?: string;
  address?: { line?: string[]; city?: string; state?: string; postalCode?: string };
  kind?: 'hospital' | 'residence' | 'snf' | 'other';
}

export interface BookingDraft {
  service: ServiceType;
  /** HCPCS for transport and DME, SNOMED for home health. */
  code: string;
  patient: string;
  encounter?: string;
  requester?: string;
  vendor: string;
  coverage?: string;
  window: { start: string; end?: string };
  pickup?: PlaceInput;
  dropoff?: PlaceInput;
  flags: Capability[];
  note?: string;
  tripId?: string;
}

/** Identifiers made on the client before the first send (kept in the outbox with the plan). */
export interface BookingIds {
  request: string;
  task: string;
  provenance: string;
  dropoff?: string;
  pickup?: string;
}

export interface WritePlan {
  ids: BookingIds;
  bundle: TransactionBundle;
}

export type TransactionBundle = {
  resourceType: 'Bundle';
  type: 'transaction';
  entry: TransactionEntry[];
};
export interface TransactionEntry {
  fullUrl: string;
  resource: Record<string, unknown> & { resourceType: string };
  request: { method: 'POST' | 'PUT'; url: string; ifNoneExist?: string; ifMatch?: string };
}

export function newBookingIds(newId: () => string, draft: Pick<BookingDraft, 'pickup' | 'dropoff'>): BookingIds {
  return {
    request: newId(),
    task: newId(),
    provenance: newId(),
    ...(draft.dropoff && !draft.dropoff.reference ? { dropoff: newId() } : {}),
    ...(draft.pickup && !draft.pickup.reference ? { pickup: newId() } : {}),
  };
}

const ident = (value: string) => [{ system: SYSTEMS.bookingId, value }];
const urn = (id: string) => `urn:uuid:${id}`;
const conditional = (type: string, id: string, resource: TransactionEntry['resource']): TransactionEntry => ({
  fullUrl: urn(id),
  resource: { ...resource, identifier: ident(id) },
  request: { method: 'POST', url: type, ifNoneExist: `identifier=${SYSTEMS.bookingId}|${id}` },
});

export function planBooking(draft: BookingDraft, ids: BookingIds, now: string): WritePlan {
  const entries: TransactionEntry[] = [];
  const pickupRef = placeEntry(draft.pickup, ids.pickup, entries);
  const dropoffRef = placeEntry(draft.dropoff, ids.dropoff, entries);
  const request = draft.service === 'dme' ? deviceRequest(draft, now) : serviceRequest(draft, now);
  entries.push(conditional(request.resourceType, ids.request, request));
  entries.push(conditional('Task', ids.task, task(draft, ids, now, pickupRef, dropoffRef)));
  entries.push(provenanceEntry(ids.provenance, urn(ids.task), 'sent', now, draft.requester));
  return { ids, bundle: { resourceType: 'Bundle', type: 'transaction', entry: entries } };
}

function placeEntry(place: PlaceInput | undefined, id: string | undefined, entries: TransactionEntry[]): string | undefined {
  if (!place) return undefined;
  if (place.reference) return place.reference;
  if (!id) return undefined;
  entries.push(conditional('Location', id, {
    resourceType: 'Location',
    status: 'active',
    name: place.name ?? (place.kind === 'residence' ? 'Patient residence' : 'Location'),
    ...(place.kind === 'residence' ? { type: [{ coding: [{ system: SYSTEMS.locationType, code: 'PTRES', display: "Patient's Residence" }] }] } : {}),
    ...(place.address ? { address: place.address } : {}),
  }));
  return urn(id);
}

function codeOf(draft: BookingDraft) {
  if (draft.service === 'home-health') return { system: SYSTEMS.snomed, ...SNOMED.homeHealthReferral };
  const display = draft.service === 'transport' ? TRANSPORT_LEVELS[draft.code as TransportLevel]?.display : undefined;
  return { system: SYSTEMS.hcpcs, code: draft.code, ...(display ? { display } : {}) };
}

function serviceRequest(draft: BookingDraft, now: string): TransactionEntry['resource'] {
  return {
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    category: [{ coding: [{ system: SYSTEMS.serviceType, code: draft.service }] }],
    code: { coding: [codeOf(draft)] },
    subject: { reference: draft.patient },
    ...(draft.encounter ? { encounter: { reference: draft.encounter } } : {}),
    occurrencePeriod: { start: draft.window.start, ...(draft.window.end ? { end: draft.window.end } : {}) },
    authoredOn: now,
    ...(draft.requester ? { requester: { reference: draft.requester } } : {}),
    performer: [{ reference: draft.vendor }],
    ...(draft.coverage ? { insurance: [{ reference: draft.coverage }] } : {}),
    ...(draft.flags.length ? { orderDetail: draft.flags.map((f) => ({ coding: [{ system: SYSTEMS.capability, code: f }] })) } : {}),
    ...(draft.tripId ? { requisition: { system: SYSTEMS.bookingId, value: draft.tripId } } : {}),
    ...(draft.note?.trim() ? { note: [{ text: draft.note.trim() }] } : {}),
  };
}

function deviceRequest(draft: BookingDraft, now: string): TransactionEntry['resource'] {
  return {
    resourceType: 'DeviceRequest',
    status: 'active',
    intent: 'order',
    codeCodeableConcept: { coding: [codeOf(draft)] },
    subject: { reference: draft.patient },
    ...(draft.encounter ? { encounter: { reference: draft.encounter } } : {}),
    occurrencePeriod: { start: draft.window.start, ...(draft.window.end ? { end: draft.window.end } : {}) },
    authoredOn: now,
    ...(draft.requester ? { requester: { reference: draft.requester } } : {}),
    performer: { reference: draft.vendor },
    ...(draft.coverage ? { insurance: [{ reference: draft.coverage }] } : {}),
    ...(draft.note?.trim() ? { note: [{ text: draft.note.trim() }] } : {}),
  };
}

function task(draft: BookingDraft, ids: BookingIds, now: string, pickup?: string, dropoff?: string): TransactionEntry['resource'] {
  const param = (code: string, reference: string) => ({ type: { coding: [{ system: SYSTEMS.taskParam, code }] }, valueReference: { reference } });
  const input = [
    ...(pickup ? [param(TASK_PARAMS.pickupLocation, pickup)] : []),
    ...(dropoff ? [param(TASK_PARAMS.dropoffLocation, dropoff)] : []),
  ];
  return {
    resourceType: 'Task',
    status: 'requested',
    businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'sent' }] },
    intent: 'order',
    code: { coding: [{ system: SYSTEMS.taskCode, code: STEP_KINDS.fulfill }] },
    focus: { reference: urn(ids.request) },
    for: { reference: draft.patient },
    ...(draft.encounter ? { encounter: { reference: draft.encounter } } : {}),
    authoredOn: now,
    lastModified: now,
    ...(draft.requester ? { requester: { reference: draft.requester } } : {}),
    owner: { reference: draft.vendor },
    restriction: { period: { end: draft.window.end ?? draft.window.start } },
    ...(input.length ? { input } : {}),
  };
}

/**
 * R4 Provenance has no identifier, so it cannot be created conditionally: it is
 * PUT at a client-chosen id instead (update-as-create), which a retry repeats harmlessly.
 */
export function provenanceEntry(id: string, target: string, milestone: string, now: string, agent?: string, reason?: string): TransactionEntry {
  return {
    fullUrl: urn(id),
    resource: {
      resourceType: 'Provenance',
      id,
      target: [{ reference: target }],
      recorded: now,
      activity: { coding: [{ system: SYSTEMS.milestone, code: milestone }] },
      ...(reason ? { reason: [{ text: reason }] } : {}),
      agent: [{ who: agent ? { reference: agent } : { display: 'CareRelay' } }],
    },
    request: { method: 'PUT', url: `Provenance/${id}` },
  };
}
