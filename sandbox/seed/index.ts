// Deterministic sandbox seed: the same seed and `now` always give the same resources
// (faker is seeded and every time is derived from `now`; nothing reads the clock).
import type { Resource } from '@medplum/fhirtypes';
import { createContext } from './context';
import { seedDestinations } from './chart';
import { seedCurrentPatients } from './current';
import { seedHistory } from './history';
import { seedHospital } from './hospital';
import { seedVendors } from './vendors';

export interface SeedOptions {
  seed: number;
  /** The sandbox's "now": current patients leave in the next 3 days, history ends before it. */
  now: Date;
}

export function generateSeed(opts: SeedOptions): Resource[] {
  const ctx = createContext(opts.seed, opts.now);
  const staff = seedHospital(ctx);
  seedDestinations(ctx);
  seedVendors(ctx);
  seedCurrentPatients(ctx, staff);
  seedHistory(ctx, staff);
  return ctx.out;
}

/** Counts by resource type, e.g. { Patient: 178, Task: 310, ... }, sorted by type. */
export function seedSummary(resources: readonly Resource[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.resourceType] = (counts[r.resourceType] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export { VENDORS } from './vendors';
export { CURRENT_PATIENTS } from './current';
