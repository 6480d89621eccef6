// The registration document says exactly what the app will ask for.
import { describe, expect, it } from 'vitest';
import { parseDeploymentConfig } from '../config/deployment-config';
import { buildRegistration } from './registration';
import { SCOPES_V1, SCOPES_V2 } from '../smart/scopes';

function sandboxConfig(extra: Record<string, unknown> = {}) {
  const result = parseDeploymentConfig({
    clientId: 'carerelay-app', issAllowList: ['http://localhost:8080/fhir/R4'], standaloneIss: 'http://localhost:8080/fhir/R4', pollMs: 2000, ...extra,
  });
  if (!result.ok) throw new Error(result.message);
  return result.config;
}

describe('buildRegistration', () => {
  it('registers the app and the extension as public PKCE clients with exact URIs', () => {
    const reg = buildRegistration(sandboxConfig(), 'http://localhost:5173/');
    expect(reg.clients.app).toMatchObject({
      client_id: 'carerelay-app', token_endpoint_auth_method: 'none', code_challenge_method: 'S256', pkce_required: true,
      launch_uri: 'http://localhost:5173/launch.html', redirect_uris: ['http://localhost:5173/index.html'], launch_types: ['ehr', 'standalone'],
    });
    expect(reg.clients.extension).toMatchObject({
      client_id: 'carerelay-extension', token_endpoint_auth_method: 'none',
      redirect_uris: ['https://icfbljloohclgdcgllihgcpgeiiobmjm.chromiumapp.org/'],
    });
    expect(reg.content_security_policy).toMatchObject({ frame_ancestors: ['http://localhost:8080'], connect_src: ['http://localhost:8080'] });
  });

  it('lists the scopes the app requests, each with a reason', () => {
    const { app } = buildRegistration(sandboxConfig(), 'https://carerelay.example.org/app').clients;
    expect(app.scope).toBe(SCOPES_V2.join(' '));
    expect(app.scope_v1_fallback).toBe(SCOPES_V1.join(' '));
    expect(app.launch_uri).toBe('https://carerelay.example.org/app/launch.html');
    for (const s of [...app.scopes, ...app.scopes_v1_fallback]) expect(s.reason.length, s.scope).toBeGreaterThan(10);
  });

  it('follows a deployment that trims the scopes or turns standalone launch off', () => {
    const { app } = buildRegistration(sandboxConfig({ scopes: { v2: ['launch', 'openid', 'patient/Task.rs'] }, features: { standaloneLaunch: false } }), 'https://x.example/').clients;
    expect(app.scopes.map((s) => s.scope)).toEqual(['launch', 'openid', 'patient/Task.rs']);
    expect(app.scopes[2]?.reason).toBe('Added by this deployment (no reason recorded).');
    expect(app.launch_types).toEqual(['ehr']);
  });
});
