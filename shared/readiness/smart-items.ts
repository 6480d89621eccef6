// Readiness items read from {iss}/.well-known/smart-configuration.
import type { SmartConfigurationDoc } from './documents';
import { item, type ItemSpec, type ReadinessItem } from './readiness-types';

export const SMART_ITEMS = {
  launchEhr: {
    id: 'launch-ehr', label: 'EHR launch', blocking: false,
    fallback: 'Standalone launch: users open CareRelay from its own link and pick the patient; there is no launch button in the chart.',
  },
  launchStandalone: {
    id: 'launch-standalone', label: 'Standalone launch', blocking: false,
    fallback: 'EHR launch only: CareRelay opens from the patient chart; the browser extension, which signs in standalone, cannot be used.',
  },
  pkce: {
    id: 'pkce-s256', label: 'PKCE S256', blocking: true,
    fallback: 'None: CareRelay always uses PKCE S256 (SMART App Launch 2.x) and will not sign in without it.',
  },
  scopesV2: {
    id: 'scopes-v2', label: 'SMART v2 scopes', blocking: false,
    fallback: 'SMART v1 scopes (patient/*.read, patient/Task.write, …): coarser, so CareRelay asks for more read access than v2 would give it.',
  },
  refresh: {
    id: 'refresh', label: 'Refresh tokens', blocking: false,
    fallback: 'Relaunch on expiry: when the access token expires CareRelay asks the user to relaunch; bookings not yet sent stay in the outbox.',
  },
  publicClient: {
    id: 'client-public', label: 'Public clients', blocking: true,
    fallback: 'None: the app and the extension run in the browser and cannot keep a secret, so CareRelay must be registered as a public client (PKCE, no secret).',
  },
} satisfies Record<string, ItemSpec>;

const listed = (caps: Set<string>, name: string) => (caps.has(name) ? `capabilities lists ${name}` : `capabilities does not list ${name}`);

export function smartItems(doc: SmartConfigurationDoc): ReadinessItem[] {
  const caps = new Set(doc.capabilities);
  return [
    item(SMART_ITEMS.launchEhr, caps.has('launch-ehr') ? 'ok' : 'missing', listed(caps, 'launch-ehr')),
    item(SMART_ITEMS.launchStandalone, caps.has('launch-standalone') ? 'ok' : 'missing', listed(caps, 'launch-standalone')),
    pkceItem(doc),
    scopesItem(doc, caps),
    refreshItem(doc, caps),
    publicClientItem(doc, caps),
  ];
}

function pkceItem(doc: SmartConfigurationDoc): ReadinessItem {
  const methods = doc.code_challenge_methods_supported;
  if (!methods) return item(SMART_ITEMS.pkce, 'missing', 'code_challenge_methods_supported is absent');
  const evidence = `code_challenge_methods_supported: [${methods.join(', ')}]`;
  return item(SMART_ITEMS.pkce, methods.includes('S256') ? 'ok' : 'missing', evidence);
}

function scopesItem(doc: SmartConfigurationDoc, caps: Set<string>): ReadinessItem {
  if (caps.has('permission-v2')) return item(SMART_ITEMS.scopesV2, 'ok', listed(caps, 'permission-v2'));
  // Some servers accept v2 syntax without advertising it: worth trying, not worth relying on.
  const v2Like = (doc.scopes_supported ?? []).filter((s) => /\.[cruds]+$/.test(s));
  if (v2Like.length) return item(SMART_ITEMS.scopesV2, 'partial', `capabilities does not list permission-v2, but scopes_supported has ${v2Like.slice(0, 3).join(', ')}`);
  return item(SMART_ITEMS.scopesV2, 'missing', `${listed(caps, 'permission-v2')}${caps.has('permission-v1') ? '; it lists permission-v1' : ''}`);
}

function refreshItem(doc: SmartConfigurationDoc, caps: Set<string>): ReadinessItem {
  const perms = ['permission-online', 'permission-offline'].filter((p) => caps.has(p));
  const grants = doc.grant_types_supported;
  const grantNote = grants ? `; grant_types_supported ${grants.includes('refresh_token') ? 'includes' : 'omits'} refresh_token` : '';
  const evidence = `${perms.length ? `capabilities lists ${perms.join(' and ')}` : 'capabilities lists neither permission-online nor permission-offline'}${grantNote}`;
  const grantsOk = !grants || grants.includes('refresh_token');
  if (perms.length && grantsOk) return item(SMART_ITEMS.refresh, 'ok', evidence);
  if (perms.length || grants?.includes('refresh_token')) return item(SMART_ITEMS.refresh, 'partial', evidence);
  return item(SMART_ITEMS.refresh, 'missing', evidence);
}

function publicClientItem(doc: SmartConfigurationDoc, caps: Set<string>): ReadinessItem {
  if (caps.has('client-public')) return item(SMART_ITEMS.publicClient, 'ok', listed(caps, 'client-public'));
  const none = doc.token_endpoint_auth_methods_supported?.includes('none');
  return none
    ? item(SMART_ITEMS.publicClient, 'partial', "capabilities does not list client-public, but token_endpoint_auth_methods_supported includes 'none'")
    : item(SMART_ITEMS.publicClient, 'missing', listed(caps, 'client-public'));
}
