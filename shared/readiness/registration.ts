// What an EHR administrator registers for CareRelay, as one machine-readable
// document (field names follow OAuth dynamic client registration, RFC 7591, where
// one exists) derived from the deployment configuration and the scope lists.
import { cspSources, cspForConfig } from '../config/csp';
import type { DeploymentConfig } from '../config/deployment-config';
import { APP_SCOPE_REASONS_V1, APP_SCOPE_REASONS_V2, EXTENSION_SCOPE_REASONS, type ScopeReason } from '../smart/scopes';

interface ClientCommon {
  client_id: string;
  client_name: string;
  application_type: 'web' | 'browser-extension';
  /** Public client: no secret, no JWKS; PKCE is what protects the code. */
  token_endpoint_auth_method: 'none';
  grant_types: readonly string[];
  response_types: readonly string[];
  code_challenge_method: 'S256';
  pkce_required: true;
  redirect_uris: string[];
  /** Space-separated, ready to paste into a registration form. */
  scope: string;
  scopes: ScopeReason[];
}

export interface AppClient extends ClientCommon {
  launch_uri: string;
  launch_types: ('ehr' | 'standalone')[];
  /** Asked for when the server does not understand SMART v2 scopes. */
  scope_v1_fallback: string;
  scopes_v1_fallback: ScopeReason[];
}

export interface Registration {
  software: { name: 'CareRelay'; description: string; smart_app_launch: '2.x'; fhir_version: '4.0.1' };
  clients: { app: AppClient; extension: ClientCommon };
  fhir_servers: string[];
  bookings_server: string;
  content_security_policy: { frame_ancestors: string[]; connect_src: string[]; header: string };
}

const PUBLIC_CLIENT = {
  token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
  code_challenge_method: 'S256', pkce_required: true,
} as const;

/** Only the reasons for scopes the deployment actually asks for; a scope without a listed reason says so. */
function withReasons(scopes: string[], reasons: ScopeReason[]): ScopeReason[] {
  const byScope = new Map(reasons.map((r) => [r.scope, r.reason]));
  return scopes.map((scope) => ({ scope, reason: byScope.get(scope) ?? 'Added by this deployment (no reason recorded).' }));
}

/** @param appBaseUrl where the built app is hosted, e.g. https://carerelay.example.org/app/ */
export function buildRegistration(config: DeploymentConfig, appBaseUrl: string): Registration {
  const base = appBaseUrl.endsWith('/') ? appBaseUrl : `${appBaseUrl}/`;
  const v2 = withReasons(config.scopes.v2, APP_SCOPE_REASONS_V2);
  const v1 = withReasons(config.scopes.v1, APP_SCOPE_REASONS_V1);
  const sources = cspSources(config);
  return {
    software: { name: 'CareRelay', description: 'Patient logistics (transport, home health, equipment) for discharge', smart_app_launch: '2.x', fhir_version: '4.0.1' },
    clients: {
      app: {
        client_id: config.clientId, client_name: 'CareRelay', application_type: 'web', ...PUBLIC_CLIENT,
        launch_uri: new URL('launch.html', base).href,
        redirect_uris: [new URL('index.html', base).href],
        launch_types: config.features.standaloneLaunch ? ['ehr', 'standalone'] : ['ehr'],
        scope: v2.map((s) => s.scope).join(' '), scopes: v2,
        scope_v1_fallback: v1.map((s) => s.scope).join(' '), scopes_v1_fallback: v1,
      },
      extension: {
        client_id: config.extensionClientId, client_name: 'CareRelay browser extension', application_type: 'browser-extension', ...PUBLIC_CLIENT,
        redirect_uris: [`https://${config.extensionId}.chromiumapp.org/`],
        scope: EXTENSION_SCOPE_REASONS.map((s) => s.scope).join(' '), scopes: EXTENSION_SCOPE_REASONS,
      },
    },
    fhir_servers: config.issAllowList,
    bookings_server: config.bookingsServer,
    content_security_policy: { frame_ancestors: sources.ehrOrigins, connect_src: sources.fhirOrigins, header: cspForConfig(config) },
  };
}
