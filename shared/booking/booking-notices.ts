// What the owner of a booking must be told, derived from FHIR state so every
// surface says the same: a vendor declined or did not answer and the request
// went to the next vendor; the vendor's time is not the time that was ordered.
import type { TTask } from '../fhir/schemas';
import { formatDateTime } from '../time/facility-clock';

/** The end of the notice while dispatch still has a vendor to ask; a dead end (dead-end.ts) says otherwise. */
export const LOOKING_FOR_NEXT = 'CareRelay is looking for the next vendor.';

export function noticesOf(tasks: TTask[], orgNames: Map<string, string>, apptStart?: string, requestedStart?: string): string[] {
  const name = (t: TTask | undefined) => (t?.owner?.reference ? orgNames.get(t.owner.reference) ?? t.owner.display ?? 'the vendor' : 'the vendor');
  const notices: string[] = [];
  tasks.forEach((t, i) => {
    const next = tasks[i + 1];
    if (!next) return;
    const why = t.statusReason?.text ? ` (${t.statusReason.text})` : '';
    if (t.status === 'rejected') notices.push(`${name(t)} declined${why}; sent to ${name(next)}.`);
    else if (t.status === 'cancelled') notices.push(`${name(t)} did not answer${why}; sent to ${name(next)}.`);
  });
  const last = tasks.at(-1);
  if (last?.status === 'rejected') notices.push(`${name(last)} declined${last.statusReason?.text ? ` (${last.statusReason.text})` : ''}. ${LOOKING_FOR_NEXT}`);
  if (apptStart && requestedStart && differ(apptStart, requestedStart)) {
    notices.push(`The vendor's appointment (${when(apptStart)}) is not the ordered time (${when(requestedStart)}).`);
  }
  return notices;
}

function differ(a: string, b: string): boolean {
  const [x, y] = [Date.parse(a), Date.parse(b)];
  // Vendors round to their own slots; only a gap of more than an hour is worth a notice.
  return !Number.isNaN(x) && !Number.isNaN(y) && Math.abs(x - y) > 60 * 60_000;
}

function when(iso: string): string {
  return formatDateTime(iso);
}
