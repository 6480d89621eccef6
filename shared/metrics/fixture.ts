// A small fixed dataset with hand-computed expectations (see metrics.test.ts).
// Range under test: [2025-03-03T00:00Z, 2025-03-17T00:00Z) = ISO weeks 2025-W10 and W11 in UTC.
//
// B1 transport t1: order 03-03 08:00 → booked 09:00 = 60 min. T1a swift: accepted after 10 min,
//    picked up 10:10 vs start 10:00 (+10 min, on time), completed. Told 03-03 12:00, 22 h before pickup; confirmed.
//    A draft Task (T1z) exists and must not count anywhere.
// B2 transport t2: order 03-04 09:00. T2a care declined after 30 min. Re-dispatched: T2b swift accepted
//    after 10 min, booked 12:00 → 180 min. Picked up 14:30 vs 14:00 (+30, late). Told 1 h before (< 2 h). Not confirmed.
// B3 transport t3: T3a care cancelled by facility before any answer. Never booked.
// B4 transport t4: order 03-06 07:00. T4a swift accepted after 5 min, booked 11:00 → 240 min (the later re-booking
//    at 16:00 does not reset the clock), reschedule requested 15:00. Told 13 h before pickup; confirmed.
// B5 transport t5 (week 11): no discharge order for its encounter. T5a care: the accept Provenance has no
//    `recorded` (excluded, not zero), booked, picked up 5 min early, completed. Never told; confirmed.
// B6 home health h6: T6a hh accepted after 60 min; first contact 24 h after referral (a later call is ignored); completed.
// B7 home health h7: T7a hh accepted after 60 min; first contact after 72 h (misses 48 h).
// B8 DME d8: T8a dme accepted after 20 min, then cancelled by vendor; re-dispatched T8b dme2 accepted after
//    20 min, contacted the patient 2 h after its own Task, completed. One request, counted once.
// B9 transport t9 (03-20) lies outside the range.
// Noise: a workflow-step Task (ignored), a Task without status, a Provenance without target, a string
// where a Task should be, a Communication without `sent` (4 skipped).
import { SYSTEMS } from '../fhir/codes';
import {
  appointment, bookingRequest, communication, dischargeOrder, milestone, organization, vendorTask,
} from './fixture-builders';
import type { MetricsInput } from './parse-input';

export const FIXTURE_RANGE = { from: '2025-03-03T00:00:00Z', to: '2025-03-17T00:00:00Z' } as const;
export const V = {
  swift: 'Organization/swift', care: 'Organization/care', hh: 'Organization/hh', dme: 'Organization/dme', dme2: 'Organization/dme2',
} as const;

const T = (id: string, focus: string, owner: string, patient: string, status: string, authoredOn: string, extra: object = {}) =>
  vendorTask({ id, focus, owner, patient, status, authoredOn, ...extra });

