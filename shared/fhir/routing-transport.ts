// Two servers behind one transport: the chart is read from the EHR, and everything
// CareRelay owns (bookings, worklist steps, handoffs, messages, the vendor directory) lives
// on CareRelay's coordination server (issue 15; production EHRs refuse these writes).
// The core above keeps speaking FHIR to one "server"; this is the one place that knows
// which request goes where:
//
// - types only CareRelay holds (Task, Appointment, Provenance, QuestionnaireResponse,
//   HealthcareService): the coordination server;
// - types both hold (ServiceRequest: the EHR's discharge orders and CareRelay's bookings;
//   DeviceRequest; Communication; Location: the EHR's wards and facilities and the places
//   a booking names; Organization: payers and facilities in the EHR, vendors with CareRelay):
//   written to the coordination server; searched on both, answers merged (EHR first); read
//   by id from the coordination server, then the EHR when it has no such resource;
// - everything else (Patient, Encounter, Condition, Coverage, CarePlan, Practitioner…, and
//   the notes CareRelay leaves in the chart): the EHR.
// A batch is split per entry, both halves sent at once, and answered in the original order.
// A transaction is all-or-nothing on one server, so it must only hold CareRelay's writes.
import { CareRelayError } from '../errors/errors';
import type { FhirRequest, FhirResponse, FhirTransport } from './transport';

export const BOOKING_ONLY_TYPES = ['Task', 'Appointment', 'Provenance', 'QuestionnaireResponse', 'HealthcareService', 'AuditEvent'] as const;
export const SHARED_TYPES = ['ServiceRequest', 'DeviceRequest', 'Communication', 'Location', 'Organization'] as const;
const BOOKING_ONLY = new Set<string>(BOOKING_ONLY_TYPES);
const SHARED = new Set<string>(SHARED_TYPES);

export type Route = 'ehr' | 'bookings' | 'both' | 'bookings-then-ehr';

export interface RoutingOptions {
  ehr: FhirTransport;
  bookings: FhirTransport;
  /** The coordination server's FHIR base: absolute URLs (paging links) under it go there. */
  bookingsBase: string;
}

/** A request that cannot be routed: a transaction mixing the EHR's records with CareRelay's. */
export class RoutingError extends CareRelayError {}

/** Where one request (or one batch entry) goes. `url` is relative to a FHIR base, or absolute. */
export function routeOf(method: string, url: string, bookingsBase: string): Route {
  if (/^https?:/i.test(url)) return url.startsWith(bookingsBase.replace(/\/+$/, '') + '/') ? 'bookings' : 'ehr';
  const [path = ''] = url.split('?');
  const [type = '', id] = path.split('/').filter(Boolean);
  if (type === 'metadata') return 'bookings';
  if (BOOKING_ONLY.has(type)) return 'bookings';
  if (!SHARED.has(type)) return 'ehr';
  if (method !== 'GET' && !(method === 'POST' && id === '_search')) return 'bookings';
  return id && id !== '_search' ? 'bookings-then-ehr' : 'both';
}

interface BundleLike {
  resourceType: 'Bundle';
  type?: string;
  total?: number;
  link?: { relation: string; url: string }[];
  entry?: { fullUrl?: string; resource?: unknown; request?: { method?: string; url?: string }; response?: { status?: string } & Record<string, unknown> }[];
}

function isBundle(body: unknown): body is BundleLike {
  return typeof body === 'object' && body !== null && (body as { resourceType?: unknown }).resourceType === 'Bundle';
}

const isMissing = (error: unknown) => {
  const status = (error as { status?: unknown } | undefined)?.status;
  return status === 404 || status === 410;
};

