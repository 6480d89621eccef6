// One deployment's configuration (which EHRs, which client ids, where bookings are
// written), validated with zod at start-up. Platform-free so the app, the admin page,
// the CSP generator and the sandbox all read the same schema. Errors name the field.
import { z } from 'zod';
import { isSecureUrl } from '../smart/smart-configuration';
import { isKnownScope, SCOPES_V1, SCOPES_V2 } from '../smart/scopes';

const SANDBOX_FHIR = ['http://localhost:8080/fhir/R4', 'http://127.0.0.1:8080/fhir/R4'];
/** Chromium's id for the extension's fixed manifest key (see extension/manifest-key.ts). */
export const SANDBOX_EXTENSION_ID = 'icfbljloohclgdcgllihgcpgeiiobmjm';

const SecureUrl = z.url({ error: 'must be an absolute URL' }).refine(isSecureUrl, 'must be https (or http on localhost)');
const Origin = z.string({ error: 'must be an origin like https://ehr.example.org' }).refine(
  (v) => URL.canParse(v) && new URL(v).origin === v.replace(/\/$/, '') && isSecureUrl(v),
  'must be an origin like https://ehr.example.org (https, or http on localhost)',
).transform((v) => v.replace(/\/$/, ''));
const Scope = z.string().refine(isKnownScope, { error: (issue) => `"${String(issue.input)}" is not a scope CareRelay knows (see shared/smart/scopes.ts)` });
/** 'launching-ehr' (the default), or the absolute base URL of another FHIR server. */
const ServerChoice = (others: string[]) => z.string({ error: `must be ${others.map((o) => `'${o}'`).join(', ')} or an absolute URL` }).refine(
  (v) => others.includes(v) || (URL.canParse(v) && isSecureUrl(v)),
  `must be ${others.map((o) => `'${o}'`).join(', ')} or an absolute https URL (http only on localhost)`,
);

export const DeploymentConfig = z.strictObject({
  clientId: z.string({ error: 'is required' }).trim().min(1, 'is required'),
  extensionClientId: z.string({ error: 'is required' }).trim().min(1, 'is required').default('carerelay-extension'),
  /** Chromium extension id: the extension's redirect URI is https://<id>.chromiumapp.org/. */
  extensionId: z.string().regex(/^[a-p]{32}$/, 'must be a Chromium extension id (32 letters a-p)').default(SANDBOX_EXTENSION_ID),
  /** FHIR servers this app may launch against (exact base URLs). */
  issAllowList: z.array(SecureUrl, { error: 'must be a list of FHIR base URLs' }).min(1, 'needs at least one FHIR base URL'),
  /** Server for a standalone launch (no iss in the URL). */
  standaloneIss: SecureUrl,
  /** Origins of the EHR web pages allowed to frame the app; defaults to the FHIR servers' origins. */
  ehrOrigins: z.array(Origin).optional(),
  /** Extra origins the app calls, e.g. an authorization server on another origin than its FHIR server. */
  connectOrigins: z.array(Origin).default([]),
  scopes: z.strictObject({
    v2: z.array(Scope).min(1, 'needs at least one scope').default(SCOPES_V2),
    v1: z.array(Scope).min(1, 'needs at least one scope').default(SCOPES_V1),
  }).default({ v2: SCOPES_V2, v1: SCOPES_V1 }),
  /** Where bookings (ServiceRequest, Task, Provenance…) are written: the launching EHR, or a logistics FHIR server. */
  bookingsServer: ServerChoice(['launching-ehr']).default('launching-ehr'),
  /** Where vendors (Organization, HealthcareService) are looked up. */
  vendorDirectory: ServerChoice(['launching-ehr', 'bookings-server']).default('launching-ehr'),
  /** IANA zone of the facility: the Metrics tab's days and ISO weeks. Default: the browser's zone. */
  timeZone: z.string({ error: 'must be an IANA time zone such as America/New_York' }).refine(isTimeZone, 'must be an IANA time zone such as America/New_York').optional(),
  /** A patient's chart in the EHR's web UI, with {patient} for the Patient id: metrics drill-down rows link to it. */
  chartUrl: z.string({ error: 'must be a URL containing {patient}' }).refine(
    (v) => v.includes('{patient}') && URL.canParse(v.replaceAll('{patient}', 'p')) && isSecureUrl(v.replaceAll('{patient}', 'p')),
    'must be an absolute https URL (http only on localhost) containing {patient}',
  ).optional(),
  pollMs: z.number({ error: 'must be a number of milliseconds' }).int('must be a whole number').min(500, 'must be at least 500').max(600_000, 'must be at most 600000'),
  features: z.strictObject({
    standaloneLaunch: z.boolean({ error: 'must be true or false' }).default(true),
    metrics: z.boolean({ error: 'must be true or false' }).default(true),
    /** Use a FHIR subscription where the server offers one; otherwise (and when false) poll with _lastUpdated. */
    subscriptions: z.boolean({ error: 'must be true or false' }).default(false),
  }).default({ standaloneLaunch: true, metrics: true, subscriptions: false }),
});
export type DeploymentConfig = z.infer<typeof DeploymentConfig>;

