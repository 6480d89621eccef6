// What each accepted message does. The router has already checked sender and shape.
import { createFhirApi } from '../../shared/fhir/api';
import { discoverSmart } from '../../shared/smart/smart-configuration';
import { toUserMessage } from '../../shared/errors/user-message';
import type { BookingSummary, ConnectionReport, ContentMessage, CurrentPatient, PanelMessage, SessionStatus } from '../messages';
import { summarizeBookings } from './booking-summary';
import type { CurrentPatientStore } from './current-patient';
import { proxyFhir } from './fhir-proxy';
import { resolvePatient } from './patient';
import type { Settings } from './settings';
import type { Login } from './smart-login';

/** One line for a status or an overlay. */
function sentence(error: unknown): string {
  const message = toUserMessage(error);
  return `${message.title}: ${message.detail}`;
}

export interface HandlerDeps {
  login: Login;
  current: CurrentPatientStore;
  fetch: typeof fetch;
}

export function createHandlers(deps: HandlerDeps) {
  async function status(settings: Settings, error?: string): Promise<SessionStatus> {
    const info = await deps.login.sessionFor(settings);
    return { signedIn: Boolean(info), fhirBaseUrl: settings.fhirBaseUrl, fhirUser: info?.fhirUser, error };
  }

  async function onContent(message: Extract<ContentMessage, { type: 'discharge-screen' }>, settings: Settings): Promise<BookingSummary> {
    const transport = await deps.login.transportFor(settings);
    if (!transport) return { signedIn: false, bookings: [] };
    try {
      const api = createFhirApi(transport);
      const { patient } = await resolvePatient(api, message.context);
      return await summarizeBookings(api, patient);
    } catch (error) {
      return { signedIn: true, bookings: [], error: sentence(error) };
    }
  }

  async function currentPatient(settings: Settings): Promise<CurrentPatient> {
    const stored = await deps.current.get();
    if (!stored) return {};
    const transport = await deps.login.transportFor(settings);
    if (!transport) return { patientName: stored.context.patientName, error: 'Sign in to CareRelay to open this patient' };
    try {
      return await resolvePatient(createFhirApi(transport), stored.context);
    } catch (error) {
      return { patientName: stored.context.patientName, error: sentence(error) };
    }
  }

  async function testConnection(fhirBaseUrl: string): Promise<ConnectionReport> {
    try {
      const config = await discoverSmart(fhirBaseUrl, deps.fetch);
      return { ok: true, message: 'SMART discovery succeeded: this server supports authorization code with PKCE S256.', authorizationEndpoint: config.authorization_endpoint, tokenEndpoint: config.token_endpoint, capabilities: config.capabilities };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : 'SMART discovery failed' };
    }
  }

  async function onPanel(message: PanelMessage, settings: Settings): Promise<unknown> {
    switch (message.type) {
      case 'session-status':
        return status(settings);
      case 'sign-in':
        try {
          await deps.login.signIn(settings);
          return await status(settings);
        } catch (error) {
          return status(settings, sentence(error));
        }
      case 'sign-out':
        await deps.login.signOut();
        return status(settings);
      case 'current-patient':
        return currentPatient(settings);
      case 'fhir':
        return proxyFhir(message.request, settings.fhirBaseUrl, await deps.login.transportFor(settings));
      case 'test-connection':
        return testConnection(message.fhirBaseUrl);
    }
  }

  return { onContent, onPanel };
}
