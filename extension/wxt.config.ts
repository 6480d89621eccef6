// WXT build of the CareRelay extension (Manifest V3, Chromium).
// Build: `npx wxt build extension` → extension/.output/chrome-mv3.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'wxt';
import { MANIFEST_KEY } from './manifest-key';

// Extension pages and the service worker: no remote or inline script. connect-src
// must admit FHIR servers an admin adds at runtime, so https: is open; plain http
// only to loopback (the sandbox). Emotion (MUI) needs inline <style>.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
].join('; ');

export default defineConfig({
  // Explicit imports only (house style): no auto-imported globals.
  imports: false,
  outDir: '.output',
  vite: () => ({ plugins: [react()] }),
  manifest: {
    name: 'CareRelay',
    description: 'Book discharge transport from the EHR discharge screen (SMART on FHIR).',
    version: '0.1.0',
    key: MANIFEST_KEY,
    minimum_chrome_version: '116',
    permissions: ['storage', 'identity', 'sidePanel'],
    // Match patterns ignore ports: this covers the sandbox on any localhost port.
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    // EHR origins an admin adds on the options page, granted at runtime.
    optional_host_permissions: ['https://*/*'],
    action: { default_title: 'CareRelay' },
    content_security_policy: { extension_pages: CSP },
  },
});
