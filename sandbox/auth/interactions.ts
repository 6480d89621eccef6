// Interaction pages behind oidc-provider: EHR launch signs in as the launch's user
// with no page (EHR SSO); standalone launch shows sign-in (unless a session exists)
// then, for launch/patient, the patient picker. Consent is automatic (sandbox) but
// grants only what the client registered.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { relativeFhirUser, type SandboxUser } from './accounts';
import type { GrantContext, LaunchStore } from './launch-store';
import { errorPage, loginPage, pickerPage, type PickerPatient } from './pages';
import { ehrContext, saveGrant } from './grants';

export interface InteractionDeps {
  provider: Provider;
  issuerPath: string;
  fhirBaseUrl: string;
  launches: LaunchStore;
  registered: Map<string, string[]>;
  users: () => Promise<SandboxUser[]>;
  patients: () => Promise<PickerPatient[]>;
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;
const MAX_BODY = 16 * 1024;
// Framing by the sandbox EHR (another localhost port) must work: the app launches in an iframe.
const FRAME_ANCESTORS = "frame-ancestors 'self' http://localhost:* http://127.0.0.1:*";

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_BODY) throw new Error('form body too large');
  }
  return new URLSearchParams(body);
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': FRAME_ANCESTORS });
  res.end(html);
}

export function createInteractionHandler(deps: InteractionDeps) {
  const { provider, launches } = deps;
  // Per-interaction sign-in choice, between the login form and the patient picker.
  const signedIn = new Map<string, string>();

  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

  async function finish(req: IncomingMessage, res: ServerResponse, details: Details, accountId: string, context: GrantContext): Promise<void> {
    const clientId = str(details.params.client_id) ?? '';
    const requested = (str(details.params.scope) ?? '').split(' ').filter(Boolean);
    const registered = deps.registered.get(clientId) ?? [];
    const grantId = await saveGrant(provider, { accountId, clientId, requested, registered, fhirBaseUrl: deps.fhirBaseUrl });
    launches.setGrantContext(grantId, { ...context, fhirUser: accountId });
    signedIn.delete(details.uid);
    await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId }, smart: { done: true } }, { mergeWithLastSubmission: false });
  }

  async function decide(req: IncomingMessage, res: ServerResponse, details: Details, query: string): Promise<void> {
    const base = `${deps.issuerPath}/interaction/${details.uid}`;
    const launchValue = str(details.params.launch);
    const sessionAccount = details.prompt.name === 'login' ? undefined : details.session?.accountId;
    if (launchValue !== undefined) {
      const launch = launches.peek(launchValue);
      if (!launch) {
        await provider.interactionFinished(req, res, { error: 'invalid_request', error_description: 'launch is unknown or expired' }, { mergeWithLastSubmission: false });
        return;
      }
      const accountId = launch.fhirUser ? relativeFhirUser(launch.fhirUser) : (signedIn.get(details.uid) ?? sessionAccount);
      if (!accountId) return send(res, 200, loginPage(`${base}/login`, clientLabel(details), await deps.users()));
      launches.redeem(launchValue);
      return finish(req, res, details, accountId, ehrContext(launch));
    }
    const accountId = signedIn.get(details.uid) ?? sessionAccount;
    if (!accountId) return send(res, 200, loginPage(`${base}/login`, clientLabel(details), await deps.users()));
    const scopes = (str(details.params.scope) ?? '').split(' ');
    if (!scopes.includes('launch/patient')) return finish(req, res, details, accountId, {});
    const all = await deps.patients();
    const q = query.trim().toLowerCase();
    const shown = q ? all.filter((p) => [p.name, p.mrn ?? '', p.birthDate ?? '', p.id].some((f) => f.toLowerCase().includes(q))) : all;
    send(res, 200, pickerPage(base, `${base}/select`, shown, query));
  }

  async function onLogin(req: IncomingMessage, res: ServerResponse, details: Details): Promise<void> {
    const chosen = (await readForm(req)).get('fhirUser') ?? '';
    const users = await deps.users();
    if (!users.some((u) => u.fhirUser === chosen)) {
      return send(res, 400, loginPage(`${deps.issuerPath}/interaction/${details.uid}/login`, clientLabel(details), users, 'Choose a user from the list.'));
    }
    signedIn.set(details.uid, relativeFhirUser(chosen));
    res.writeHead(303, { location: `${deps.issuerPath}/interaction/${details.uid}` }).end();
  }

  async function onSelect(req: IncomingMessage, res: ServerResponse, details: Details): Promise<void> {
    const patientId = (await readForm(req)).get('patient') ?? '';
    const accountId = signedIn.get(details.uid) ?? (details.prompt.name === 'login' ? undefined : details.session?.accountId);
    const patients = await deps.patients();
    const base = `${deps.issuerPath}/interaction/${details.uid}`;
    if (!accountId) return send(res, 400, loginPage(`${base}/login`, clientLabel(details), await deps.users(), 'Sign in first.'));
    if (!patients.some((p) => p.id === patientId)) return send(res, 400, pickerPage(base, `${base}/select`, patients, '', 'Choose a patient from the list.'));
    return finish(req, res, details, accountId, { patient: patientId, needPatientBanner: true });
  }

  /** Handles {issuerPath}/interaction/:uid[/login|/select]. */
  return async function handleInteraction(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const rest = url.pathname.slice(`${deps.issuerPath}/interaction/`.length).split('/');
    const [uid, action] = rest;
    let details: Details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return send(res, 400, errorPage('This sign-in link has expired or was already used. Start the launch again.'));
    }
    if (details.uid !== uid) return send(res, 400, errorPage('This sign-in page does not match the current sign-in. Start the launch again.'));
    if (req.method === 'GET' && action === undefined) return decide(req, res, details, url.searchParams.get('q') ?? '');
    if (req.method === 'POST' && action === 'login') return onLogin(req, res, details);
    if (req.method === 'POST' && action === 'select') return onSelect(req, res, details);
    send(res, 404, errorPage('Not found.'));
  };
}

function clientLabel(details: Details): string {
  return typeof details.params.client_id === 'string' ? details.params.client_id : 'An application';
}