export function createRoutingTransport(o: RoutingOptions): FhirTransport {
  const send = (route: 'ehr' | 'bookings', request: FhirRequest) => (route === 'ehr' ? o.ehr(request) : o.bookings(request));
  return async function routing(request) {
    if (request.url === '' || request.url === '/') return bundleRequest(request);
    const route = routeOf(request.method, request.url, o.bookingsBase);
    if (route === 'ehr' || route === 'bookings') return send(route, request);
    if (route === 'bookings-then-ehr') {
      try {
        return await o.bookings(request);
      } catch (error) {
        if (!isMissing(error)) throw error;
        return o.ehr(request);
      }
    }
    const [fromEhr, fromBookings] = await Promise.all([o.ehr(request), o.bookings(request)]);
    return { ...fromBookings, body: mergeSearchsets(fromEhr.body, fromBookings.body) };
  };

  async function bundleRequest(request: FhirRequest): Promise<FhirResponse> {
    const body = request.body;
    if (!isBundle(body)) throw new RoutingError('A request to the server root must carry a Bundle');
    const entries = body.entry ?? [];
    const routes = entries.map((e) => routeOf(e.request?.method ?? 'GET', e.request?.url ?? '', o.bookingsBase));
    if (body.type === 'transaction') {
      const elsewhere = entries.filter((_, i) => routes[i] === 'ehr');
      if (elsewhere.length) {
        throw new RoutingError(`A booking transaction cannot include the EHR's records (${elsewhere.map((e) => (e.request?.url ?? '').split(/[/?]/)[0]).join(', ')})`);
      }
      return o.bookings(request);
    }
    // A batch: each half to its server, sent at once. Searches of shared types go to both, and
    // so do their reads by id (in one round trip, the EHR's answer is used when CareRelay has none).
    const toEhr = entries.flatMap((e, i) => (routes[i] === 'bookings' ? [] : [i]));
    const toBookings = entries.flatMap((e, i) => (routes[i] === 'ehr' ? [] : [i]));
    const subBatch = (indexes: number[]): FhirRequest => ({ ...request, body: { ...body, entry: indexes.map((i) => entries[i]) } });
    const [ehrAnswer, bookingsAnswer] = await Promise.all([
      toEhr.length ? o.ehr(subBatch(toEhr)) : undefined,
      toBookings.length ? o.bookings(subBatch(toBookings)) : undefined,
    ]);
    const ehrEntries = entriesOfAnswer(ehrAnswer);
    const bookingEntries = entriesOfAnswer(bookingsAnswer);
    const answered = entries.map((_, i) => {
      const fromEhr = toEhr.includes(i) ? ehrEntries[toEhr.indexOf(i)] : undefined;
      const fromBookings = toBookings.includes(i) ? bookingEntries[toBookings.indexOf(i)] : undefined;
      if (routes[i] === 'ehr') return fromEhr ?? missingEntry();
      if (routes[i] !== 'both') return readWithFallback(fromBookings, fromEhr);
      return mergeEntries(fromEhr, fromBookings);
    });
    const base = bookingsAnswer ?? ehrAnswer;
    if (!base) return { status: 200, headers: { get: () => null }, body: { resourceType: 'Bundle', type: 'batch-response', entry: [] } };
    return { ...base, body: { resourceType: 'Bundle', type: 'batch-response', entry: answered } };
  }
}

type AnswerEntry = NonNullable<BundleLike['entry']>[number];

function entriesOfAnswer(answer: FhirResponse | undefined): AnswerEntry[] {
  return answer && isBundle(answer.body) ? (answer.body.entry ?? []) : [];
}

const ok = (e: AnswerEntry | undefined) => (e?.response?.status ?? '').startsWith('2');

function missingEntry(): AnswerEntry {
  return { response: { status: '502 Bad Gateway', outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'The server did not answer this entry' }] } } };
}

/** A read by id in a batch: CareRelay's record if it has one (bookings entries only hold these). */
function readWithFallback(fromBookings: AnswerEntry | undefined, fromEhr: AnswerEntry | undefined): AnswerEntry {
  if (fromBookings && ok(fromBookings)) return fromBookings;
  return fromEhr ?? fromBookings ?? missingEntry();
}

/** A search sent to both servers: one searchset (EHR first); a failure on either side is the entry's failure. */
function mergeEntries(fromEhr: AnswerEntry | undefined, fromBookings: AnswerEntry | undefined): AnswerEntry {
  if (!fromEhr || !ok(fromEhr)) return fromEhr ?? missingEntry();
  if (!fromBookings || !ok(fromBookings)) return fromBookings ?? missingEntry();
  return { ...fromBookings, resource: mergeSearchsets(fromEhr.resource, fromBookings.resource) };
}

/**
 * Two searchsets as one: entries of both, totals added when both give one, and the paging
 * link of whichever side has more (each side's next link is absolute, so it is followed on
 * the server that wrote it).
 */
export function mergeSearchsets(a: unknown, b: unknown): unknown {
  if (!isBundle(a)) return b;
  if (!isBundle(b)) return a;
  const next = [b, a].map((x) => x.link?.find((l) => l.relation === 'next')).find(Boolean);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(a.total !== undefined && b.total !== undefined ? { total: a.total + b.total } : {}),
    ...(next ? { link: [next] } : {}),
    entry: [...(a.entry ?? []), ...(b.entry ?? [])],
  };
}
