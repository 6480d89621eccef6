// Readiness items read from {iss}/metadata (the server's CapabilityStatement).
import type { CapabilityStatementDoc, RestResource } from './documents';
import { item, type ItemSpec, type ReadinessItem, type ReadinessStatus } from './readiness-types';

/** What each written type carries, so the row says why the write matters. */
export const WRITTEN_TYPE_NAMES = ['Task', 'ServiceRequest', 'DeviceRequest', 'Appointment', 'Communication', 'Provenance'] as const;
export type WrittenType = (typeof WRITTEN_TYPE_NAMES)[number];
const WRITTEN_TYPES: Record<WrittenType, string> = {
  Task: 'vendor requests and their status',
  ServiceRequest: 'transport and home-health orders',
  DeviceRequest: 'equipment (DME) orders',
  Appointment: "the vendor's confirmed pickup or visit",
  Communication: 'patient notifications',
  Provenance: 'who changed a booking, and when',
};

export const BOOKINGS_SERVER_FALLBACK = 'Write bookings to a separate logistics FHIR server (configuration: bookingsServer); CareRelay still reads the chart from this EHR.';

export const FHIR_ITEMS = {
  transactions: {
    id: 'transactions', label: 'Transactions', blocking: false,
    fallback: 'Sequential conditional creates in dependency order (Location, order, Task, Provenance); the outbox resumes where a failure stopped.',
  },
  conditionalCreate: {
    id: 'conditional-create', label: 'Conditional create (Task, ServiceRequest)', blocking: false,
    fallback: 'Search by identifier before writing: not atomic, so two people booking at the same moment could create a duplicate; the booking screen says so.',
  },
  include: {
    id: 'include', label: '_include / _revinclude', blocking: false,
    fallback: 'Extra reads: referenced resources are fetched in a follow-up batch (more round trips, a slower first screen).',
  },
  subscriptions: {
    id: 'subscriptions', label: 'Subscriptions', blocking: false,
    fallback: 'Polling with _lastUpdated at the configured interval (pollMs).',
  },
} satisfies Record<string, ItemSpec>;

export function writeSpec(type: WrittenType): ItemSpec {
  return { id: `write-${type}`, label: `Write ${type} (${WRITTEN_TYPES[type]})`, blocking: false, fallback: BOOKINGS_SERVER_FALLBACK };
}

export function fhirItems(doc: CapabilityStatementDoc): ReadinessItem[] {
  const rest = doc.rest.find((r) => r.mode === 'server') ?? doc.rest[0];
  const resources = new Map((rest?.resource ?? []).map((r) => [r.type, r]));
  const systemOps = new Set((rest?.interaction ?? []).map((i) => i.code));
  return [
    ...WRITTEN_TYPE_NAMES.map((t) => writeItem(t, resources.get(t))),
    item(FHIR_ITEMS.transactions, systemOps.has('transaction') ? 'ok' : 'missing',
      `rest.interaction: [${[...systemOps].join(', ') || 'none'}]`),
    conditionalCreateItem(resources),
    includeItem(resources),
    subscriptionsItem(resources.get('Subscription'), doc.instantiates),
  ];
}

function writeItem(type: WrittenType, resource: RestResource | undefined): ReadinessItem {
  const spec = writeSpec(type);
  if (!resource) return item(spec, 'missing', `${type} is not in the CapabilityStatement`);
  const codes = new Set(resource.interaction.map((i) => i.code));
  const has = ['create', 'update'].filter((c) => codes.has(c));
  const evidence = `${type} interactions: [${[...codes].join(', ') || 'none'}]`;
  return item(spec, has.length === 2 ? 'ok' : has.length === 1 ? 'partial' : 'missing', evidence);
}

/** ok, partial or missing by how many of the types have the feature. */
function byCount(count: number, of: number): ReadinessStatus {
  return count === of ? 'ok' : count === 0 ? 'missing' : 'partial';
}

function conditionalCreateItem(resources: Map<string, RestResource>): ReadinessItem {
  const types = ['Task', 'ServiceRequest'];
  const flags = types.map((t) => `${t}.conditionalCreate = ${resources.get(t)?.conditionalCreate ?? 'absent'}`);
  const count = types.filter((t) => resources.get(t)?.conditionalCreate === true).length;
  return item(FHIR_ITEMS.conditionalCreate, byCount(count, types.length), flags.join('; '));
}

function includeItem(resources: Map<string, RestResource>): ReadinessItem {
  // CareRelay's reads: Task with _include of its focus, ServiceRequest with _revinclude of its Tasks.
  const checks = ['Task', 'ServiceRequest'].flatMap((t) => [
    { label: `${t}.searchInclude`, values: resources.get(t)?.searchInclude ?? [] },
    { label: `${t}.searchRevInclude`, values: resources.get(t)?.searchRevInclude ?? [] },
  ]);
  const evidence = checks.map((c) => `${c.label}: ${c.values.length ? `[${c.values.slice(0, 3).join(', ')}${c.values.length > 3 ? ', …' : ''}]` : 'none'}`).join('; ');
  return item(FHIR_ITEMS.include, byCount(checks.filter((c) => c.values.length > 0).length, checks.length), evidence);
}

function subscriptionsItem(resource: RestResource | undefined, instantiates: string[]): ReadinessItem {
  const backport = instantiates.find((url) => url.includes('subscriptions-backport'));
  const codes = new Set(resource?.interaction.map((i) => i.code) ?? []);
  if (resource && codes.has('create')) {
    return item(FHIR_ITEMS.subscriptions, 'ok', `Subscription interactions: [${[...codes].join(', ')}]${backport ? `; instantiates ${backport}` : ''}`);
  }
  if (resource || backport) {
    return item(FHIR_ITEMS.subscriptions, 'partial', resource ? 'Subscription is listed but cannot be created' : `instantiates ${backport ?? ''} but lists no Subscription resource`);
  }
  return item(FHIR_ITEMS.subscriptions, 'missing', 'Subscription is not in the CapabilityStatement');
}
