// The one small adapter around fhirclient: complete the launch exactly once
// (React StrictMode would redeem the code twice), read the launch context with
// zod, and hand the core a FHIR transport that refreshes on expiry.
import FHIR from 'fhirclient';
import type Client from 'fhirclient/lib/Client';
import { z } from 'zod';
import { createFetchTransport, type FhirTransport } from '../../shared/fhir/transport';

export interface LaunchContext {
  patient: string;
  encounter?: string;
  fhirUser?: string;
  needPatientBanner: boolean;
  scopes: string[];
  serverUrl: string;
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

export function completeLaunch(): Promise<SessionResult> {
  FHIR.oauth2.settings.refreshTokenWithClientId = true;
  pending ??= FHIR.oauth2.ready().then(toSession, classify);
  return pending;
}

function toSession(client: Client): SessionResult {
  const parsed = TokenContext.safeParse(client.state.tokenResponse ?? {});
  if (!parsed.success || !parsed.data.patient) {
    return { ok: false, reason: 'no-patient', message: 'The EHR did not say which patient to open. Launch CareRelay from a patient chart.' };
  }
  const fhirUser = client.getFhirUser() ?? undefined;
  return {
    ok: true,
    context: {
      patient: parsed.data.patient,
      encounter: parsed.data.encounter,
      fhirUser,
      needPatientBanner: parsed.data.need_patient_banner ?? true,
      scopes: (parsed.data.scope ?? '').split(/\s+/).filter(Boolean),
      serverUrl: client.state.serverUrl,
    },
    transport: createFetchTransport({
      baseUrl: client.state.serverUrl,
      fetch: window.fetch.bind(window),
      authorization: async () => {
        const expiresAt = client.state.expiresAt ?? 0;
        if (expiresAt && expiresAt - Date.now() / 1000 < 10 && client.state.tokenResponse?.refresh_token) await client.refresh();
        return client.getAuthorizationHeader() ?? undefined;
      },
      refresh: async () => {
        if (!client.state.tokenResponse?.refresh_token) return false;
        try {
          await client.refresh();
          return true;
        } catch {
          return false;
        }
      },
    }),
  };
}

function classify(error: unknown): SessionResult {
  const message = error instanceof Error ? error.message : String(error);
  if (/access_denied|denied/i.test(message)) return { ok: false, reason: 'denied', message: 'Access was denied at sign-in, so CareRelay cannot open this chart.' };
  if (/state/i.test(message)) return { ok: false, reason: 'missing', message: 'There is no CareRelay session in this tab (it may have ended or was opened directly).' };
  return { ok: false, reason: 'error', message: `Sign-in did not complete: ${message}` };
}
