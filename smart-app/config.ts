// The app's deployment configuration, validated at start-up with errors that
// name the field. The schema lives in shared/config (the admin page, the CSP
// generator and the sandbox read it too); this file only reads the sources.
import { resolveDeploymentConfig, type ConfigResult, type DeploymentConfig } from '../shared/config/deployment-config';

export { SCOPES_V1, SCOPES_V2 } from '../shared/smart/scopes';
export type AppConfig = DeploymentConfig;

/**
 * Deployment values come from a JSON block the host injects into the HTML
 * (<script type="application/json" id="carerelay-config">), falling back to
 * build-time env (VITE_CARERELAY_*), then to the sandbox defaults.
 */
export function loadConfig(env: Record<string, string | undefined> = import.meta.env, injected: string | null | undefined = injectedConfig()): AppConfig {
  const result = inspectConfig(env, injected);
  if (!result.ok) throw new Error(result.message);
  return result.config;
}

/** Like loadConfig, but the problem is a value: the admin page shows it instead of failing. */
export function inspectConfig(env: Record<string, string | undefined> = import.meta.env, injected: string | null | undefined = injectedConfig()): ConfigResult {
  return resolveDeploymentConfig({ env, injected });
}

function injectedConfig(): string | null | undefined {
  return typeof document === 'undefined' ? undefined : document.getElementById('carerelay-config')?.textContent;
}
