// SBAR and I-PASS prefilled from the chart: the sender edits, never starts from a
// blank page. Each service gets its own handoff, holding only what belongs to it:
// transport (mobility, oxygen, escort, pickup, drop-off, who receives the patient),
// home health (course, wounds, therapy orders, equipment, first-visit deadline), DME
// (item, settings, delivery window, who receives it). Readable words, never codes.
// Pure, so the dialog and the tests derive the same text.
import type { Booking } from '../booking/booking-view';
import { milestoneLabel } from '../booking/booking-words';
import type { ChartModel } from '../chart/chart-model';
import { MOBILITY_CONDITIONS, SYSTEMS, type ServiceType } from '../fhir/codes';
import { codeIn, formatName } from '../fhir/refs';
import type { TCondition } from '../fhir/schemas';
import { severityLabel, type HandoffKind } from '../fhir/handoff-codes';

export interface HandoffItem {
  linkId: string;
  text: string;
  value: string;
}

export interface HandoffDraft {
  kind: HandoffKind;
  items: HandoffItem[];
}

export interface BuildOptions {
  /** The booking the handoff travels with; defaults to the newest booking on the chart. */
  booking?: Booking;
  /** How times read in the text (the UI passes its locale formatter); ISO by default. */
  formatTime?: (iso: string) => string;
}

type HandoffChart = Pick<ChartModel, 'patient' | 'proposal' | 'bookings' | 'conditions'>;

export function buildSbar(chart: HandoffChart, options: BuildOptions = {}): HandoffDraft {
  const f = factsOf(chart, options);
  const [s, b, a, r] = SBAR[f.service](f);
  return {
    kind: 'sbar',
    items: [
      { linkId: 'situation', text: 'Situation', value: s },
      { linkId: 'background', text: 'Background', value: b },
      { linkId: 'assessment', text: 'Assessment', value: a },
      { linkId: 'recommendation', text: 'Recommendation', value: r },
    ],
  };
}

export function buildIpass(chart: HandoffChart, options: BuildOptions = {}): HandoffDraft {
  const f = factsOf(chart, options);
  const [summary, actions, contingency] = IPASS[f.service](f);
  return {
    kind: 'ipass',
    items: [
      // Watcher by default: a discharge in transit is not "stable" until the receiver says so.
      { linkId: 'illness-severity', text: 'Illness severity', value: severityLabel('watcher') },
      { linkId: 'patient-summary', text: 'Patient summary', value: summary },
      { linkId: 'action-list', text: 'Action list', value: actions },
      { linkId: 'situation-awareness', text: 'Situation awareness and contingency', value: contingency },
      // The receiver's own words: prefilling it would defeat the point of synthesis.
      { linkId: 'synthesis', text: 'Synthesis by receiver', value: '' },
    ],
  };
}

type Facts = ReturnType<typeof factsOf>;
type Sbar = (f: Facts) => [string, string, string, string];
type Ipass = (f: Facts) => [string, string, string];

const forDischarge = (f: Facts) => `${f.label} for discharge${f.disposition ? ` (${f.disposition})` : ''}`;
const mobility = (f: Facts, lead: string) => (f.mobility.length ? `${lead}: ${f.mobility.join('; ')}.` : 'No active mobility needs on the chart.');
const course = (f: Facts) => (f.course.length ? `Active diagnoses: ${f.course.join('; ')}.` : 'No active diagnoses on the chart.');
const wounds = (f: Facts) => (f.wounds.length ? `Wounds: ${f.wounds.join('; ')}.` : 'No wounds on the chart.');
const therapy = (f: Facts) => (f.therapy.length ? `Ordered: ${f.therapy.join(', ')}.` : 'No disciplines on the referral.');
const equipment = (f: Facts) => (f.equipment.length ? `Equipment for home: ${f.equipment.join('; ')}.` : 'No equipment ordered for home.');
const MEDICATIONS = 'Medications: attach the discharge medication list (CareRelay does not read it).';
const home = (f: Facts) => f.dropoff ?? 'home address not set';

const SBAR: Record<ServiceType, Sbar> = {
  transport: (f) => [
    `${f.name}: ${forDischarge(f)}.`,
    mobility(f, 'Active mobility needs'),
    `${f.levelReason} Oxygen for the trip: ${f.oxygen ? 'yes' : 'no'}. Escort: ${f.escort ? 'yes' : 'no'}.`.trim(),
    `Pickup ${f.when}; drop-off: ${f.dropoff ?? 'not set'}. Received by: ${f.receiver}.`,
  ],
  'home-health': (f) => [
    `${f.name}: ${forDischarge(f)}.`,
    `${course(f)} ${wounds(f)}`,
    `${therapy(f)} ${equipment(f)} ${MEDICATIONS}`,
    `First visit ${f.when}${f.dueBy ? `; must happen by ${f.dueBy}` : ''}. Home: ${home(f)}.`,
  ],
  dme: (f) => [
    `${f.name}: ${f.item} for home${f.disposition ? ` (${f.disposition})` : ''}.`,
    mobility(f, 'Needed for'),
    `Settings: ${f.note ?? 'none on the order'}.`,
    `Delivery ${f.window}; to: ${home(f)}. Received by: the patient or a caregiver at home.`,
  ],
};

