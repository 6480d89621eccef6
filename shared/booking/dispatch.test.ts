import { describe, expect, it } from 'vitest';
import { EXTENSIONS, SYSTEMS } from '../fhir/codes';
import type { THealthcareService, TOrganization, TServiceRequest, TTask } from '../fhir/schemas';
import { dispatchIds, nextDispatch, rankedVendors } from './dispatch';
import { redispatchBundle } from './dispatch-runner';
import { vendorScore, vendorStats } from './vendor-stats';

const org = (id: string, name: string): TOrganization => ({ resourceType: 'Organization', id, name });
const hcs = (id: string, caps: string[], zips = ['43215']): THealthcareService => ({
  resourceType: 'HealthcareService', id: `hcs-${id}`, providedBy: { reference: `Organization/${id}` },
  type: [{ coding: [{ system: SYSTEMS.nucc, code: '343900000X' }] }],
  characteristic: caps.map((code) => ({ coding: [{ system: SYSTEMS.capability, code }] })),
  extension: zips.map((valueString) => ({ url: EXTENSIONS.servicePostalCode, valueString })),
});
const services = [hcs('a', ['wheelchair']), hcs('b', ['wheelchair']), hcs('c', ['wheelchair'], ['99999']), hcs('d', ['ambulatory'])];
const organizations = [org('a', 'Alpha Vans'), org('b', 'Bravo Vans'), org('c', 'Charlie Far Away'), org('d', 'Delta Taxi')];
const request: TServiceRequest = {
  resourceType: 'ServiceRequest', id: 'sr1', meta: { versionId: '3' }, status: 'active', intent: 'order', subject: { reference: 'Patient/p1' },
  identifier: [{ system: SYSTEMS.bookingId, value: 'req-uuid-1' }],
  category: [{ coding: [{ system: SYSTEMS.serviceType, code: 'transport' }] }], code: { coding: [{ system: SYSTEMS.hcpcs, code: 'A0130' }] },
  orderDetail: [{ coding: [{ system: SYSTEMS.capability, code: 'wheelchair' }] }, { coding: [{ system: SYSTEMS.capability, code: 'interpreter' }] }],
};
const task = (id: string, owner: string, status: string, authoredOn: string, extra: Partial<TTask> = {}): TTask => ({
  resourceType: 'Task', id, meta: { versionId: '2' }, status, intent: 'order', owner: { reference: `Organization/${owner}` }, authoredOn, lastModified: authoredOn,
  focus: { reference: 'ServiceRequest/sr1' }, for: { reference: 'Patient/p1' }, ...extra,
});
const base = { request, services, organizations, stats: new Map(), postalCode: '43215', now: new Date('2026-01-01T10:00:00Z'), noAnswerMs: 15 * 60_000 };

describe('nextDispatch', () => {
  it('a decline goes to the next eligible vendor (capability and service area), as attempt n+1', () => {
    const step = nextDispatch({ ...base, tasks: [task('t1', 'a', 'rejected', '2026-01-01T09:58:00Z', { statusReason: { text: 'No capacity' } })] });
    expect(step).toMatchObject({ kind: 'redispatch', reason: 'declined', to: { organization: 'Organization/b', name: 'Bravo Vans' }, attempt: 2 });
  });

  it('an open request is left alone until the no-answer time has passed', () => {
    expect(nextDispatch({ ...base, tasks: [task('t1', 'a', 'requested', '2026-01-01T09:50:00Z')] })).toEqual({ kind: 'none' });
    expect(nextDispatch({ ...base, tasks: [task('t1', 'a', 'requested', '2026-01-01T09:44:00Z')] })).toMatchObject({ kind: 'redispatch', reason: 'no-answer' });
  });

  it('accepted, cancelled or revoked bookings do not move', () => {
    expect(nextDispatch({ ...base, tasks: [task('t1', 'a', 'accepted', '2026-01-01T08:00:00Z')] })).toEqual({ kind: 'none' });
    expect(nextDispatch({ ...base, request: { ...request, status: 'revoked' }, tasks: [task('t1', 'a', 'rejected', '2026-01-01T08:00:00Z')] })).toEqual({ kind: 'none' });
  });

  it('says so when every eligible vendor has been tried', () => {
    const tasks = [task('t1', 'a', 'rejected', '2026-01-01T08:00:00Z'), task('t2', 'b', 'rejected', '2026-01-01T09:00:00Z')];
    expect(nextDispatch({ ...base, tasks })).toMatchObject({ kind: 'exhausted', from: { id: 't2' } });
  });
});

