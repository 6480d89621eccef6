// The app's deployment configuration, validated at start-up with errors that
// name the field. Values come from build-time env (VITE_CARERELAY_*).
import { z } from 'zod';

export const SCOPES_V2 = [
  'launch', 'openid', 'fhirUser', 'online_access',
  'patient/Patient.rs', 'patient/Encounter.rs', 'patient/Condition.rs', 'patient/Coverage.rs',
  'patient/CarePlan.rs', 'patient/Goal.rs', 'patient/CareTeam.rs',
  'patient/ServiceRequest.cru', 'patient/ServiceRequest.s', 'patient/DeviceRequest.crus',
  'patient/Task.crus', 'patient/Appointment.rs', 'patient/Communication.rs', 'patient/Provenance.crs',
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

export function loadConfig(env: Record<string, string | undefined> = import.meta.env): AppConfig {
  const list = (env.VITE_CARERELAY_ISS_ALLOW ?? 'http://localhost:8080/fhir/R4,http://127.0.0.1:8080/fhir/R4').split(',').map((s) => s.trim()).filter(Boolean);
  const result = Config.safeParse({
    clientId: env.VITE_CARERELAY_CLIENT_ID ?? 'carerelay-app',
    issAllowList: list,
    standaloneIss: env.VITE_CARERELAY_STANDALONE_ISS ?? list[0],
    pollMs: Number(env.VITE_CARERELAY_POLL_MS ?? 2000),
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`CareRelay configuration: ${issue?.path.join('.') ?? 'config'} ${issue?.message ?? 'is invalid'}`);
  }
  return result.data;
}
