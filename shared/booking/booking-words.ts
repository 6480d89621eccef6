// The nurse's words for a booking's time, per service: a transport has a pickup, a
// home health referral a visit, DME a delivery. One place, used by every surface.
import type { ServiceType } from '../fhir/codes';

export const TIME_WORD: Readonly<Record<ServiceType, { noun: string; title: string }>> = {
  transport: { noun: 'pickup', title: 'Pickup' },
  'home-health': { noun: 'visit', title: 'Visit' },
  dme: { noun: 'delivery', title: 'Delivery' },
};

export const timeWord = (service: ServiceType) => TIME_WORD[service].noun;
export const timeTitle = (service: ServiceType) => TIME_WORD[service].title;

export const MILESTONE_LABEL: Readonly<Record<string, string>> = {
  sent: 'Sent to vendor', accepted: 'Accepted', booked: 'Booked', declined: 'Declined', 'driver-assigned': 'Driver assigned',
  'en-route': 'En route', 'picked-up': 'Picked up', delivered: 'Delivered', 'service-completed': 'Completed',
  'reschedule-requested': 'Reschedule requested', 'patient-no-show': 'Patient no-show', 'vendor-no-show': 'Vendor no-show',
  'cancelled-by-facility': 'Cancelled (facility)', 'cancelled-by-patient': 'Cancelled (patient)', 'cancelled-by-vendor': 'Cancelled (vendor)',
  'patient-notified': 'Patient notified', 'patient-confirmed': 'Patient confirmed',
  // Steps on a booking's timeline that are not milestones of its Task (booking-timeline.ts).
  'cancellation-acknowledged': 'Vendor acknowledged the cancellation', 'handoff-attached': 'Handoff attached', 'handoff-acknowledged': 'Handoff acknowledged',
};

const STATUS_LABEL: Readonly<Record<string, string>> = {
  requested: 'Sent to vendor', received: 'Received', accepted: 'Accepted', rejected: 'Declined', ready: 'Ready', cancelled: 'Cancelled',
  'in-progress': 'In progress', 'on-hold': 'On hold', failed: 'Failed', completed: 'Completed', 'entered-in-error': 'Entered in error',
  active: 'Active', revoked: 'Cancelled', draft: 'Draft',
};

/** The status a nurse reads: the milestone's label, else the Task's or the order's status in words. */
export function milestoneLabel(booking: { milestone?: string; taskStatus?: string; requestStatus: string }): string {
  if (booking.milestone) return MILESTONE_LABEL[booking.milestone] ?? booking.milestone;
  const status = booking.taskStatus ?? booking.requestStatus;
  return STATUS_LABEL[status] ?? status;
}

/** A cancelled, declined or failed booking's headline says so, not a time. */
export function isEnded(b: { taskStatus?: string; requestStatus: string }): boolean {
  return ['cancelled', 'rejected', 'failed', 'entered-in-error'].includes(b.taskStatus ?? '') || ['revoked', 'entered-in-error'].includes(b.requestStatus);
}
