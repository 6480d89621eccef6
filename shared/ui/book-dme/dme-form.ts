// The DME form's values and their mapping to a BookingDraft (a DeviceRequest).
// Equipment needed on arrival is due by the transport pickup.
import { NEEDED_ON_ARRIVAL } from '../../booking/dme-timing';
import type { BookingDraft } from '../../booking/write-plan';
import { DME_ITEMS, type Capability } from '../../fhir/codes';
import { formatDateTime } from '../booking-status';
import { fromLocalInput } from '../book-transport/transport-form';
import type { BookingFormBase } from '../form-values';

export type DmeItem = keyof typeof DME_ITEMS;
export const DME_CODES = Object.keys(DME_ITEMS) as DmeItem[];

export interface DmeForm extends BookingFormBase {
  item: DmeItem;
  /** datetime-local values. */
  windowStart: string;
  windowEnd: string;
  beforeArrival: boolean;
}

export function isDmeItem(code: string): code is DmeItem {
  return code in DME_ITEMS;
}

/** Oxygen needs a supplier licensed to deliver it; everything else any DME delivery service. */
export function dmeCapabilities(item: DmeItem): Capability[] {
  return item === 'E1390' ? ['dme-delivery', 'oxygen'] : ['dme-delivery'];
}

export function neededOnArrival(item: DmeItem): boolean {
  return NEEDED_ON_ARRIVAL.has(item);
}

export function dmeDraft(form: DmeForm, ctx: { patient: string; encounter?: string; requester?: string; vendor: string; coverage?: string; pickup?: string }): BookingDraft {
  const start = fromLocalInput(form.windowStart) ?? new Date().toISOString();
  const end = fromLocalInput(form.windowEnd);
  const tied = form.beforeArrival && ctx.pickup;
  return {
    service: 'dme',
    code: form.item,
    patient: ctx.patient,
    encounter: ctx.encounter || undefined,
    requester: ctx.requester,
    vendor: ctx.vendor,
    coverage: ctx.coverage,
    window: { start, ...(end ? { end } : {}) },
    ...(tied ? { dueBy: ctx.pickup } : {}),
    dropoff: { kind: 'residence', name: 'Patient residence', address: { line: form.street ? [form.street] : [], city: form.city, state: form.state, postalCode: form.postalCode } },
    flags: dmeCapabilities(form.item),
    note: [
      `Deliver ${DME_ITEMS[form.item]} (${form.item}) to the patient's home.`,
      tied ? `Must arrive before the patient gets home (transport pickup ${formatDateTime(ctx.pickup)}).` : '',
      form.note.trim(),
    ].filter(Boolean).join(' '),
  };
}

export function dmeMissing(form: DmeForm, vendor: string): string | undefined {
  if (!form.windowStart || !form.windowEnd) return 'a delivery window';
  if (Date.parse(fromLocalInput(form.windowEnd) ?? '') <= Date.parse(fromLocalInput(form.windowStart) ?? '')) return 'a window that ends after it starts';
  if (!form.street) return 'the delivery address';
  if (!vendor) return 'a supplier';
  return undefined;
}
