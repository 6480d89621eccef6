// The home health referral form's values and their mapping to a BookingDraft.
// The first visit is due 48 hours after the referral (42 CFR 484.55): that is
// the Task's must-be-done-by, whatever start of care is asked for.
import type { BookingDraft } from '../../booking/write-plan';
import { SNOMED, type Capability } from '../../fhir/codes';
import { fromLocalInput } from '../book-transport/transport-form';
import type { BookingFormBase } from '../form-values';

export const DISCIPLINES: [Capability, string][] = [
  ['home-health-nursing', 'Skilled nursing'], ['home-health-pt', 'Physical therapy'],
  ['home-health-ot', 'Occupational therapy'], ['home-health-aide', 'Home health aide'],
];

export interface HomeHealthForm extends BookingFormBase {
  disciplines: Capability[];
  /** datetime-local: requested start of care. */
  startOfCare: string;
}

export const FIRST_VISIT_MS = 48 * 3_600_000;

export function firstVisitDue(referralAt: Date): string {
  return new Date(referralAt.getTime() + FIRST_VISIT_MS).toISOString();
}

export function homeHealthDraft(form: HomeHealthForm, ctx: { patient: string; encounter?: string; requester?: string; vendor: string; coverage?: string }, now: Date): BookingDraft {
  const start = fromLocalInput(form.startOfCare) ?? now.toISOString();
  const list = DISCIPLINES.filter(([d]) => form.disciplines.includes(d)).map(([, label]) => label).join(', ');
  return {
    service: 'home-health',
    code: SNOMED.homeHealthReferral.code,
    patient: ctx.patient,
    encounter: ctx.encounter || undefined,
    requester: ctx.requester,
    vendor: ctx.vendor,
    coverage: ctx.coverage,
    window: { start },
    dueBy: firstVisitDue(now),
    dropoff: { kind: 'residence', name: 'Patient residence', address: { line: form.street ? [form.street] : [], city: form.city, state: form.state, postalCode: form.postalCode } },
    flags: form.disciplines,
    note: [`Disciplines: ${list || 'none chosen'}.`, 'First visit within 48 hours of referral.', form.note.trim()].filter(Boolean).join(' '),
  };
}

/** Why the form cannot be sent yet, in words; undefined when it can. */
export function homeHealthMissing(form: HomeHealthForm, vendor: string): string | undefined {
  if (form.disciplines.length === 0) return 'at least one discipline';
  if (!form.startOfCare) return 'a start-of-care date';
  if (!form.street) return 'the home address';
  if (!vendor) return 'an agency';
  return undefined;
}
