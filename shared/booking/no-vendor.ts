// When no vendor can take a booking as asked: why each cannot, when each vendor
// that could is next open, which other levels of service have a vendor at that
// time, and whom to call. Pure; the form and the booking card show it. A level
// is only ever offered, never applied: the nurse decides what is clinically
// acceptable, and a level below the chart's still needs a reason in the form.
import { TRANSPORT_LEVELS, type Capability, type TransportLevel } from '../fhir/codes';
import { refId } from '../fhir/refs';
import type { THealthcareService, TOrganization } from '../fhir/schemas';
import { hoursInWords, nextOpenTime } from './next-open';
import { LEVEL_ORDER, levelRank } from './right-service';
import { matchVendors, type VendorNeed, type VendorOption } from './vendors';

export const CLOSED = 'closed at that time';

export interface VendorContact {
  organization: string;
  name: string;
  /** Work phone from the directory (Organization.telecom, else HealthcareService.telecom). */
  phone?: string;
  /** Opening hours in words. */
  hours: string;
  /** Why it cannot take this booking as asked; empty when it can. */
  misses: string[];
  /** Only the hours stand in the way: the next time it is open (ISO). */
  nextOpen?: string;
}

export interface LevelOption {
  level: TransportLevel;
  /** Vendors that can take it at the asked time with this level. */
  vendors: number;
  /** Below the level asked for (or the chart's): the nurse must judge it clinically acceptable. */
  below: boolean;
}

export interface NoVendorAdvice {
  contacts: VendorContact[];
  levels: LevelOption[];
  /** The earliest next-open time among vendors only the hours rule out. */
  earliest?: string;
}

export function phoneOf(org: TOrganization | undefined, hs?: THealthcareService): string | undefined {
  const fromOrg = org?.telecom?.find((t) => t.system === 'phone' && t.value)?.value;
  if (fromOrg) return fromOrg;
  const telecom = (hs as { telecom?: { system?: string; value?: string }[] } | undefined)?.telecom;
  return Array.isArray(telecom) ? telecom.find((t) => t.system === 'phone' && typeof t.value === 'string')?.value : undefined;
}

/** Every vendor of the service with its phone, hours, why it cannot and, where only the hours stand in the way, when it opens. */
export function vendorContacts(services: THealthcareService[], orgs: TOrganization[], need: VendorNeed): VendorContact[] {
  const byOrg = new Map(services.map((hs) => [hs.providedBy?.reference ?? '', hs]));
  const orgById = new Map(orgs.map((o) => [`Organization/${o.id ?? ''}`, o]));
  return matchVendors(services, orgs, need).map((v) => {
    const hs = byOrg.get(v.organization) ?? byOrg.get(`Organization/${refId({ reference: v.organization }, 'Organization') ?? ''}`);
    const onlyClosed = v.misses.length === 1 && v.misses[0] === CLOSED;
    const nextOpen = onlyClosed && hs && need.at ? nextOpenTime(hs, need.at, need.timeZone) : undefined;
    return {
      organization: v.organization, name: v.name, hours: hs ? hoursInWords(hs) : 'hours not listed', misses: v.misses,
      ...(phoneOf(orgById.get(v.organization), hs) ? { phone: phoneOf(orgById.get(v.organization), hs) } : {}),
      ...(nextOpen ? { nextOpen } : {}),
    };
  });
}

/** The mobility flags that still apply at another level: a stretcher level carries a wheelchair patient, and the reverse. */
export function flagsForLevel(level: TransportLevel, flags: Capability[]): Capability[] {
  return flags.filter((f) => !(f === 'wheelchair' && levelRank(level) >= levelRank('T2005')) && !(f === 'stretcher' && levelRank(level) < levelRank('T2005')));
}

export function adviseNoVendor(services: THealthcareService[], orgs: TOrganization[], need: VendorNeed & { level: TransportLevel }, chartLevel?: TransportLevel): NoVendorAdvice {
  const contacts = vendorContacts(services, orgs, need);
  const floor = levelRank(chartLevel ?? need.level);
  const levels: LevelOption[] = [];
  for (const level of LEVEL_ORDER) {
    if (level === need.level) continue;
    const fits = matchVendors(services, orgs, { ...need, level, flags: flagsForLevel(level, need.flags) }).filter((v: VendorOption) => v.misses.length === 0).length;
    if (fits > 0) levels.push({ level, vendors: fits, below: levelRank(level) < floor });
  }
  const times = contacts.map((c) => c.nextOpen).filter((t): t is string => Boolean(t)).sort();
  return { contacts, levels, ...(times[0] ? { earliest: times[0] } : {}) };
}

export function levelWords(level: TransportLevel): string {
  return `${TRANSPORT_LEVELS[level].display} (${level})`;
}
