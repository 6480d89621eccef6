// CareRelay's coordination server: the FHIR R4 API for what CareRelay owns (bookings,
// worklist steps, handoffs, the vendor directory), on the shared FHIR engine, with every
// acknowledged write in an fsynced journal and every request in an AuditEvent.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { OperationOutcomeError } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { AccessContext, EngineAuth, NodeHandler } from '../fhir-engine/contracts';
import { writtenResources } from '../fhir-engine/access';
import { createFhirServer, type Change, type FhirServer } from '../fhir-engine/index';
import { answerPreflight, applyCors, outcomeOf, sendJson, sendOutcome } from '../fhir-engine/http-io';
import { buildAuditEvent, buildExchangeAuditEvent, type AuditedRequest } from './audit';
import { openJournal, type Journal } from './journal';
import { createCoordinationAuth, type CoordinationAuth, type ExchangeOptions } from './token-exchange';

/** What CareRelay keeps on its own server (the chart stays in the EHR). */
export const COORDINATION_TYPES = [
  'ServiceRequest', 'DeviceRequest', 'Task', 'Appointment', 'Communication', 'Provenance',
  'QuestionnaireResponse', 'Location', 'Organization', 'HealthcareService', 'AuditEvent',
] as const;
/** Written only by the server itself. */
const READ_ONLY_TYPES = new Set(['AuditEvent']);

export interface CoordinationOptions {
  port: number;
  host?: string;
  /** Where the journal lives; created if missing. */
  dataDir: string;
  /**
   * Token exchange with these EHRs (server/coordination/token-exchange.ts): every FHIR
   * request then needs a token this server issued. Absent = open (development and tests only).
   */
  exchange?: Omit<ExchangeOptions, 'origin' | 'fhirBaseUrl'>;
  /**
   * Loaded once, when the journal is empty (a new deployment): e.g. the vendor directory. Written
   * through the journal like any change, so a restart replays it instead of loading it again.
   */
  importWhenEmpty?: () => Resource[] | Promise<Resource[]>;
  /** Test hook: runs before each journal append (throw to simulate a failing disk). */
  beforeAppend?: () => void;
}

export interface CoordinationServer {
  origin: string;
  fhirBaseUrl: string;
  fhir: FhirServer;
  /** Journal records replayed at start, how long that took, and bytes of a torn last line dropped. */
  replayed: { records: number; ms: number; tornBytes: number };
  /** Resources imported into an empty journal at start (importWhenEmpty). */
  imported: number;
  close(): Promise<void>;
}

interface RequestState {
  method: string;
  segments: string[];
  query: URLSearchParams;
  caller: AccessContext | null;
  address: string | undefined;
  held: HeldResponse;
  audited: boolean;
  /** Resources the request body carried, for the audit record's patients. */
  attempted: Resource[];
}

/**
 * Holds the engine's answer until the audit record is durable: the engine writes its
 * response here, the coordination layer sends it (or a 500 if auditing failed).
 */
class HeldResponse {
  status = 500;
  private readonly set: OutgoingHttpHeaders = {};
  private head: OutgoingHttpHeaders = {};
  body = '';
  destroyed = false;
  readonly headersSent = false;

  setHeader(name: string, value: string | number | string[]): this {
    this.set[name.toLowerCase()] = value;
    return this;
  }

  writeHead(status: number, headers?: OutgoingHttpHeaders): this {
    this.status = status;
    this.head = { ...(headers ?? {}) };
    return this;
  }

