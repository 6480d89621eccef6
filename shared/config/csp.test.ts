// The CSP follows the configuration: the configured EHRs may frame the app, and the
// app may call its FHIR servers and nothing else.
import { describe, expect, it } from 'vitest';
import { cspForConfig } from './csp';
import { parseDeploymentConfig, type DeploymentConfig } from './deployment-config';

function config(extra: Record<string, unknown> = {}): DeploymentConfig {
  const result = parseDeploymentConfig({
    clientId: 'carerelay-app', issAllowList: ['https://fhir.hospital.example/R4', 'https://fhir.hospital.example/R4b'],
    standaloneIss: 'https://fhir.hospital.example/R4', pollMs: 2000, ...extra,
  });
  if (!result.ok) throw new Error(result.message);
  return result.config;
}

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('cspForConfig', () => {
  it('lets the FHIR servers frame and be called by default, each origin once', () => {
    const csp = cspForConfig(config());
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'self' https://fhir.hospital.example");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' https://fhir.hospital.example");
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
  });

  it('uses the configured EHR origins, the bookings server and extra origins', () => {
    const csp = cspForConfig(config({
      ehrOrigins: ['https://chart.hospital.example'],
      bookingsServer: 'https://logistics.example/fhir',
      connectOrigins: ['https://auth.hospital.example'],
    }));
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'self' https://chart.hospital.example");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' https://fhir.hospital.example https://logistics.example https://auth.hospital.example");
  });
});
