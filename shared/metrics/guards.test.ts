// The hand-written guards in schemas.ts must never accept what their zod
// schema refuses (parse-input reads a guarded resource as is). Checked on
// synthetic resources and many randomly damaged copies of them.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { makeSyntheticBookings, prng } from './bench';
import {
  AppointmentSchema, CommunicationSchema, DeviceRequestSchema, OrganizationSchema, ProvenanceSchema, ServiceRequestSchema,
  TaskSchema, isAppointment, isCommunication, isDeviceRequest, isOrganization, isProvenance, isServiceRequest, isTask,
} from './schemas';
import type { MetricsInput } from './parse-input';

const PAIRS: [keyof MetricsInput, z.ZodType, (v: unknown) => boolean][] = [
  ['serviceRequests', ServiceRequestSchema, isServiceRequest], ['deviceRequests', DeviceRequestSchema, isDeviceRequest],
  ['tasks', TaskSchema, isTask], ['provenances', ProvenanceSchema, isProvenance], ['appointments', AppointmentSchema, isAppointment],
  ['communications', CommunicationSchema, isCommunication], ['organizations', OrganizationSchema, isOrganization],
];

const JUNK: unknown[] = [null, 5, 'x', '', [], {}, true, [null], [{}], [5], { reference: 5 }, { coding: 'x' }, { coding: [null] }, { coding: [{ system: 5 }] }, new Date(0)];

/** A deep copy with, at random, keys dropped, set to undefined or replaced by junk, and array holes. */
function damage(value: unknown, rnd: () => number): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = value.map((v) => damage(v, rnd));
    if (rnd() < 0.05) out.length += 1; // a hole at the end
    return out;
  }
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const r = rnd();
    if (r < 0.03) continue;
    out[k] = r < 0.06 ? JUNK[Math.floor(rnd() * JUNK.length)] : r < 0.08 ? undefined : damage(v, rnd);
  }
  return out;
}

describe('fast guards vs zod schemas', () => {
  const input = makeSyntheticBookings(200, 11);
  it('accept every well-formed synthetic resource (so the fast path is taken)', () => {
    for (const [key, schema, guard] of PAIRS) {
      for (const r of input[key]) {
        expect(schema.safeParse(r).success).toBe(true);
        expect(guard(r)).toBe(true);
      }
    }
  });
  it('never accept a damaged resource that zod refuses', () => {
    const rnd = prng(5);
    let refused = 0;
    for (let round = 0; round < 8; round += 1) {
      for (const [key, schema, guard] of PAIRS) {
        for (const r of input[key]) {
          const d = damage(r, rnd);
          const ok = schema.safeParse(d).success;
          if (guard(d)) expect(ok).toBe(true);
          if (!ok) refused += 1;
        }
      }
    }
    expect(refused).toBeGreaterThan(1000); // the damage did reach the checks
  });
});
