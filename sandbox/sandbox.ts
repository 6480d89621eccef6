// The sandbox EHR in one process: FHIR R4 server, SMART authorization server,
// EHR web UI, vendor simulator, fault injection and the built SMART app on its
// own origin. Used by `npm start`, the end-to-end tests and the benchmark.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { createAuthServer, loadClients } from './auth/index';
import type { NodeHandler } from './contracts';
import { createEhrUi } from './ehr/index';
import { createFaultController, faultsFromEnv } from './faults/index';
import { createFhirServer } from '../server/fhir-engine/index';
import { invalidResources } from '../server/fhir-engine/validate-all';
import { httpRequester } from './http-requester';
import { generateSeed } from './seed/index';
import { splitSeed } from './seed/split';
import { createSandboxClock } from './clock';
import { createVendorSimulator } from './sim/index';
import { contentSecurityPolicy, staticApp } from '../server/hosting/static-app';
import { SANDBOX_TIME_ZONE } from './time-zone';
import { patientsForPicker, usersForLogin } from './directory';
import { sandboxMessaging, sandboxWebhooks, startSmsStandIn, WEBHOOK_PREFIX } from './messaging/index';
import type { MessagingSetup } from '../server/messaging/setup';

export interface SandboxOptions {
  port: number;
  appPort: number;
  host?: string;
  seed?: number;
  now?: Date;
  simMode?: 'auto' | 'step';
  /** Sandbox clock speed for the vendor simulator (SANDBOX_CLOCK_SPEED); 1 = real time. */
  clockSpeed?: number;
  stateFile?: string;
  appDir?: string;
  extensionId?: string;
  currentUser?: string;
  pollMs?: number;
  /** Port of the messaging stand-in (Twilio's Messages API and a phone inbox); none = no texts. */
  smsPort?: number;
  /**
   * CareRelay's coordination server (its FHIR base): the app keeps its bookings there and reads
   * only the chart from this EHR, as it must with a production EHR. None: the app writes to this EHR.
   */
  bookingsServer?: string;
}

export interface Sandbox {
  ehrUrl: string;
  fhirBaseUrl: string;
  appUrl: string;
  issuer: string;
  /** The stand-in's phone inbox and what the relay needs to text through it (with smsPort). */
  smsUrl?: string;
  messaging?: MessagingSetup;
  /** With bookingsServer: the seed's bookings and vendor directory, for the coordination server. */
  careRelaySeed: Resource[];
  close(): Promise<void>;
}

export const ROOT = resolve(import.meta.dirname, '..');
export const DEFAULT_EXTENSION_ID = 'icfbljloohclgdcgllihgcpgeiiobmjm';

