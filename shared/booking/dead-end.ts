// A booking nobody is moving any more: every vendor that can do it declined (or
// did not answer), or the vendor did not show. One truth for the card: what
// happened, each vendor with its phone and why it could not, and what the owner
// can do (call and record a phone booking, change the request, cancel). Pure.
import { CAPABILITIES, TRANSPORT_LEVELS, type Capability, type TransportLevel } from '../fhir/codes';
import type { THealthcareService, TOrganization } from '../fhir/schemas';
import type { Booking, VendorAttempt } from './booking-view';
import { vendorContacts, type VendorContact } from './no-vendor';

export type DeadEndKind = 'all-declined' | 'vendor-no-show';

export interface DeadEndContact extends VendorContact {
  /** Why this vendor could not, in words: it declined (and why), did not answer, did not show, or does not fit. */
  why: string;
  /** Fits the booking as asked and was never asked. */
  untried: boolean;
}

export interface DeadEnd {
  kind: DeadEndKind;
  /** The one sentence the card says. */
  headline: string;
  contacts: DeadEndContact[];
}

export interface DeadEndOptions {
  postalCode?: string;
  timeZone?: string;
}

const CAPS = new Set<string>(CAPABILITIES);

/** The vendor need the booking's order states: level, capabilities, ZIP and time. */
export function needOf(b: Booking, o: DeadEndOptions) {
  const level = b.service === 'transport' && b.code && b.code in TRANSPORT_LEVELS ? (b.code as TransportLevel) : undefined;
  const flags = (b.orderDetails ?? []).filter((d): d is Capability => CAPS.has(d));
  return { service: b.service, level, flags, postalCode: o.postalCode, at: b.requestedTime, timeZone: o.timeZone };
}

function attemptWords(a: VendorAttempt): string {
  const why = a.reason ? ` (${a.reason})` : '';
  if (a.status === 'rejected') return `declined${why}`;
  if (a.status === 'failed') return a.milestone === 'vendor-no-show' ? `did not show${why}` : `could not do it${why}`;
  if (a.status === 'cancelled') return a.reason?.startsWith('No answer') ? `did not answer${a.reason ? ` (${a.reason})` : ''}` : `cancelled${why}`;
  return `was asked (${a.status})`;
}

export function deadEndOf(b: Booking, services: THealthcareService[], orgs: TOrganization[], o: DeadEndOptions = {}): DeadEnd | undefined {
  if (b.requestStatus !== 'active' || !b.taskStatus) return undefined;
  const noShow = b.taskStatus === 'failed';
  const declined = b.taskStatus === 'rejected' || (b.taskStatus === 'cancelled' && b.milestone === 'cancelled-by-facility' && /^No answer/.test(b.tried?.at(-1)?.reason ?? ''));
  if (!noShow && !declined) return undefined;
  const tried = new Map<string, VendorAttempt>();
  for (const a of b.tried ?? []) if (a.vendor) tried.set(a.vendor, a);
  const contacts: DeadEndContact[] = vendorContacts(services, orgs, needOf(b, o)).map((c) => {
    const attempt = tried.get(c.organization);
    const fits = c.misses.length === 0;
    return { ...c, untried: fits && !attempt, why: attempt ? attemptWords(attempt) : fits ? 'can take it; not asked yet' : c.misses.join(', ') };
  });
  // A decline with a vendor left to ask is not a dead end: dispatch sends it on.
  if (declined && contacts.some((c) => c.untried)) return undefined;
  const what = b.service === 'transport' ? 'trip' : b.service === 'dme' ? 'delivery' : 'visit';
  const headline = noShow
    ? `The vendor did not show for this ${what}. Rebook it: offer it to another vendor or record a booking made by phone.`
    : `Every vendor that can do this ${what} declined or did not answer, and no other vendor in the directory can take it. Call a vendor and record the booking, change the request, or cancel it.`;
  return { kind: noShow ? 'vendor-no-show' : 'all-declined', headline, contacts };
}
