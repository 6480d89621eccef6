// The outbox: a booking's write plan is stored BEFORE the first send and removed
// only when the server confirmed it. Retries back off (honouring Retry-After) and
// reuse the same plan, whose conditional creates make a repeat harmless. It holds
// FHIR resources and ids, never tokens.
import { z } from 'zod';
import type { FhirApi } from '../fhir/api';
import { FhirHttpError, MalformedResponseError, NetworkError, SessionExpiredError } from '../errors/errors';
import type { TBundle } from '../fhir/schemas';
import { bookingIdOf } from '../fhir/refs';
import type { WritePlan } from './write-plan';

export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

const OutboxItem = z.object({
  id: z.string(),
  plan: z.object({ ids: z.record(z.string(), z.string()), bundle: z.looseObject({ resourceType: z.literal('Bundle'), type: z.literal('transaction'), entry: z.array(z.unknown()) }) }),
  summary: z.string(),
  patient: z.string(),
  createdAt: z.string(),
  attempts: z.number(),
  state: z.enum(['pending', 'failed']),
  lastError: z.string().optional(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export interface SentBooking {
  requestRef: string;
  taskRef: string;
  attempts: number;
  /** Failures this send survived by retrying (shown to the user: what happened, and that it booked once). */
  problems: unknown[];
  /**
   * Someone else's booking already held this slot (duplicate-guard.ts): the server handed
   * back that order instead of creating ours. Who asked for it and when, for the nurse.
   */
  alreadyBooked?: { requestRef: string; requester?: string; authoredOn?: string };
}

export interface OutboxOptions {
  store: KeyValueStore;
  api: FhirApi;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  maxAttempts?: number;
  baseDelayMs?: number;
  onAttempt?: (item: OutboxItem, error?: unknown) => void;
  /** How a plan is written; default one transaction (see fallback-writes.ts for servers without one). */
  send?: (bundle: unknown) => Promise<TBundle>;
}

const PREFIX = 'carerelay.outbox.';

export function createOutbox(o: OutboxOptions) {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = o.maxAttempts ?? 6;
  const base = o.baseDelayMs ?? 400;
  const inflight = new Map<string, Promise<SentBooking>>();

  async function save(item: OutboxItem) {
    await o.store.set(PREFIX + item.id, JSON.stringify(item));
  }

  async function list(): Promise<OutboxItem[]> {
    const keys = (await o.store.keys()).filter((k) => k.startsWith(PREFIX));
    const items: OutboxItem[] = [];
    for (const key of keys) {
      const parsed = OutboxItem.safeParse(JSON.parse((await o.store.get(key)) ?? 'null'));
      if (parsed.success) items.push(parsed.data);
    }
    return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async function enqueue(plan: WritePlan, meta: { summary: string; patient: string }): Promise<OutboxItem> {
    const existing = await o.store.get(PREFIX + plan.ids.request);
    if (existing) return OutboxItem.parse(JSON.parse(existing));
    const item: OutboxItem = { id: plan.ids.request, plan: { ids: { ...plan.ids }, bundle: plan.bundle }, ...meta, createdAt: (o.now?.() ?? new Date()).toISOString(), attempts: 0, state: 'pending' };
    await save(item);
    return item;
  }

  async function attempt(id: string): Promise<SentBooking> {
    // The retry budget is per send; item.attempts counts every try ever made.
    const problems: unknown[] = [];
    for (let tries = 1; ; tries++) {
      const raw = await o.store.get(PREFIX + id);
      if (!raw) throw new Error('This booking is no longer in the outbox');
      const item = OutboxItem.parse(JSON.parse(raw));
      item.attempts += 1;
      await save(item);
      try {
        const response = await (o.send ?? o.api.transaction)(item.plan.bundle);
        // Read the answer before forgetting the plan: an unreadable answer must leave it queued for a retry.
        const refs = refsFrom(response);
        await o.store.remove(PREFIX + id);
        o.onAttempt?.(item);
        const alreadyBooked = await someoneElses(o.api, response, refs.requestRef, item.id);
        return { ...refs, attempts: item.attempts, problems, ...(alreadyBooked ? { alreadyBooked } : {}) };
      } catch (error) {
        o.onAttempt?.(item, error);
        const wait = retryDelay(error, tries, base);
        if (wait === undefined || tries >= maxAttempts) {
          await save({ ...item, state: error instanceof SessionExpiredError ? 'pending' : 'failed', lastError: error instanceof Error ? error.message : String(error) });
          throw error;
        }
        problems.push(error);
        await save({ ...item, lastError: error instanceof Error ? error.message : String(error) });
        await sleep(wait);
      }
    }
  }

  /** Sends one queued booking; concurrent calls for the same booking share one send. */
  function send(id: string): Promise<SentBooking> {
    const running = inflight.get(id);
    if (running) return running;
    const p = attempt(id).finally(() => inflight.delete(id));
    inflight.set(id, p);
    return p;
  }

  async function discard(id: string) {
    await o.store.remove(PREFIX + id);
  }

  return { enqueue, send, list, discard };
}
export type Outbox = ReturnType<typeof createOutbox>;

/** undefined = do not retry. Network loss and malformed answers may hide a committed write: retrying is safe. */
export function retryDelay(error: unknown, attempt: number, base: number): number | undefined {
  const backoff = Math.min(base * 2 ** (attempt - 1), 8000);
  if (error instanceof NetworkError || error instanceof MalformedResponseError) return backoff;
  if (error instanceof FhirHttpError && error.retryable) return Math.max(error.retryAfterMs ?? 0, backoff);
  return undefined;
}

/**
 * A request entry answered "200" was found, not created: our own earlier try (a retry), or
 * another writer's booking of the same slot. Only the order's booking id tells which.
 */
async function someoneElses(api: FhirApi, response: TBundle, requestRef: string, ownId: string): Promise<SentBooking['alreadyBooked']> {
  const entry = (response.entry ?? []).find((e) => (e.response?.location ?? '').includes(requestRef));
  if (entry?.response?.status?.startsWith('201')) return undefined;
  const [type, id] = requestRef.split('/');
  if ((type !== 'ServiceRequest' && type !== 'DeviceRequest') || !id) return undefined;
  try {
    const found = await api.read(type, id);
    if (bookingIdOf(found) === ownId) return undefined;
    const who = found.requester as { display?: string; reference?: string } | undefined;
    return { requestRef, requester: who?.display ?? who?.reference, authoredOn: found.authoredOn };
  } catch {
    // Unreadable: the booking exists either way; the chart refresh shows it.
    return undefined;
  }
}

function refsFrom(response: TBundle): { requestRef: string; taskRef: string } {
  const locations = (response.entry ?? []).map((e) => e.response?.location ?? (e.resource ? `${e.resource.resourceType}/${e.resource.id}` : ''));
  const clean = (l: string) => l.replace(/^.*?\b((ServiceRequest|DeviceRequest|Task)\/[^/]+).*$/, '$1');
  const requestRef = locations.map(clean).find((l) => /^(ServiceRequest|DeviceRequest)\//.test(l));
  const taskRef = locations.map(clean).find((l) => l.startsWith('Task/'));
  if (!requestRef || !taskRef) throw new MalformedResponseError('transaction', 'the response does not name the created booking');
  return { requestRef, taskRef };
}