export async function startSandbox(o: SandboxOptions): Promise<Sandbox> {
  const host = o.host ?? 'localhost';
  const origin = `http://${host}:${o.port}`;
  const appOrigin = `http://${host}:${o.appPort}`;
  const fhirBaseUrl = `${origin}/fhir/R4`;
  const issuer = `${origin}/auth`;
  const faults = createFaultController(faultsFromEnv());
  const clients = loadClients(resolve(import.meta.dirname, 'clients.json'), { appOrigin, extensionId: o.extensionId ?? DEFAULT_EXTENSION_ID });
  // The auth server's login and picker pages read the directory through the FHIR server, created just below.
  const fhirRef: { current?: Awaited<ReturnType<typeof createFhirServer>> } = {};
  const auth = await createAuthServer({
    issuer, fhirBaseUrl, clients,
    users: async () => usersForLogin((await fhirRef.current?.snapshot()) ?? []),
    patients: async () => patientsForPicker((await fhirRef.current?.snapshot()) ?? []),
  });
  const fhir = await createFhirServer({ baseUrl: fhirBaseUrl, auth, faults });
  fhirRef.current = fhir;
  // With a coordination server the seed's bookings and vendor directory are CareRelay's: the
  // EHR gets the chart only (sandbox/seed/split.ts), the caller hands the rest to that server.
  const fullSeed = () => generateSeed({ seed: o.seed ?? 42, now: o.now ?? new Date() });
  const seedResources = () => (o.bookingsServer ? splitSeed(fullSeed()).ehr : fullSeed());
  const initialSeed = fullSeed();
  const careRelaySeed = o.bookingsServer ? splitSeed(initialSeed).coordination : [];
  await fhir.load(o.stateFile && existsSync(o.stateFile) ? (JSON.parse(readFileSync(o.stateFile, 'utf8')) as Resource[]) : o.bookingsServer ? splitSeed(initialSeed).ehr : initialSeed);

  const requester = httpRequester(fhirBaseUrl, () => auth.issueSystemToken('carerelay-sim', ['system/*.cruds']));
  // In step mode (tests) vendors decline only when a test scripts it, so a run never depends on random ids.
  // The sandbox clock (SANDBOX_CLOCK_SPEED speeds it up for demos): auto-mode vendors move by it.
  const clock = createSandboxClock({ speed: o.clockSpeed ?? 1 });
  const sim = createVendorSimulator({ fhir: requester, mode: o.simMode ?? 'auto', now: clock.now, timeZone: SANDBOX_TIME_ZONE, ...(o.simMode === 'step' ? { timings: { declineProbability: 0 } } : {}) });
  const ehr = createEhrUi({
    fhir: requester, createLaunch: (ctx) => auth.createLaunch(ctx), fhirBaseUrl,
    appLaunchUrl: `${appOrigin}/launch.html`, currentUser: o.currentUser ?? 'Practitioner/prac-cm-1',
  });

  const admin: NodeHandler = async (req, res) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path === '/__sandbox/reset' && req.method === 'POST') {
      await fhir.reset(seedResources());
      faults.clear();
      return void res.writeHead(204).end();
    }
    if (path === '/__sandbox/snapshot') {
      const resources = await fhir.snapshot();
      if (req.method === 'POST' && o.stateFile) writeFileSync(o.stateFile, JSON.stringify(resources));
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ resources: resources.length, savedTo: req.method === 'POST' ? o.stateFile ?? null : null }));
    }
    if (path === '/__sandbox/validate' && req.method === 'GET') {
      // Every resource on the server, checked as a strict R4 server would: the e2e suite ends with it.
      const resources = await fhir.snapshot();
      const invalid = invalidResources(resources);
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ resources: resources.length, invalid }));
    }
    if (path === '/__sandbox/capabilities') {
      if (req.method === 'POST') Object.assign(fhir.capabilities, JSON.parse(await readBody(req)) as object);
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(fhir.capabilities));
    }
    res.writeHead(404).end();
  };

  // A busy port costs the texts, not the whole sandbox: say so and go on without them.
  const sms = o.smsPort === undefined ? undefined : await startSmsStandIn({ port: o.smsPort, host, inboundUrl: `${origin}${WEBHOOK_PREFIX}/inbound` }).catch((error: unknown) => {
    console.error(`sandbox: the texting stand-in did not start on port ${o.smsPort} (${error instanceof Error ? error.message : String(error)}); set SMS_PORT. Patients will not be texted.`);
    return undefined;
  });
  const webhooks = sms ? sandboxWebhooks(origin) : undefined;
  const route: NodeHandler = (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (webhooks && path.startsWith(`${WEBHOOK_PREFIX}/`)) return webhooks(req, res);
    if (path.startsWith('/auth')) return auth.handle(req, res);
    if (path.startsWith('/fhir/R4')) return fhir.handle(req, res);
    if (path.startsWith('/ehr')) return ehr(req, res);
    if (path.startsWith('/__sandbox/faults')) return faults.handleAdmin(req, res);
    if (path.startsWith('/__sandbox/sim')) return sim.handleAdmin(req, res);
    if (path.startsWith('/__sandbox/')) return admin(req, res);
    if (path === '/') return void res.writeHead(302, { Location: '/ehr' }).end();
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  };
  const ehrServer = await listen(safe(route), o.port, host);
  const csp = contentSecurityPolicy({ fhirOrigins: [origin, ...(o.bookingsServer ? [new URL(o.bookingsServer).origin] : [])], ehrOrigins: [origin] });
  const appConfig = {
    clientId: 'carerelay-app', issAllowList: [fhirBaseUrl], standaloneIss: fhirBaseUrl, pollMs: o.pollMs ?? 2000,
    // The sandbox hospital's zone (the Metrics tab's days and weeks) and its chart pages, for drill-down links.
    timeZone: SANDBOX_TIME_ZONE, chartUrl: `${new URL(fhirBaseUrl).origin}/ehr/patient/{patient}`,
    ...(o.bookingsServer ? { bookingsServer: o.bookingsServer } : {}),
  };
  const appServer = await listen(staticApp(o.appDir ?? resolve(ROOT, 'dist/app'), csp, appConfig), o.appPort, host);
  if ((o.simMode ?? 'auto') === 'auto') sim.start();
  return {
    ehrUrl: `${origin}/ehr`, fhirBaseUrl, appUrl: `${appOrigin}/launch.html`, issuer, careRelaySeed,
    ...(sms ? { smsUrl: `${sms.url}/inbox`, messaging: sandboxMessaging(origin, sms.url) } : {}),
    async close() {
      sim.stop();
      await Promise.all([close(ehrServer), close(appServer), sms?.close()]);
    },
  };
}

function safe(handler: NodeHandler): NodeHandler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      console.error('sandbox: unhandled error for', req.method, (req.url ?? '').split('?')[0], error instanceof Error ? error.message : error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Sandbox error');
    }
  };
}

async function readBody(req: import('node:http').IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

function listen(handler: NodeHandler, port: number, host: string): Promise<Server> {
  return new Promise((ok, fail) => {
    const server = createServer((req, res) => void handler(req, res));
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((ok) => server.close(() => ok()));
}
