// A misconfigured deployment fails at start-up with a message naming the field.
import { describe, expect, it } from 'vitest';
import { parseDeploymentConfig, resolveDeploymentConfig, SANDBOX_EXTENSION_ID } from './deployment-config';
import { SCOPES_V2 } from '../smart/scopes';

const minimal = { clientId: 'carerelay-app', issAllowList: ['https://ehr.example.org/fhir/R4'], standaloneIss: 'https://ehr.example.org/fhir/R4', pollMs: 2000 };
const problem = (input: unknown) => {
  const result = parseDeploymentConfig(input);
  return result.ok ? 'valid' : result.message;
};

describe('deployment configuration', () => {
  it('fills every optional field with a safe default', () => {
    const result = parseDeploymentConfig(minimal);
    expect(result).toMatchObject({ ok: true, config: {
      ...minimal, extensionClientId: 'carerelay-extension', extensionId: SANDBOX_EXTENSION_ID, connectOrigins: [],
      bookingsServer: 'launching-ehr', vendorDirectory: 'launching-ehr', features: { standaloneLaunch: true, metrics: true, subscriptions: false },
    } });
    expect(result.ok && result.config.scopes.v2).toEqual(SCOPES_V2);
  });

  it('names the field that is wrong', () => {
    expect(problem({ ...minimal, clientId: '' })).toBe('CareRelay configuration: clientId is required');
    expect(problem({ ...minimal, clientId: undefined })).toBe('CareRelay configuration: clientId is required');
    expect(problem({ ...minimal, extensionClientId: ' ' })).toBe('CareRelay configuration: extensionClientId is required');
    expect(problem({ ...minimal, issAllowList: ['ehr.example.org/fhir'] })).toBe('CareRelay configuration: issAllowList.0 must be an absolute URL');
    expect(problem({ ...minimal, standaloneIss: 'http://ehr.example.org/fhir' })).toBe('CareRelay configuration: standaloneIss must be https (or http on localhost)');
    expect(problem({ ...minimal, bookingsServer: 'logistics' })).toBe("CareRelay configuration: bookingsServer must be 'launching-ehr' or an absolute https URL (http only on localhost)");
    expect(problem({ ...minimal, ehrOrigins: ['https://ehr.example.org/chart'] })).toMatch(/^CareRelay configuration: ehrOrigins\.0 must be an origin/);
    expect(problem({ ...minimal, timeZone: 'Eastern' })).toBe('CareRelay configuration: timeZone must be an IANA time zone such as America/New_York');
    expect(problem({ ...minimal, chartUrl: 'https://ehr.example.org/chart' })).toBe('CareRelay configuration: chartUrl must be an absolute https URL (http only on localhost) containing {patient}');
    expect(problem({ ...minimal, chartUrl: 'http://ehr.example.org/chart/{patient}' })).toMatch(/^CareRelay configuration: chartUrl must be an absolute https URL/);
    expect(problem({ ...minimal, pollMs: 50 })).toBe('CareRelay configuration: pollMs must be at least 500');
    expect(problem({ ...minimal, features: { metrics: 'yes' } })).toBe('CareRelay configuration: features.metrics must be true or false');
    expect(problem({ ...minimal, extensionId: 'my-extension' })).toBe('CareRelay configuration: extensionId must be a Chromium extension id (32 letters a-p)');
  });

  it('refuses a scope CareRelay does not know, naming where it is', () => {
    expect(problem({ ...minimal, scopes: { v2: ['openid', 'patient/Tsak.rs'] } })).toBe(
      'CareRelay configuration: scopes.v2.1 "patient/Tsak.rs" is not a scope CareRelay knows (see shared/smart/scopes.ts)',
    );
    expect(problem({ ...minimal, scopes: { v2: ['openid', 'patient/Task.xyz'] } })).toMatch(/^CareRelay configuration: scopes\.v2\.1 /);
    expect(problem({ ...minimal, scopes: { v2: ['system/*.cruds'] } })).toMatch(/scopes\.v2\.0 "system\/\*\.cruds" is not a scope/);
    expect(problem({ ...minimal, scopes: { v2: ['openid', 'patient/Task.crus', 'user/*.rs'] } })).toBe('valid');
  });

  it('catches a misspelt setting instead of ignoring it', () => {
    expect(problem({ ...minimal, clientID: 'x' })).toBe('CareRelay configuration: clientID is not a known setting');
    expect(problem({ ...minimal, features: { metric: true } })).toBe('CareRelay configuration: features.metric is not a known setting');
  });
});

describe('configuration sources', () => {
  it('uses the host-injected JSON over build-time env over the sandbox defaults', () => {
    const result = resolveDeploymentConfig({
      env: { VITE_CARERELAY_CLIENT_ID: 'from-env', VITE_CARERELAY_POLL_MS: '5000' },
      injected: JSON.stringify({ clientId: 'from-host' }),
    });
    expect(result).toMatchObject({ ok: true, config: { clientId: 'from-host', pollMs: 5000, issAllowList: ['http://localhost:8080/fhir/R4', 'http://127.0.0.1:8080/fhir/R4'] } });
  });

  it('names the injected block when it is not a JSON object', () => {
    expect(resolveDeploymentConfig({ env: {}, injected: '{clientId:' })).toEqual({
      ok: false, field: 'carerelay-config', message: 'CareRelay configuration: the injected carerelay-config block is not valid JSON',
    });
    expect(resolveDeploymentConfig({ env: {}, injected: '[1]' })).toMatchObject({ ok: false, field: 'carerelay-config' });
    expect(resolveDeploymentConfig({ env: { VITE_CARERELAY_CLIENT_ID: '' }, injected: null })).toMatchObject({ ok: false, field: 'clientId' });
  });
});
