// The home health referral form's values and their mapping to a BookingDraft.
// The first visit (initial assessment) is due as 42 CFR 484.55(a)(2) words it:
// within 48 hours of the referral, OR within 48 hours of the patient's return
// home, OR on the start-of-care date the physician ordered. That is the Task's
// must-be-done-by, and the form says which applies.
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
  /** The physician ordered this start-of-care date: the first visit is due on it. */
  socOrdered?: boolean;
}

export const FIRST_VISIT_MS = 48 * 3_600_000;

export interface FirstVisitDue {
  due: string;
  basis: 'referral' | 'return home' | 'ordered start of care';
  /** Which rule applies, in words. */
  words: string;
}

/** 42 CFR 484.55(a)(2): 48 h from the referral, or 48 h from the return home, or the ordered start-of-care date. */
export function firstVisitDue(referralAt: Date, opts: { returnHomeAt?: string; orderedStartOfCare?: string } = {}): FirstVisitDue {
  const soc = opts.orderedStartOfCare ? Date.parse(opts.orderedStartOfCare) : NaN;
  if (!Number.isNaN(soc)) return { due: new Date(soc).toISOString(), basis: 'ordered start of care', words: 'On the start-of-care date the physician ordered (42 CFR 484.55(a))' };
  const home = opts.returnHomeAt ? Date.parse(opts.returnHomeAt) : NaN;
  if (!Number.isNaN(home) && home > referralAt.getTime()) {
    return { due: new Date(home + FIRST_VISIT_MS).toISOString(), basis: 'return home', words: "48 hours after the patient's return home (the planned discharge; 42 CFR 484.55(a))" };
  }
  return { due: new Date(referralAt.getTime() + FIRST_VISIT_MS).toISOString(), basis: 'referral', words: '48 hours after this referral (42 CFR 484.55(a))' };
}

export function homeHealthDraft(form: HomeHealthForm, ctx: { patient: string; encounter?: string; requester?: string; vendor: string; coverage?: string; returnHomeAt?: string }, now: Date): BookingDraft {
  const start = fromLocalInput(form.startOfCare) ?? now.toISOString();
  const due = firstVisitDue(now, { returnHomeAt: ctx.returnHomeAt, orderedStartOfCare: form.socOrdered ? start : undefined });
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
    dueBy: due.due,
    dropoff: { kind: 'residence', name: 'Patient residence', address: { line: form.street ? [form.street] : [], city: form.city, state: form.state, postalCode: form.postalCode } },
    flags: form.disciplines,
    note: [`Disciplines: ${list || 'none chosen'}.`, `First visit: ${due.words.replace(/ \(.*\)$/, '').replace(/^./, (c) => c.toLowerCase())}.`, form.note.trim()].filter(Boolean).join(' '),
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
