// Serves the built SMART app (dist/app) on its own origin, as a hospital would
// host it, with a strict CSP whose frame-ancestors lists the EHR origin.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { buildCsp } from '../../shared/config/csp';
import type { RequestListener } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};

/** The app's CSP, made by the same generator a deployment uses (shared/config/csp.ts). */
export function contentSecurityPolicy(opts: { fhirOrigins: string[]; ehrOrigins: string[] }): string {
  return buildCsp(opts);
}

export function staticApp(dir: string, csp: string, config: Record<string, unknown>): RequestListener {
  // JSON in a non-executable script block: allowed by script-src 'self', read by the app at start-up.
  const configTag = `<script type="application/json" id="carerelay-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>`;
  const root = resolve(dir);
  return (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
    if (type.startsWith('text/html')) Object.assign(headers, { 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' });
    else headers['Cache-Control'] = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, headers);
    if (type.startsWith('text/html')) res.end(readFileSync(file, 'utf8').replace('<!--carerelay-config-->', configTag));
    else createReadStream(file).pipe(res);
  };
}
