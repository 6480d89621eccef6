// The order resources of a booking: ServiceRequest (transport, home health) or
// DeviceRequest (DME), with the level of service, flags, trip link and PCS.
import { SNOMED, SYSTEMS, TRANSPORT_LEVELS, type TransportLevel } from '../fhir/codes';
import type { BookingDraft, PcsInput, TransactionEntry } from './write-plan';

function codeOf(draft: BookingDraft) {
  if (draft.service === 'home-health') return { system: SYSTEMS.snomed, ...SNOMED.homeHealthReferral };
  const display = draft.service === 'transport' ? TRANSPORT_LEVELS[draft.code as TransportLevel]?.display : undefined;
  return { system: SYSTEMS.hcpcs, code: draft.code, ...(display ? { display } : {}) };
}

export function serviceRequest(draft: BookingDraft, now: string): TransactionEntry['resource'] {
  return {
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    category: [{ coding: [{ system: SYSTEMS.serviceType, code: draft.service }] }],
    code: { coding: [codeOf(draft)] },
    subject: { reference: draft.patient },
    ...(draft.encounter ? { encounter: { reference: draft.encounter } } : {}),
    ...(draft.window.start ? { occurrencePeriod: { start: draft.window.start, ...(draft.window.end ? { end: draft.window.end } : {}) } } : {}),
    authoredOn: now,
    ...(draft.requester ? { requester: { reference: draft.requester } } : {}),
    performer: [{ reference: draft.vendor }],
    ...(draft.coverage ? { insurance: [{ reference: draft.coverage }] } : {}),
    ...orderDetailOf(draft),
    ...(draft.tripId ? { requisition: { system: SYSTEMS.bookingId, value: draft.tripId } } : {}),
    ...(draft.note?.trim() ? { note: [{ text: draft.note.trim() }] } : {}),
    ...pcsOf(draft.pcs),
  };
}

function orderDetailOf(draft: BookingDraft) {
  const codes = [...draft.flags, ...(draft.needs ?? [])];
  return codes.length ? { orderDetail: codes.map((code) => ({ coding: [{ system: SYSTEMS.capability, code }] })) } : {};
}

/**
 * The PCS travels as a contained QuestionnaireResponse: it is created atomically
 * with the request's own conditional create (so a retry cannot duplicate it), and
 * needs no write scope beyond ServiceRequest.
 */
function pcsOf(pcs: PcsInput | undefined) {
  if (!pcs) return {};
  const item = (linkId: string, text: string, answer: Record<string, string>) => ({ linkId, text, answer: [answer] });
  return {
    contained: [{
      resourceType: 'QuestionnaireResponse', id: 'pcs', status: 'completed', authored: pcs.date,
      questionnaire: PCS_QUESTIONNAIRE,
      item: [
        item('physician', 'Certifying physician', { valueString: pcs.physician }),
        item('reason', 'Why ambulance transport is medically necessary', { valueString: pcs.reason }),
        item('date', 'Date certified', { valueDate: pcs.date.slice(0, 10) }),
      ],
    }],
    supportingInfo: [{ reference: '#pcs', display: 'Physician Certification Statement' }],
  };
}

export const PCS_QUESTIONNAIRE = 'https://carerelay.example.org/fhir/Questionnaire/pcs';

export function deviceRequest(draft: BookingDraft, now: string): TransactionEntry['resource'] {
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

