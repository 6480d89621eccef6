// A dispatcher confirms a cancel: for each vendor Task the facility (or CareRelay,
// re-dispatching) cancelled recently, the vendor writes a Provenance of its own on the
// Task, activity "cancellation-acknowledged" (shared/booking/cancel-reasons.ts). The
// Task itself is left alone: it is the requester's, and cancelled is final.
import type { Provenance } from '@medplum/fhirtypes';
import { z } from 'zod';
import { CANCELLATION_ACKNOWLEDGED } from '../../shared/booking/cancel-reasons';
import { SYSTEMS } from '../../shared/fhir/codes';
import type { FhirRequester } from '../contracts';
import { createResource, searchResources, TaskSchema } from './fhir-io';

/** Only cancels this recent: older ones (the seeded history) were settled long ago. */
const RECENT_MS = 24 * 3_600_000;

const AckSchema = z.looseObject({
  resourceType: z.literal('Provenance'),
  target: z.array(z.object({ reference: z.string().optional() })),
  activity: z.object({ coding: z.array(z.object({ system: z.string().optional(), code: z.string().optional() })).optional() }).optional(),
});

/** Returns a function that acknowledges every cancel not yet acknowledged; it returns the Task ids it acknowledged. */
export function createCancelAcknowledger(fhir: FhirRequester, now: () => Date): () => Promise<string[]> {
  // Tasks known to be acknowledged (by us or before a restart, found on the server): never searched for again.
  const done = new Set<string>();
  return async () => {
    const since = new Date(now().getTime() - RECENT_MS).toISOString();
    const cancelled = (await searchResources(fhir, `Task?code=${encodeURIComponent(`${SYSTEMS.taskCode}|fulfill`)}&status=cancelled&modified=gt${encodeURIComponent(since)}&_count=100`, TaskSchema))
      .filter((t) => !done.has(t.id) && t.owner?.reference?.startsWith('Organization/') && Date.parse(t.lastModified ?? '') > Date.parse(since));
    if (!cancelled.length) return [];
    const targets = cancelled.map((t) => `Task/${t.id}`);
    const acks = await searchResources(fhir, `Provenance?target=${targets.map(encodeURIComponent).join(',')}&_count=200`, AckSchema);
    const acknowledged = new Set(acks
      .filter((p) => p.activity?.coding?.some((c) => c.system === CANCELLATION_ACKNOWLEDGED.system && c.code === CANCELLATION_ACKNOWLEDGED.code))
      .flatMap((p) => p.target.map((t) => t.reference)));
    const made: string[] = [];
    for (const task of cancelled) {
      if (!acknowledged.has(`Task/${task.id}`)) {
        const ack: Provenance = {
          resourceType: 'Provenance', target: [{ reference: `Task/${task.id}` }], recorded: now().toISOString(),
          activity: { coding: [{ ...CANCELLATION_ACKNOWLEDGED, display: 'Cancellation acknowledged' }] },
          agent: [{
            type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author' }] },
            who: { reference: task.owner?.reference ?? '' },
          }],
        };
        await createResource(fhir, ack);
        made.push(task.id);
      }
      done.add(task.id);
    }
    return made;
  };
}
