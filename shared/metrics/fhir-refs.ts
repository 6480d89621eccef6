// Reference, time and coding helpers for metrics. Local (not shared/fhir/refs.ts)
// because metrics join resources by reference and must treat "Task/1",
// "https://host/fhir/Task/1" and "Task/1/_history/3" as the same key.

/** "Type/id" for any relative, absolute or versioned reference; undefined for contained ("#x") or bad ones. */
export function normalizeRef(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  const slash = reference.indexOf('/');
  // Fast path, and the common case: already "Type/id". Allocates nothing.
  if (slash > 0 && slash < reference.length - 1 && reference.indexOf('/', slash + 1) < 0) return reference;
  const cut = reference.indexOf('/_history/');
  const parts = (cut >= 0 ? reference.slice(0, cut) : reference).split('/');
  if (parts.length < 2) return undefined;
  const type = parts[parts.length - 2];
  const id = parts[parts.length - 1];
  return type && id ? `${type}/${id}` : undefined;
}

export function refOf(ref: { reference?: string } | undefined): string | undefined {
  return normalizeRef(ref?.reference);
}

export function refsOf(refs: readonly { reference?: string }[] | undefined): string[] {
  const out: string[] = [];
  for (const r of refs ?? []) {
    const n = refOf(r);
    if (n) out.push(n);
  }
  return out;
}

export function isRefTo(ref: string | undefined, ...types: string[]): boolean {
  if (!ref) return false;
  return types.some((t) => ref.startsWith(`${t}/`));
}

/** Epoch ms of a FHIR instant/dateTime, or undefined when absent or unparseable (never NaN). */
export function toMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

type Concept = { coding?: { system?: string; code?: string }[] } | undefined;

export function codeIn(concept: Concept, system: string): string | undefined {
  return concept?.coding?.find((c) => c.system === system)?.code;
}

export function hasCoding(concept: Concept, system: string, code: string): boolean {
  return concept?.coding?.some((c) => c.system === system && c.code === code) ?? false;
}