  end(text?: string): this {
    this.body = text ?? '';
    return this;
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** Resources the answer carries: a read's resource or a bundle's entries. */
  returned(): Resource[] {
    if (!this.body || this.status >= 400) return [];
    try {
      const value = JSON.parse(this.body) as Resource;
      if (value.resourceType === 'Bundle') return ((value as Bundle).entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
      return value.resourceType && value.resourceType !== 'OperationOutcome' ? [value] : [];
    } catch {
      return [];
    }
  }

  send(res: ServerResponse): void {
    if (this.destroyed) return void res.destroy();
    for (const [name, value] of Object.entries(this.set)) if (value !== undefined) res.setHeader(name, value);
    res.writeHead(this.status, this.head).end(this.body);
  }
}

export async function startCoordinationServer(o: CoordinationOptions): Promise<CoordinationServer> {
  const host = o.host ?? 'localhost';
  const journal: Journal = openJournal(o.dataDir, { beforeAppend: o.beforeAppend });
  const requests = new AsyncLocalStorage<RequestState>();
  const http = createServer();
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port, host, () => resolve());
  });
  const origin = `http://${host}:${(http.address() as AddressInfo).port}`;
  const fhirBaseUrl = `${origin}/fhir/R4`;
  const auth: CoordinationAuth | null = o.exchange ? await createCoordinationAuth({ ...o.exchange, origin, fhirBaseUrl }) : null;

  const auditOf = (state: RequestState, written: Resource[]): AuditedRequest => ({
    method: state.method,
    segments: state.segments,
    query: state.query,
    written,
    attempted: state.attempted,
    user: state.caller?.fhirUser,
    clientId: state.caller?.clientId,
    patient: state.caller?.patient,
    address: state.address,
    status: state.held.status,
    returned: state.held.returned(),
  });

  const fhir = await createFhirServer({
    baseUrl: fhirBaseUrl,
    auth,
    servedTypes: COORDINATION_TYPES,
    software: { name: 'CareRelay coordination server', description: "CareRelay's own FHIR R4 store: bookings, worklist steps, handoffs, vendor directory" },
    // A write and its audit record go to disk in one journal line: neither without the other.
    commit: async (changes: Change[], system) => {
      const state = requests.getStore();
      if (state && !state.audited) {
        state.audited = true;
        const written = changes.flatMap((c) => ('put' in c ? [c.put] : []));
        await system(buildAuditEvent(auditOf(state, written)));
      }
      try {
        await journal.append(changes);
      } catch {
        console.error('coordination: journal append failed; the change was undone and refused');
        throw new OperationOutcomeError(outcomeOf('exception', 'The change could not be stored durably, so it was not made; try again'));
      }
    },
  });
  fhir.capabilities.writableTypes = COORDINATION_TYPES.filter((t) => !READ_ONLY_TYPES.has(t));
  const replayStart = performance.now();
  await fhir.replay(journal.replayed.records.flatMap((r) => r.changes));
  const replayMs = Math.round(performance.now() - replayStart);
  const imported = journal.replayed.records.length === 0 && o.importWhenEmpty ? await o.importWhenEmpty() : [];
  if (imported.length) await fhir.load(imported);

  const basePath = new URL(fhirBaseUrl).pathname;
  const handleFhir: NodeHandler = async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const segments = url.pathname.slice(basePath.length).split('/').filter(Boolean).map(safeDecode);
    const unaudited = req.method === 'OPTIONS' || (req.method === 'GET' && ['metadata', '.well-known/smart-configuration'].includes(segments.join('/')));
    if (unaudited) return fhir.handle(req, res);
    // Read the body here (the audit needs to know whose records a refused write was for),
    // and hand the engine the same bytes.
    const raw = await readBody(req);
    const engineReq = Object.assign(Readable.from(raw.length ? [raw] : []), {
      method: req.method, url: req.url, headers: req.headers, socket: req.socket,
    }) as unknown as IncomingMessage;
    const state: RequestState = {
      method: req.method ?? 'GET',
      segments,
      query: url.searchParams,
      caller: await callerOf(auth, req),
      address: req.socket.remoteAddress,
      held: new HeldResponse(),
      audited: false,
      attempted: writtenResources(parseQuietly(raw)),
    };
    const held = state.held as unknown as ServerResponse;
    const confined = state.caller?.patient;
    const other = confined ? namedPatients(url.searchParams).find((p) => p !== confined) : undefined;
    if (other) {
      // A token for one patient asking for another's records: refused (and audited below), not answered empty.
      sendOutcome(held, outcomeOf('forbidden', 'This token is confined to another patient', 'forbidden'));
    } else {
      await requests.run(state, () => fhir.handle(engineReq, held));
    }
    if (!state.audited) {
      // Reads and refused requests: the audit record alone, durable before the answer leaves.
      state.audited = true;
      try {
        await fhir.writeSystem(buildAuditEvent(auditOf(state, [])));
      } catch {
        console.error('coordination: could not record the audit event; request refused');
        return sendOutcome(res, outcomeOf('exception', 'The request could not be audited, so it was refused; try again', 'audit-failed'), {});
      }
    }
    state.held.send(res);
  };

  /** Every exchange, granted or refused, is audited before it is answered. */
  const exchangeAndAudit = async (a: CoordinationAuth, req: IncomingMessage, res: ServerResponse) => {
    const result = await a.handleToken(req);
    const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Pragma: 'no-cache' };
    try {
      const reason = typeof result.body.error_description === 'string' ? result.body.error_description : undefined;
      await fhir.writeSystem(buildExchangeAuditEvent({ ...result, reason, address: req.socket.remoteAddress }));
    } catch {
      console.error('coordination: could not record the token exchange audit event; exchange refused');
      return void res.writeHead(500, headers).end(JSON.stringify({ error: 'server_error', error_description: 'The exchange could not be audited, so it was refused; try again' }));
    }
    res.writeHead(result.status, headers).end(JSON.stringify(result.body));
  };

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    const done = (p: void | Promise<void>) => Promise.resolve(p).catch((err: unknown) => {
      console.error('coordination: request failed:', err instanceof Error ? err.message : 'unknown error');
      if (!res.headersSent) sendOutcome(res, outcomeOf('exception', 'Internal error', 'internal'));
      else res.destroy();
    });
    if (path === basePath || path.startsWith(basePath + '/')) return void done(handleFhir(req, res));
    if (path === '/token' && auth) {
      // The app calls the token endpoint from its own origin (a public client, no cookies).
      if (req.method === 'OPTIONS') return answerPreflight(req, res);
      applyCors(req, res);
      return void done(exchangeAndAudit(auth, req, res));
    }
    if (path === '/' || path === '/health') {
      return void sendJson(res, 200, { status: 'ok', fhirBaseUrl }, { 'Content-Type': 'application/json' });
    }
    sendOutcome(res, outcomeOf('not-found', `Nothing at ${path}; the FHIR API is at ${basePath}`, 'not-found'));
  });

  return {
    origin,
    fhirBaseUrl,
    fhir,
    replayed: { records: journal.replayed.records.length, ms: replayMs, tornBytes: journal.replayed.tornBytes },
    imported: imported.length,
    close: () => new Promise<void>((resolve) => {
      http.closeAllConnections();
      http.close(() => {
        journal.close();
        resolve();
      });
    }),
  };
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // The engine answers 400 for an oversized body; stop buffering past its limit.
    if (size > MAX_BODY_BYTES + 1) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseQuietly(raw: Buffer): unknown {
  try {
    return raw.length ? (JSON.parse(raw.toString('utf8')) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** Patients a search names (patient=, subject=, for=; "Patient/x" or "x"). */
function namedPatients(query: URLSearchParams): string[] {
  return ['patient', 'subject', 'for', 'beneficiary'].flatMap((name) => query.getAll(name))
    .flatMap((v) => v.split(','))
    .map((v) => v.replace(/^.*Patient\//, ''))
    .filter(Boolean);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Who is calling, for the audit record (the engine itself refuses bad tokens). */
async function callerOf(auth: EngineAuth | null, req: IncomingMessage): Promise<AccessContext | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!auth || !token) return null;
  return auth.authenticate(token).catch(() => null);
}
