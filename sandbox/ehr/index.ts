// The sandbox's minimal EHR: a census, a chart with CareRelay launch points, and a
// discharge screen for the extension. Server-rendered; every FHIR string is escaped.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthServer, FhirRequester, NodeHandler } from '../contracts';
import { loadChart } from './chart-data';
import { placeDischargeOrder } from './discharge-order';
import { FHIR_ID, loadEncounterContext } from './encounter-context';
import { EhrFhirError, read } from './fhir-access';
import { formatName } from './format';
import { loadCensus } from './list-data';
import { appFrameView } from './views/app-frame';
import { chartView } from './views/chart';
import { dischargeView, LATE_RENDER_SCRIPT } from './views/discharge';
import { errorPage, page } from './views/layout';
import { patientListView } from './views/patient-list';

export interface EhrUiOptions {
  fhir: FhirRequester;
  createLaunch: AuthServer['createLaunch'];
  /** The iss handed to the app, e.g. http://localhost:8080/fhir/R4 */
  fhirBaseUrl: string;
  /** e.g. http://localhost:5173/launch.html */
  appLaunchUrl: string;
  /** fhirUser of the EHR's signed-in user, e.g. 'Practitioner/prac-cm-1' */
  currentUser: string;
}

type Route = { kind: 'list' } | { kind: 'patient'; id: string; sub: string };

function route(pathname: string): Route | undefined {
  if (pathname === '/ehr' || pathname === '/ehr/') return { kind: 'list' };
  const m = pathname.match(/^\/ehr\/patient\/([^/]+)(?:\/([a-z-]+))?\/?$/);
  if (!m?.[1]) return undefined;
  const id = decodeURIComponent(m[1]);
  return FHIR_ID.test(id) ? { kind: 'patient', id, sub: m[2] ?? '' } : undefined;
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function redirect(res: ServerResponse, status: 302 | 303, location: string): void {
  res.writeHead(status, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

/** The signed-in user's name for the top bar; cached once known, the reference until then. */
function userNamer(opts: EhrUiOptions): () => Promise<string> {
  let known: string | undefined;
  return async () => {
    if (known) return known;
    const [type, id] = opts.currentUser.split('/');
    if (type !== 'Practitioner' || !id || !FHIR_ID.test(id)) return opts.currentUser;
    const prac = await read(opts.fhir, 'Practitioner', id).catch(() => undefined);
    if (prac?.name?.length) known = formatName(prac.name);
    return known ?? opts.currentUser;
  };
}

interface RequestScope {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Display name of the signed-in user, for the top bar. */
  user: string;
}

export function createEhrUi(opts: EhrUiOptions): NodeHandler {
  const userName = userNamer(opts);

  async function patientRoute({ req, res, url, user }: RequestScope, id: string, sub: string): Promise<void> {
    const base = `/ehr/patient/${encodeURIComponent(id)}`;
    const notFound = () => send(res, 404, errorPage(404, 'No such patient.', user));
    if (req.method === 'POST' && sub === 'discharge-order') {
      req.resume(); // the form has no fields; drain it so keep-alive sockets stay usable
      const ctx = await loadEncounterContext(opts.fhir, id);
      if (!ctx) return notFound();
      await placeDischargeOrder(opts.fhir, ctx, opts.currentUser);
      return redirect(res, 303, base);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, errorPage(405, 'Method not allowed.', user));
    if (sub === '') {
      const chart = await loadChart(opts.fhir, id);
      return chart ? send(res, 200, page({ title: 'Chart', body: chartView(chart), user })) : notFound();
    }
    const ctx = await loadEncounterContext(opts.fhir, id);
    if (!ctx) return notFound();
    switch (sub) {
      case 'launch': {
        const launch = opts.createLaunch({
          patient: ctx.patient.id,
          encounter: ctx.current?.encounter.id,
          fhirUser: opts.currentUser,
          needPatientBanner: url.searchParams.get('mode') === 'tab',
        });
        return redirect(res, 302, `${opts.appLaunchUrl}?iss=${encodeURIComponent(opts.fhirBaseUrl)}&launch=${encodeURIComponent(launch)}`);
      }
      case 'app':
        return send(res, 200, page({ title: 'CareRelay', body: appFrameView(ctx), user }));
      case 'discharge': {
        const late = url.searchParams.get('late') === '1';
        return send(res, 200, page({ title: 'Discharge', body: dischargeView(ctx, late), user, script: late ? LATE_RENDER_SCRIPT : undefined }));
      }
      default:
        return send(res, 404, errorPage(404, 'No such page.', user));
    }
  }

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://ehr.local');
    const user = await userName();
    try {
      const r = route(url.pathname);
      if (!r) return send(res, 404, errorPage(404, 'No such page.', user));
      if (r.kind === 'list') return send(res, 200, page({ title: 'Patient list', body: patientListView(await loadCensus(opts.fhir)), user }));
      await patientRoute({ req, res, url, user }, r.id, r.sub);
    } catch (err) {
      if (res.headersSent) return;
      if (err instanceof EhrFhirError && err.status === 409) return send(res, 409, errorPage(409, 'This patient has no in-progress encounter to discharge.', user));
      const message = err instanceof Error ? err.message : String(err);
      send(res, err instanceof EhrFhirError ? 502 : 500, errorPage(502, `The FHIR server could not answer: ${message}`, user));
    }
  };
}
