// The Content-Security-Policy the app's host sends with every HTML page, made from
// the deployment configuration: only the configured EHRs may frame the app
// (frame-ancestors) and the app may call only its FHIR and auth servers (connect-src).
import type { DeploymentConfig } from './deployment-config';

export interface CspSources {
  /** Origins allowed to frame the app (the EHR web UIs). */
  ehrOrigins: string[];
  /** Origins the app calls (FHIR servers, authorization servers). */
  fhirOrigins: string[];
}

export function buildCsp({ ehrOrigins, fhirOrigins }: CspSources): string {
  return [
    "default-src 'self'",
    `connect-src ${["'self'", ...unique(fhirOrigins)].join(' ')}`,
    // MUI (emotion) injects style elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `frame-ancestors ${["'self'", ...unique(ehrOrigins)].join(' ')}`,
  ].join('; ');
}

/** Which origins the configuration implies, for the CSP and the registration page. */
export function cspSources(config: DeploymentConfig): CspSources {
  const fhir = [...config.issAllowList, config.standaloneIss];
  for (const extra of [config.bookingsServer, config.vendorDirectory]) if (URL.canParse(extra)) fhir.push(extra);
  const fhirOrigins = unique([...fhir.map(originOf), ...config.connectOrigins]);
  const ehrOrigins = config.ehrOrigins ?? unique(config.issAllowList.map(originOf));
  return { ehrOrigins, fhirOrigins };
}

export function cspForConfig(config: DeploymentConfig): string {
  return buildCsp(cspSources(config));
}

function originOf(url: string): string {
  return new URL(url).origin;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
