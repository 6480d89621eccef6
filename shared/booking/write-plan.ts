// Turns a confirmed booking form into one FHIR transaction: every resource has a
// client-generated identifier and is created conditionally (If-None-Exist), so a
// retry, a double click or two surfaces booking at once yield exactly one booking.
import { STEP_KINDS, SYSTEMS, TASK_PARAMS, type Capability, type ServiceType } from '../fhir/codes';
import { deviceRequest, serviceRequest } from './request-resources';
import { bookingSlot, secondBookingNote, slotCondition, slotIdentifier, type Leg } from './duplicate-guard';

export { PCS_QUESTIONNAIRE } from './request-resources';

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
  /** Order details the vendor must know but that do not select vendors (interpreter, stairs). */
  needs?: string[];
  note?: string;
  tripId?: string;
  /** Task.restriction.period.end when it is not the window end (home health: referral + 48 h). */
  dueBy?: string;
  /** Physician Certification Statement, required for ambulance levels. */
  pcs?: PcsInput;
  /** Round trip: the return leg (drop-off → pickup); no start = will-call (the patient calls when ready). */
  returnLeg?: { start?: string };
  /** A deliberate second booking of a slot already taken: why (goes on the order, gives its own slot). */
  secondReason?: string;
  /**
   * How many bookings of this slot have already ended (duplicate-guard.ts `slotGeneration`):
   * a finished booking whose order is still active must not hold the slot for the next one.
   */
  slotGeneration?: number;
}

export interface PcsInput {
  physician: string;
  reason: string;
  date: string;
}

/** Identifiers made on the client before the first send (kept in the outbox with the plan). */
export interface BookingIds {
  request: string;
  task: string;
  provenance: string;
  dropoff?: string;
  pickup?: string;
  /** Round trips: the return leg's request, Task and Provenance, and the trip id that links the legs. */
  returnRequest?: string;
  returnTask?: string;
  returnProvenance?: string;
  trip?: string;
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

export function newBookingIds(newId: () => string, draft: Pick<BookingDraft, 'pickup' | 'dropoff'> & { roundTrip?: boolean }): BookingIds {
  return {
    request: newId(),
    task: newId(),
    provenance: newId(),
    ...(draft.dropoff && !draft.dropoff.reference ? { dropoff: newId() } : {}),
    ...(draft.pickup && !draft.pickup.reference ? { pickup: newId() } : {}),
    ...(draft.roundTrip ? { returnRequest: newId(), returnTask: newId(), returnProvenance: newId(), trip: newId() } : {}),
  };
}

const ident = (value: string) => [{ system: SYSTEMS.bookingId, value }];
const urn = (id: string) => `urn:uuid:${id}`;
const conditional = (type: string, id: string, resource: TransactionEntry['resource'], slot?: string): TransactionEntry => ({
  fullUrl: urn(id),
  resource: { ...resource, identifier: [...ident(id), ...(slot ? [slotIdentifier(slot)] : [])] },
  // The order and its Task own the slot: a second writer of the same slot gets the existing ones back.
  request: { method: 'POST', url: type, ifNoneExist: slot ? slotCondition(slot, type) : `identifier=${SYSTEMS.bookingId}|${id}` },
});

function slotOf(draft: BookingDraft, leg: Leg, bookingId: string, start: string): string {
  const reason = draft.secondReason?.trim();
  return bookingSlot({
    patient: draft.patient, service: draft.service, start, leg,
    ...(draft.slotGeneration ? { generation: draft.slotGeneration } : {}),
    ...(reason ? { second: { reason, bookingId } } : {}),
  });
}

export function planBooking(draft: BookingDraft, ids: BookingIds, now: string): WritePlan {
  const entries: TransactionEntry[] = [];
  const pickupRef = placeEntry(draft.pickup, ids.pickup, entries);
  const dropoffRef = placeEntry(draft.dropoff, ids.dropoff, entries);
  const tripId = draft.tripId ?? (draft.returnLeg ? ids.trip : undefined);
  const second = draft.secondReason?.trim();
  const outbound = { ...draft, tripId, ...(second ? { note: [secondBookingNote(second), draft.note?.trim()].filter(Boolean).join(' ') } : {}) };
  const slot = slotOf(draft, 'outbound', ids.request, draft.window.start);
  const request = draft.service === 'dme' ? deviceRequest(outbound, now) : serviceRequest(outbound, now);
  entries.push(conditional(request.resourceType, ids.request, request, slot));
  entries.push(conditional('Task', ids.task, task(outbound, ids.request, now, pickupRef, dropoffRef), slot));
  entries.push(provenanceEntry(ids.provenance, urn(ids.task), 'sent', now, draft.requester));
  if (draft.returnLeg && ids.returnRequest && ids.returnTask && ids.returnProvenance) {
    // The return leg runs the other way; without a start it is a will-call (no fixed time),
    // said in the order details and in the note (some vendors read only the note). An
    // ambulance return is billed on its own claim line: it carries the same PCS.
    const willCall = !draft.returnLeg.start;
    const back: BookingDraft = {
      ...outbound, returnLeg: undefined, window: willCall ? { start: '' } : { start: draft.returnLeg.start ?? '' },
      needs: [...(draft.needs ?? []), ...(willCall ? ['will-call'] : [])],
      note: [outbound.note?.trim(), willCall ? 'Will-call return: the patient or the unit calls when ready.' : 'Return leg of a round trip.'].filter(Boolean).join(' '),
    };
    // A will-call return has no time: its slot is the outbound day's.
    const returnSlot = slotOf(draft, 'return', ids.returnRequest, draft.returnLeg.start || draft.window.start);
    entries.push(conditional('ServiceRequest', ids.returnRequest, serviceRequest(back, now), returnSlot));
    entries.push(conditional('Task', ids.returnTask, task(back, ids.returnRequest, now, dropoffRef, pickupRef), returnSlot));
    entries.push(provenanceEntry(ids.returnProvenance, urn(ids.returnTask), 'sent', now, draft.requester));
  }
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

function task(draft: BookingDraft, requestId: string, now: string, pickup?: string, dropoff?: string): TransactionEntry['resource'] {
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
    focus: { reference: urn(requestId) },
    for: { reference: draft.patient },
    ...(draft.encounter ? { encounter: { reference: draft.encounter } } : {}),
    authoredOn: now,
    lastModified: now,
    ...(draft.requester ? { requester: { reference: draft.requester } } : {}),
    owner: { reference: draft.vendor },
    ...(dueOf(draft) ? { restriction: { period: { end: dueOf(draft) } } } : {}),
    ...(input.length ? { input } : {}),
  };
}

function dueOf(draft: BookingDraft): string | undefined {
  return draft.dueBy ?? (draft.window.end || draft.window.start || undefined);
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
