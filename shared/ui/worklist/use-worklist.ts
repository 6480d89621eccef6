// Worklist data through TanStack Query: the list, and claim / reassign as a
// mutation that refreshes the list (and the chart, whose steps it also shows).
// The owner change is one transaction where the EHR has them; otherwise the Task
// (If-Match) and then its Provenance, one by one (booking/fallback-writes.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sendWrites } from '../../booking/fallback-writes';
import { ownerChangeBundle, loadWorklist } from '../../workflow/worklist-data';
import type { TTask } from '../../fhir/schemas';
import { useFhir } from '../data/fhir-context';

export function worklistKey(patient: string) {
  return ['worklist', patient] as const;
}

export function useWorklist() {
  const { api, context, pollMs } = useFhir();
  return useQuery({ queryKey: worklistKey(context.patient), queryFn: () => loadWorklist(api, context.patient), refetchInterval: pollMs * 4 });
}

export function useChangeOwner() {
  const { api, context } = useFhir();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ task, to, by }: { task: TTask; to: string; by: string }) =>
      sendWrites(api, ownerChangeBundle({ task, to, by, now: new Date(), changeId: crypto.randomUUID().slice(0, 8) })),
    onSettled: () => client.invalidateQueries({ queryKey: worklistKey(context.patient) }),
  });
}
