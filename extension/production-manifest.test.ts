// The production manifest matches no loopback page; the sandbox manifest keeps them.
import { describe, expect, it } from 'vitest';
import { loopbackIn, toProductionManifest } from './production-manifest';

const SANDBOX = {
  manifest_version: 3,
  name: 'CareRelay',
  host_permissions: ['http://localhost/*', 'http://127.0.0.1/*', 'http://[::1]/*'],
  optional_host_permissions: ['https://*/*'],
  content_scripts: [{ matches: ['http://localhost/*', 'http://127.0.0.1/*'], js: ['content-scripts/content.js'], run_at: 'document_idle' }],
  content_security_policy: { extension_pages: "default-src 'self'; connect-src 'self' https: http://localhost:* http://127.0.0.1:*" },
};

describe('toProductionManifest', () => {
  it('finds the loopback patterns in the sandbox manifest', () => {
    expect(loopbackIn(SANDBOX)).toEqual(['http://localhost/*', 'http://127.0.0.1/*', 'http://[::1]/*', 'http://localhost/*', 'http://127.0.0.1/*', 'http://localhost:*', 'http://127.0.0.1:*']);
  });

  it('leaves no loopback pattern, and keeps everything else', () => {
    const production = toProductionManifest(SANDBOX);
    expect(loopbackIn(production)).toEqual([]);
    expect(production.content_scripts).toBeUndefined();
    expect(production.host_permissions).toEqual([]);
    expect(production.optional_host_permissions).toEqual(['https://*/*']);
    expect(production.content_security_policy).toEqual({ extension_pages: "default-src 'self'; connect-src 'self' https:" });
    expect(production.name).toBe('CareRelay');
  });

  it('keeps a content script entry that also names a real EHR origin', () => {
    const production = toProductionManifest({ content_scripts: [{ matches: ['http://localhost/*', 'https://ehr.example.org/*'] }] });
    expect(production.content_scripts).toEqual([{ matches: ['https://ehr.example.org/*'] }]);
  });

  it.each(['https://localhost.example.org/*', 'https://my127.0.0.1x.org/*'])('does not mistake %s for loopback', (pattern) => {
    expect(loopbackIn({ host_permissions: [pattern] })).toEqual([]);
  });
});
