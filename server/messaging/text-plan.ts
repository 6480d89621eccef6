// Pure decisions for texting patients: which bookings need a text now, to which number, in
// which language, saying what. The runner (patient-texts.ts) does the I/O.
import { MESSAGING } from '../../shared/fhir/messaging-codes';
import { SYSTEMS } from '../../shared/fhir/codes';
import { bookingIdOf, codeIn, hasCode } from '../../shared/fhir/refs';
import type { TAppointment, TCommunication, TOrganization, TServiceRequest, TTask } from '../../shared/fhir/schemas';
import { isBookedVendorTask, ref, serviceCategory, type WorkflowState } from '../../shared/workflow/workflow-state';
import { toE164 } from './phone';
import { languageOf, replyIntent, tripText, type TextKind } from './templates';

type Telecom = { system?: string; value?: string; use?: string };
export interface Contact { resourceType: 'Patient' | 'RelatedPerson'; id?: string; telecom?: Telecom[]; communication?: unknown; patient?: { reference?: string }; active?: boolean }

export interface TextFacts {
  patients: Contact[];
  relatedPersons: Contact[];
  organizations: TOrganization[];
  timeZone: string;
}

export interface PlannedText {
  identifier: string;
  resource: Record<string, unknown>;
}

const mobileOf = (c: Contact) => toE164(c.telecom?.find((t) => t.system === 'sms' || (t.system === 'phone' && t.use === 'mobile'))?.value);

/** The patient's mobile, else a related person's (the contact the chart names). */
export function recipientFor(patient: Contact, related: Contact[]): { reference: string; phone: string } | undefined {
  const own = mobileOf(patient);
  if (own) return { reference: `Patient/${patient.id ?? ''}`, phone: own };
  for (const r of related.filter((x) => x.active !== false && x.patient?.reference === `Patient/${patient.id ?? ''}`)) {
    const phone = mobileOf(r);
    if (phone) return { reference: `RelatedPerson/${r.id ?? ''}`, phone };
  }
  return undefined;
}

export const isText = (c: TCommunication, code: string = MESSAGING.patientText) => (c['category'] as unknown[] | undefined)?.some((cat) => hasCode(cat as never, MESSAGING.category, code)) ?? false;

/** The latest STOP / START reply of this patient decides. */
export function optedOut(communications: TCommunication[], patientRef: string): boolean {
  const replies = communications
    .filter((c) => isText(c, MESSAGING.patientReply) && (c['subject'] as { reference?: string } | undefined)?.reference === patientRef)
    .map((c) => ({ at: Date.parse(String(c['received'] ?? c.sent ?? '')) || 0, intent: replyIntent(c.payload?.[0]?.contentString ?? '') }))
    .filter((r) => r.intent === 'stop' || r.intent === 'start')
    .sort((a, b) => a.at - b.at);
  return replies.at(-1)?.intent === 'stop';
}

/** The deterministic identifier of the text for this vendor Task at this pickup time: one text per change. */
export function textId(task: TTask, start: string): string {
  return `text-${bookingIdOf(task) ?? task.id ?? ''}-${Date.parse(start).toString(36)}`;
}

export interface Candidate { task: TTask; request: TServiceRequest; appointment: TAppointment & { start: string } }

/** Booked transport with a vendor time still ahead. */
export function candidates(state: WorkflowState, now: Date): Candidate[] {
  const out: Candidate[] = [];
  for (const task of state.tasks.filter(isBookedVendorTask)) {
    const request = state.requests.find((sr) => ref(sr) === task.focus?.reference);
    if (!request || request.status !== 'active' || serviceCategory(request) !== 'transport') continue;
    if (codeIn(task.businessStatus, SYSTEMS.milestone) === 'reschedule-requested') continue;
    const appointment = state.appointments.find((a) => a.status === 'booked' && a.start && a.basedOn?.some((b) => b.reference === ref(request)));
    if (!appointment?.start || Date.parse(appointment.start) <= now.getTime()) continue;
    out.push({ task, request, appointment: appointment as Candidate['appointment'] });
  }
  return out;
}

const hasId = (c: TCommunication, id: string) => c.identifier?.some((i) => i.system === SYSTEMS.bookingId && i.value === id) ?? false;

/** The texts to create now (each with its deterministic identifier); existing ones are left alone. */
export function planTexts(state: WorkflowState, facts: TextFacts, now: Date, sendAfter: Date): PlannedText[] {
  const out: PlannedText[] = [];
  for (const { task, request, appointment } of candidates(state, now)) {
    const identifier = textId(task, appointment.start);
    if (state.communications.some((c) => hasId(c, identifier))) continue;
    const patientRef = request.subject.reference ?? '';
    const patient = facts.patients.find((p) => `Patient/${p.id ?? ''}` === patientRef);
    if (!patient) continue;
    const earlier = state.communications.some((c) => isText(c) && c.basedOn?.some((b) => b.reference === ref(request)) && ['in-progress', 'completed'].includes(c.status));
    const kind: TextKind = earlier ? 'changed' : 'booked';
    const vendor = facts.organizations.find((o) => `Organization/${o.id ?? ''}` === task.owner?.reference);
    const body = tripText({
      kind, language: languageOf(patient), start: appointment.start, end: appointment.end, timeZone: facts.timeZone,
      vendorName: vendor?.name ?? task.owner?.display ?? 'the ride company',
      vendorPhone: (vendor?.['telecom'] as Telecom[] | undefined)?.find((t) => t.system === 'phone')?.value,
    });
    const to = recipientFor(patient, facts.relatedPersons);
    const blocked = !to ? 'No mobile number in the chart: call the patient' : optedOut(state.communications, patientRef) ? 'The patient opted out of texts (replied STOP): call the patient' : undefined;
    out.push({ identifier, resource: textCommunication({ identifier, patientRef, request: ref(request), task: ref(task), body, to, blocked, sendAfter }) });
  }
  return out;
}

interface TextInput {
  identifier: string; patientRef: string; request: string; task: string; body: string;
  to?: { reference: string; phone: string }; blocked?: string; sendAfter: Date;
}

export function textCommunication(i: TextInput): Record<string, unknown> {
  return {
    resourceType: 'Communication',
    identifier: [{ system: SYSTEMS.bookingId, value: i.identifier }, ...(i.to ? [{ system: MESSAGING.thread, value: i.to.phone }] : [])],
    status: i.blocked ? 'not-done' : 'on-hold',
    ...(i.blocked ? { statusReason: { text: i.blocked } } : {}),
    category: [{ coding: [{ system: MESSAGING.category, code: MESSAGING.patientText }] }],
    medium: [{ coding: [MESSAGING.medium] }],
    subject: { reference: i.patientRef },
    recipient: [{ reference: i.to?.reference ?? i.patientRef }],
    basedOn: [{ reference: i.request }],
    partOf: [{ reference: i.task }],
    payload: [{ contentString: i.body }],
    extension: [{ url: MESSAGING.sendAfter, valueDateTime: i.sendAfter.toISOString() }],
  };
}

/** The provider's last reported status, kept in an extension (R4 Communication has no element for it). */
export function withProviderStatus(c: Record<string, unknown>, status: string): Record<string, unknown> {
  const rest = ((c['extension'] as { url?: string }[] | undefined) ?? []).filter((x) => x.url !== MESSAGING.providerStatus);
  return { ...c, extension: [...rest, { url: MESSAGING.providerStatus, valueCode: status }] };
}
