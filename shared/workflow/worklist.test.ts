import { describe, expect, it } from 'vitest';
import { SYSTEMS } from '../fhir/codes';
import { buildWorklist, filterWorklist, whoAmI } from './worklist';
import { ownerChangeBundle } from './worklist-data';
import { bookedTransport, chart, NOW, stateOf, type Json } from './workflow-fixtures.test-support';

function step(id: string, kind: string, due: string | undefined, owner?: string, focus = 'ServiceRequest/sr-t1'): Json {
  return {
    resourceType: 'Task', id, status: 'requested', intent: 'order', code: { coding: [{ system: SYSTEMS.step, code: kind }] },
    focus: { reference: focus }, for: { reference: 'Patient/p1' }, meta: { versionId: '3' },
    ...(owner ? { owner: { reference: owner } } : {}), ...(due ? { restriction: { period: { end: due } } } : {}),
  };
}

const vendorWaiting: Json = { ...(bookedTransport()[1] as Json), id: 'task-v2', status: 'requested', restriction: { period: { end: '2026-11-23T12:00:00Z' } } };
const state = stateOf([
  ...chart(), ...bookedTransport(), vendorWaiting,
  step('late', 'notify-patient', '2026-11-22T09:00:00Z', 'PractitionerRole/role-dn-1'),
  step('later', 'transport-request', '2026-11-24T09:00:00Z', 'PractitionerRole/role-cm-1', 'ServiceRequest/order-1'),
  step('undated', 'notify-patient', undefined),
  { ...step('done', 'notify-patient', '2026-11-22T08:00:00Z'), status: 'completed' },
]);
const items = buildWorklist(state.tasks, state.requests, NOW);

describe('worklist', () => {
  it('lists open steps and unanswered vendor requests, soonest due first, overdue marked, undated last', () => {
    expect(items.map((i) => `${i.task.id ?? ''} ${i.kind}${i.overdue ? ' overdue' : ''} ${i.service ?? '-'}`)).toEqual([
      'late notify-patient overdue transport', 'task-v2 vendor-answer transport', 'later transport-request transport', 'undated notify-patient transport',
    ]);
  });

  it('filters by owner: mine, my team (same care role), unassigned', () => {
    const me = whoAmI('PractitionerRole/role-cm-9', state.roles);
    expect(me).toEqual({ roles: ['PractitionerRole/role-cm-9'], team: ['PractitionerRole/role-cm-9', 'PractitionerRole/role-cm-1'] });
    const ids = (owner: 'mine' | 'team' | 'unassigned') => filterWorklist(items, { owner }, me).map((i) => i.task.id);
    expect(ids('mine')).toEqual([]);
    expect(ids('team')).toEqual(['later']);
    expect(ids('unassigned')).toEqual(['undated']);
    expect(filterWorklist(items, { owner: 'all', status: 'accepted' }, me)).toEqual([]);
  });

  it('a claim is a versioned PUT of the Task plus a Provenance naming who took it', () => {
    const task = state.tasks.find((t) => t.id === 'undated');
    if (!task) throw new Error('fixture');
    const bundle = ownerChangeBundle({ task, to: 'PractitionerRole/role-dn-1', by: 'PractitionerRole/role-dn-1', now: NOW, changeId: 'c1' });
    expect(bundle.entry[0]).toMatchObject({ resource: { owner: { reference: 'PractitionerRole/role-dn-1' } }, request: { method: 'PUT', url: 'Task/undated', ifMatch: 'W/"3"' } });
    expect(bundle.entry[1]).toMatchObject({
      request: { method: 'PUT', url: 'Provenance/undated-owner-c1' },
      resource: { target: [{ reference: 'Task/undated' }], agent: [{ who: { reference: 'PractitionerRole/role-dn-1' } }], reason: [{ text: 'Claimed by PractitionerRole/role-dn-1' }] },
    });
  });
});
