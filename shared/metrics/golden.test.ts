// Guards the speed work on computeAllMetrics: the whole report for 2,000
// synthetic bookings must stay byte-for-byte what the straightforward
// implementation (zod parse, group, fold each group) produced. If a change to
// a metric's meaning moves it on purpose, update the fingerprint in the same
// change and say why.
import { describe, expect, it } from 'vitest';
import { SYNTHETIC_RANGE, makeSyntheticBookings } from './bench';
import { computeAllMetrics, prepareMetricsInput } from './compute-all';

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

describe('computeAllMetrics output (golden)', () => {
  it('is unchanged for makeSyntheticBookings(2000, 3) in New York', () => {
    const json = JSON.stringify(computeAllMetrics(makeSyntheticBookings(2000, 3), { ...SYNTHETIC_RANGE, timeZone: 'America/New_York' }));
    expect({ length: json.length, fnv1a: fnv1a(json) }).toEqual({ length: 4_993_155, fnv1a: '076a54f2' });
  });
});

describe('prepared input', () => {
  it('gives the same report as raw input, for every filter, from one parse', () => {
    const input = makeSyntheticBookings(300, 11);
    const prepared = prepareMetricsInput(input);
    for (const filters of [{}, { serviceType: 'transport' as const }, { vendor: 'van-2' }]) {
      const options = { ...SYNTHETIC_RANGE, timeZone: 'America/Chicago', filters };
      expect(computeAllMetrics(prepared, options)).toEqual(computeAllMetrics(input, options));
    }
  });
});
