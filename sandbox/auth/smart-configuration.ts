// Body of {fhirBase}/.well-known/smart-configuration (SMART App Launch 2.x §Discovery).
import { CLIENT_AUTH_ALGS, OIDC_SCOPES } from './provider-config';

export const SMART_CAPABILITIES = [
  'launch-ehr', 'launch-standalone', 'client-public', 'client-confidential-asymmetric',
  'context-ehr-patient', 'context-ehr-encounter', 'context-standalone-patient', 'context-banner',
  'permission-offline', 'permission-online', 'permission-patient', 'permission-user', 'permission-v1', 'permission-v2',
  'sso-openid-connect', 'authorize-post',
] as const;

export function buildSmartConfiguration(issuer: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}/jwks`,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    revocation_endpoint: `${issuer}/revoke`,
    userinfo_endpoint: `${issuer}/userinfo`,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['none', 'private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: [...CLIENT_AUTH_ALGS],
    scopes_supported: [...OIDC_SCOPES, 'patient/*.rs', 'user/*.rs', 'system/*.rs', 'patient/*.cruds', 'user/*.cruds', 'system/*.cruds', 'patient/*.read', 'user/*.read', 'system/*.read', 'patient/*.write', 'user/*.write', 'system/*.write'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    id_token_signing_alg_values_supported: ['RS256'],
    capabilities: [...SMART_CAPABILITIES],
  };
}