describe('ranking by history', () => {
  it('prefers the vendor that accepts more and arrives on time', () => {
    const eta = (at: string) => ({ output: [{ type: { coding: [{ system: SYSTEMS.taskParam, code: 'eta' }] }, valueDateTime: at }] });
    const history = [
      task('h1', 'a', 'rejected', '2025-12-01T08:00:00Z'), task('h2', 'a', 'rejected', '2025-12-02T08:00:00Z'),
      task('h3', 'b', 'completed', '2025-12-01T08:00:00Z', eta('2025-12-01T10:00:00Z')), task('h4', 'b', 'completed', '2025-12-02T08:00:00Z', eta('2025-12-02T10:00:00Z')),
    ];
    const prov = (target: string, recorded: string) => ({ resourceType: 'Provenance' as const, target: [{ reference: `Task/${target}` }], recorded, activity: { coding: [{ system: SYSTEMS.milestone, code: 'picked-up' }] }, agent: [] });
    const stats = vendorStats(history, [prov('h3', '2025-12-01T10:05:00Z'), prov('h4', '2025-12-02T11:00:00Z')]);
    expect(stats.get('Organization/b')).toEqual({ answered: 2, accepted: 2, timed: 2, onTime: 1 });
    expect(stats.get('Organization/a')).toEqual({ answered: 2, accepted: 0, timed: 0, onTime: 0 });
    expect(vendorScore(stats.get('Organization/b'))).toBeGreaterThan(vendorScore(undefined));
    expect(rankedVendors({ ...base, stats }).map((v) => v.name)).toEqual(['Bravo Vans', 'Alpha Vans']);
  });
});

describe('redispatchBundle', () => {
  it('creates the next Task conditionally on an id derived from request + attempt, never touching the rejected Task', () => {
    const from = task('t1', 'a', 'rejected', '2026-01-01T09:58:00Z', { owner: { reference: 'Organization/a', display: 'Alpha Vans' } });
    const step = nextDispatch({ ...base, tasks: [from] });
    if (step.kind !== 'redispatch') throw new Error('expected a redispatch');
    const bundle = redispatchBundle(request, step, { now: () => base.now, noAnswerMs: base.noAnswerMs, actor: 'PractitionerRole/cm' });
    expect(bundle.entry.map((e) => `${e.request.method} ${e.request.url}`)).toEqual(['POST Task', 'PUT ServiceRequest/sr1', `PUT Provenance/${dispatchIds(request, 2).provenance}`]);
    expect(bundle.entry[0]?.request.ifNoneExist).toBe(`identifier=${SYSTEMS.bookingId}|req-uuid-1-attempt-2`);
    expect(bundle.entry[0]?.resource).toMatchObject({ status: 'requested', owner: { reference: 'Organization/b' }, focus: { reference: 'ServiceRequest/sr1' } });
    expect(bundle.entry[0]?.resource.id).toBeUndefined();
    expect(bundle.entry[1]?.request.ifMatch).toBe('W/"3"');
    expect(bundle.entry[1]?.resource.performer).toEqual([{ reference: 'Organization/b', display: 'Bravo Vans' }]);
    expect(bundle.entry[2]?.resource.reason).toEqual([{ text: 'Alpha Vans declined; sent to Bravo Vans' }]);
    // Same inputs, same writes: a second runner's conditional create matches the first one's Task.
    expect(redispatchBundle(request, step, { now: () => base.now, noAnswerMs: base.noAnswerMs })).toMatchObject({ entry: [{ request: bundle.entry[0]?.request }, {}, {}] });
  });

  it('a vendor that did not answer has its Task cancelled (with If-Match and a reason) in the same transaction', () => {
    const step = nextDispatch({ ...base, tasks: [task('t1', 'a', 'requested', '2026-01-01T09:00:00Z')] });
    if (step.kind !== 'redispatch') throw new Error('expected a redispatch');
    const bundle = redispatchBundle(request, step, { now: () => base.now, noAnswerMs: base.noAnswerMs });
    expect(bundle.entry[0]).toMatchObject({ request: { method: 'PUT', url: 'Task/t1', ifMatch: 'W/"2"' }, resource: { status: 'cancelled', statusReason: { text: 'No answer within 15 minutes' } } });
    expect(bundle.entry.map((e) => e.request.method)).toEqual(['PUT', 'PUT', 'POST', 'PUT', 'PUT']);
  });
});
