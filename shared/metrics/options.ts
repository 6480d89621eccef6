// Options for computeAllMetrics, checked with zod. A bad option is a caller's
// bug, not an expected failure, so it throws a typed error instead of
// returning a value.
import { z } from 'zod';
import { CareRelayError } from '../errors/errors';
import { SERVICE_TYPES, type ServiceType } from '../fhir/codes';
import type { FactsOptions } from './booking-facts';
import { isValidTimeZone } from './iso-week';
import { HOUR_MS, MINUTE_MS } from './measure';
import type { AggregateOptions } from './metric-set';

export interface MetricsFilters {
  serviceType?: ServiceType;
  /** "Organization/x" (or just "x"). */
  vendor?: string;
  /** Needs `unitOf`: the encounter's unit, which no Task carries. */
  unit?: string;
}

export interface MetricsOptions {
  /** Range [from, to) over when each booking was requested. */
  from: Date | string;
  to: Date | string;
  /** IANA zone for ISO weeks; default UTC. */
  timeZone?: string;
  filters?: MetricsFilters;
  unitOf?: (encounterRef: string) => string | undefined;
  /** Patient must be told at least this long before pickup; default 2. */
  notifyLeadHours?: number;
  /** A pickup up to this late is on time; default 15. */
  onTimeToleranceMinutes?: number;
  /** Home health first contact deadline (42 CFR 484.55); default 48. */
  contactDeadlineHours?: number;
  /** Clock for deadlines still running; default `to`. */
  now?: Date | string;
}

export interface ResolvedOptions {
  from: number;
  to: number;
  timeZone: string;
  filters: MetricsFilters;
  unitOf?: (encounterRef: string) => string | undefined;
  facts: FactsOptions;
  aggregate: AggregateOptions;
}

export class InvalidMetricsOptionsError extends CareRelayError {
  constructor(readonly issues: string[]) {
    super(`Invalid metrics options: ${issues.join('; ')}`);
  }
}

const OptionsSchema = z.object({
  from: z.coerce.date(),
  to: z.coerce.date(),
  timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').default('UTC'),
  filters: z.object({
    serviceType: z.enum(SERVICE_TYPES).optional(),
    vendor: z.string().min(1).optional(),
    unit: z.string().optional(),
  }).default({}),
  notifyLeadHours: z.number().nonnegative().default(2),
  onTimeToleranceMinutes: z.number().nonnegative().default(15),
  contactDeadlineHours: z.number().positive().default(48),
  now: z.coerce.date().optional(),
}).refine((o) => o.from < o.to, { message: 'from must be before to', path: ['to'] });

export function resolveOptions(options: MetricsOptions): ResolvedOptions {
  const { unitOf, ...data } = options;
  const parsed = OptionsSchema.safeParse(data);
  if (!parsed.success) {
    throw new InvalidMetricsOptionsError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const o = parsed.data;
  if (o.filters.unit !== undefined && typeof unitOf !== 'function') {
    throw new InvalidMetricsOptionsError(['filters.unit: needs a unitOf(encounterRef) function']);
  }
  const vendor = o.filters.vendor;
  return {
    from: o.from.getTime(), to: o.to.getTime(), timeZone: o.timeZone, unitOf,
    filters: { ...o.filters, vendor: vendor && !vendor.includes('/') ? `Organization/${vendor}` : vendor },
    facts: {
      now: (o.now ?? o.to).getTime(),
      notifyLeadMs: o.notifyLeadHours * HOUR_MS,
      contactDeadlineMs: o.contactDeadlineHours * HOUR_MS,
    },
    aggregate: { onTimeToleranceMs: o.onTimeToleranceMinutes * MINUTE_MS },
  };
}
