// What launch.html should do with the URL it was opened with: an EHR launch
// (iss + launch), a standalone launch (no iss: ask for a patient), or refuse.
import type { AppConfig } from '../config';

export type LaunchDecision =
  | { kind: 'ehr' | 'standalone'; iss: string; launch?: string; scope: string }
  | { kind: 'refuse'; message: string };

export function decideLaunch(url: URL, config: AppConfig, scopes: string[]): LaunchDecision {
  const iss = url.searchParams.get('iss');
  const launch = url.searchParams.get('launch');
  if (iss) {
    const normalized = iss.replace(/\/+$/, '');
    if (!config.issAllowList.some((allowed) => allowed.replace(/\/+$/, '') === normalized)) {
      return { kind: 'refuse', message: `This EHR (${iss}) is not on CareRelay's list of allowed FHIR servers. Ask your administrator to add it.` };
    }
    if (!launch) return { kind: 'refuse', message: 'The EHR opened CareRelay without a launch context. Launch it again from the patient chart.' };
    return { kind: 'ehr', iss: normalized, launch, scope: scopes.join(' ') };
  }
  const standalone = scopes.filter((s) => s !== 'launch').concat('launch/patient');
  return { kind: 'standalone', iss: config.standaloneIss, scope: standalone.join(' ') };
}
