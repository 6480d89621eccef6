// A grant for one authorization: the requested OpenID scopes and the requested
// FHIR scopes the client registered, nothing more. Made by the interaction pages
// (sign-in, picker) and, for an EHR launch by the user already signed in, directly
// at /authorize (EHR SSO: no interaction round trips, as an EHR's own server does).
import type Provider from 'oidc-provider';
import type { LaunchContext } from '../contracts';
import type { GrantContext } from './launch-store';
import { grantableScopes, isResourceScope } from './scopes';

/** OpenID/SMART scopes handled by the provider itself (not FHIR resource scopes). */
export const OIDC_SCOPES = ['openid', 'fhirUser', 'profile', 'offline_access', 'online_access', 'launch', 'launch/patient', 'launch/encounter'];

export interface GrantRequest {
  accountId: string;
  clientId: string;
  requested: string[];
  registered: string[];
  fhirBaseUrl: string;
}

export async function saveGrant(provider: Provider, r: GrantRequest): Promise<string> {
  const grant = new provider.Grant({ accountId: r.accountId, clientId: r.clientId });
  grant.addOIDCScope(r.requested.filter((s) => OIDC_SCOPES.includes(s) && r.registered.includes(s)).join(' '));
  const resourceScopes = grantableScopes(r.requested.filter(isResourceScope), r.registered);
  if (resourceScopes.length) grant.addResourceScope(r.fhirBaseUrl, resourceScopes.join(' '));
  return grant.save();
}

/** The context an EHR launch hands to its grant (and so to the token response). */
export function ehrContext(launch: LaunchContext): GrantContext {
  return {
    patient: launch.patient,
    ...(launch.encounter ? { encounter: launch.encounter } : {}),
    needPatientBanner: launch.needPatientBanner ?? false,
    ...(launch.intent ? { intent: launch.intent } : {}),
  };
}
