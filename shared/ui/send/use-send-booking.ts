// One way every booking form sends: the plan goes into the outbox BEFORE the
// first send (so a dropped connection, a 401 or a reload cannot lose it), then
// the outbox sends it; the chart is refreshed whatever happened, because a
// failed answer may hide a committed write.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WritePlan } from '../../booking/write-plan';
import type { FhirApi } from '../../fhir/api';
import { formatName } from '../../fhir/refs';
import { chartKey, useFhir, useOutbox } from '../data/fhir-context';
import { useRecordSend } from './send-notice';

export function useSendBooking(onBooked: () => void) {
  const { api, context } = useFhir();
  const outbox = useOutbox();
  const client = useQueryClient();
  const record = useRecordSend();
  return useMutation({
    mutationFn: async ({ plan, summary }: { plan: WritePlan; summary: string }) => {
      await outbox.enqueue(plan, { summary, patient: context.patient });
      const sent = await outbox.send(plan.ids.request);
      return { sent, summary, bookedBy: await nameOf(api, sent.alreadyBooked?.requester) };
    },
    onSuccess: ({ sent, summary, bookedBy }) => {
      record({ sent, summary, ...(bookedBy ? { bookedBy } : {}) });
      onBooked();
    },
    onSettled: () => client.invalidateQueries({ queryKey: chartKey(context.patient) }),
  });
}

/** "Practitioner/…" → the person's name, best effort (the reference is shown otherwise). */
async function nameOf(api: FhirApi, reference: string | undefined): Promise<string | undefined> {
  const [type, id] = reference?.split('/') ?? [];
  if (type !== 'Practitioner' || !id) return undefined;
  try {
    return formatName((await api.read('Practitioner', id)).name);
  } catch {
    return undefined;
  }
}
