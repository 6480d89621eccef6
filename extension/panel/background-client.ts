// The side panel's and options page's calls to the background, each answer parsed
// with zod (the background is trusted, but a stale worker or a reload can answer
// with nothing).
import { browser } from 'wxt/browser';
import { BackgroundEvent, ConnectionReport, CurrentPatient, SessionStatus, type PanelMessage } from '../messages';

export const sendToBackground = (message: PanelMessage): Promise<unknown> => browser.runtime.sendMessage(message);

export async function getSessionStatus(): Promise<SessionStatus> {
  return SessionStatus.parse(await sendToBackground({ type: 'session-status' }));
}

export async function signIn(): Promise<SessionStatus> {
  return SessionStatus.parse(await sendToBackground({ type: 'sign-in' }));
}

export async function signOut(): Promise<SessionStatus> {
  return SessionStatus.parse(await sendToBackground({ type: 'sign-out' }));
}

export async function getCurrentPatient(): Promise<CurrentPatient> {
  return CurrentPatient.parse(await sendToBackground({ type: 'current-patient' }));
}

export async function testConnection(fhirBaseUrl: string): Promise<ConnectionReport> {
  return ConnectionReport.parse(await sendToBackground({ type: 'test-connection', fhirBaseUrl }));
}

/** Calls back when the background says the patient changed; returns the unsubscribe. */
export function onPatientChanged(callback: () => void): () => void {
  const backgroundUrl = browser.runtime.getURL('/background.js');
  const listener = (message: unknown, sender: { url?: string; tab?: unknown }) => {
    // Only the service worker broadcasts; another extension page cannot pose as it.
    if (sender.tab === undefined && sender.url === backgroundUrl && BackgroundEvent.safeParse(message).success) callback();
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
