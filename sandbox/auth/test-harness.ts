// Test helpers: the auth server on a real HTTP port, a cookie jar, PKCE, and a
// browser-like walk through redirects that stops at the app's redirect URI or a page.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { AuthServer } from '../contracts';
import { createAuthServer, loadClients } from './index';

export const APP_ORIGIN = 'http://localhost:5173';
export const APP_REDIRECT = `${APP_ORIGIN}/index.html`;
export const CLIENTS_FILE = fileURLToPath(new URL('../clients.json', import.meta.url));
export const USERS = [
  { fhirUser: 'Practitioner/dr-ada', name: 'Ada Osei', role: 'Discharge nurse' },
  { fhirUser: 'Practitioner/dr-ben', name: 'Ben Ito', role: 'Case manager' },
];
export const PATIENTS = [
  { id: 'pat-1', name: 'Maria Lopez', birthDate: '1948-02-11', mrn: 'MRN001' },
  { id: 'pat-2', name: 'John Smith', birthDate: '1939-09-30', mrn: 'MRN002' },
];

export interface Sandbox {
  auth: AuthServer;
  base: string;
  fhirBaseUrl: string;
  close(): Promise<void>;
}

export async function startAuth(ttl?: number): Promise<Sandbox> {
  // The issuer needs the port, and the port needs a listening server: bind the handler late.
  const late: { auth?: AuthServer } = {};
  const server: Server = createServer((req, res) => void late.auth?.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fhirBaseUrl = `${base}/fhir/R4`;
  const auth = await createAuthServer({
    issuer: `${base}/auth`, fhirBaseUrl,
    clients: loadClients(CLIENTS_FILE, { appOrigin: APP_ORIGIN, extensionId: 'abcdefghijklmnopabcdefghijklmnop' }),
    users: async () => USERS, patients: async () => PATIENTS,
    ...(ttl ? { accessTokenTtlSeconds: ttl } : {}),
  });
  late.auth = auth;
  return { auth, base, fhirBaseUrl, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A minimal cookie jar: name, value and path prefix; enough for oidc-provider's cookies. */
export class Browser {
  readonly #cookies = new Map<string, { value: string; path: string }>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const path = new URL(url).pathname;
    const cookie = [...this.#cookies].filter(([, c]) => path.startsWith(c.path)).map(([n, c]) => `${n}=${c.value}`).join('; ');
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const cookiePath = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attrs.some((a) => /^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now());
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, { value, path: cookiePath });
    }
    return res;
  }

  /** Follows redirects on the server; stops at the app (returns its URL) or a page (returns its HTML). */
  /** `requests`: how many requests the authorization server answered on the way. */
  async walk(url: string, init?: RequestInit): Promise<{ callback?: URL; page?: { url: string; html: string; status: number }; requests: number }> {
    let res = await this.fetch(url, init);
    let current = url;
    for (let hops = 0; hops < 10; hops++) {
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, current);
        if (next.origin === APP_ORIGIN || next.protocol === 'https:') return { callback: next, requests: hops + 1 };
        current = next.href;
        res = await this.fetch(current);
        continue;
      }
      return { page: { url: current, html: await res.text(), status: res.status }, requests: hops + 1 };
    }
    throw new Error('too many redirects');
  }
}

export function authorizeUrl(sb: Sandbox, params: Record<string, string | undefined>): string {
  const url = new URL(`${sb.base}/auth/authorize`);
  const defaults = { response_type: 'code', client_id: 'carerelay-app', redirect_uri: APP_REDIRECT, aud: sb.fhirBaseUrl, state: randomBytes(16).toString('base64url') };
  for (const [k, v] of Object.entries({ ...defaults, ...params })) if (v !== undefined) url.searchParams.set(k, v);
  return url.href;
}

export async function redeem(sb: Sandbox, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sb.base}/auth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Submits the form whose submit button has this exact text. */
export async function submitButton(browser: Browser, page: { url: string; html: string }, buttonText: string, fields: Record<string, string> = {}) {
  const forms = page.html.match(/<form[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((f) => f.includes(`>${buttonText}</button>`));
  if (!form) throw new Error(`no form with button "${buttonText}"`);
  const action = /action="([^"]+)"/.exec(form)?.[1] ?? page.url;
  const hidden = Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  return browser.walk(new URL(action.replaceAll('&#38;', '&'), page.url).href, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...hidden, ...fields }),
  });
}
