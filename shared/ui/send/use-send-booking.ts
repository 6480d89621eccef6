// One way every booking form sends: the plan goes into the outbox BEFORE the
// first send (so a dropped connection, a 401 or a reload cannot lose it), then
// the outbox sends it; the chart is refreshed whatever happened, because a
// failed answer may hide a committed write.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WritePlan } from '../../booking/write-plan';
import { chartKey, useFhir, useOutbox } from '../data/fhir-context';
import { useRecordSend } from './send-notice';

export function useSendBooking(onBooked: () => void) {
  const { context } = useFhir();
  const outbox = useOutbox();
  const client = useQueryClient();
  const record = useRecordSend();
  return useMutation({
    mutationFn: async ({ plan, summary }: { plan: WritePlan; summary: string }) => {
      await outbox.enqueue(plan, { summary, patient: context.patient });
      return { sent: await outbox.send(plan.ids.request), summary };
    },
    onSuccess: ({ sent, summary }) => {
      record({ sent, summary });
      onBooked();
    },
    onSettled: () => client.invalidateQueries({ queryKey: chartKey(context.patient) }),
  });
}
