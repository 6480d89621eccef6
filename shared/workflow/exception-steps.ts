// The exception steps' I/O: find the open ones about a booking (a phone booking
// completes them in its own transaction), and run the exception rules for one
// patient from the app, where the directory and the drop-off ZIP are at hand.
import { entriesOf, type FhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
import type { TTask } from '../fhir/schemas';
import { EXCEPTION_STEP_CODES, exceptionRules } from './exception-rules';
import { loadPatientsState } from './load-state';
import { runRules, type RuleOutcome } from './run-rules';

const OPEN = 'requested,accepted,in-progress,on-hold,draft,received,ready';

export async function openExceptionSteps(api: FhirApi, requestRef: string): Promise<TTask[]> {
  const code = EXCEPTION_STEP_CODES.map((c) => `${SYSTEMS.step}|${c}`).join(',');
  return entriesOf(await api.search('Task', { focus: requestRef, code, status: OPEN, _count: '20' }), 'Task');
}

export interface PatientExceptionOptions {
  patient: string;
  /** Drop-off ZIP per request reference. */
  postalCodes?: Record<string, string>;
  timeZone?: string;
  now: () => Date;
}

/** The exception rules for one patient: creates the steps a dead end needs, completes the ones resolved. */
export function runPatientExceptions(api: FhirApi, o: PatientExceptionOptions): Promise<RuleOutcome[]> {
  return runRules(api, {
    now: o.now,
    load: async (a) => ({ ...(await loadPatientsState(a, [o.patient])), ...(o.postalCodes ? { postalCodes: o.postalCodes } : {}), ...(o.timeZone ? { timeZone: o.timeZone } : {}) }),
    rules: exceptionRules,
  });
}
