// The SMART scopes CareRelay asks for, each with the reason an EHR administrator
// reads on the registration page. The app's launch and the registration document
// both derive from these lists, so what is registered is what is requested.

export interface ScopeReason {
  scope: string;
  reason: string;
}

const IDENTITY: ScopeReason[] = [
  { scope: 'openid', reason: 'Identify the signed-in user (OpenID Connect id_token).' },
  { scope: 'fhirUser', reason: 'Know which Practitioner or PractitionerRole is signed in: the requester on bookings and the author in Provenance.' },
  { scope: 'online_access', reason: 'Refresh the access token while the user stays signed in, so a long discharge shift needs no relaunch.' },
];

/** SMART App Launch 2.x scopes for the app (EHR launch; standalone swaps launch for launch/patient). */
export const APP_SCOPE_REASONS_V2: ScopeReason[] = [
  { scope: 'launch', reason: 'EHR launch: receive the patient and encounter the chart opened CareRelay with.' },
  ...IDENTITY,
  { scope: 'patient/Patient.rs', reason: 'Patient banner, home address for drop-off, phone number for the vendor.' },
  { scope: 'patient/Encounter.rs', reason: 'Planned discharge time, ward and bed (pickup location), discharge disposition.' },
  { scope: 'patient/Condition.rs', reason: 'Mobility needs (wheelchair, oxygen, stretcher) that set the level of service.' },
  { scope: 'patient/Coverage.rs', reason: 'The payer named on transport and equipment orders.' },
  { scope: 'patient/CarePlan.rs', reason: 'Show the discharge care plan the bookings belong to.' },
  { scope: 'patient/Goal.rs', reason: 'Show the care plan goals next to the bookings that serve them.' },
  { scope: 'patient/CareTeam.rs', reason: 'Know who owns each discharge step (case manager, discharge nurse).' },
  { scope: 'patient/ServiceRequest.cru', reason: 'Create the transport or home-health order, update its status, revoke it on cancel.' },
  { scope: 'patient/ServiceRequest.s', reason: 'Find the discharge order and the bookings already made for this patient.' },
  { scope: 'patient/DeviceRequest.crus', reason: 'Create, track and cancel equipment (DME) orders.' },
  { scope: 'patient/Task.crus', reason: 'One Task per vendor request: create it, follow its status, cancel it; the worklist searches them.' },
  { scope: 'patient/Appointment.crus', reason: "Read the vendor's confirmed pickup or visit time; record that the patient confirmed it (the patient participant accepted); create the appointment of a booking made by phone." },
  { scope: 'patient/Communication.crs', reason: 'Show whether the patient was told the pickup time, and record it when the nurse tells them.' },
  { scope: 'patient/Provenance.crus', reason: 'Record who changed a booking and when; written with PUT at a client-chosen id so a retry is harmless.' },
  { scope: 'patient/QuestionnaireResponse.crs', reason: "Structured handoffs (SBAR, I-PASS) that travel with a booking: create them, read them back, find the patient's." },
  { scope: 'user/Location.crs', reason: 'Read wards and facilities; create a Location for a pickup or drop-off address.' },
  { scope: 'user/Organization.rs', reason: 'Vendor and payer names.' },
  { scope: 'user/HealthcareService.rs', reason: 'Vendor directory: what each vendor offers, its hours and service area.' },
  { scope: 'user/PractitionerRole.rs', reason: 'Names and roles of the requester and the care team.' },
  { scope: 'user/Practitioner.rs', reason: 'Names of the requester and the care team.' },
  // The Metrics tab measures the whole unit's bookings, not the launch patient's: read and search only, no writes.
  { scope: 'user/ServiceRequest.rs', reason: 'Metrics: discharge orders and transport / home-health bookings of all patients in the chosen weeks.' },
  { scope: 'user/DeviceRequest.rs', reason: 'Metrics: equipment (DME) bookings of all patients in the chosen weeks.' },
  { scope: 'user/Task.rs', reason: 'Metrics and the worklist: vendor attempts and open steps (book transport, tell the patient) across patients.' },
  { scope: 'user/Provenance.rs', reason: 'Metrics: when each booking reached a milestone (e.g. booked), for order-to-confirmation times.' },
  { scope: 'user/Appointment.rs', reason: 'Metrics: scheduled pickup times, for on-time rates and notice to the patient.' },
  { scope: 'user/Communication.rs', reason: 'Metrics: first vendor contact and patient notifications, for the 48-hour rule and checkpoints.' },
  { scope: 'user/Encounter.rs', reason: "Metrics: the unit (ward) of each booking's stay, for the unit filter." },
  { scope: 'user/Patient.rs', reason: 'Metrics drill-down: the name of each patient behind a figure (name only, asked for the rows on screen).' },
  // The worklist spans the unit: claiming or reassigning another patient's open step changes that Task's owner.
  { scope: 'user/Task.u', reason: "Worklist: claim or reassign another patient's open step (the Task's owner), with If-Match." },
  { scope: 'user/Provenance.c', reason: "Worklist: record who claimed or reassigned another patient's step, and when." },
];

