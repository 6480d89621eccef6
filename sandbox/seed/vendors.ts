// The vendor directory: Organization + HealthcareService per vendor, with
// capabilities, service postal codes and hours that vendor matching reads.
import type { HealthcareService, HealthcareServiceAvailableTime, Organization } from '@medplum/fhirtypes';
import { EXTENSIONS, SYSTEMS, VENDOR_TAXONOMY, type Capability } from '../../shared/fhir/codes';
import { cc, type SeedContext } from './context';
import { CITY, POSTAL_CODES, STATE } from './hospital';

type Taxonomy = keyof typeof VENDOR_TAXONOMY;
type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type VendorKind = 'nemt' | 'stretcher' | 'ambulance' | 'home-health' | 'dme';

export interface VendorSpec {
  id: string;
  kind: VendorKind;
  name: string;
  taxonomy: Taxonomy;
  capabilities: Capability[];
  postalCodes: readonly string[];
  /** null = 24/7 */
  hours: { days: Day[]; start: string; end: string } | null;
  /** Confirmation-number prefix the vendor uses. */
  prefix: string;
}

const WEEKDAYS: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const ALL_DAYS: Day[] = [...WEEKDAYS, 'sat', 'sun'];

export const VENDORS: VendorSpec[] = [
  { id: 'vendor-nemt-1', kind: 'nemt', name: 'Metro Mobility Transport', taxonomy: '343900000X',
    capabilities: ['ambulatory', 'wheelchair', 'oxygen', 'escort'], postalCodes: POSTAL_CODES,
    hours: { days: ALL_DAYS, start: '06:00:00', end: '22:00:00' }, prefix: 'NEMT' },
  { id: 'vendor-nemt-2', kind: 'nemt', name: 'Scioto Wheelchair Vans', taxonomy: '343900000X',
    capabilities: ['ambulatory', 'wheelchair', 'bariatric'], postalCodes: ['43201', '43205', '43209', '43215', '43068'],
    hours: { days: WEEKDAYS, start: '07:00:00', end: '18:00:00' }, prefix: 'SWV' },
  { id: 'vendor-stretcher-1', kind: 'stretcher', name: 'CareLine Stretcher Transport', taxonomy: '343900000X',
    capabilities: ['stretcher', 'oxygen', 'bariatric'], postalCodes: POSTAL_CODES,
    hours: { days: ALL_DAYS, start: '07:00:00', end: '20:00:00' }, prefix: 'CLS' },
  { id: 'vendor-amb-bls-1', kind: 'ambulance', name: 'Capital City Ambulance (BLS)', taxonomy: '341600000X',
    capabilities: ['bls', 'stretcher', 'oxygen'], postalCodes: POSTAL_CODES, hours: null, prefix: 'CCA' },
  { id: 'vendor-amb-als-1', kind: 'ambulance', name: 'Franklin Advanced Life Support', taxonomy: '341600000X',
    capabilities: ['als', 'sct', 'bls', 'stretcher', 'oxygen', 'bariatric'], postalCodes: ['43201', '43205', '43215', '43220', '43229'],
    hours: null, prefix: 'FALS' },
  { id: 'vendor-hh-1', kind: 'home-health', name: 'Hearthside Home Health', taxonomy: '251E00000X',
    capabilities: ['home-health-nursing', 'home-health-pt', 'home-health-ot', 'home-health-aide'],
    postalCodes: POSTAL_CODES, hours: { days: WEEKDAYS, start: '08:00:00', end: '17:00:00' }, prefix: 'HHH' },
  { id: 'vendor-hh-2', kind: 'home-health', name: 'Olentangy Visiting Nurses', taxonomy: '251E00000X',
    capabilities: ['home-health-nursing', 'home-health-pt'], postalCodes: ['43201', '43202', '43214', '43220', '43229'],
    hours: { days: [...WEEKDAYS, 'sat'], start: '08:00:00', end: '18:00:00' }, prefix: 'OVN' },
  { id: 'vendor-hh-3', kind: 'home-health', name: 'Southside Home Care Partners', taxonomy: '251E00000X',
    capabilities: ['home-health-nursing', 'home-health-aide', 'home-health-ot'], postalCodes: ['43205', '43209', '43123', '43068'],
    hours: { days: WEEKDAYS, start: '08:30:00', end: '16:30:00' }, prefix: 'SHC' },
  { id: 'vendor-dme-1', kind: 'dme', name: 'Buckeye Medical Supply', taxonomy: '332B00000X',
    capabilities: ['dme-delivery', 'oxygen', 'bariatric'], postalCodes: POSTAL_CODES,
    hours: { days: ALL_DAYS, start: '07:00:00', end: '21:00:00' }, prefix: 'BMS' },
  { id: 'vendor-dme-2', kind: 'dme', name: 'HomeWell Equipment', taxonomy: '332B00000X',
    capabilities: ['dme-delivery'], postalCodes: ['43201', '43215', '43220', '43229'],
    hours: { days: WEEKDAYS, start: '09:00:00', end: '17:00:00' }, prefix: 'HWE' },
];

export function vendorById(id: string): VendorSpec {
  const v = VENDORS.find((x) => x.id === id);
  if (!v) throw new Error(`Unknown vendor ${id}`);
  return v;
}

export function vendorsOfKind(kind: VendorKind): VendorSpec[] {
  return VENDORS.filter((v) => v.kind === kind);
}

export function healthcareServiceId(vendorId: string): string {
  return vendorId.replace(/^vendor-/, 'hcs-');
}

function availableTime(spec: VendorSpec): HealthcareServiceAvailableTime[] {
  if (!spec.hours) return [{ daysOfWeek: ALL_DAYS, allDay: true }];
  return [{ daysOfWeek: spec.hours.days, availableStartTime: spec.hours.start, availableEndTime: spec.hours.end }];
}

export function seedVendors(ctx: SeedContext): void {
  VENDORS.forEach((spec, i) => {
    const taxonomy = cc(SYSTEMS.nucc, spec.taxonomy, VENDOR_TAXONOMY[spec.taxonomy]);
    ctx.add<Organization>({
      resourceType: 'Organization', id: spec.id, active: true, name: spec.name,
      identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: `19${String(80000000 + i * 7919).slice(0, 8)}` }],
      type: [taxonomy],
      telecom: [{ system: 'phone', value: `614-555-${String(300 + i).padStart(4, '0')}`, use: 'work' }],
      address: [{ line: [ctx.f.location.streetAddress()], city: CITY, state: STATE, postalCode: spec.postalCodes[0] }],
    });
    ctx.add<HealthcareService>({
      resourceType: 'HealthcareService', id: healthcareServiceId(spec.id), active: true, name: spec.name,
      providedBy: { reference: `Organization/${spec.id}`, display: spec.name },
      type: [taxonomy],
      characteristic: spec.capabilities.map((c) => cc(SYSTEMS.capability, c)),
      availableTime: availableTime(spec),
      extension: spec.postalCodes.map((p) => ({ url: EXTENSIONS.servicePostalCode, valueString: p })),
    });
  });
}
