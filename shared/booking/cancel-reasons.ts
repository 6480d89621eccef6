// Why a booking was cancelled, as codes the rules can act on (docs/fhir-model.md,
// "Cancellation"): "family or own transport" and "patient declined" mean the
// patient needs no transport for this stay, so the trigger rules must not ask for
// one again; the others leave the need open. A cancel after the vendor reported
// the vehicle en route (or later) is a late cancel, recorded as such.
import { EXTENSIONS, SYSTEMS, type ServiceType } from '../fhir/codes';
import { codeIn } from '../fhir/refs';
import type { TTask } from '../fhir/schemas';

export const CANCEL_REASONS = [
  'patient-declined', 'own-transport', 'clinical-change', 'discharge-delayed', 'vendor-issue', 'duplicate', 'other',
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];
export type CancelledBy = 'facility' | 'patient' | 'vendor';

export const CANCEL_REASON_LABEL: Readonly<Record<CancelReason, string>> = {
  'patient-declined': 'Patient declined',
  'own-transport': 'Family or own transport',
  'clinical-change': 'Clinical change',
  'discharge-delayed': 'Discharge delayed',
  'vendor-issue': 'Vendor issue',
  duplicate: 'Duplicate booking',
  other: 'Other',
};

/** Who the milestone names (cancelled-by-…): the patient's own choices are the patient's. */
const CANCELLED_BY: Readonly<Record<CancelReason, CancelledBy>> = {
  'patient-declined': 'patient', 'own-transport': 'patient', 'clinical-change': 'facility', 'discharge-delayed': 'facility',
  'vendor-issue': 'vendor', duplicate: 'facility', other: 'facility',
};

/**
 * Provenance.activity of the vendor's acknowledgement of a cancel. Like the handoff
 * acknowledgement it is a workflow step, not a milestone: the Task does not change.
 */
export const CANCELLATION_ACKNOWLEDGED = { system: SYSTEMS.step, code: 'cancellation-acknowledged' } as const;

/** Reasons after which the patient needs no booking of that service for the stay. */
const CLOSES_NEED: ReadonlySet<CancelReason> = new Set(['patient-declined', 'own-transport']);

/** Milestones after which the vehicle has left: cancelling then is a late cancel. */
export const LATE_CANCEL_MILESTONES: ReadonlySet<string> = new Set(['en-route', 'picked-up']);

export function isCancelReason(value: string | undefined): value is CancelReason {
  return (CANCEL_REASONS as readonly (string | undefined)[]).includes(value);
}

/** The reasons offered for a service: "family or own transport" is about transport only. */
export function reasonsFor(service: ServiceType): CancelReason[] {
  return CANCEL_REASONS.filter((r) => r !== 'own-transport' || service === 'transport');
}

export const cancelledByFor = (reason: CancelReason): CancelledBy => CANCELLED_BY[reason];
export const closesNeed = (reason: CancelReason | undefined): boolean => reason !== undefined && CLOSES_NEED.has(reason);
/** "Other" says nothing without words; every other reason may add some. */
export const needsDetails = (reason: CancelReason): boolean => reason === 'other';

/** Task.statusReason / Provenance.reason: the code, and the words (the details, else the label). */
export function cancelReasonConcept(reason: CancelReason, details?: string) {
  const text = details?.trim() || CANCEL_REASON_LABEL[reason];
  return { coding: [{ system: SYSTEMS.cancelReason, code: reason, display: CANCEL_REASON_LABEL[reason] }], text };
}

/** The coded reason of a cancelled Task (undefined for a free-text-only or uncoded one). */
export function cancelReasonOf(task: Pick<TTask, 'status' | 'statusReason'>): CancelReason | undefined {
  if (task.status !== 'cancelled') return undefined;
  const code = codeIn(task.statusReason, SYSTEMS.cancelReason);
  return isCancelReason(code) ? code : undefined;
}

/** The milestone the vehicle had reached when a late cancel was made, from the extension on the Task or Provenance. */
export function lateCancelOf(resource: { extension?: unknown }): string | undefined {
  const list = Array.isArray(resource.extension) ? (resource.extension as { url?: unknown; valueCode?: unknown }[]) : [];
  const found = list.find((x) => x.url === EXTENSIONS.lateCancel);
  return typeof found?.valueCode === 'string' ? found.valueCode : undefined;
}

/** One line in the nurse's words: "Family or own transport: Family will drive". */
export function describeCancelReason(reason: CancelReason | undefined, text: string | undefined): string | undefined {
  if (!reason) return text?.trim() || undefined;
  const label = CANCEL_REASON_LABEL[reason];
  return text?.trim() && text.trim() !== label ? `${label}: ${text.trim()}` : label;
}
