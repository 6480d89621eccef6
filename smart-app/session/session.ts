// The one small adapter around fhirclient: complete the launch exactly once
// (React StrictMode would redeem the code twice), read the launch context with
// zod, and hand the core a FHIR transport that refreshes on expiry.
import FHIR from 'fhirclient';
import type Client from 'fhirclient/lib/Client';
import { z } from 'zod';
import { createFetchTransport, type FhirTransport } from '../../shared/fhir/transport';
import { createRoutingTransport } from '../../shared/fhir/routing-transport';
import { coordinationToken, discoverTokenEndpoint } from '../../shared/smart/coordination-token';

export interface LaunchContext {
  patient: string;
  encounter?: string;
  fhirUser?: string;
  needPatientBanner: boolean;
  scopes: string[];
  serverUrl: string;
  /** CareRelay's coordination server (the deployment's bookingsServer), when bookings live there. */
  bookingsServer?: string;
}

export interface SessionOptions {
  /** 'launching-ehr', or the coordination server's FHIR base: bookings are kept there, the chart is read from the EHR. */
  bookingsServer?: string;
}

export type SessionResult =
  | { ok: true; context: LaunchContext; transport: FhirTransport }
  | { ok: false; reason: 'denied' | 'missing' | 'no-patient' | 'error'; message: string };

const TokenContext = z.object({
  patient: z.string().min(1).optional(),
  encounter: z.string().min(1).optional(),
  need_patient_banner: z.boolean().optional(),
  scope: z.string().optional(),
});

let pending: Promise<SessionResult> | undefined;

export function completeLaunch(options: SessionOptions = {}): Promise<SessionResult> {
  FHIR.oauth2.settings.refreshTokenWithClientId = true;
  if (!pending) {
    // Where the coordination server's tokens come from is asked while the EHR sign-in completes, not after.
    const bookings = options.bookingsServer && options.bookingsServer !== 'launching-ehr' ? options.bookingsServer : undefined;
    const tokenEndpoint = bookings ? discoverTokenEndpoint(bookings, window.fetch.bind(window)) : undefined;
    tokenEndpoint?.catch(() => undefined);
    pending = FHIR.oauth2.ready().then((client) => toSession(client, options, tokenEndpoint), classify);
  }
  return pending;
}

function toSession(client: Client, options: SessionOptions, tokenEndpoint?: Promise<string>): SessionResult {
  const parsed = TokenContext.safeParse(client.state.tokenResponse ?? {});
  if (!parsed.success || !parsed.data.patient) {
    return { ok: false, reason: 'no-patient', message: 'The EHR did not say which patient to open. Launch CareRelay from a patient chart.' };
  }
  const fhirUser = client.getFhirUser() ?? undefined;
  const ehr = ehrTransport(client);
  const bookingsServer = options.bookingsServer && options.bookingsServer !== 'launching-ehr' ? options.bookingsServer : undefined;
  return {
    ok: true,
    context: {
      patient: parsed.data.patient,
      encounter: parsed.data.encounter,
      fhirUser,
      needPatientBanner: parsed.data.need_patient_banner ?? true,
      scopes: (parsed.data.scope ?? '').split(/\s+/).filter(Boolean),
      serverUrl: client.state.serverUrl,
      ...(bookingsServer ? { bookingsServer } : {}),
    },
    transport: bookingsServer ? createRoutingTransport({ ehr, bookings: coordinationTransport(client, bookingsServer, parsed.data.patient, tokenEndpoint), bookingsBase: bookingsServer }) : ehr,
  };
}

/** The EHR's FHIR API with fhirclient's tokens, refreshed on expiry. */
function ehrTransport(client: Client): FhirTransport {
  return createFetchTransport({
    baseUrl: client.state.serverUrl,
    fetch: window.fetch.bind(window),
    authorization: async () => {
      const expiresAt = client.state.expiresAt ?? 0;
      if (expiresAt && expiresAt - Date.now() / 1000 < 10 && client.state.tokenResponse?.refresh_token) await client.refresh();
      return client.getAuthorizationHeader() ?? undefined;
    },
    refresh: () => refreshEhrSession(client),
  });
}

/** A new EHR access token (and id_token) by the refresh token; false when there is none or it fails. */
async function refreshEhrSession(client: Client): Promise<boolean> {
  if (!client.state.tokenResponse?.refresh_token) return false;
  try {
    await client.refresh();
    return true;
  } catch {
    return false;
  }
}

/**
 * CareRelay's coordination server, with a token exchanged for this launch (confined to the
 * launch patient). The token stays in memory; only the server's refresh token is kept in
 * sessionStorage, beside fhirclient's own session, so a reload does not need a new launch.
 */
function coordinationTransport(client: Client, fhirBase: string, patient: string, tokenEndpoint?: Promise<string>): FhirTransport {
  const token = coordinationToken({
    fhirBase,
    ...(tokenEndpoint ? { tokenEndpoint } : {}),
    fetch: window.fetch.bind(window),
    patient,
    store: window.sessionStorage,
    identity: () => {
      const t = client.state.tokenResponse;
      return t?.id_token && t.access_token ? { idToken: t.id_token, accessToken: t.access_token } : undefined;
    },
    renewIdentity: () => refreshEhrSession(client),
  });
  return createFetchTransport({ baseUrl: fhirBase, fetch: window.fetch.bind(window), authorization: () => token.authorization(), refresh: () => token.refresh() });
}

function classify(error: unknown): SessionResult {
  const message = error instanceof Error ? error.message : String(error);
  if (/access_denied|denied/i.test(message)) return { ok: false, reason: 'denied', message: 'Access was denied at sign-in, so CareRelay cannot open this chart.' };
  if (/state/i.test(message)) return { ok: false, reason: 'missing', message: 'There is no CareRelay session in this tab (it may have ended or was opened directly).' };
  return { ok: false, reason: 'error', message: `Sign-in did not complete: ${message}` };
}
