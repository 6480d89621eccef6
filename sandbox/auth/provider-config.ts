// oidc-provider configuration for SMART App Launch: PKCE S256 always, SMART scopes
// as resource scopes of the FHIR server, refresh tokens for offline_access and
// online_access without prompt=consent, auto-consent in our own interaction pages.
import { randomBytes } from 'node:crypto';
import { errors, interactionPolicy, type ClientMetadata, type Configuration, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import { relativeFhirUser } from './accounts';
import type { ClientConfig } from './clients';
import { ehrContext, OIDC_SCOPES, saveGrant } from './grants';
import type { LaunchStore } from './launch-store';
import { createMemoryAdapter } from './memory-adapter';
import { errorPage } from './pages';
import { grantableScopes, isResourceScope } from './scopes';

export { OIDC_SCOPES } from './grants';
export const CLIENT_AUTH_ALGS = ['RS384', 'ES384'] as const;

export interface ProviderConfigInput {
  issuerPath: string;
  fhirBaseUrl: string;
  clients: ClientConfig[];
  ttlSeconds: number;
  launches: LaunchStore;
  signingKey: JWK;
  findAccount: NonNullable<Configuration['findAccount']>;
}

function toClientMetadata(client: ClientConfig): ClientMetadata {
  // oidc-provider's client `scope` may hold only its own (OpenID) scopes; resource
  // scopes are checked against the registration in getResourceServerInfo.
  const scope = client.scopes.filter((s) => OIDC_SCOPES.includes(s)).join(' ') || undefined;
  if (client.kind === 'public') {
    return {
      client_id: client.id, token_endpoint_auth_method: 'none', application_type: 'web',
      redirect_uris: client.redirectUris, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], scope,
    };
  }
  return {
    client_id: client.id, token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: client.jwks.keys },
    redirect_uris: [], grant_types: ['client_credentials'], response_types: [], scope,
  };
}

// An authorization goes through our interaction pages once (they auto-consent and
// record the launch context) and a resumed request carries result.smart and passes,
// unless it is an EHR launch by the user already signed in: its grant, with the
// launch context, was made at /authorize (ssoGrants) and it redirects straight back.
function smartPolicy(ssoGrants: Set<string>) {
  const policy = interactionPolicy.base();
  policy.get('consent')?.checks.add(new interactionPolicy.Check(
    'smart_context', 'SMART launch context and consent are settled in the interaction',
    (ctx) => !ctx.oidc.result?.smart && !ssoGrants.has(ctx.oidc.entities.Grant?.jti ?? ''),
  ));
  return policy;
}

/**
 * The grant of this authorization: the interaction's, or for an EHR launch whose user is
 * the one signed in here, a new one made now with the launch's context (EHR SSO). Never
 * an earlier grant of the session: each launch has its own patient.
 */
function loadGrantFor(input: ProviderConfigInput, registered: Map<string, string[]>, ssoGrants: Set<string>) {
  return async (ctx: KoaContextWithOIDC) => {
    const { provider, params, session, client } = ctx.oidc;
    const fromInteraction = ctx.oidc.result?.consent?.grantId;
    if (typeof fromInteraction === 'string') return provider.Grant.find(fromInteraction);
    const launchValue = typeof params?.launch === 'string' ? params.launch : undefined;
    const launch = launchValue ? input.launches.peek(launchValue) : undefined;
    const accountId = session?.accountId;
    if (!launchValue || !launch?.fhirUser || !client || !accountId || relativeFhirUser(launch.fhirUser) !== accountId) return undefined;
    if (params?.prompt !== undefined) return undefined; // prompt=login/consent asks for the pages
    const grantId = await saveGrant(provider, {
      accountId, clientId: client.clientId, requested: String(params?.scope ?? '').split(' ').filter(Boolean),
      registered: registered.get(client.clientId) ?? [], fhirBaseUrl: input.fhirBaseUrl,
    });
    input.launches.setGrantContext(grantId, { ...ehrContext(launch), fhirUser: accountId });
    input.launches.redeem(launchValue);
    ssoGrants.add(grantId);
    return provider.Grant.find(grantId);
  };
}