export type ConfigResult =
  | { ok: true; config: DeploymentConfig }
  | { ok: false; field: string; message: string };

/** Validates a configuration; the first problem becomes "field message". */
export function parseDeploymentConfig(input: unknown): ConfigResult {
  const result = DeploymentConfig.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const field = [...issue.path, issue.keys[0] ?? ''].join('.');
    return { ok: false, field, message: `CareRelay configuration: ${field} is not a known setting` };
  }
  const field = issue?.path.join('.') || 'configuration';
  return { ok: false, field, message: `CareRelay configuration: ${field} ${issue?.message ?? 'is invalid'}` };
}

// Not metrics/iso-week's isValidTimeZone: importing it would put that module on the first screen (+0.8 KB gzip).
function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

const JsonObject = z.record(z.string(), z.unknown());

export type ConfigSources = { env: Record<string, string | undefined>; injected: string | null | undefined };

/**
 * The raw input before validation: the host's JSON block (carerelay-config) wins,
 * then build-time env (VITE_CARERELAY_*), then the sandbox defaults.
 */
export function configInput({ env, injected }: ConfigSources): { ok: true; input: Record<string, unknown> } | { ok: false; field: string; message: string } {
  const list = (env.VITE_CARERELAY_ISS_ALLOW ?? SANDBOX_FHIR.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  let fromHost: Record<string, unknown> = {};
  if (injected?.trim()) {
    let json: unknown;
    try {
      json = JSON.parse(injected);
    } catch {
      return { ok: false, field: 'carerelay-config', message: 'CareRelay configuration: the injected carerelay-config block is not valid JSON' };
    }
    const object = JsonObject.safeParse(json);
    if (!object.success) return { ok: false, field: 'carerelay-config', message: 'CareRelay configuration: the injected carerelay-config block must be a JSON object' };
    fromHost = object.data;
  }
  const fromEnv: Record<string, unknown> = {
    clientId: env.VITE_CARERELAY_CLIENT_ID ?? 'carerelay-app',
    issAllowList: list,
    standaloneIss: env.VITE_CARERELAY_STANDALONE_ISS ?? list[0],
    pollMs: Number(env.VITE_CARERELAY_POLL_MS ?? 2000),
    ...(env.VITE_CARERELAY_EXTENSION_CLIENT_ID ? { extensionClientId: env.VITE_CARERELAY_EXTENSION_CLIENT_ID } : {}),
    ...(env.VITE_CARERELAY_EXTENSION_ID ? { extensionId: env.VITE_CARERELAY_EXTENSION_ID } : {}),
    ...(env.VITE_CARERELAY_TIME_ZONE ? { timeZone: env.VITE_CARERELAY_TIME_ZONE } : {}),
    ...(env.VITE_CARERELAY_BOOKINGS_SERVER ? { bookingsServer: env.VITE_CARERELAY_BOOKINGS_SERVER } : {}),
  };
  return { ok: true, input: { ...fromEnv, ...fromHost } };
}

/** Sources → validated configuration, or the first problem naming its field. */
export function resolveDeploymentConfig(sources: ConfigSources): ConfigResult {
  const input = configInput(sources);
  return input.ok ? parseDeploymentConfig(input.input) : input;
}
