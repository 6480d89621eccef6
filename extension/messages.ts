// Every message between the extension's parts: one discriminated union, parsed
// with zod on receipt (a content script is untrusted: it lives in the EHR page).
import { z } from 'zod';

/** What the content script read from a discharge screen. Strings only, bounded. */
export const DischargeContext = z.object({
  source: z.enum(['sandbox', 'generic']),
  patientName: z.string().max(200).optional(),
  mrn: z.string().max(64).optional(),
  birthDate: z.string().max(32).optional(),
  /** FHIR ids when the page exposes them (the sandbox does). */
  patientId: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/).optional(),
  encounterId: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/).optional(),
  visit: z.string().max(64).optional(),
  unitBed: z.string().max(120).optional(),
  plannedDischarge: z.string().max(64).optional(),
  disposition: z.string().max(120).optional(),
  address: z.string().max(300).optional(),
  mobilityNotes: z.string().max(500).optional(),
});
export type DischargeContext = z.infer<typeof DischargeContext>;

export const Service = z.enum(['transport', 'home-health', 'dme']);
export type Service = z.infer<typeof Service>;

/** Content script → background. */
export const ContentMessage = z.discriminatedUnion('type', [
  /** A discharge screen was found: resolve the patient, return their bookings (read-only). */
  z.object({ type: z.literal('discharge-screen'), context: DischargeContext }),
  /** A trusted click on the overlay: open the booking UI for this patient. */
  z.object({ type: z.literal('open-booking'), service: Service, context: DischargeContext }),
]);
export type ContentMessage = z.infer<typeof ContentMessage>;

/** Side panel / options page → background (extension pages only, never content scripts). */
export const PanelMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session-status') }),
  z.object({ type: z.literal('sign-in') }),
  z.object({ type: z.literal('sign-out') }),
  z.object({ type: z.literal('current-patient') }),
  z.object({
    type: z.literal('fhir'),
    request: z.object({
      method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']),
      url: z.string().max(4000),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  }),
  z.object({ type: z.literal('test-connection'), fhirBaseUrl: z.url() }),
]);
export type PanelMessage = z.infer<typeof PanelMessage>;

/** Background → overlay: a short, read-only summary of the patient's bookings. */
export const BookingSummary = z.object({
  patientId: z.string().optional(),
  signedIn: z.boolean(),
  bookings: z.array(z.object({ label: z.string(), status: z.string(), time: z.string().optional() })).max(50),
  error: z.string().optional(),
});
export type BookingSummary = z.infer<typeof BookingSummary>;

/** Background → side panel: the answer to a 'fhir' message (the token never leaves the background). */
export const FhirProxyResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      kind: z.enum(['http', 'network', 'session', 'malformed', 'refused']),
      message: z.string(),
      status: z.number().int().optional(),
      method: z.string().optional(),
      url: z.string().optional(),
      outcome: z.unknown().optional(),
      retryAfterMs: z.number().optional(),
    }),
  }),
]);
export type FhirProxyResult = z.infer<typeof FhirProxyResult>;

/** Background → extension pages: who is signed in where (never a token). */
export const SessionStatus = z.object({
  signedIn: z.boolean(),
  fhirBaseUrl: z.string(),
  fhirUser: z.string().optional(),
  /** The signed-in user's name and role, read from their Practitioner / PractitionerRole. */
  userName: z.string().optional(),
  userRole: z.string().optional(),
  error: z.string().optional(),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

/** Background → side panel: the patient (and service) of the last trusted overlay click. */
export const CurrentPatient = z.object({
  /** Which overlay button was clicked: the panel opens that service's form. */
  service: Service.optional(),
  patient: z.string().optional(),
  encounter: z.string().optional(),
  patientName: z.string().optional(),
  error: z.string().optional(),
});
export type CurrentPatient = z.infer<typeof CurrentPatient>;

/** Background → options page: what SMART discovery found. */
export const ConnectionReport = z.object({
  ok: z.boolean(),
  message: z.string(),
  authorizationEndpoint: z.string().optional(),
  tokenEndpoint: z.string().optional(),
  capabilities: z.array(z.string()).optional(),
});
export type ConnectionReport = z.infer<typeof ConnectionReport>;

/** Background → extension pages (runtime broadcast; content scripts never receive these). */
export const BackgroundEvent = z.discriminatedUnion('type', [z.object({ type: z.literal('current-patient-changed') })]);
export type BackgroundEvent = z.infer<typeof BackgroundEvent>;