/** Requested scopes from whatever the current request carries (authorize, code, refresh, client_credentials). */
function requestedScopes(ctx: KoaContextWithOIDC): string[] {
  const { params, entities } = ctx.oidc;
  const sources = [params?.scope, entities.AuthorizationCode?.scope, entities.RefreshToken?.scope];
  return sources.flatMap((s) => (typeof s === 'string' ? s.split(' ') : []));
}

export function buildProviderConfig(input: ProviderConfigInput): Configuration {
  const { fhirBaseUrl, ttlSeconds, launches } = input;
  const registered = new Map(input.clients.map((c) => [c.id, c.scopes]));
  const ssoGrants = new Set<string>();
  return {
    loadExistingGrant: loadGrantFor(input, registered, ssoGrants),
    adapter: createMemoryAdapter(randomBytes(8).toString('hex')),
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(`${out.error}: ${out.error_description ?? ''}`);
    },
    clients: input.clients.map(toClientMetadata),
    jwks: { keys: [input.signingKey] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // The app runs in an iframe on another localhost port: same site, so Lax cookies flow.
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    scopes: OIDC_SCOPES,
    claims: { openid: ['sub'], fhirUser: ['fhirUser'], profile: ['name'] },
    // SMART puts fhirUser in the id_token of a code flow; oidc-provider would keep it for userinfo only.
    conformIdTokenClaims: false,
    findAccount: input.findAccount,
    pkce: { required: () => true },
    responseTypes: ['code'],
    clientAuthMethods: ['none', 'private_key_jwt'],
    enabledJWA: { clientAuthSigningAlgValues: [...CLIENT_AUTH_ALGS] },
    interactions: { url: (_ctx, interaction) => `${input.issuerPath}/interaction/${interaction.uid}`, policy: smartPolicy(ssoGrants) },
    routes: { authorization: '/authorize', token: '/token', jwks: '/jwks', userinfo: '/userinfo', revocation: '/revoke', end_session: '/logout' },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // A client may revoke only its own tokens.
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => fhirBaseUrl,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource, client) => {
          if (resource !== fhirBaseUrl) throw new errors.InvalidTarget(`unknown resource ${resource}`);
          const scopes = grantableScopes(requestedScopes(ctx).filter(isResourceScope), registered.get(client.clientId) ?? []);
          return { scope: scopes.join(' '), audience: fhirBaseUrl, accessTokenFormat: 'opaque', accessTokenTTL: ttlSeconds };
        },
      },
    },
    extraParams: {
      aud: (ctx, value) => {
        // SMART: reject an aud naming another server. Absence is tolerated (resource defaults to the FHIR base).
        if (value !== undefined && value.replace(/\/$/, '') !== fhirBaseUrl) throw new errors.InvalidRequest(`aud must be ${fhirBaseUrl}`);
        keepRefreshScopes(ctx);
      },
      launch: (_ctx, value) => {
        if (value !== undefined && !launches.peek(value)) throw new errors.InvalidRequest('launch is unknown or expired');
      },
    },
    issueRefreshToken: (_ctx, client, code) => client.grantTypeAllowed('refresh_token')
      && (code.scopes.has('offline_access') || code.scopes.has('online_access')),
    // Sessions come and go as users switch in the EHR; tokens should not die with them.
    expiresWithSession: () => false,
    rotateRefreshToken: false,
    clientBasedCORS: () => true,
    ttl: {
      AccessToken: ttlSeconds, ClientCredentials: ttlSeconds, AuthorizationCode: 60, IdToken: 3600,
      RefreshToken: 14 * 24 * 3600, Interaction: 3600, Session: 14 * 24 * 3600, Grant: 14 * 24 * 3600,
    },
  };
}

// oidc-provider drops offline_access unless prompt=consent, which SMART apps never
// send. Extra-param validators run after that check, so put it back when the request asked.
function keepRefreshScopes(ctx: KoaContextWithOIDC): void {
  const original = [ctx.query?.scope, (ctx.request as { body?: Record<string, unknown> }).body?.scope]
    .find((s): s is string => typeof s === 'string');
  const current = ctx.oidc.params?.scope;
  if (!original?.split(' ').includes('offline_access') || typeof current !== 'string') return;
  if (!current.split(' ').includes('offline_access')) ctx.oidc.params!.scope = `${current} offline_access`;
}
