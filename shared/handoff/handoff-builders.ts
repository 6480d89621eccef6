// SBAR and I-PASS prefilled from the chart: the sender edits, never starts from a
// blank page. Pure, so the dialog and the tests derive the same text.
import type { Booking } from '../booking/booking-view';
import type { ChartModel } from '../chart/chart-model';
import { MOBILITY_CONDITIONS, SYSTEMS } from '../fhir/codes';
import { codeIn, formatName } from '../fhir/refs';
import type { TCondition } from '../fhir/schemas';
import type { HandoffKind } from '../fhir/handoff-codes';

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
  /** The booking the handoff travels with (pickup time); defaults to the newest booking on the chart. */
  booking?: Booking;
  /** How times read in the text (the UI passes its locale formatter); ISO by default. */
  formatTime?: (iso: string) => string;
}

type HandoffChart = Pick<ChartModel, 'patient' | 'proposal' | 'bookings' | 'conditions'>;

export function buildSbar(chart: HandoffChart, options: BuildOptions = {}): HandoffDraft {
  const f = factsOf(chart, options);
  return {
    kind: 'sbar',
    items: [
      { linkId: 'situation', text: 'Situation', value: `${f.name}: ${f.service} for discharge${f.disposition ? ` (${f.disposition})` : ''}.` },
      { linkId: 'background', text: 'Background', value: f.conditions.length ? `Active mobility needs: ${f.conditions.join('; ')}.` : 'No active mobility needs on the chart.' },
      { linkId: 'assessment', text: 'Assessment', value: `${f.levelReason} Oxygen: ${f.oxygen ? 'yes' : 'no'}. Escort: ${f.escort ? 'yes' : 'no'}.`.trim() },
      { linkId: 'recommendation', text: 'Recommendation', value: `Pickup ${f.pickup}; drop-off: ${f.dropoff}.` },
    ],
  };
}

export function buildIpass(chart: HandoffChart, options: BuildOptions = {}): HandoffDraft {
  const f = factsOf(chart, options);
  return {
    kind: 'ipass',
    items: [
      // Watcher by default: a discharge in transit is not "stable" until the receiver says so.
      { linkId: 'illness-severity', text: 'Illness severity', value: 'watcher' },
      { linkId: 'patient-summary', text: 'Patient summary', value: `${f.name}, ${f.service} for discharge${f.disposition ? ` (${f.disposition})` : ''}. ${f.conditions.length ? `Mobility needs: ${f.conditions.join('; ')}.` : 'No active mobility needs on the chart.'}` },
      { linkId: 'action-list', text: 'Action list', value: `Pickup ${f.pickup}; drop-off: ${f.dropoff}.${f.oxygen ? ' Bring oxygen for the trip.' : ''}${f.escort ? ' Escort travels with the patient.' : ''}` },
      { linkId: 'situation-awareness', text: 'Situation awareness and contingency', value: `${f.levelReason} If the pickup slips, call the unit before the patient leaves the bed.`.trim() },
      // The receiver's own words: prefilling it would defeat the point of synthesis.
      { linkId: 'synthesis', text: 'Synthesis by receiver', value: '' },
    ],
  };
}

function factsOf(chart: HandoffChart, options: BuildOptions) {
  const booking = options.booking ?? chart.bookings[0];
  const fmt = options.formatTime ?? ((iso: string) => iso);
  const proposal = chart.proposal;
  const flags = new Set<string>(proposal?.flags ?? []);
  return {
    name: chart.patient ? formatName(chart.patient.name) : 'The patient',
    service: booking?.label ?? 'Transport',
    disposition: proposal?.disposition,
    conditions: chart.conditions.filter(isActive).map(conditionLabel),
    levelReason: proposal?.levelReason ?? '',
    oxygen: flags.has('oxygen'),
    escort: flags.has('escort'),
    pickup: booking?.time ? `${booking.timeIsConfirmed ? '' : 'requested '}${fmt(booking.time)}` : 'time not set',
    dropoff: proposal?.dropoff?.label ?? 'not set',
  };
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
