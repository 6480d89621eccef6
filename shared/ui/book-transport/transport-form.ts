// The transport form's values and their mapping to a BookingDraft.
import type { LevelAnswers } from '../../booking/level-of-service';
import type { BookingDraft } from '../../booking/write-plan';
import { TRANSPORT_LEVELS, type Capability, type TransportLevel } from '../../fhir/codes';
import { fromZoneInput, toZoneInput } from '../../time/facility-clock';
import type { BookingFormBase } from '../form-values';

export interface TransportForm extends BookingFormBase {
  level: TransportLevel;
  flags: Capability[];
  /** Order details that do not select vendors: interpreter, stairs. */
  needs: string[];
  answers?: LevelAnswers;
  /** datetime-local value, on the facility's wall clock (deployment timeZone). */
  time: string;
  trip: 'one-way' | 'round-trip' | 'will-call';
  returnTime: string;
  pcsPhysician: string;
  pcsReason: string;
  /** yyyy-mm-dd */
  pcsDate: string;
  /** The directory facility ("Location/…") when the drop-off is one; otherwise a Location is made from the address. */
  dropoffRef?: string;
  dropoffName?: string;
  /** Facility transfers: the receiving unit and who takes the patient. */
  receivingUnit?: string;
  receivingContact?: string;
  /** Why the drop-off or the level departs from what the chart indicates. */
  departureReason?: string;
}

/** What the chart says that the form must respect (right-service.ts). */
export interface ChartChecks {
  /** A drop-off that contradicts the disposition, in words. */
  dropoffConflict?: string;
  /** The level is below what the chart indicates, in words. */
  levelBelowChart?: string;
  /** Charted needs the rules cannot read: the level questions must be answered. */
  unreadable: string[];
  /** No drop-off facility chosen yet for a facility disposition. */
  facilityRequired?: boolean;
}

export const NEED_LABELS: Record<string, string> = {
  wheelchair: 'wheelchair', oxygen: 'oxygen', escort: 'escort/attendant', bariatric: 'bariatric', stretcher: 'stretcher',
  interpreter: 'interpreter', stairs: 'stairs at the residence (carry-up needed)',
};

export function draftFrom(form: TransportForm, ctx: { patient: string; encounter?: string; requester?: string; vendor: string; pickup?: string; coverage?: string; noteLines?: string[] }): BookingDraft {
  const start = fromLocalInput(form.time) ?? new Date().toISOString();
  const needs = [...form.flags, ...form.needs].map((n) => NEED_LABELS[n] ?? n);
  const ambulance = TRANSPORT_LEVELS[form.level].ambulance;
  return {
    service: 'transport',
    code: form.level,
    patient: ctx.patient,
    encounter: ctx.encounter || undefined,
    requester: ctx.requester,
    vendor: ctx.vendor,
    coverage: ctx.coverage,
    window: { start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString() },
    ...(ctx.pickup ? { pickup: { reference: ctx.pickup } } : {}),
    dropoff: form.dropoffRef
      ? { reference: form.dropoffRef, kind: 'snf', ...(form.dropoffName ? { name: form.dropoffName } : {}) }
      : { kind: 'residence', name: 'Patient residence', address: { line: form.street ? [form.street] : [], city: form.city, state: form.state, postalCode: form.postalCode } },
    flags: form.flags,
    needs: form.needs,
    // The vendor reads the note even when its system ignores orderDetail codes.
    note: [
      needs.length ? `Needs: ${needs.join(', ')}.` : '',
      ...(ctx.noteLines ?? []),
      form.receivingUnit?.trim() ? `Receiving unit: ${form.receivingUnit.trim()}.` : '',
      form.receivingContact?.trim() ? `Receiving contact: ${form.receivingContact.trim()}.` : '',
      form.departureReason?.trim() ? `Differs from the chart because: ${form.departureReason.trim()}.` : '',
      form.note.trim(),
    ].filter(Boolean).join(' '),
    ...(ambulance ? { pcs: { physician: form.pcsPhysician.trim(), reason: form.pcsReason.trim(), date: form.pcsDate } } : {}),
    ...(form.trip === 'round-trip' ? { returnLeg: { start: fromLocalInput(form.returnTime) } } : form.trip === 'will-call' ? { returnLeg: {} } : {}),
  };
}

/** Why the form cannot be sent yet, in words; undefined when it can. */
export function transportMissing(form: TransportForm, vendor: string, chart?: ChartChecks): string | undefined {
  if (chart?.unreadable.length && !form.answers) return 'answers to the level-of-service questions (the chart holds needs CareRelay cannot read)';
  if (chart?.facilityRequired) return 'the receiving facility';
  if ((chart?.dropoffConflict || chart?.levelBelowChart) && !form.departureReason?.trim()) return 'a reason for departing from the chart';
  if (!form.time) return 'a pickup time';
  if (!vendor) return 'a vendor';
  if (!form.street) return 'a drop-off address';
  if (TRANSPORT_LEVELS[form.level].ambulance && (!form.pcsPhysician.trim() || !form.pcsReason.trim() || !form.pcsDate)) return 'a Physician Certification Statement (ambulance)';
  if (form.trip === 'round-trip' && !form.returnTime) return 'a return pickup time';
  return undefined;
}

/** A datetime-local value on the facility's wall clock (not the browser's). */
export function toLocalInput(iso?: string): string {
  return toZoneInput(iso);
}

/** A datetime-local value read on the facility's wall clock, as an ISO instant. */
export function fromLocalInput(local: string): string | undefined {
  return fromZoneInput(local);
}
