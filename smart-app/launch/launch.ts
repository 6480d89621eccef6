// launch.html: SMART authorize only (no React, so the EHR's launch is fast).
// PKCE S256 required, a 256-bit state from crypto.getRandomValues, and the
// iss checked against the allow-list before anything is sent to it.
import FHIR from 'fhirclient';
import { loadConfig } from '../config';
import { decideLaunch } from './decide-launch';

function show(message: string) {
  const status = document.getElementById('status');
  if (status) status.textContent = message;
}

async function main() {
  const config = loadConfig();
  const url = new URL(window.location.href);
  const decision = decideLaunch(url, config, sessionStorage.getItem('carerelay.scopeVersion') === 'v1' ? config.scopes.v1 : config.scopes.v2);
  if (decision.kind === 'refuse') {
    show(decision.message);
    return;
  }
  const state = new Uint8Array(32);
  crypto.getRandomValues(state);
  await FHIR.oauth2.authorize({
    clientId: config.clientId,
    iss: decision.iss,
    ...(decision.launch ? { launch: decision.launch } : {}),
    scope: decision.scope,
    redirectUri: 'index.html',
    pkceMode: 'required',
    stateKey: Array.from(state, (b) => b.toString(16).padStart(2, '0')).join(''),
  });
}

main().catch((error: unknown) => {
  show(`CareRelay could not start the sign-in: ${error instanceof Error ? error.message : String(error)}. Relaunch it from the patient chart.`);
});