const IPASS: Record<ServiceType, Ipass> = {
  transport: (f) => [
    `${f.name}, ${forDischarge(f)}. ${mobility(f, 'Mobility needs')}`,
    `Pickup ${f.when}; drop-off: ${f.dropoff ?? 'not set'}.${f.oxygen ? ' Bring oxygen for the trip.' : ''}${f.escort ? ' Escort travels with the patient.' : ''}`,
    `${f.levelReason} If the pickup slips, call the unit before the patient leaves the bed.`.trim(),
  ],
  'home-health': (f) => [
    `${f.name}, ${forDischarge(f)}. ${course(f)} ${wounds(f)}`,
    `First visit ${f.when}${f.dueBy ? `, by ${f.dueBy}` : ''}. ${therapy(f)} ${equipment(f)}`,
    `If the first visit cannot happen${f.dueBy ? ` by ${f.dueBy}` : ' in time'}, call the referring unit's case manager.`,
  ],
  dme: (f) => [
    `${f.name}, ${f.item} for home. ${mobility(f, 'Needed for')}`,
    `Deliver ${f.window} to ${home(f)}; set up: ${f.note ?? 'as ordered'}.`,
    'If the delivery slips, call the unit before the patient leaves: the equipment must be there when the patient gets home.',
  ],
};

function factsOf(chart: HandoffChart, options: BuildOptions) {
  const booking = options.booking ?? chart.bookings[0];
  const fmt = options.formatTime ?? ((iso: string) => iso);
  const proposal = chart.proposal;
  const service: ServiceType = booking?.service ?? 'transport';
  const flags = new Set<string>([...(proposal?.flags ?? []), ...(booking?.orderDetails ?? [])]);
  const active = chart.conditions.filter(isActive);
  const isMobility = (c: TCondition) => (codeIn(c.code, SYSTEMS.icd10cm) ?? '') in MOBILITY_CONDITIONS;
  const disposition = proposal?.disposition;
  const when = booking?.time ? `${booking.timeIsConfirmed ? '' : 'requested '}${fmt(booking.time)}` : 'time not set';
  return {
    service,
    name: chart.patient ? formatName(chart.patient.name) : 'The patient',
    label: booking?.label ?? (service === 'transport' ? 'Transport' : service === 'dme' ? 'Equipment' : 'Home health referral'),
    item: booking?.label.replace(/^DME: /, '') ?? 'Equipment',
    disposition,
    mobility: active.filter(isMobility).map(conditionLabel),
    course: active.filter((c) => !isMobility(c) && !isWound(c)).map(conditionLabel),
    wounds: active.filter(isWound).map(conditionLabel),
    therapy: [...flags].map((c) => DISCIPLINES[c]).filter((d): d is string => Boolean(d)),
    equipment: chart.bookings.filter((b) => b.service === 'dme' && b !== booking).map((b) => `${b.label.replace(/^DME: /, '')} (${milestoneLabel(b)})`),
    levelReason: proposal?.levelReason ?? '',
    oxygen: flags.has('oxygen'),
    escort: flags.has('escort'),
    when,
    window: booking?.time ? `${when}${booking.requestedEnd ? ` to ${fmt(booking.requestedEnd)}` : ''}` : 'time not set',
    dueBy: booking?.dueBy ? fmt(booking.dueBy) : undefined,
    note: booking?.note?.trim() || undefined,
    dropoff: proposal?.dropoff?.label,
    receiver: !disposition || /home/i.test(disposition) ? 'the patient at home (or a caregiver)' : `the receiving ${disposition.toLowerCase()}`,
  };
}

const DISCIPLINES: Readonly<Record<string, string>> = {
  'home-health-nursing': 'skilled nursing', 'home-health-pt': 'physical therapy', 'home-health-ot': 'occupational therapy', 'home-health-aide': 'home health aide',
};

/** Pressure injuries, chronic ulcers, open wounds and wound complications (ICD-10-CM). */
const WOUND = /^(L89|L97|L98\.4|T81\.3|S\d1)/;
function isWound(c: TCondition): boolean {
  return WOUND.test(codeIn(c.code, SYSTEMS.icd10cm) ?? '');
}

function isActive(c: TCondition): boolean {
  return !c.clinicalStatus || codeIn(c.clinicalStatus, 'http://terminology.hl7.org/CodeSystem/condition-clinical') === 'active';
}

function conditionLabel(c: TCondition): string {
  const code = codeIn(c.code, SYSTEMS.icd10cm);
  const known = code && code in MOBILITY_CONDITIONS ? MOBILITY_CONDITIONS[code as keyof typeof MOBILITY_CONDITIONS] : undefined;
  const text = c.code?.text ?? c.code?.coding?.[0]?.display ?? known ?? 'Condition';
  return code ? `${text} (${code})` : text;
}
