// Shared helpers for the seed builders: one seeded faker, one clock, and the
// small reference/coding helpers every builder needs.
import { Faker, base, en } from '@faker-js/faker';
import type { CodeableConcept, Coding, Reference, Resource } from '@medplum/fhirtypes';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface SeedContext {
  /** Seeded faker: the only source of randomness in the seed. */
  f: Faker;
  now: Date;
  out: Resource[];
  add<T extends Resource>(r: T): T;
}

export function createContext(seed: number, now: Date): SeedContext {
  // A private instance so other users of the global faker cannot disturb the sequence.
  const f = new Faker({ locale: [en, base] });
  f.seed(seed);
  f.setDefaultRefDate(now);
  const out: Resource[] = [];
  return {
    f,
    now,
    out,
    add<T extends Resource>(r: T): T {
      out.push(r);
      return r;
    },
  };
}

/** Typed as Reference<never> so it fits every Reference<Target> slot; the validator checks targets. */
export function ref(resourceType: string, id: string, display?: string): Reference<never> {
  return display ? { reference: `${resourceType}/${id}`, display } : { reference: `${resourceType}/${id}` };
}

export function coding(system: string, code: string, display?: string): Coding {
  return display ? { system, code, display } : { system, code };
}

export function cc(system: string, code: string, display?: string): CodeableConcept {
  const c = coding(system, code, display);
  return display ? { coding: [c], text: display } : { coding: [c] };
}

/** Minute precision keeps seeded times readable and stable across engines. */
export function iso(d: Date): string {
  return new Date(Math.floor(d.getTime() / MINUTE) * MINUTE).toISOString();
}

export function at(base: Date, ms: number): Date {
  return new Date(base.getTime() + ms);
}

export function pad(n: number, width = 3): string {
  return String(n).padStart(width, '0');
}

export function pick<T>(ctx: SeedContext, items: readonly T[]): T {
  return ctx.f.helpers.arrayElement(items as T[]);
}

export function chance(ctx: SeedContext, p: number): boolean {
  return ctx.f.number.float({ min: 0, max: 1 }) < p;
}

export function int(ctx: SeedContext, min: number, max: number): number {
  return ctx.f.number.int({ min, max });
}

/** Rounds a time up to the next quarter hour, as dispatchers schedule. */
export function quarterHour(d: Date): Date {
  const q = 15 * MINUTE;
  return new Date(Math.ceil(d.getTime() / q) * q);
}
