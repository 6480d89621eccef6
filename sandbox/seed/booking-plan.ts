// The shape a seeded booking is described in before it becomes FHIR resources.
// Builders (current and historical) produce plans; booking.ts turns a plan into
// ServiceRequest/DeviceRequest + Task per vendor attempt + Appointment + Provenance
// + Communication exactly as docs/fhir-model.md describes.
import type { Appointment, Task } from '@medplum/fhirtypes';
import type { Milestone, ServiceType } from '../../shared/fhir/codes';

export interface MilestoneStep {
  milestone: Milestone;
  at: Date;
  status: Task['status'];
  /** Who recorded it: the vendor (default) or a PractitionerRole id (staff). */
  staffRole?: string;
  /** statusReason.text (rejected, cancelled, on-hold, failed, reschedules). */
  reason?: string;
}

export interface AttemptPlan {
  vendorId: string;
  /** First step is always `sent`. */
  steps: MilestoneStep[];
  appointment?: {
    start: Date;
    end: Date;
    status: Appointment['status'];
    patientConfirmed: boolean;
    confirmation: string;
    eta?: Date;
  };
}

export interface CommunicationPlan {
  at: Date;
  /** Vendor Organization id when the vendor contacted the patient; else staff (the discharge nurse). */
  vendorId?: string;
  staffRole?: string;
  text: string;
}

export interface BookingPlan {
  /** Id suffix, e.g. "b001" or "h0042": ids become sr-b001, task-b001-1, ... */
  key: string;
  service: ServiceType;
  /** HCPCS (transport, DME) or SNOMED (home health) code and display. */
  code: string;
  display: string;
  patientId: string;
  encounterId: string;
  coverageId?: string;
  requesterRole: string;
  authoredOn: Date;
  window: { start: Date; end: Date };
  capabilities: string[];
  reasonConditionId?: string;
  note?: string;
  pickupLocationId?: string;
  dropoffLocationId?: string;
  attempts: AttemptPlan[];
  communications: CommunicationPlan[];
  requestStatus: 'active' | 'completed' | 'revoked';
  tripId?: string;
}

export function requestId(plan: Pick<BookingPlan, 'key' | 'service'>): string {
  return plan.service === 'dme' ? `dr-${plan.key}` : `sr-${plan.key}`;
}

export function requestRef(plan: Pick<BookingPlan, 'key' | 'service'>): string {
  return plan.service === 'dme' ? `DeviceRequest/${requestId(plan)}` : `ServiceRequest/${requestId(plan)}`;
}
