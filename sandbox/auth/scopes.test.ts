import { describe, expect, test } from 'vitest';
import type { AccessContext, FhirInteraction } from '../contracts';
import { allows, covers, grantableScopes, grantingContexts, parseResourceScope } from './scopes';

const ctx = (...scopes: string[]): AccessContext => ({ clientId: 'c', scopes });
const ALL: FhirInteraction[] = ['create', 'read', 'update', 'delete', 'search'];
const allowed = (c: AccessContext, type: string) => ALL.filter((i) => allows(c, i, type));

describe('allows: SMART v1', () => {
  test.each([
    ['patient/Task.read', 'Task', ['read', 'search']],
    ['patient/Task.write', 'Task', ['create', 'update', 'delete']],
    ['user/Task.*', 'Task', ALL],
    ['system/*.read', 'Appointment', ['read', 'search']],
    ['patient/*.write', 'Task', ['create', 'update', 'delete']],
    ['patient/Task.read', 'ServiceRequest', []],
  ])('%s on %s', (scope, type, expected) => {
    expect(allowed(ctx(scope), type)).toEqual(expected);
  });
});

describe('allows: SMART v2', () => {
  test.each([
    ['patient/Task.cruds', 'Task', ALL],
    ['patient/Task.rs', 'Task', ['read', 'search']],
    ['user/*.cu', 'ServiceRequest', ['create', 'update']],
    ['system/Task.d', 'Task', ['delete']],
    ['patient/Task.s', 'Task', ['search']],
    ['patient/*.rs', 'Observation', ['read', 'search']],
    ['patient/Task.rs', 'Appointment', []],
  ])('%s on %s', (scope, type, expected) => {
    expect(allowed(ctx(scope), type)).toEqual(expected);
  });

  test('query-suffixed scopes grant nothing unrestricted (conservative)', () => {
    expect(allowed(ctx('patient/Observation.rs?category=laboratory'), 'Observation')).toEqual([]);
  });

  test('malformed and non-resource scopes grant nothing', () => {
    for (const scope of ['openid', 'launch/patient', 'patient/Task.sr', 'patient/Task.rr', 'patient/Task.', 'doctor/Task.rs', 'patient/Task.x', 'patient/Task.readwrite']) {
      expect(allowed(ctx(scope), 'Task')).toEqual([]);
    }
  });

  test('scopes combine', () => {
    expect(allowed(ctx('patient/*.rs', 'user/Task.cu', 'system/Task.d'), 'Task')).toEqual(ALL);
    expect(grantingContexts(['patient/*.rs', 'user/Task.r'], 'read', 'Task')).toEqual(new Set(['patient', 'user']));
    expect(grantingContexts(['patient/*.rs', 'user/Task.r'], 'search', 'Task')).toEqual(new Set(['patient']));
  });
});

describe('parse and cover', () => {
  test('parses v1 and v2 forms', () => {
    expect(parseResourceScope('patient/*.read')).toMatchObject({ context: 'patient', resourceType: '*', permissions: new Set(['r', 's']) });
    expect(parseResourceScope('user/Task.cud')).toMatchObject({ context: 'user', resourceType: 'Task', permissions: new Set(['c', 'u', 'd']) });
    expect(parseResourceScope('patient/Observation.rs?category=vital-signs')?.query).toBe('?category=vital-signs');
    expect(parseResourceScope('launch/patient')).toBeNull();
  });

  test('a registration covers narrower requests in the same context only', () => {
    expect(covers('patient/*.cruds', 'patient/Task.rs')).toBe(true);
    expect(covers('patient/*.write', 'patient/Task.c')).toBe(true);
    expect(covers('patient/*.rs', 'patient/Observation.rs?category=laboratory')).toBe(true);
    expect(covers('patient/*.rs', 'patient/Task.cruds')).toBe(false);
    expect(covers('patient/Task.cruds', 'patient/ServiceRequest.rs')).toBe(false);
    expect(covers('user/*.cruds', 'patient/Task.rs')).toBe(false);
    expect(covers('patient/Observation.rs?category=laboratory', 'patient/Observation.rs')).toBe(false);
    expect(covers('openid', 'openid')).toBe(true);
  });

  test('grantableScopes keeps covered requests in order, once', () => {
    expect(grantableScopes(['patient/Task.rs', 'system/*.rs', 'patient/Task.rs', 'openid', 'profile'], ['patient/*.rs', 'openid']))
      .toEqual(['patient/Task.rs', 'openid']);
  });
});
