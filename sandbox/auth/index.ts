// The sandbox's SMART authorization server: oidc-provider configured for SMART App
// Launch 2.x, mounted under the issuer's path on a plain Node handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type JWK } from 'oidc-provider';
import type { AuthServer, LaunchContext } from '../contracts';
import { createFindAccount, type SandboxUser } from './accounts';
import type { ClientConfig } from './clients';
import { createInteractionHandler } from './interactions';
import { LaunchStore } from './launch-store';
import type { PickerPatient } from './pages';
import { buildProviderConfig } from './provider-config';
import { allows, grantingContexts } from './scopes';
import { buildSmartConfiguration } from './smart-configuration';
import { tokenExtras } from './token-extras';
import { createTokenFunctions } from './tokens';

export { loadClients, parseClients, type ClientConfig, type ClientVars } from './clients';
export { ClientConfigError, UnknownClientError } from './errors';
export { allows, covers, grantableScopes, grantingContexts, parseResourceScope } from './scopes';
export { LAUNCH_TTL_MS, MAX_LAUNCH_USES } from './launch-store';

export interface AuthServerOptions {
  /** Absolute; the handler serves paths under its pathname, e.g. http://localhost:8080/auth. */
  issuer: string;
  /** The FHIR base: token audience and the `aud` value accepted. */
  fhirBaseUrl: string;
  clients: ClientConfig[];
  /** Practitioners to sign in as. */
  users: () => Promise<SandboxUser[]>;
  /** Patients for the standalone patient picker. */
  patients: () => Promise<PickerPatient[]>;
  /** Default: env SANDBOX_TOKEN_TTL, else 3600. */
  accessTokenTtlSeconds?: number;
  /** Optional smart_style_url sent with launch context. */
  smartStyleUrl?: string;
}

function ttlFrom(opts: AuthServerOptions): number {
  const fromEnv = Number(process.env.SANDBOX_TOKEN_TTL);
  const ttl = opts.accessTokenTtlSeconds ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 3600);
  if (!Number.isInteger(ttl) || ttl <= 0) throw new RangeError(`accessTokenTtlSeconds must be a positive integer, got ${ttl}`);
  return ttl;
}

async function idTokenSigningKey(): Promise<JWK> {
  // Ephemeral: id_tokens need not survive a sandbox restart.
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `sandbox-${Date.now().toString(36)}` } as JWK;
}

/**
 * authorize-post: oidc-provider serves POST at the authorization endpoint only with
 * SameSite=None cookies, which plain-http localhost cannot rely on. The form is the
 * same request as a GET, so it is rewritten into one before the provider sees it.
 */
async function postToGet(req: IncomingMessage, url: URL): Promise<void> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 64 * 1024) throw new RangeError('authorization request body too large');
  }
  const params = new URLSearchParams(body);
  for (const [k, v] of url.searchParams) if (!params.has(k)) params.set(k, v);
  req.method = 'GET';
  req.url = `${url.pathname}?${params.toString()}`;
  delete req.headers['content-type'];
  delete req.headers['content-length'];
}

export async function createAuthServer(opts: AuthServerOptions): Promise<AuthServer> {
  const issuer = opts.issuer.replace(/\/$/, '');
  const issuerPath = new URL(issuer).pathname.replace(/\/$/, '');
  const fhirBaseUrl = opts.fhirBaseUrl.replace(/\/$/, '');
  const ttlSeconds = ttlFrom(opts);
  const launches = new LaunchStore();
  const registered = new Map(opts.clients.map((c) => [c.id, c.scopes]));

  const provider = new Provider(issuer, buildProviderConfig({
    issuerPath, fhirBaseUrl, clients: opts.clients, ttlSeconds, launches,
    signingKey: await idTokenSigningKey(),
    findAccount: createFindAccount(opts.users, fhirBaseUrl),
  }));
  provider.use(tokenExtras(launches, opts.smartStyleUrl));
  const callback = provider.callback();
  const interactions = createInteractionHandler({ provider, issuerPath, fhirBaseUrl, launches, registered, users: opts.users, patients: opts.patients });
  const tokens = createTokenFunctions({ provider, fhirBaseUrl, launches, registered, ttlSeconds });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname !== issuerPath && !url.pathname.startsWith(`${issuerPath}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      if (url.pathname.startsWith(`${issuerPath}/interaction/`)) {
        await interactions(req, res, url);
        return;
      }
      if (req.method === 'POST' && url.pathname === `${issuerPath}/authorize`) await postToGet(req, url);
      // oidc-provider derives its mount path from originalUrl vs url (as under Express).
      const mounted = Object.assign(req, { originalUrl: req.url });
      mounted.url = (req.url ?? '/').slice(issuerPath.length) || '/';
      await callback(mounted, res);
    } catch (err) {
      console.error('sandbox auth: unhandled error', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    }
  }

  return {
    issuer,
    handle,
    authenticate: tokens.authenticate,
    allows,
    allowsBeyondPatient: (ctx, interaction, resourceType) => {
      const contexts = grantingContexts(ctx.scopes, interaction, resourceType);
      return contexts.has('user') || contexts.has('system');
    },
    createLaunch: (ctx: LaunchContext) => launches.create(ctx),
    smartConfiguration: () => buildSmartConfiguration(issuer),
    issueSystemToken: tokens.issueSystemToken,
  };
}
