// Which build this is. The sandbox/test build (default: `npm run build`, the e2e
// suite) runs the content script on loopback pages and points at the sandbox; the
// production build (`npm run build:extension:production`, CARERELAY_TARGET=production)
// carries neither: an administrator configures the EHR (options page or policy).
// wxt.config.ts defines __CARERELAY_PRODUCTION__; elsewhere (vitest) it is undefined.
declare const __CARERELAY_PRODUCTION__: boolean | undefined;

export const PRODUCTION_BUILD: boolean = typeof __CARERELAY_PRODUCTION__ !== 'undefined' && __CARERELAY_PRODUCTION__ === true;
