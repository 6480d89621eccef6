// Vendor dispatch as a workflow broker (docs/domain.md, "Option H"): a request goes to
// one vendor at a time; a decline, or no answer in time, sends it to the next
// eligible vendor as a NEW Task. The rejected Task is never rewound. Pure: the
// runner (dispatch-runner.ts) reads and writes.
import { SYSTEMS, TRANSPORT_LEVELS, CAPABILITIES, type Capability, type TransportLevel } from '../fhir/codes';
import { bookingIdOf, codeIn } from '../fhir/refs';
import type { TDeviceRequest, THealthcareService, TOrganization, TServiceRequest, TTask } from '../fhir/schemas';
import { serviceOf } from './booking-view';
import { vendorScore, type VendorStats } from './vendor-stats';
import { matchVendors, type VendorOption } from './vendors';

export type DispatchRequest = TServiceRequest | TDeviceRequest;

export interface DispatchInput {
  request: DispatchRequest;
  /** This request's vendor Tasks, any order. */
  tasks: TTask[];
  services: THealthcareService[];
  organizations: TOrganization[];
  stats: Map<string, VendorStats>;
  postalCode?: string;
  now: Date;
  /** A vendor that has not answered within this long is passed over. */
  noAnswerMs: number;
  timeZone?: string;
}

export type DispatchStep =
  | { kind: 'none' }
  | { kind: 'redispatch'; from: TTask; reason: 'declined' | 'no-answer'; to: VendorOption; attempt: number }
  | { kind: 'exhausted'; from: TTask; reason: 'declined' | 'no-answer' };

export function nextDispatch(input: DispatchInput): DispatchStep {
  const { request } = input;
  if (request.status !== 'active') return { kind: 'none' };
  const tasks = [...input.tasks].sort((a, b) => (Date.parse(a.authoredOn ?? '') || 0) - (Date.parse(b.authoredOn ?? '') || 0));
  const last = tasks.at(-1);
  if (!last) return { kind: 'none' };
  const reason = whyMove(last, input.now, input.noAnswerMs);
  if (!reason) return { kind: 'none' };
  const tried = new Set(tasks.map((t) => t.owner?.reference));
  const to = rankedVendors(input).find((v) => !tried.has(v.organization));
  if (!to) return { kind: 'exhausted', from: last, reason };
  return { kind: 'redispatch', from: last, reason, to, attempt: tasks.length + 1 };
}

function whyMove(task: TTask, now: Date, noAnswerMs: number): 'declined' | 'no-answer' | undefined {
  if (task.status === 'rejected') return 'declined';
  if (task.status !== 'requested') return undefined;
  const since = Date.parse(task.lastModified ?? task.authoredOn ?? '');
  return !Number.isNaN(since) && now.getTime() - since >= noAnswerMs ? 'no-answer' : undefined;
}

/** Vendors that fit (capability, service area, hours), best first by recent acceptance and on-time record. */
export function rankedVendors(input: Pick<DispatchInput, 'request' | 'services' | 'organizations' | 'stats' | 'postalCode' | 'timeZone'>): VendorOption[] {
  const { request } = input;
  const service = serviceOf(request);
  if (!service) return [];
  const code = (request.resourceType === 'DeviceRequest' ? request.codeCodeableConcept : request.code)?.coding?.[0]?.code;
  const level = code && code in TRANSPORT_LEVELS ? (code as TransportLevel) : undefined;
  const flags = request.resourceType === 'ServiceRequest' ? capabilitiesOf(request) : [];
  const fits = matchVendors(input.services, input.organizations, {
    service, level: service === 'transport' ? level : undefined, flags, postalCode: input.postalCode,
    at: request.occurrencePeriod?.start, timeZone: input.timeZone,
  }).filter((v) => v.misses.length === 0);
  return fits
    .map((v) => ({ v, score: vendorScore(input.stats.get(v.organization)) }))
    .sort((a, b) => b.score - a.score || a.v.name.localeCompare(b.v.name))
    .map((x) => x.v);
}

function capabilitiesOf(request: TServiceRequest): Capability[] {
  const known = new Set<string>(CAPABILITIES);
  return (request.orderDetail ?? []).map((d) => codeIn(d, SYSTEMS.capability)).filter((c): c is Capability => Boolean(c && known.has(c)));
}

/**
 * Ids for what a re-dispatch writes, derived from the request and the attempt
 * number, so two runners (two tabs, app and extension) create the Task once.
 */
export function dispatchIds(request: DispatchRequest, attempt: number): { task: string; provenance: string; closeProvenance: string } {
  const base = safeId(bookingIdOf(request) ?? `${request.resourceType}-${request.id ?? ''}`);
  return { task: `${base}-attempt-${attempt}`, provenance: `${base}-a${attempt}-sent`, closeProvenance: `${base}-a${attempt - 1}-noanswer` };
}

/** FHIR ids allow [A-Za-z0-9-.] up to 64 characters; leave room for the suffix. */
function safeId(value: string): string {
  return value.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 44);
}
