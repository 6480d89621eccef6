// What the EHR already knows, proposed as a booking: level of service from
// mobility needs (with the reason), pickup = the encounter's hospital, drop-off =
// home, time = planned discharge, payer from Coverage.
import { EXTENSIONS, SNOMED, SYSTEMS, TRANSPORT_LEVELS, type Capability, type TransportLevel } from '../fhir/codes';
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
  pickup?: { reference: string; label: string };
  dropoff?: { address: NonNullable<TPatient['address']>[number]; label: string };
  time?: string;
  timeSource?: 'discharge order' | 'planned discharge';
  coverage?: { reference: string; label: string };
  dischargeOrder?: TServiceRequest;
  disposition?: string;
}

const ACTIVE = (c: TCondition) => !c.clinicalStatus || codeIn(c.clinicalStatus, 'http://terminology.hl7.org/CodeSystem/condition-clinical') === 'active';

export function proposeTransport(f: ChartFacts): Proposal {
  const codes = new Set(f.conditions.filter(ACTIVE).map((c) => codeIn(c.code, SYSTEMS.icd10cm)).filter(Boolean));
  const flags: Capability[] = [];
  if (codes.has('Z99.81')) flags.push('oxygen');
  let level: TransportLevel = 'A0100';
  let levelReason = 'No mobility needs on the chart: ambulatory.';
  if (codes.has('Z74.01')) {
    level = 'T2005';
    levelReason = 'Bed confinement (Z74.01): the patient cannot sit for the trip, stretcher van.';
    flags.push('stretcher');
  } else if (codes.has('Z99.3')) {
    level = 'A0130';
    levelReason = 'Wheelchair dependence (Z99.3): wheelchair van.';
    flags.push('wheelchair');
  } else if (codes.has('Z99.81')) {
    // A patient on oxygen travels seated with a tank: a wheelchair van, not a taxi.
    level = 'A0130';
    levelReason = 'Supplemental oxygen (Z99.81): wheelchair van that carries oxygen.';
  }
  if (codes.has('Z99.81') && level !== 'A0130') levelReason += ' Supplemental oxygen (Z99.81): the vendor must carry oxygen.';
  const order = f.requests.find((r) => r.status === 'active' && hasCode(r.code, SYSTEMS.snomed, SNOMED.dischargeOrder.code));
  const planned = f.encounter?.extension?.find((e) => e.url === EXTENSIONS.plannedDischarge)?.valueDateTime;
  const home = f.patient.address?.find((a) => a.use === 'home') ?? f.patient.address?.[0];
  const coverage = f.coverages.find((c) => c.status === 'active');
  return {
    level,
    levelReason,
    flags: [...new Set(flags)],
    pickup: pickupOf(f),
    ...(home ? { dropoff: { address: home, label: formatAddress(home) || 'Home' } } : {}),
    ...(order?.occurrenceDateTime ? { time: order.occurrenceDateTime, timeSource: 'discharge order' as const } : planned ? { time: planned, timeSource: 'planned discharge' as const } : {}),
    ...(coverage?.id ? { coverage: { reference: `Coverage/${coverage.id}`, label: coverage.class?.[0]?.name ?? coverage.payor?.[0]?.display ?? 'Coverage on file' } } : {}),
    ...(order ? { dischargeOrder: order } : {}),
    disposition: f.encounter?.hospitalization?.dischargeDisposition?.coding?.[0]?.display ?? f.encounter?.hospitalization?.dischargeDisposition?.text,
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
