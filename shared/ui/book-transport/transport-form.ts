// The transport form's values and their mapping to a BookingDraft.
import type { BookingDraft } from '../../booking/write-plan';
import type { Capability, TransportLevel } from '../../fhir/codes';

export interface TransportForm {
  level: TransportLevel;
  flags: Capability[];
  /** datetime-local value, in the browser's zone. */
  time: string;
  street: string;
  city: string;
  state: string;
  postalCode: string;
  vendor: string;
  note: string;
}

export function draftFrom(form: TransportForm, ctx: { patient: string; encounter?: string; requester?: string; vendor: string; pickup?: string; coverage?: string }): BookingDraft {
  const start = fromLocalInput(form.time) ?? new Date().toISOString();
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
    dropoff: { kind: 'residence', name: 'Patient residence', address: { line: form.street ? [form.street] : [], city: form.city, state: form.state, postalCode: form.postalCode } },
    flags: form.flags,
    note: form.note,
  };
}

export function toLocalInput(iso?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
