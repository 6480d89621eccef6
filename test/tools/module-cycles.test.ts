import { describe, expect, it } from 'vitest';
import { cycles, moduleGraph, moduleOf } from './module-cycles';

describe('shared/ module cycles', () => {
  it('finds a planted cycle between two modules and names them', () => {
    const graph = new Map([
      ['errors', new Map([['fhir', 'errors.ts imports ../fhir/schemas']])],
      ['fhir', new Map([['errors', 'api.ts imports ../errors/errors']])],
      ['booking', new Map([['fhir', 'x']])],
    ]);
    expect(cycles(graph)).toEqual([['errors', 'fhir']]);
  });

  it('names modules by folder, with each shared/ui feature its own module', () => {
    expect(moduleOf(`${process.cwd()}/shared/ui/bookings/card.tsx`)).toBe('ui/bookings');
    expect(moduleOf(`${process.cwd()}/shared/ui/error-notice.tsx`)).toBe('ui');
    expect(moduleOf(`${process.cwd()}/shared/fhir/api.ts`)).toBe('fhir');
  });

  it('the real shared/ has no module cycle', () => {
    expect(cycles(moduleGraph())).toEqual([]);
  });
});
