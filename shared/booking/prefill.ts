// What the EHR already knows, proposed as a booking: level of service from every
// charted need (with the reason), pickup = the encounter's hospital, drop-off =
// what the discharge disposition calls for, time = planned discharge, payer from Coverage.
import { EXTENSIONS, SNOMED, SYSTEMS, TRANSPORT_LEVELS, type Capability, type TransportLevel } from '../fhir/codes';
import { proposeDestination, proposeLevelFromChart, type Destination, type Oxygen, type Place } from './right-service';
import { codeIn, formatAddress, hasCode, refId } from '../fhir/refs';
import type { TCondition, TCoverage, TEncounter, TLocation, TPatient, TServiceRequest } from '../fhir/schemas';

export interface ChartFacts {
  patient: TPatient;
  encounter?: TEncounter;
  locations: TLocation[];
  coverages: TCoverage[];
  conditions: TCondition[];
  requests: TServiceRequest[];
}

export interface Proposal {
  level: TransportLevel;
  levelReason: string;
  flags: Capability[];
  /** Order details from the chart that do not select vendors (isolation, restraint, portable oxygen). */
  needs?: string[];
  oxygen?: Oxygen;
  /** Charted needs the rules cannot read: the level questions must be answered before Confirm. */
  unreadable?: string[];
  pickup?: { reference: string; label: string };
  /** The drop-off the disposition calls for (home, or the facility named on the encounter). */
  dropoff?: { address: NonNullable<TPatient['address']>[number]; label: string; reference?: string };
  destination?: Destination;
  homeAddress?: NonNullable<TPatient['address']>[number];
  time?: string;
  timeSource?: 'discharge order' | 'planned discharge';
  coverage?: { reference: string; label: string };
  dischargeOrder?: TServiceRequest;
  /** The discharge disposition in words. */
  disposition?: string;
}

const ACTIVE = (c: TCondition) => !c.clinicalStatus || codeIn(c.clinicalStatus, 'http://terminology.hl7.org/CodeSystem/condition-clinical') === 'active';

/** Location.type codes (v3 RoleCode) of facilities a patient can be discharged to. */
export const FACILITY_TYPES = ['SNF', 'RH', 'IRF', 'LTAC', 'NCCF', 'HOSPICE', 'HOSP', 'GACH', 'PSYCHF'];

export function placeOf(l: TLocation): Place {
  return { reference: `Location/${l.id}`, name: l.name, typeCodes: (l.type ?? []).flatMap((t) => (t.coding ?? []).map((c) => c.code ?? '')), ...(l.address ? { address: l.address } : {}) };
}

export function proposeTransport(f: ChartFacts): Proposal {
  const active = f.conditions.filter(ACTIVE);
  const codes = active.map((c) => codeIn(c.code, SYSTEMS.icd10cm)).filter((c): c is string => !!c);
  const notes = f.encounter?.extension?.find((e) => e.url === EXTENSIONS.mobilityNotes)?.valueString;
  const uncoded = active.filter((c) => !codeIn(c.code, SYSTEMS.icd10cm)).map((c) => c.code?.text).filter((t): t is string => !!t);
  const need = proposeLevelFromChart({ codes, texts: [...(notes ? [notes] : []), ...uncoded] });
  const order = f.requests.find((r) => r.status === 'active' && hasCode(r.code, SYSTEMS.snomed, SNOMED.dischargeOrder.code));
  const planned = f.encounter?.extension?.find((e) => e.url === EXTENSIONS.plannedDischarge)?.valueDateTime;
  const home = f.patient.address?.find((a) => a.use === 'home') ?? f.patient.address?.[0];
  const coverage = f.coverages.find((c) => c.status === 'active');
  const dd = f.encounter?.hospitalization?.dischargeDisposition;
  const destId = refId(f.encounter?.hospitalization?.destination, 'Location');
  const named = f.locations.find((l) => l.id === destId);
  const destination = proposeDestination({
    disposition: dd ? { code: dd.coding?.[0]?.code, text: dd.text ?? dd.coding?.[0]?.display } : undefined,
    destination: named ? placeOf(named) : undefined,
    home: home ? { name: 'Home', address: home } : undefined,
    facilities: f.locations.filter((l) => l.type?.some((t) => t.coding?.some((c) => FACILITY_TYPES.includes(c.code ?? '')))).map(placeOf),
  });
  const to = destination.place;
  return {
    level: need.level,
    levelReason: need.reason,
    flags: need.flags,
    needs: need.needs,
    ...(need.oxygen ? { oxygen: need.oxygen } : {}),
    unreadable: need.unreadable,
    pickup: pickupOf(f),
    ...(to?.address ? { dropoff: { address: to.address, label: to.reference ? `${to.name ?? 'Facility'}, ${formatAddress(to.address)}` : formatAddress(to.address) || 'Home', ...(to.reference ? { reference: to.reference } : {}) } } : {}),
    destination,
    ...(home ? { homeAddress: home } : {}),
    ...(order?.occurrenceDateTime ? { time: order.occurrenceDateTime, timeSource: 'discharge order' as const } : planned ? { time: planned, timeSource: 'planned discharge' as const } : {}),
    ...(coverage?.id ? { coverage: { reference: `Coverage/${coverage.id}`, label: coverage.class?.[0]?.name ?? coverage.payor?.[0]?.display ?? 'Coverage on file' } } : {}),
    ...(order ? { dischargeOrder: order } : {}),
    disposition: dd ? destination.dispositionWords : undefined,
  };
}

/** The encounter's bed, labelled with its unit and the hospital's address (partOf chain). */
function pickupOf(f: ChartFacts): Proposal['pickup'] {
  const bedId = refId(f.encounter?.location?.[0]?.location, 'Location');
  if (!bedId) return undefined;
  const byId = new Map(f.locations.map((l) => [l.id, l]));
  const chain: TLocation[] = [];
  for (let l = byId.get(bedId); l && chain.length < 5; l = byId.get(refId(l.partOf, 'Location'))) chain.push(l);
  const withAddress = chain.find((l) => l.address);
  const names = chain.map((l) => l.name).filter(Boolean).reverse().join(' › ');
  return { reference: `Location/${bedId}`, label: [names, formatAddress(withAddress?.address)].filter(Boolean).join(', ') || 'Current bed' };
}

export function levelDisplay(level: TransportLevel): string {
  return TRANSPORT_LEVELS[level].display;
}
