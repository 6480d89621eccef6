// The late half of the content script (late.ts), loaded once per page on the first
// candidate. The entrypoint sets how (an import of the extension's own file); tests
// and the bench hand the module in directly.
import type { Late } from './late';

let loaded: Late | undefined;
let loading: Promise<Late | undefined> | undefined;
let loader: () => Promise<Late | undefined> = () => Promise.resolve(undefined);

export function setLateLoader(load: () => Promise<Late | undefined>): void {
  loader = load;
}

/** Tests and the bench: the late half is already here. */
export function provideLate(impl: Late): void {
  loaded = impl;
}

export function late(): Late | undefined {
  return loaded;
}

/** Loads once; a failed load is retried on the next candidate. */
export function loadLate(): Promise<Late | undefined> {
  loading ??= loader().then((impl) => (loaded = impl), () => undefined).finally(() => { if (!loaded) loading = undefined; });
  return loading;
}
