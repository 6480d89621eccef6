// What each accepted message does. The router has already checked sender and shape.
import { createFhirApi } from '../../shared/fhir/api';
import { discoverSmart } from '../../shared/smart/smart-configuration';
import { toUserMessage } from '../../shared/errors/user-message';
import type { BookingSummary, ConnectionReport, ContentMessage, DischargeContext, CurrentPatient, PanelMessage, SessionStatus } from '../messages';
import { summarizeBookings } from './booking-summary';
import type { CurrentPatientStore } from './current-patient';
import { proxyFhir } from './fhir-proxy';
import { checkIdentifiers } from './identity-check';
import { resolvePatient } from './patient';
import { isConfigured, type Settings } from './settings';
import type { Login } from './smart-login';
import { readUserInfo, type UserInfo } from './user-info';

/** One line for a status or an overlay. */
function sentence(error: unknown): string {
  const message = toUserMessage(error);
  return `${message.title}: ${message.detail}`;
}

/** How resolvePatient found the server's patient, in the words of the identity message. */
function foundBy(context: DischargeContext): string {
  return context.patientId ? "this screen's patient id" : `MRN ${context.mrn ?? ''}`;
}

export interface HandlerDeps {
  login: Login;
  current: CurrentPatientStore;
  fetch: typeof fetch;
}

export function createHandlers(deps: HandlerDeps) {
  // Name and role per fhirUser, read once (a failed read is retried next time).
  const users = new Map<string, UserInfo>();
  async function userInfo(settings: Settings, fhirUser: string | undefined): Promise<UserInfo> {
    if (!fhirUser) return {};
    const known = users.get(fhirUser);
    if (known) return known;
    const transport = await deps.login.transportFor(settings);
    if (!transport) return {};
    const info = await readUserInfo(createFhirApi(transport), fhirUser).catch((): UserInfo => ({}));
    if (info.userName) users.set(fhirUser, info);
    return info;
  }

  async function status(settings: Settings, error?: string): Promise<SessionStatus> {
    const info = await deps.login.sessionFor(settings);
    const user = info ? await userInfo(settings, info.fhirUser) : {};
    return { signedIn: Boolean(info), fhirBaseUrl: settings.fhirBaseUrl, fhirUser: info?.fhirUser, ...user, error };
  }

  async function onContent(message: Extract<ContentMessage, { type: 'discharge-screen' }>, settings: Settings): Promise<BookingSummary> {
    const transport = await deps.login.transportFor(settings);
    if (!transport) return { signedIn: false, bookings: [] };
    try {
      const api = createFhirApi(transport);
      const resolved = await resolvePatient(api, message.context);
      // Another patient's bookings are never shown next to this screen.
      const check = checkIdentifiers(message.context, resolved.identity, foundBy(message.context));
      if (!check.ok) return { signedIn: true, bookings: [], error: check.reason };
      return await summarizeBookings(api, resolved.patient);
    } catch (error) {
      return { signedIn: true, bookings: [], error: sentence(error) };
    }
  }

  // The booking form opens only for a patient whose screen identifiers agree with the server's.
  async function currentPatient(settings: Settings): Promise<CurrentPatient> {
    const stored = await deps.current.get();
    if (!stored) return {};
    const { service } = stored;
    const transport = await deps.login.transportFor(settings);
    if (!transport) return { service, patientName: stored.context.patientName, error: 'Sign in to CareRelay to open this patient' };
    try {
      const resolved = await resolvePatient(createFhirApi(transport), stored.context);
      const check = checkIdentifiers(stored.context, resolved.identity, foundBy(stored.context));
      if (!check.ok) return { service, patientName: stored.context.patientName, error: check.reason };
      return { service, patient: resolved.patient, encounter: resolved.encounter, patientName: resolved.patientName };
    } catch (error) {
      return { service, patientName: stored.context.patientName, error: sentence(error) };
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
        if (!isConfigured(settings)) return status(settings, 'CareRelay is not set up yet: an administrator enters the FHIR server on the options page');
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
