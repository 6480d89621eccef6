// The app's deployment configuration, validated at start-up with errors that
// name the field. Values come from build-time env (VITE_CARERELAY_*).
import { z } from 'zod';

export const SCOPES_V2 = [
  'launch', 'openid', 'fhirUser', 'online_access',
  'patient/Patient.rs', 'patient/Encounter.rs', 'patient/Condition.rs', 'patient/Coverage.rs',
  'patient/CarePlan.rs', 'patient/Goal.rs', 'patient/CareTeam.rs',
  'patient/ServiceRequest.cru', 'patient/ServiceRequest.s', 'patient/DeviceRequest.crus',
  'patient/Task.crus', 'patient/Appointment.rs', 'patient/Communication.rs', 'patient/Provenance.crus',
  'user/Location.crs', 'user/Organization.rs', 'user/HealthcareService.rs', 'user/PractitionerRole.rs', 'user/Practitioner.rs',
];
/** SMART v1 equivalents, for servers that do not understand v2 scopes. */
export const SCOPES_V1 = [
  'launch', 'openid', 'fhirUser', 'online_access', 'patient/*.read', 'patient/Task.write', 'patient/ServiceRequest.write',
  'patient/DeviceRequest.write', 'patient/Provenance.write', 'user/Location.write', 'user/*.read',
];

const Config = z.object({
  clientId: z.string().min(1, 'is required'),
  /** FHIR servers this app may launch against (exact base URLs). */
  issAllowList: z.array(z.url({ message: 'must be an absolute URL' })).min(1, 'needs at least one FHIR base URL'),
  /** Server for a standalone launch (no iss in the URL). */
  standaloneIss: z.url({ message: 'must be an absolute URL' }),
  pollMs: z.number().int().min(500).max(600_000),
});
export type AppConfig = z.infer<typeof Config>;

/**
 * Deployment values come from a JSON block the host injects into the HTML
 * (<script type="application/json" id="carerelay-config">), falling back to
 * build-time env (VITE_CARERELAY_*), then to the sandbox defaults.
 */
export function loadConfig(env: Record<string, string | undefined> = import.meta.env, injected: string | null | undefined = injectedConfig()): AppConfig {
  const list = (env.VITE_CARERELAY_ISS_ALLOW ?? 'http://localhost:8080/fhir/R4,http://127.0.0.1:8080/fhir/R4').split(',').map((s) => s.trim()).filter(Boolean);
  let fromHost: unknown = {};
  if (injected?.trim()) {
    try {
      fromHost = JSON.parse(injected);
    } catch {
      throw new Error('CareRelay configuration: the injected carerelay-config block is not valid JSON');
    }
  }
  const result = Config.safeParse({
    clientId: env.VITE_CARERELAY_CLIENT_ID ?? 'carerelay-app',
    issAllowList: list,
    standaloneIss: env.VITE_CARERELAY_STANDALONE_ISS ?? list[0],
    pollMs: Number(env.VITE_CARERELAY_POLL_MS ?? 2000),
    ...(typeof fromHost === 'object' && fromHost !== null ? fromHost : {}),
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`CareRelay configuration: ${issue?.path.join('.') ?? 'config'} ${issue?.message ?? 'is invalid'}`);
  }
  return result.data;
}

function injectedConfig(): string | null | undefined {
  return typeof document === 'undefined' ? undefined : document.getElementById('carerelay-config')?.textContent;
}
