// The facility side: hospital, units and beds, staff with their roles, payers.
import type { Address, Location, Organization, Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import { CARE_ROLES, SYSTEMS } from '../../shared/fhir/codes';
import { cc, pad, ref, type SeedContext } from './context';

const ORG_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';
const PHYSICAL_TYPE = 'http://terminology.hl7.org/CodeSystem/location-physical-type';

export const HOSPITAL_ORG = 'org-hospital';
export const HOSPITAL_LOC = 'loc-hospital';
export const CITY = 'Columbus';
export const STATE = 'OH';
/** Postal codes of the metro; vendors serve different subsets, so service areas matter. */
export const POSTAL_CODES = ['43201', '43205', '43209', '43215', '43220', '43229', '43123', '43068'] as const;

export const HOSPITAL_ADDRESS: Address = {
  use: 'work', type: 'both', line: ['500 Riverside Way'], city: CITY, state: STATE, postalCode: '43215', country: 'US',
};

export const UNITS = [
  { id: 'loc-unit-4w', name: '4 West', prefix: '4W' },
  { id: 'loc-unit-5e', name: '5 East', prefix: '5E' },
  { id: 'loc-unit-icu-sd', name: 'ICU step-down', prefix: 'SD' },
] as const;

export const PAYERS = [
  { id: 'payer-medicare', name: 'Medicare', plan: 'Medicare Part A/B' },
  { id: 'payer-medicaid', name: 'Ohio Medicaid', plan: 'Ohio Medicaid Managed Care' },
  { id: 'payer-commercial-1', name: 'Buckeye Health Plan', plan: 'Buckeye Choice PPO' },
  { id: 'payer-commercial-2', name: 'Summit Mutual Insurance', plan: 'Summit Gold HMO' },
] as const;

export type RoleCode = (typeof CARE_ROLES)[keyof typeof CARE_ROLES];

interface StaffSpec { id: string; role: RoleCode; given?: string; family?: string }

const ROLE_PREFIX: Record<RoleCode, string> = {
  'case-manager': 'cm', 'discharge-nurse': 'dn', attending: 'att', 'home-health-intake': 'hhi',
};
const ROLE_DISPLAY: Record<RoleCode, string> = {
  'case-manager': 'Case manager', 'discharge-nurse': 'Discharge nurse', attending: 'Attending physician',
  'home-health-intake': 'Home health intake coordinator',
};

const STAFF: StaffSpec[] = [
  { id: 'cm-1', role: 'case-manager', given: 'Dana', family: 'Whitfield' },
  { id: 'cm-2', role: 'case-manager' },
  { id: 'dn-1', role: 'discharge-nurse', given: 'Marcus', family: 'Okafor' },
  { id: 'dn-2', role: 'discharge-nurse' },
  { id: 'dn-3', role: 'discharge-nurse' },
  { id: 'att-1', role: 'attending' },
  { id: 'att-2', role: 'attending' },
  { id: 'att-3', role: 'attending' },
  { id: 'hhi-1', role: 'home-health-intake' },
];

/** PractitionerRole ids by role, in seeding order (e.g. staff.byRole['case-manager'][0] = 'role-cm-1'). */
export interface Staff { byRole: Record<RoleCode, string[]> }

export function seedHospital(ctx: SeedContext): Staff {
  ctx.add<Organization>({
    resourceType: 'Organization', id: HOSPITAL_ORG, active: true, name: 'Riverside Valley Medical Center',
    type: [cc(ORG_TYPE, 'prov', 'Healthcare Provider')],
    telecom: [{ system: 'phone', value: '614-555-0100', use: 'work' }], address: [HOSPITAL_ADDRESS],
  });
  ctx.add<Location>({
    resourceType: 'Location', id: HOSPITAL_LOC, status: 'active', name: 'Riverside Valley Medical Center',
    mode: 'instance', type: [cc(SYSTEMS.locationType, 'HOSP', 'Hospital')], address: HOSPITAL_ADDRESS,
    physicalType: cc(PHYSICAL_TYPE, 'bu', 'Building'), managingOrganization: ref('Organization', HOSPITAL_ORG),
  });
  for (const unit of UNITS) {
    ctx.add<Location>({
      resourceType: 'Location', id: unit.id, status: 'active', name: unit.name, mode: 'instance',
      physicalType: cc(PHYSICAL_TYPE, 'wa', 'Ward'), partOf: ref('Location', HOSPITAL_LOC),
      managingOrganization: ref('Organization', HOSPITAL_ORG),
    });
  }
  for (const p of PAYERS) {
    ctx.add<Organization>({
      resourceType: 'Organization', id: p.id, active: true, name: p.name, type: [cc(ORG_TYPE, 'pay', 'Payer')],
    });
  }
  return { byRole: seedStaff(ctx) };
}

function seedStaff(ctx: SeedContext): Record<RoleCode, string[]> {
  const byRole: Record<RoleCode, string[]> = {
    'case-manager': [], 'discharge-nurse': [], attending: [], 'home-health-intake': [],
  };
  for (const s of STAFF) {
    const given = s.given ?? ctx.f.person.firstName();
    const family = s.family ?? ctx.f.person.lastName();
    const pracId = `prac-${s.id}`;
    const roleId = `role-${s.id}`;
    const prefix = s.role === 'attending' ? ['Dr.'] : undefined;
    ctx.add<Practitioner>({
      resourceType: 'Practitioner', id: pracId, active: true,
      name: [{ given: [given], family, ...(prefix ? { prefix } : {}), text: `${given} ${family}` }],
      telecom: [{ system: 'phone', value: `614-555-${pad(200 + STAFF.indexOf(s), 4)}`, use: 'work' }],
    });
    ctx.add<PractitionerRole>({
      resourceType: 'PractitionerRole', id: roleId, active: true,
      practitioner: ref('Practitioner', pracId, `${given} ${family}`),
      organization: ref('Organization', HOSPITAL_ORG),
      code: [cc(SYSTEMS.practitionerRole, s.role, ROLE_DISPLAY[s.role])],
      location: [ref('Location', HOSPITAL_LOC)],
    });
    byRole[s.role].push(roleId);
  }
  return byRole;
}

/** Beds are created on demand, one per current patient, so every bed in the seed is occupied. */
export function seedBed(ctx: SeedContext, index: number): string {
  const unit = UNITS[index % UNITS.length] ?? UNITS[0];
  const bedNo = Math.floor(index / UNITS.length) + 1;
  const id = `loc-bed-${unit.prefix.toLowerCase()}-${pad(bedNo, 2)}`;
  ctx.add<Location>({
    resourceType: 'Location', id, status: 'active', name: `${unit.name} bed ${unit.prefix}-${pad(bedNo, 2)}`,
    mode: 'instance', physicalType: cc(PHYSICAL_TYPE, 'bd', 'Bed'), partOf: ref('Location', unit.id),
    managingOrganization: ref('Organization', HOSPITAL_ORG),
  });
  return id;
}

export function roleOf(staff: Staff, role: RoleCode, n: number): string {
  const list = staff.byRole[role];
  return list[n % list.length] ?? `role-${ROLE_PREFIX[role]}-1`;
}
