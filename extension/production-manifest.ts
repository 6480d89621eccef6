// The production manifest: the sandbox manifest without any loopback page. No
// content_scripts entry (the background registers the content script for the
// admin's EHR origins at runtime), no loopback host permission, no plain-http
// loopback in the extension pages' connect-src. Pure: wxt.config.ts applies it.

/** Any loopback host in a match pattern, URL or CSP source. */
export const LOOPBACK = /(^|[/\s:])(localhost|127\.\d+\.\d+\.\d+|\[::1\])([:/\s]|$)/i;

export interface ManifestLike {
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
  web_accessible_resources?: unknown;
  content_security_policy?: { extension_pages?: string } | string;
  [key: string]: unknown;
}

const notLoopback = (value: string): boolean => !LOOPBACK.test(value);

export function toProductionManifest<M extends ManifestLike>(manifest: M): M {
  const out: M = { ...manifest };
  if (out.host_permissions) out.host_permissions = out.host_permissions.filter(notLoopback);
  if (out.optional_host_permissions) out.optional_host_permissions = out.optional_host_permissions.filter(notLoopback);
  if (out.content_scripts) {
    const kept = out.content_scripts.map((c) => ({ ...c, matches: (c.matches ?? []).filter(notLoopback) })).filter((c) => c.matches.length > 0);
    if (kept.length > 0) out.content_scripts = kept;
    else delete out.content_scripts;
  }
  // The content script's late half stays reachable from the admin's (https) EHR origins only.
  const war = out.web_accessible_resources;
  if (Array.isArray(war)) {
    out.web_accessible_resources = war.map((w: { matches?: unknown }) => (Array.isArray(w.matches) ? { ...w, matches: (w.matches as string[]).filter(notLoopback) } : w));
  }
  const csp = out.content_security_policy;
  if (csp && typeof csp === 'object' && csp.extension_pages) {
    const pages = csp.extension_pages.split(';').map((d) => d.trim().split(/\s+/).filter(notLoopback).join(' ')).join('; ');
    out.content_security_policy = { ...csp, extension_pages: pages };
  }
  return out;
}

/** Every loopback string left anywhere in a manifest (empty for a production one). */
export function loopbackIn(manifest: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const part of value.split(/[\s;]+/)) if (LOOPBACK.test(part)) found.push(part);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest);
  return found;
}
