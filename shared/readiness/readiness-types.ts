// What a readiness check reports: one row per thing CareRelay needs from an EHR.

export type ReadinessStatus = 'ok' | 'missing' | 'partial';

export interface ReadinessItem {
  id: string;
  label: string;
  status: ReadinessStatus;
  /** What the server's documents say, quoted enough that an administrator can check it. */
  evidence: string;
  /** What CareRelay does when this is missing or partial. */
  fallback: string;
  /** No fallback exists: CareRelay cannot work with this server until it is fixed. */
  blocking: boolean;
}

export type DocumentName = 'SMART configuration' | 'CapabilityStatement';

export type DocumentCheck =
  | { name: DocumentName; url: string; ok: true }
  | { name: DocumentName; url: string; ok: false; problem: string };

export type ReadinessVerdict = 'ready' | 'ready-with-fallbacks' | 'not-ready';

export interface ReadinessReport {
  iss: string;
  documents: DocumentCheck[];
  items: ReadinessItem[];
  verdict: ReadinessVerdict;
}

/** An item's fixed parts; the check adds status and evidence. */
export type ItemSpec = Pick<ReadinessItem, 'id' | 'label' | 'fallback' | 'blocking'>;

export function item(spec: ItemSpec, status: ReadinessStatus, evidence: string): ReadinessItem {
  return { ...spec, status, evidence };
}