export const fixture: Required<MetricsInput> = {
  serviceRequests: [
    dischargeOrder('d1', 'Encounter/e1', 'Patient/p1', '2025-03-03T08:00:00Z'),
    dischargeOrder('d2', 'Encounter/e2', 'Patient/p2', '2025-03-04T09:00:00Z'),
    dischargeOrder('d3', 'Encounter/e3', 'Patient/p3', '2025-03-05T10:00:00Z'),
    dischargeOrder('d4', 'Encounter/e4', 'Patient/p4', '2025-03-06T07:00:00Z'),
    bookingRequest('t1', 'transport', 'Encounter/e1', 'Patient/p1', '2025-03-03T08:30:00Z'),
    bookingRequest('t2', 'transport', 'Encounter/e2', 'Patient/p2', '2025-03-04T09:15:00Z'),
    bookingRequest('t3', 'transport', 'Encounter/e3', 'Patient/p3', '2025-03-05T10:30:00Z'),
    bookingRequest('t4', 'transport', 'Encounter/e4', 'Patient/p4', '2025-03-06T07:30:00Z'),
    bookingRequest('t5', 'transport', 'Encounter/e5', 'Patient/p5', '2025-03-10T08:00:00Z'),
    bookingRequest('h6', 'home-health', 'Encounter/e6', 'Patient/p6', '2025-03-10T12:00:00Z'),
    bookingRequest('h7', 'home-health', 'Encounter/e7', 'Patient/p7', '2025-03-11T09:00:00Z'),
    bookingRequest('t9', 'transport', 'Encounter/e9', 'Patient/p9', '2025-03-20T08:00:00Z'),
  ],
  deviceRequests: [bookingRequest('d8', 'dme', 'Encounter/e8', 'Patient/p8', '2025-03-12T08:00:00Z')],
  tasks: [
    T('T1z', 'ServiceRequest/t1', V.care, 'Patient/p1', 'draft', '2025-03-03T08:20:00Z'),
    T('T1a', 'ServiceRequest/t1', V.swift, 'Patient/p1', 'completed', '2025-03-03T08:30:00Z', { milestone: 'service-completed', appointment: 'Appointment/a1' }),
    T('T2a', 'ServiceRequest/t2', V.care, 'Patient/p2', 'rejected', '2025-03-04T09:15:00Z', { milestone: 'declined' }),
    T('T2b', 'ServiceRequest/t2', V.swift, 'Patient/p2', 'in-progress', '2025-03-04T09:50:00Z', { milestone: 'picked-up', appointment: 'Appointment/a2' }),
    T('T3a', 'ServiceRequest/t3', V.care, 'Patient/p3', 'cancelled', '2025-03-05T10:30:00Z', { milestone: 'cancelled-by-facility' }),
    T('T4a', 'ServiceRequest/t4', V.swift, 'Patient/p4', 'accepted', '2025-03-06T07:30:00Z', { milestone: 'booked', appointment: 'Appointment/a4' }),
    T('T5a', 'ServiceRequest/t5', V.care, 'Patient/p5', 'completed', '2025-03-10T08:00:00Z', { milestone: 'service-completed', appointment: 'Appointment/a5' }),
    T('T6a', 'ServiceRequest/h6', V.hh, 'Patient/p6', 'completed', '2025-03-10T12:00:00Z', { milestone: 'service-completed' }),
    T('T7a', 'ServiceRequest/h7', V.hh, 'Patient/p7', 'in-progress', '2025-03-11T09:00:00Z', { milestone: 'accepted' }),
    T('T8a', 'DeviceRequest/d8', V.dme, 'Patient/p8', 'cancelled', '2025-03-12T08:00:00Z', { milestone: 'cancelled-by-vendor' }),
    T('T8b', 'DeviceRequest/d8', V.dme2, 'Patient/p8', 'completed', '2025-03-12T12:30:00Z', { milestone: 'delivered' }),
    T('T9a', 'ServiceRequest/t9', V.swift, 'Patient/p9', 'requested', '2025-03-20T08:00:00Z', { milestone: 'sent' }),
    { ...T('S1', 'ServiceRequest/t1', 'PractitionerRole/nurse', 'Patient/p1', 'requested', '2025-03-03T09:05:00Z'),
      code: { coding: [{ system: SYSTEMS.step, code: 'notify-patient' }] } },
    { resourceType: 'Task', id: 'broken', intent: 'order' },
    'not a resource',
  ],
  provenances: [
    milestone('pr1', 'Task/T1a', 'accepted', '2025-03-03T08:40:00Z'),
    milestone('pr2', 'Task/T1a', 'booked', '2025-03-03T09:00:00Z'),
    milestone('pr3', 'Task/T1a', 'picked-up', '2025-03-04T10:10:00Z'),
    milestone('pr4', 'Task/T1a', 'service-completed', '2025-03-04T11:00:00Z'),
    milestone('pr5', 'Task/T2a', 'declined', '2025-03-04T09:45:00Z'),
    milestone('pr6', 'Task/T2b', 'accepted', '2025-03-04T10:00:00Z'),
    milestone('pr7', 'Task/T2b', 'booked', '2025-03-04T12:00:00Z'),
    milestone('pr8', 'Task/T2b', 'picked-up', '2025-03-05T14:30:00Z'),
    milestone('pr9', 'Task/T3a', 'cancelled-by-facility', '2025-03-05T10:50:00Z'),
    milestone('pr10', 'Task/T4a', 'accepted', '2025-03-06T07:35:00Z'),
    milestone('pr11', 'Task/T4a', 'booked', '2025-03-06T11:00:00Z'),
    milestone('pr12', 'Task/T4a', 'reschedule-requested', '2025-03-06T15:00:00Z'),
    milestone('pr13', 'Task/T4a', 'booked', '2025-03-06T16:00:00Z'),
    milestone('pr14', 'Task/T5a', 'accepted', undefined),
    milestone('pr15', 'Task/T5a', 'booked', '2025-03-10T09:00:00Z'),
    milestone('pr16', 'Task/T5a', 'picked-up', '2025-03-11T07:55:00Z'),
    milestone('pr17', 'Task/T6a', 'accepted', '2025-03-10T13:00:00Z'),
    milestone('pr18', 'Task/T7a', 'accepted', '2025-03-11T10:00:00Z'),
    milestone('pr19', 'Task/T8a', 'accepted', '2025-03-12T08:20:00Z'),
    milestone('pr20', 'Task/T8a', 'cancelled-by-vendor', '2025-03-12T12:00:00Z'),
    milestone('pr21', 'Task/T8b', 'accepted', '2025-03-12T12:50:00Z'),
    milestone('pr22', 'Task/T8b', 'delivered', '2025-03-13T10:00:00Z'),
    { resourceType: 'Provenance', id: 'no-target', target: [], recorded: '2025-03-03T09:00:00Z' },
  ],
  appointments: [
    appointment('a1', 'ServiceRequest/t1', 'Patient/p1', '2025-03-04T10:00:00Z', 'accepted'),
    appointment('a2', 'ServiceRequest/t2', 'Patient/p2', '2025-03-05T14:00:00Z', 'needs-action'),
    appointment('a4', 'ServiceRequest/t4', 'Patient/p4', '2025-03-07T09:00:00Z', 'accepted'),
    appointment('a5', 'ServiceRequest/t5', 'Patient/p5', '2025-03-11T08:00:00Z', 'accepted'),
  ],
  communications: [
    communication('n1', { to: 'Patient/p1', basedOn: 'ServiceRequest/t1', sent: '2025-03-03T12:00:00Z' }),
    communication('n2', { to: 'Patient/p2', basedOn: 'ServiceRequest/t2', sent: '2025-03-05T13:00:00Z' }),
    communication('n4', { to: 'Patient/p4', basedOn: 'ServiceRequest/t4', sent: '2025-03-06T20:00:00Z' }),
    communication('n5-unsent', { to: 'Patient/p5', basedOn: 'ServiceRequest/t5' }),
    communication('c6', { to: 'Patient/p6', sender: V.hh, sent: '2025-03-11T12:00:00Z' }),
    communication('c6b', { to: 'Patient/p6', sender: V.hh, sent: '2025-03-12T09:00:00Z' }),
    communication('c7', { to: 'Patient/p7', sender: V.hh, sent: '2025-03-14T09:00:00Z' }),
    communication('c8', { to: 'Patient/p8', sender: V.dme2, sent: '2025-03-12T14:30:00Z' }),
  ],
  organizations: [
    organization('swift', 'Swift Van'), organization('care', 'CareLift'), organization('hh', 'Home Care Partners'),
    organization('dme', 'OxyHome'), organization('dme2', 'MedEquip'),
  ],
};
