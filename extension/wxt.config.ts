// WXT build of the CareRelay extension (Manifest V3, Chromium).
// Build: `npx wxt build extension` → extension/.output/chrome-mv3 (sandbox/test build:
// loopback content script, sandbox defaults). CARERELAY_TARGET=production → the
// production build in extension/.output-production/chrome-mv3: no loopback pages,
// no sandbox defaults (production-manifest.ts, build-target.ts).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { CONTENT_LATE_FILE } from './content-matches';
import { MANIFEST_KEY } from './manifest-key';
import { toProductionManifest } from './production-manifest';

const PRODUCTION = process.env.CARERELAY_TARGET === 'production';

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
  outDir: PRODUCTION ? '.output-production' : '.output',
  vite: () => ({
    plugins: [react()],
    define: { __CARERELAY_PRODUCTION__: JSON.stringify(PRODUCTION) },
    // The content script's WXT runtime, trimmed to what it uses (content/lite-context.ts).
    resolve: { alias: { 'wxt/utils/content-script-context': fileURLToPath(new URL('./content/lite-context.ts', import.meta.url)) } },
  }),
  manifest: {
    name: 'CareRelay',
    description: 'Book discharge transport from the EHR discharge screen (SMART on FHIR).',
    version: '0.1.0',
    key: MANIFEST_KEY,
    minimum_chrome_version: '116',
    permissions: ['storage', 'identity', 'sidePanel', 'scripting'],
    // Match patterns without a port match every port: all loopback EHRs (the sandbox),
    // which the settings accept over plain http (isSecureUrl). The manifest's content
    // script covers localhost and 127.0.0.1; other EHR origins, [::1] included, get it
    // from the background's runtime registration ('scripting', content-registration.ts).
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*', 'http://[::1]/*'],
    // EHR origins an admin adds on the options page, granted at runtime.
    optional_host_permissions: ['https://*/*'],
    // The content script's late half, imported by the content script on EHR pages
    // (content/lazy.ts): the same origins as the content script can reach.
    web_accessible_resources: [{ resources: [CONTENT_LATE_FILE], matches: ['http://localhost/*', 'http://127.0.0.1/*', 'http://[::1]/*', 'https://*/*'] }],
    action: { default_title: 'CareRelay' },
    content_security_policy: { extension_pages: CSP },
  },
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      if (!PRODUCTION) return;
      const production = toProductionManifest(manifest);
      for (const key of Object.keys(manifest) as (keyof typeof manifest)[]) if (!(key in production)) delete manifest[key];
      Object.assign(manifest, production);
    },
  },
});
