import { describe, expect, it } from 'vitest';
import { DurationBuilder, RateBuilder, nearestRank } from './figures';
import { HIT, MISS, NONE, skip, value } from './measure';

describe('nearestRank', () => {
  const xs = [15, 20, 35, 40, 50];
  it('takes the value at rank ceil(p/100 * n)', () => {
    expect(nearestRank(xs, 30)).toBe(20); // ceil(1.5) = 2
    expect(nearestRank(xs, 40)).toBe(20); // ceil(2.0) = 2
    expect(nearestRank(xs, 50)).toBe(35); // ceil(2.5) = 3
    expect(nearestRank(xs, 90)).toBe(50); // ceil(4.5) = 5
    expect(nearestRank(xs, 100)).toBe(50);
    expect(nearestRank(xs, 0)).toBe(15); // rank clamps to 1
  });
  it('gives the lower middle as median for even n, always an observed value', () => {
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
  });
  it('p90 of ten values is the ninth (no floating point drift at exact ranks)', () => {
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank(Array.from({ length: 30 }, (_, i) => i + 1), 90)).toBe(27);
  });
  it('is null for no values', () => {
    expect(nearestRank([], 50)).toBeNull();
  });
});

describe('figure builders', () => {
  it('a duration figure sorts samples, keeps ids and tallies skips', () => {
    const b = new DurationBuilder();
    b.add('a', value(30));
    b.add('b', skip('missing-timestamp'));
    b.add('c', value(10));
    b.add('d', NONE);
    expect(b.build()).toEqual({
      n: 2, medianMs: 10, p90Ms: 30, ids: ['c', 'a'],
      samples: [{ id: 'c', ms: 10 }, { id: 'a', ms: 30 }], skipped: { 'missing-timestamp': ['b'] },
    });
  });
  it('an empty rate is null, not NaN', () => {
    expect(new RateBuilder().build()).toEqual({ n: 0, count: 0, rate: null, ids: [], populationIds: [], skipped: {} });
  });
  it('a rate counts hits over hits and misses only', () => {
    const b = new RateBuilder();
    b.add('a', HIT);
    b.add('b', MISS);
    b.add('c', skip('no-appointment'));
    expect(b.build()).toMatchObject({ n: 2, count: 1, rate: 0.5, ids: ['a'], populationIds: ['a', 'b'] });
  });
});
