import { describe, expect, it } from 'vitest';
import { STEP_KINDS, SYSTEMS } from '../fhir/codes';
import { buildWorklist, kindLabel } from './worklist';
import { bookedTransport, chart, NOW, stateOf } from './workflow-fixtures.test-support';

describe('a patient\'s CHANGE reply on the worklist', () => {
  it('is its own kind of step, with the patient\'s words in its description', () => {
    const state = stateOf([...chart(), ...bookedTransport(), {
      resourceType: 'Task', id: 'chg-1', status: 'requested', intent: 'order', code: { coding: [{ system: SYSTEMS.step, code: STEP_KINDS.patientChange }] },
      description: 'The patient asks to change the pickup: "after 2pm please"', focus: { reference: 'ServiceRequest/sr-t1' }, for: { reference: 'Patient/p1' },
      owner: { reference: 'PractitionerRole/role-dn-1' },
    }]);
    const [item] = buildWorklist(state.tasks, state.requests, NOW);
    expect(item).toMatchObject({ kind: 'patient-change', service: 'transport', owner: 'PractitionerRole/role-dn-1' });
    expect(kindLabel('patient-change')).toBe('The patient asks to change the pickup');
    expect(item?.task.description).toContain('after 2pm please');
  });
});
