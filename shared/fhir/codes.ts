// The code systems, identifier systems and codes CareRelay reads and writes.
// One place, so the app, the extension, the sandbox and the simulator agree.

const BASE = 'https://carerelay.example.org/fhir';

export const SYSTEMS = {
  /** Identifiers CareRelay generates on the client before the first send. */
  bookingId: `${BASE}/sid/booking`,
  /** One booking per patient + service + day + leg (the duplicate guard's key; see booking/duplicate-guard.ts). */
  bookingSlot: `${BASE}/sid/booking-slot`,
  /** Task.businessStatus: the logistics milestone. */
  milestone: `${BASE}/CodeSystem/milestone`,
  /** Task.input / Task.output type codes. */
  taskParam: `${BASE}/CodeSystem/task-parameter`,
  /** Kinds of internal workflow steps (notify patient, transport request, ...). */
  step: `${BASE}/CodeSystem/workflow-step`,
  /** Vendor confirmation numbers. */
  confirmation: `${BASE}/sid/vendor-confirmation`,
  /** Service category of a booking (transport, home-health, dme). */
  serviceType: `${BASE}/CodeSystem/service-type`,
  /** Mobility and equipment flags passed to the vendor. */
  capability: `${BASE}/CodeSystem/capability`,
  /** Extension carrying a vendor's capabilities on HealthcareService. */
  mrn: 'http://hospital.example.org/sid/mrn',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  nucc: 'http://nucc.org/provider-taxonomy',
  taskCode: 'http://hl7.org/fhir/CodeSystem/task-code',
  dischargeDisposition: 'http://terminology.hl7.org/CodeSystem/discharge-disposition',
  locationType: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  practitionerRole: `${BASE}/CodeSystem/care-role`,
  provenanceActivity: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation',
  /** Why a booking was cancelled (Task.statusReason, Provenance.reason); see booking/cancel-reasons.ts. */
  cancelReason: `${BASE}/CodeSystem/cancel-reason`,
} as const;

export const SERVICE_TYPES = ['transport', 'home-health', 'dme'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Transport levels of service (HCPCS), from least to most resource-intensive. */
export const TRANSPORT_LEVELS = {
  A0100: { display: 'Ambulatory (taxi)', capability: 'ambulatory', ambulance: false },
  A0130: { display: 'Wheelchair van', capability: 'wheelchair', ambulance: false },
  T2005: { display: 'Stretcher van', capability: 'stretcher', ambulance: false },
  A0428: { display: 'BLS ambulance (non-emergency)', capability: 'bls', ambulance: true },
  A0426: { display: 'ALS ambulance (non-emergency)', capability: 'als', ambulance: true },
  A0434: { display: 'Specialty care transport', capability: 'sct', ambulance: true },
} as const;
export type TransportLevel = keyof typeof TRANSPORT_LEVELS;
export const TRANSPORT_LEVEL_CODES = Object.keys(TRANSPORT_LEVELS) as TransportLevel[];

export const DME_ITEMS = {
  E0260: 'Hospital bed',
  E1390: 'Oxygen concentrator',
  E0143: 'Walker',
  K0001: 'Wheelchair',
} as const;

export const SNOMED = {
  dischargeOrder: { code: '58000006', display: 'Patient discharge' },
  homeHealthReferral: { code: '417511005', display: 'Referral to home health care service' },
} as const;

export const MOBILITY_CONDITIONS = {
  'Z99.3': 'Dependence on wheelchair',
  'Z74.01': 'Bed confinement status',
  'Z99.81': 'Dependence on supplemental oxygen',
} as const;

export const VENDOR_TAXONOMY = {
  '343900000X': 'Non-emergency medical transport (van)',
  '341600000X': 'Ambulance',
  '251E00000X': 'Home health agency',
  '332B00000X': 'Durable medical equipment supplier',
} as const;

/** Capabilities a vendor may offer (HealthcareService.characteristic, SYSTEMS.capability). */
export const CAPABILITIES = [
  'ambulatory', 'wheelchair', 'stretcher', 'bls', 'als', 'sct', 'bariatric', 'oxygen',
  'escort', 'home-health-nursing', 'home-health-pt', 'home-health-ot', 'home-health-aide', 'dme-delivery',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const MILESTONES = [
  'sent', 'accepted', 'booked', 'patient-notified', 'patient-confirmed', 'driver-assigned',
  'en-route', 'picked-up', 'delivered', 'service-completed', 'reschedule-requested',
  'patient-no-show', 'vendor-no-show', 'cancelled-by-facility', 'cancelled-by-patient',
  'cancelled-by-vendor', 'declined',
] as const;
export type Milestone = (typeof MILESTONES)[number];

/** Task.input / Task.output types (SYSTEMS.taskParam). */
export const TASK_PARAMS = {
  pickupLocation: 'pickup-location',
  dropoffLocation: 'dropoff-location',
  handoff: 'handoff',
  appointment: 'appointment',
  confirmationNumber: 'confirmation-number',
  eta: 'eta',
  flags: 'flags',
} as const;

/** Internal workflow step kinds (SYSTEMS.step), carried in Task.code for non-vendor steps. */
export const STEP_KINDS = {
  fulfill: 'fulfill',
  transportRequest: 'transport-request',
  notifyPatient: 'notify-patient',
  dmeAlert: 'dme-alert',
  /** The patient replied CHANGE to a text: the discharge nurse calls back (server/messaging). */
  patientChange: 'patient-change',
} as const;

/** Owner roles (PractitionerRole.code, SYSTEMS.practitionerRole). */
export const CARE_ROLES = {
  caseManager: 'case-manager',
  dischargeNurse: 'discharge-nurse',
  attending: 'attending',
  homeHealthIntake: 'home-health-intake',
} as const;

/** Extensions CareRelay defines (only where base R4 has no element). */
export const EXTENSIONS = {
  /** Encounter: planned discharge date-time (before a discharge order exists). */
  plannedDischarge: `${BASE}/StructureDefinition/planned-discharge`,
  /** HealthcareService: a postal code served (repeats). */
  servicePostalCode: `${BASE}/StructureDefinition/service-postal-code`,
  /** Patient/Encounter: free-text mobility notes shown on the discharge screen. */
  mobilityNotes: `${BASE}/StructureDefinition/mobility-notes`,
  /** Task/Provenance of a cancellation made after the vendor reported en route (or later): valueCode = that milestone. */
  lateCancel: `${BASE}/StructureDefinition/late-cancel`,
} as const;