/** SMART v1 equivalents, for servers that do not understand v2 scopes (coarser: v1 has no search/create split). */
export const APP_SCOPE_REASONS_V1: ScopeReason[] = [
  { scope: 'launch', reason: 'EHR launch: receive the patient and encounter.' },
  ...IDENTITY,
  { scope: 'patient/*.read', reason: 'Read the chart resources listed for v2 (v1 cannot name read and search separately).' },
  { scope: 'patient/Task.write', reason: 'Create and update booking Tasks.' },
  { scope: 'patient/ServiceRequest.write', reason: 'Create, update and revoke transport and home-health orders.' },
  { scope: 'patient/DeviceRequest.write', reason: 'Create, update and cancel equipment orders.' },
  { scope: 'patient/Provenance.write', reason: 'Record who changed a booking and when.' },
  { scope: 'patient/Communication.write', reason: 'Record that the patient was told the pickup time.' },
  { scope: 'patient/Appointment.write', reason: 'Record that the patient confirmed the pickup time, and a booking made by phone.' },
  { scope: 'patient/QuestionnaireResponse.write', reason: 'Attach an SBAR or I-PASS handoff to a booking.' },
  { scope: 'user/Location.write', reason: 'Create a Location for a pickup or drop-off address.' },
  { scope: 'user/Task.write', reason: "Worklist: claim or reassign another patient's open step." },
  { scope: 'user/Provenance.write', reason: "Worklist: record who claimed or reassigned another patient's step." },
  { scope: 'user/*.read', reason: 'Read vendors, the directory, wards and practitioners.' },
];

/**
 * The browser extension: user-level scopes, because a discharge nurse moves between
 * patients on the EHR's own screen (the session is not pinned to one patient).
 * extension/background/smart-login.ts requests these (EXTENSION_SCOPE): it should build its list
 * from this one, so what is registered cannot drift from what is requested.
 */
export const EXTENSION_SCOPE_REASONS: ScopeReason[] = [
  ...IDENTITY,
  { scope: 'user/*.rs', reason: 'Read what the booking form shows for the patient on screen: chart, vendors, locations.' },
  { scope: 'user/ServiceRequest.crus', reason: 'Create, track and revoke transport and home-health orders.' },
  { scope: 'user/DeviceRequest.crus', reason: 'Create, track and cancel equipment orders.' },
  { scope: 'user/Task.crus', reason: 'One Task per vendor request: create it, follow and cancel it.' },
  { scope: 'user/Provenance.crus', reason: 'Record who changed a booking and when; written with PUT at a client-chosen id so a retry is harmless.' },
  { scope: 'user/Location.crus', reason: 'Create a Location for a pickup or drop-off address.' },
  { scope: 'user/Communication.c', reason: 'Record that the patient was told the pickup time.' },
  { scope: 'user/Appointment.cu', reason: 'Record that the patient confirmed the pickup time, and the appointment of a booking made by phone.' },
];

export const SCOPES_V2 = APP_SCOPE_REASONS_V2.map((s) => s.scope);
export const SCOPES_V1 = APP_SCOPE_REASONS_V1.map((s) => s.scope);
export const EXTENSION_SCOPES = EXTENSION_SCOPE_REASONS.map((s) => s.scope);

/** Scopes that are not about FHIR resources and that a deployment may list. */
const PLAIN_SCOPES = new Set(['launch', 'launch/patient', 'launch/encounter', 'openid', 'fhirUser', 'profile', 'online_access', 'offline_access']);
/** Resource types CareRelay reads or writes; anything else in a scope is a typo or a mistake. */
export const CARERELAY_TYPES = new Set([
  'Patient', 'Encounter', 'Condition', 'Coverage', 'CarePlan', 'Goal', 'CareTeam', 'ServiceRequest', 'DeviceRequest',
  'Task', 'Appointment', 'Communication', 'Provenance', 'Location', 'Organization', 'HealthcareService',
  'PractitionerRole', 'Practitioner', 'RelatedPerson', 'QuestionnaireResponse',
]);
const RESOURCE_SCOPE = /^(patient|user)\/(\*|[A-Z][A-Za-z]+)\.(c?r?u?d?s?|read|write|\*)$/;

/** True for a SMART scope CareRelay knows how to use (v1 or v2 grammar, a type it works with). */
export function isKnownScope(scope: string): boolean {
  if (PLAIN_SCOPES.has(scope)) return true;
  const match = RESOURCE_SCOPE.exec(scope);
  if (!match || match[3] === '') return false;
  return match[2] === '*' || CARERELAY_TYPES.has(match[2] ?? '');
}
