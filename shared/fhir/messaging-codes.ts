// Codes for the texts CareRelay sends patients and the replies it receives (docs/decisions/0013).
// An outbound text is a Communication (category patient-text, medium SMS) whose status follows
// the provider: on-hold (waiting: quiet hours) → in-progress (handed to the provider) →
// completed (delivered: the "patient notified" checkpoint) | not-done (not delivered, with the
// reason in statusReason) | stopped (the time changed before it went).
const BASE = 'https://carerelay.example.org/fhir';

export const MESSAGING = {
  /** Communication.category. */
  category: `${BASE}/CodeSystem/message-category`,
  patientText: 'patient-text',
  patientReply: 'patient-reply',
  /** Identifier of the provider's message (Twilio's MessageSid). */
  providerSid: `${BASE}/sid/sms-message`,
  /** Identifier naming the conversation: the patient's number (E.164), so a reply finds its booking by search. */
  thread: `${BASE}/sid/sms-thread`,
  /** Extension: the provider's last reported status (queued, sent, delivered, undelivered, failed). */
  providerStatus: `${BASE}/StructureDefinition/provider-status`,
  /** Extension: not before this instant (quiet hours). */
  sendAfter: `${BASE}/StructureDefinition/send-after`,
  /** Communication.medium: SMS (v3 ParticipationMode SMSWRIT). */
  medium: { system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode', code: 'SMSWRIT', display: 'SMS written' },
} as const;

export type ProviderStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed';
