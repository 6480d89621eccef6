// The options form ⇄ Settings: parse with the same zod schema the background
// uses and report errors by field name, so the admin sees which box is wrong.
import { Settings } from '../background/settings';

export interface SettingsForm {
  fhirBaseUrl: string;
  clientId: string;
  /** One origin per line. */
  ehrOrigins: string;
}

export type FieldErrors = Partial<Record<keyof SettingsForm, string>>;

export function toForm(settings: Settings): SettingsForm {
  return { fhirBaseUrl: settings.fhirBaseUrl, clientId: settings.clientId, ehrOrigins: settings.ehrOrigins.join('\n') };
}

export function parseForm(form: SettingsForm): { ok: true; settings: Settings } | { ok: false; errors: FieldErrors } {
  const origins = form.ehrOrigins.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  const result = Settings.safeParse({ fhirBaseUrl: form.fhirBaseUrl.trim(), clientId: form.clientId, ehrOrigins: origins });
  if (result.success) return { ok: true, settings: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (field !== 'fhirBaseUrl' && field !== 'clientId' && field !== 'ehrOrigins') continue;
    const which = field === 'ehrOrigins' && typeof issue.path[1] === 'number' ? `${origins[issue.path[1]] ?? ''} ` : '';
    errors[field] ??= `${which}${issue.message}`;
  }
  return { ok: false, errors };
}

/** Host permissions the browser must grant at runtime: https origins (loopback is in the manifest). */
export function originsToRequest(settings: Settings): string[] {
  const fhirOrigin = new URL(settings.fhirBaseUrl).origin;
  return [...new Set([...settings.ehrOrigins, fhirOrigin])].filter((o) => o.startsWith('https://')).map((o) => `${o}/*`);
}
