// Where the manifest's content_scripts entry runs the overlay (the sandbox EHR on
// any loopback port: match patterns without a port match every port). Other EHR
// origins get it at runtime (background/content-registration.ts). Plain data, so
// the content entrypoint and the background can both import it. The production
// build drops this entry from the manifest (production-manifest.ts, build-target.ts).
export const MANIFEST_CONTENT_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];

/** The built content script, as the manifest names it (WXT's output path). */
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

/** The content script's late half (entrypoints/content-late.ts), imported on the first candidate screen. */
export const CONTENT_LATE_FILE = 'content-late.js';
/** Where that file leaves its module in the content script's isolated world. */
export const LATE_GLOBAL = '__careRelayLate';
