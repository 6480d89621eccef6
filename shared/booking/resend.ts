// Two ways out of a dead end besides a phone booking:
// - change the request (time, level) and/or offer it to a vendor the owner picks:
//   the order is updated and a NEW vendor Task goes out (attempt n+1, the id
//   dispatch would use), as a broker does; the failed or declined Task stays as it was;
// - withdraw it: the order is revoked with a reason (its last Task already ended,
//   so there is no Task to cancel) and open exception steps are completed.
// One transaction each, If-Match on every update.
import { TransitionError, ValidationError } from '../errors/errors';
import { entriesOf, type FhirApi } from '../fhir/api';
import { SYSTEMS, TRANSPORT_LEVELS, type TransportLevel } from '../fhir/codes';
import type { TTask } from '../fhir/schemas';
import { dispatchIds } from './dispatch';
import { redispatchBundle } from './dispatch-runner';
import { completeStep } from './phone-booking';
import { sendWrites } from './fallback-writes';
import { provenanceEntry, type TransactionEntry } from './write-plan';

const byAuthored = (a: TTask, b: TTask) => (Date.parse(a.authoredOn ?? '') || 0) - (Date.parse(b.authoredOn ?? '') || 0);

export interface ResendInput {
  requestType: 'ServiceRequest' | 'DeviceRequest';
  requestId: string;
  to: { organization: string; name: string };
  /** A new time (ISO) and, for transport, a new level; unchanged when absent. */
  start?: string;
  level?: TransportLevel;
  actor?: string;
  now: string;
  steps?: TTask[];
  /** A fresh UUID for the new Task's urn:uuid fullUrl (a server resolves only real UUIDs). */
  newId: () => string;
}

async function readBooking(api: FhirApi, requestType: 'ServiceRequest' | 'DeviceRequest', requestId: string) {
  const ref = `${requestType}/${requestId}`;
  const [request, found] = await Promise.all([
    api.read(requestType, requestId),
    api.search('Task', { focus: ref, code: `${SYSTEMS.taskCode}|fulfill`, _count: '50' }),
  ]);
  return { request, tasks: entriesOf(found, 'Task').sort(byAuthored) };
}

export async function resendBooking(api: FhirApi, input: ResendInput): Promise<{ taskId: string }> {
  const { request, tasks } = await readBooking(api, input.requestType, input.requestId);
  if (request.status !== 'active') throw new TransitionError(request.status, 'requested', 'the order is no longer active; book a new one instead');
  const last = tasks.at(-1);
  if (!last) throw new ValidationError('Vendor', 'this booking was never sent to a vendor');
  if (['requested', 'accepted', 'in-progress', 'on-hold'].includes(last.status)) {
    throw new TransitionError(last.status, 'requested', `${last.owner?.display ?? 'a vendor'} still holds this booking; cancel or reschedule it instead`);
  }
  const changed = { ...request } as typeof request;
  const what: string[] = [];
  if (input.start) {
    const start = Date.parse(input.start);
    if (Number.isNaN(start)) throw new ValidationError('Time', 'enter a date and time');
    const old = request.occurrencePeriod;
    const span = old?.start && old.end ? Date.parse(old.end) - Date.parse(old.start) : undefined;
    changed.occurrencePeriod = { start: new Date(start).toISOString(), ...(span && span > 0 ? { end: new Date(start + span).toISOString() } : {}) };
    if (Date.parse(old?.start ?? '') !== start) what.push('time');
  }
  if (input.level && changed.resourceType === 'ServiceRequest') {
    const coding = changed.code?.coding?.[0];
    if (coding?.code !== input.level) {
      changed.code = { ...changed.code, coding: [{ ...coding, system: SYSTEMS.hcpcs, code: input.level, display: TRANSPORT_LEVELS[input.level].display }] };
      what.push('level of service');
    }
  }
  const attempt = tasks.length + 1;
  const bundle = redispatchBundle(changed, { kind: 'redispatch', from: last, reason: 'declined', to: { ...input.to, capabilities: [], misses: [] }, attempt }, { now: () => new Date(input.now), actor: input.actor, noAnswerMs: 0 });
  const why = `${what.length ? `Request changed (${what.join(', ')}); ` : ''}offered to ${input.to.name} after ${last.owner?.display ?? 'the vendor'} ${last.status === 'failed' ? 'did not show' : 'declined'}`;
  // redispatchBundle links by `urn:uuid:<identifier>`, which is no UUID: relink by a real one so the Provenance's target resolves.
  const oldUrl = `urn:uuid:${dispatchIds(request, attempt).task}`;
  const newUrl = `urn:uuid:${input.newId()}`;
  const entries = bundle.entry.map((e) => {
    if (e.fullUrl === oldUrl) return { ...e, fullUrl: newUrl };
    if (e.resource.resourceType === 'Provenance') return { ...e, resource: { ...e.resource, target: [{ reference: newUrl }], reason: [{ text: why }] } };
    return e;
  });
  await sendWrites(api, { ...bundle, entry: [...entries, ...(input.steps ?? []).map((s) => completeStep(s, input.now, why))] });
  return { taskId: dispatchIds(request, attempt).task };
}

export interface WithdrawInput {
  requestType: 'ServiceRequest' | 'DeviceRequest';
  requestId: string;
  reason: string;
  actor?: string;
  provenanceId: string;
  now: string;
  steps?: TTask[];
}

export async function withdrawBooking(api: FhirApi, input: WithdrawInput): Promise<void> {
  if (!input.reason.trim()) throw new ValidationError('Reason', 'say why the booking is cancelled');
  const { request, tasks } = await readBooking(api, input.requestType, input.requestId);
  const last = tasks.at(-1);
  if (last && ['requested', 'accepted', 'in-progress', 'on-hold'].includes(last.status)) {
    throw new TransitionError(last.status, 'cancelled', 'a vendor still holds this booking; use Cancel booking');
  }
  const url = `${input.requestType}/${input.requestId}`;
  const entries: TransactionEntry[] = [];
  if (request.status !== 'revoked') entries.push({ fullUrl: url, resource: { ...request, status: 'revoked' }, request: { method: 'PUT', url, ifMatch: `W/"${request.meta?.versionId ?? ''}"` } });
  if (last?.id) entries.push(provenanceEntry(input.provenanceId, `Task/${last.id}`, 'cancelled-by-facility', input.now, input.actor, input.reason.trim()));
  entries.push(...(input.steps ?? []).map((s) => completeStep(s, input.now, `Cancelled: ${input.reason.trim()}`)));
  await sendWrites(api, { resourceType: 'Bundle', type: 'transaction', entry: entries });
}
