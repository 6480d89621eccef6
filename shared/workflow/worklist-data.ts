// Reads the worklist and writes ownership changes. A claim or reassignment is a
// PUT of the Task with If-Match (two people claiming at once: the second gets
// 412 and sees who has it) plus a Provenance saying who moved it to whom.
import { FhirHttpError } from '../errors/errors';
import { entriesOf, type FhirApi } from '../fhir/api';
import { STEP_KINDS, SYSTEMS } from '../fhir/codes';
import type { TPractitionerRole, TServiceRequest, TTask } from '../fhir/schemas';
import { EXCEPTION_STEP_CODES } from './exception-rules';
import { WORKLIST_STATUSES } from './worklist';

export interface WorklistData {
  tasks: TTask[];
  requests: TServiceRequest[];
  roles: TPractitionerRole[];
  /** True when the session could only read the launch patient's steps. */
  patientOnly: boolean;
}

const CODES = [
  `${SYSTEMS.step}|${STEP_KINDS.transportRequest}`, `${SYSTEMS.step}|${STEP_KINDS.notifyPatient}`, `${SYSTEMS.step}|${STEP_KINDS.patientChange}`,
  `${SYSTEMS.taskCode}|${STEP_KINDS.fulfill}`,
  ...EXCEPTION_STEP_CODES.map((c) => `${SYSTEMS.step}|${c}`),
].join(',');

export async function loadWorklist(api: FhirApi, patient: string): Promise<WorklistData> {
  const roles = entriesOf(await api.search('PractitionerRole', { _count: '200' }), 'PractitionerRole');
  const params = { status: WORKLIST_STATUSES.join(','), code: CODES, _include: 'Task:focus', _count: '200' };
  try {
    const bundle = await api.search('Task', params);
    return { tasks: entriesOf(bundle, 'Task'), requests: entriesOf(bundle, 'ServiceRequest'), roles, patientOnly: false };
  } catch (error) {
    // A patient-level session may not search across patients: fall back to this patient's steps, and say so.
    if (!(error instanceof FhirHttpError) || (error.status !== 403 && error.status !== 401)) throw error;
    const bundle = await api.search('Task', { ...params, patient });
    return { tasks: entriesOf(bundle, 'Task'), requests: entriesOf(bundle, 'ServiceRequest'), roles, patientOnly: true };
  }
}

export interface OwnerChange {
  task: TTask;
  to: string;
  /** Who did it (my PractitionerRole, or fhirUser). */
  by: string;
  now: Date;
  /** Suffix for the Provenance id, fresh per change (so a retry of the same change re-PUTs the same record). */
  changeId: string;
}

export function ownerChangeBundle(c: OwnerChange) {
  const taskUrl = `Task/${c.task.id ?? ''}`;
  const claim = c.to === c.by;
  const at = c.now.toISOString();
  const provenanceId = `${(c.task.id ?? 'task').slice(0, 24)}-owner-${c.changeId}`.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: taskUrl,
        resource: { ...c.task, owner: { reference: c.to }, lastModified: at },
        request: { method: 'PUT', url: taskUrl, ifMatch: `W/"${c.task.meta?.versionId ?? ''}"` },
      },
      {
        fullUrl: `Provenance/${provenanceId}`,
        resource: {
          resourceType: 'Provenance', id: provenanceId, target: [{ reference: taskUrl }], recorded: at,
          activity: { coding: [{ system: SYSTEMS.provenanceActivity, code: 'UPDATE' }] },
          reason: [{ text: claim ? `Claimed by ${c.by}` : `Reassigned from ${c.task.owner?.reference ?? 'nobody'} to ${c.to}` }],
          agent: [{ who: { reference: c.by } }],
        },
        request: { method: 'PUT', url: `Provenance/${provenanceId}` },
      },
    ],
  };
}
