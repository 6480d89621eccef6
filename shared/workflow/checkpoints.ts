// Checkpoints a nurse records (docs/domain.md, "Checkpoints are separate, owned facts"):
// "patient notified" is a Communication to the patient with the pickup time;
// "patient confirmed" is the Patient participant of the Appointment accepted.
// Each is written with a Provenance on the vendor Task so the booking's timeline shows it.
// Without transactions (booking/fallback-writes.ts) the checkpoint is written first, then
// its Provenance, not atomically: a failure between them records the checkpoint without
// its timeline entry (the button goes away, as the checkpoint is there). Resending finds
// the Communication by its identifier and PUTs the Provenance at the same id.
import { CareRelayError } from '../errors/errors';
import { sendWrites } from '../booking/fallback-writes';
import { entriesOf, type FhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
import { identifierQuery } from '../fhir/refs';
import type { TAppointment } from '../fhir/schemas';
import { provenanceEntry } from '../booking/write-plan';

export interface NotifiedInput {
  /** "ServiceRequest/…" of the booking. */
  request: string;
  patient: string;
  /** The vendor Task, for the timeline. */
  task?: string;
  message: string;
  actor?: string;
  /** Made on the client before the first send, so a retry creates one Communication. */
  communicationId: string;
  now: Date;
}

export function patientNotifiedBundle(i: NotifiedInput) {
  const now = i.now.toISOString();
  const entry: unknown[] = [{
    fullUrl: `urn:uuid:${i.communicationId}`,
    resource: {
      resourceType: 'Communication',
      identifier: [{ system: SYSTEMS.bookingId, value: i.communicationId }],
      status: 'completed',
      subject: { reference: i.patient },
      recipient: [{ reference: i.patient }],
      sent: now,
      basedOn: [{ reference: i.request }],
      about: [{ reference: i.request }],
      ...(i.actor ? { sender: { reference: i.actor } } : {}),
      payload: [{ contentString: i.message }],
    },
    request: { method: 'POST', url: 'Communication', ifNoneExist: identifierQuery(i.communicationId) },
  }];
  if (i.task) entry.push(provenanceEntry(`${i.communicationId}-prov`, i.task, 'patient-notified', now, i.actor));
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

/** The Appointment with the Patient participant accepted, or undefined when it already is. */
export function confirmedAppointment(appointment: TAppointment): TAppointment | undefined {
  const patient = appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'));
  if (!patient) throw new CareRelayError('The vendor appointment has no patient participant to confirm');
  if (patient.status === 'accepted') return undefined;
  return { ...appointment, participant: appointment.participant.map((p) => (p === patient ? { ...p, status: 'accepted' } : p)) };
}

export interface ConfirmedInput {
  request: string;
  task?: string;
  actor?: string;
  provenanceId: string;
  now: Date;
}

/** Reads the booking's live Appointment and accepts the patient's part with If-Match (one transaction with its Provenance). */
export async function recordPatientConfirmed(api: FhirApi, i: ConfirmedInput): Promise<void> {
  const appointments = entriesOf(await api.search('Appointment', { 'based-on': i.request }), 'Appointment').filter((a) => a.status !== 'cancelled');
  const appointment = appointments[0];
  if (!appointment?.id) throw new CareRelayError('The vendor has not scheduled an appointment for this booking yet');
  const next = confirmedAppointment(appointment);
  if (!next) return;
  const url = `Appointment/${appointment.id}`;
  const entry: unknown[] = [{ fullUrl: url, resource: next, request: { method: 'PUT', url, ifMatch: `W/"${appointment.meta?.versionId ?? ''}"` } }];
  if (i.task) entry.push(provenanceEntry(i.provenanceId, i.task, 'patient-confirmed', i.now.toISOString(), i.actor));
  await sendWrites(api, { resourceType: 'Bundle', type: 'transaction', entry });
}

/** Records "patient notified": one transaction, or step by step where the EHR has none. */
export async function recordPatientNotified(api: FhirApi, i: NotifiedInput): Promise<void> {
  await sendWrites(api, patientNotifiedBundle(i));
}
