// A FhirRequester for in-process actors (vendor simulator, EHR UI): real HTTP to
// the sandbox's own FHIR endpoint with a system token, re-minted when it expires.
import type { FhirRequester } from './contracts';

export function httpRequester(baseUrl: string, token: () => Promise<string>): FhirRequester {
  let current: Promise<string> | undefined;
  const base = baseUrl.replace(/\/$/, '') + '/';
  async function once(method: string, path: string, body: unknown, headers: Record<string, string>, fresh: boolean) {
    if (fresh || !current) current = token();
    const res = await fetch(/^https?:/.test(path) ? path : base + path.replace(/^\//, ''), {
      method,
      headers: { Accept: 'application/fhir+json', ...(body === undefined ? {} : { 'Content-Type': 'application/fhir+json' }), Authorization: `Bearer ${await current}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res;
  }
  return {
    async request(method, path, body, headers = {}) {
      let res = await once(method, path, body, headers, false);
      if (res.status === 401) res = await once(method, path, body, headers, true);
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
  };
}
