// The boundary: untrusted FHIR arrays in, join-ready records out. A resource
// that fails its schema is tallied with a reason and dropped; nothing throws.
import type { z } from 'zod';
import { SYSTEMS, VENDOR_TAXONOMY } from '../fhir/codes';
import {
  AppointmentSchema, CommunicationSchema, DeviceRequestSchema, OrganizationSchema, ProvenanceSchema,
  ServiceRequestSchema, TaskSchema, isAppointment, isCommunication, isDeviceRequest, isOrganization, isProvenance,
  isServiceRequest, isTask, type OrganizationIn,
} from './schemas';
import {
  isBooking, toAppointment, toCommunication, toDeviceRequest, toMilestone, toServiceRequest, toTask,
  type AppointmentRec, type CommunicationRec, type DischargeOrderRec, type Mapped, type MilestoneRec,
  type RequestRec, type ServiceRequestRec, type TaskRec,
} from './records';

/** Arrays of FHIR resources as fetched; each element is checked, none is trusted. */
export interface MetricsInput {
  serviceRequests?: readonly unknown[];
  deviceRequests?: readonly unknown[];
  tasks?: readonly unknown[];
  provenances?: readonly unknown[];
  appointments?: readonly unknown[];
  communications?: readonly unknown[];
  organizations?: readonly unknown[];
}

export interface SkippedResource { resourceType: string; id?: string; reason: string }

export interface ParsedInput {
  requests: RequestRec[];
  dischargeOrders: DischargeOrderRec[];
  tasks: TaskRec[];
  milestones: MilestoneRec[];
  appointments: AppointmentRec[];
  communications: CommunicationRec[];
  vendorNames: Map<string, string>;
  skipped: SkippedResource[];
  /** Valid resources that no metric uses (workflow-step Tasks, non-logistics orders). */
  ignored: number;
}

function describe(raw: unknown): { resourceType: string; id?: string } {
  if (typeof raw !== 'object' || raw === null) return { resourceType: typeof raw };
  const { resourceType, id } = raw as { resourceType?: unknown; id?: unknown };
  return {
    resourceType: typeof resourceType === 'string' ? resourceType : 'unknown',
    id: typeof id === 'string' ? id : undefined,
  };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid resource';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/**
 * zod is the boundary: `schema` decides what is valid and why not. `guard` is
 * its fast twin (see schemas.ts): a resource it accepts is read in place,
 * without zod's copy; anything else is parsed by zod as before.
 */
function parseEach<S extends z.ZodType, R extends object>(
  items: readonly unknown[] | undefined, schema: S, guard: (v: unknown) => v is z.infer<S>,
  map: (v: z.infer<S>) => Mapped<R>, out: ParsedInput, sink: R[],
): void {
  if (!items) return;
  // Index loop: runs once per call per resource type, mostly unoptimised; for-of would allocate per element.
  for (let i = 0; i < items.length; i += 1) {
    const raw = items[i];
    let data: z.infer<S>;
    if (guard(raw)) data = raw;
    else {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        out.skipped.push({ ...describe(raw), reason: firstIssue(parsed.error) });
        continue;
      }
      data = parsed.data;
    }
    const mapped = map(data);
    if (typeof mapped === 'object') sink.push(mapped);
    else if (typeof mapped === 'string') out.skipped.push({ ...describe(raw), reason: mapped });
    else out.ignored += 1;
  }
}

export function parseInput(input: MetricsInput): ParsedInput {
  const out: ParsedInput = {
    requests: [], dischargeOrders: [], tasks: [], milestones: [], appointments: [], communications: [],
    vendorNames: new Map(), skipped: [], ignored: 0,
  };
  const serviceRequests: ServiceRequestRec[] = [];
  parseEach(input.serviceRequests, ServiceRequestSchema, isServiceRequest, toServiceRequest, out, serviceRequests);
  for (let i = 0; i < serviceRequests.length; i += 1) {
    const s = serviceRequests[i] as ServiceRequestRec;
    if (isBooking(s)) out.requests.push(s);
    else out.dischargeOrders.push(s);
  }
  parseEach(input.deviceRequests, DeviceRequestSchema, isDeviceRequest, toDeviceRequest, out, out.requests);
  parseEach(input.tasks, TaskSchema, isTask, toTask, out, out.tasks);
  parseEach(input.provenances, ProvenanceSchema, isProvenance, toMilestone, out, out.milestones);
  parseEach(input.appointments, AppointmentSchema, isAppointment, toAppointment, out, out.appointments);
  parseEach(input.communications, CommunicationSchema, isCommunication, toCommunication, out, out.communications);
  const names: { id: string; name: string; vendor: boolean | undefined }[] = [];
  parseEach(input.organizations, OrganizationSchema, isOrganization, (o) => (
    o.name ? { id: `Organization/${o.id}`, name: o.name, vendor: isVendor(o) } : undefined
  ), out, names);
  // Payers and the hospital are Organizations too; only vendors name a vendor (the filter's list,
  // the CSV's vendor rows). An Organization without any type counts when it owns a Task.
  const owners = new Set(out.tasks.map((t) => t.owner));
  for (const n of names) if (n.vendor ?? owners.has(n.id)) out.vendorNames.set(n.id, n.name);
  return out;
}

const VENDOR_CODES = new Set<string>(Object.keys(VENDOR_TAXONOMY));

/** true/false from the NUCC taxonomy in `type`; undefined when the Organization has no type. */
function isVendor(o: OrganizationIn): boolean | undefined {
  if (!o.type?.length) return undefined;
  return o.type.some((t) => t.coding?.some((c) => c.system === SYSTEMS.nucc && VENDOR_CODES.has(c.code ?? '')) === true);
}

/** Sorts a mixed list (e.g. Bundle entries' resources) into MetricsInput by resourceType. */
export function inputFromResources(resources: readonly unknown[]): MetricsInput {
  const by: Record<string, unknown[]> = {};
  for (const r of resources) {
    const { resourceType } = describe(r);
    (by[resourceType] ??= []).push(r);
  }
  return {
    serviceRequests: by.ServiceRequest, deviceRequests: by.DeviceRequest, tasks: by.Task,
    provenances: by.Provenance, appointments: by.Appointment, communications: by.Communication,
    organizations: by.Organization,
  };
}
