// Which vendors can do this booking: the right kind of service, the capabilities
// the patient needs, the patient's postal code and the pickup hour.
import { EXTENSIONS, SYSTEMS, TRANSPORT_LEVELS, type Capability, type ServiceType, type TransportLevel } from '../fhir/codes';
import { codeIn, refId } from '../fhir/refs';
import type { THealthcareService, TOrganization } from '../fhir/schemas';
import { facilityTimeZone } from '../time/facility-clock';

export interface VendorOption {
  organization: string;
  name: string;
  serviceName?: string;
  capabilities: string[];
  /** Why it is or is not offered; empty when it fits. */
  misses: string[];
}

const TAXONOMY_FOR: Record<ServiceType, string[]> = {
  transport: ['343900000X', '341600000X'],
  'home-health': ['251E00000X'],
  dme: ['332B00000X'],
};

export interface VendorNeed {
  service: ServiceType;
  level?: TransportLevel;
  flags: Capability[];
  postalCode?: string;
  /** ISO time of the pickup / visit. */
  at?: string;
  /** IANA zone the vendor's hours are in. */
  timeZone?: string;
}

export function matchVendors(services: THealthcareService[], orgs: TOrganization[], need: VendorNeed): VendorOption[] {
  const names = new Map(orgs.map((o) => [o.id, o.name ?? 'Vendor']));
  const options: VendorOption[] = [];
  for (const hs of services) {
    const orgId = refId(hs.providedBy, 'Organization');
    const taxonomy = hs.type?.map((t) => codeIn(t, SYSTEMS.nucc)).find(Boolean);
    if (!orgId || !taxonomy || !TAXONOMY_FOR[need.service].includes(taxonomy)) continue;
    const capabilities = (hs.characteristic ?? []).map((c) => codeIn(c, SYSTEMS.capability)).filter((c): c is string => Boolean(c));
    options.push({ organization: `Organization/${orgId}`, name: names.get(orgId) ?? hs.name ?? 'Vendor', serviceName: hs.name, capabilities, misses: missesFor(hs, capabilities, need) });
  }
  return options.sort((a, b) => a.misses.length - b.misses.length || a.name.localeCompare(b.name));
}

function missesFor(hs: THealthcareService, capabilities: string[], need: VendorNeed): string[] {
  const misses: string[] = [];
  // A need named twice (the stretcher level and the stretcher flag) is one reason, said once.
  const required = [...new Set([...(need.level ? [TRANSPORT_LEVELS[need.level].capability] : []), ...need.flags.filter((f) => f !== 'escort')])];
  for (const cap of required) if (!capabilities.includes(cap)) misses.push(`no ${cap}`);
  const zips = (hs.extension ?? []).filter((e) => e.url === EXTENSIONS.servicePostalCode).map((e) => e.valueString);
  if (need.postalCode && zips.length && !zips.includes(need.postalCode)) misses.push(`does not serve ${need.postalCode}`);
  if (need.at && !openAt(hs, need.at, need.timeZone)) misses.push('closed at that time');
  return misses;
}

/** Whether the vendor is open at `iso`; its hours are wall-clock times in the facility's zone. */
export function openAt(hs: THealthcareService, iso: string, timeZone = facilityTimeZone()): boolean {
  const times = hs.availableTime;
  if (!times?.length) return true;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return true;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const day = parts.find((p) => p.type === 'weekday')?.value.toLowerCase().slice(0, 3) ?? '';
  const hhmm = `${parts.find((p) => p.type === 'hour')?.value.replace('24', '00')}:${parts.find((p) => p.type === 'minute')?.value}`;
  return times.some((t) => {
    if (t.daysOfWeek && !t.daysOfWeek.includes(day)) return false;
    if (t.allDay) return true;
    const start = t.availableStartTime?.slice(0, 5) ?? '00:00';
    const end = t.availableEndTime?.slice(0, 5) ?? '24:00';
    return hhmm >= start && hhmm < end;
  });
}

