// In-memory storage for oidc-provider. The sandbox is one process and forgets
// everything on restart by design; this replaces the provider's built-in adapter,
// which is the same idea but announces itself as development-only on every start.
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/** One store per provider; `namespace` only keeps keys readable when debugging. */
export function createMemoryAdapter(namespace: string) {
  const store = new Map<string, Entry>();
  // Secondary indexes (grantId → keys, uid → key, userCode → key).
  const grants = new Map<string, Set<string>>();
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  return (model: string): Adapter => {
    const key = (id: string) => `${namespace}:${model}:${id}`;
    const read = (k: string | undefined): AdapterPayload | undefined => {
      if (!k) return undefined;
      const entry = store.get(k);
      if (!entry) return undefined;
      if (entry.expiresAt <= Date.now()) {
        store.delete(k);
        return undefined;
      }
      return entry.payload;
    };
    return {
      async upsert(id, payload, expiresIn) {
        const k = key(id);
        store.set(k, { payload, expiresAt: Date.now() + expiresIn * 1000 });
        if (payload.grantId) {
          const gk = `${namespace}:${payload.grantId}`;
          grants.set(gk, (grants.get(gk) ?? new Set()).add(k));
        }
        if (payload.uid) byUid.set(`${namespace}:${model}:${payload.uid}`, k);
        if (payload.userCode) byUserCode.set(`${namespace}:${model}:${payload.userCode}`, k);
      },
      async find(id) {
        return read(key(id));
      },
      async findByUid(uid) {
        return read(byUid.get(`${namespace}:${model}:${uid}`));
      },
      async findByUserCode(userCode) {
        return read(byUserCode.get(`${namespace}:${model}:${userCode}`));
      },
      async consume(id) {
        const entry = store.get(key(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        store.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        const gk = `${namespace}:${grantId}`;
        for (const k of grants.get(gk) ?? []) store.delete(k);
        grants.delete(gk);
      },
    };
  };
}
