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

/** A cancelled, declined or failed booking's headline says so, not a time. */
export function isEnded(b: { taskStatus?: string; requestStatus: string }): boolean {
  return ['cancelled', 'rejected', 'failed', 'entered-in-error'].includes(b.taskStatus ?? '') || ['revoked', 'entered-in-error'].includes(b.requestStatus);
}
