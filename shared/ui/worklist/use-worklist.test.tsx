// Claim / reassign from the worklist on an EHR without transactions: the Task's
// owner (If-Match) and then its Provenance, one by one; a stale screen still gets 412.
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FhirHttpError } from '../../errors/errors';
import type { TTask } from '../../fhir/schemas';
import { limitedFhir, providers } from '../limited-fhir.test-support';
import { useChangeOwner } from './use-worklist';

const task: TTask = { resourceType: 'Task', id: 'step-1', meta: { versionId: '1' }, status: 'requested', intent: 'order', owner: { reference: 'PractitionerRole/cm-9' } };

describe('useChangeOwner on an EHR without transactions', () => {
  it('claims the step: the Task with If-Match, then the Provenance saying who', async () => {
    const fhir = limitedFhir([{ ...task, id: 'step-1' }]);
    const { result } = renderHook(() => useChangeOwner(), { wrapper: providers(fhir.transport, { patient: 'p1' }) });
    await act(() => result.current.mutateAsync({ task, to: 'PractitionerRole/cm-1', by: 'PractitionerRole/cm-1' }));
    expect(fhir.writes()).toEqual(['PUT Task/step-1', expect.stringMatching(/^PUT Provenance\/step-1-owner-/)]);
    expect(fhir.db.get('Task/step-1')?.owner).toEqual({ reference: 'PractitionerRole/cm-1' });
    expect([...fhir.db.values()].find((r) => r.resourceType === 'Provenance')).toMatchObject({ reason: [{ text: 'Claimed by PractitionerRole/cm-1' }], target: [{ reference: 'Task/step-1' }] });
  });

  it('a reassign from a stale screen is refused (412) and writes nothing', async () => {
    const fhir = limitedFhir([]);
    fhir.db.set('Task/step-1', { ...task, id: 'step-1', meta: { versionId: '7' } });
    const { result } = renderHook(() => useChangeOwner(), { wrapper: providers(fhir.transport, { patient: 'p1' }) });
    await expect(act(() => result.current.mutateAsync({ task, to: 'PractitionerRole/cm-1', by: 'PractitionerRole/cm-9' }))).rejects.toBeInstanceOf(FhirHttpError);
    expect(fhir.writes()).toEqual(['PUT Task/step-1']);
    expect(fhir.db.get('Task/step-1')?.owner).toEqual({ reference: 'PractitionerRole/cm-9' });
  });
});
