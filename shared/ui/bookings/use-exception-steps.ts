// When the chart shows a dead end (every vendor declined, a vendor did not show),
// make sure its step is on the worklist: the exception rules run for this patient
// (conditional create on the step's deterministic id, so the relay, another tab or
// a second run add nothing). Once per dead end per tab; the rules are imported
// only when a dead end appears.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { deadEndOf } from '../../booking/dead-end';
import type { ChartModel } from '../../chart/chart-model';
import { useFhir } from '../data/fhir-context';

export function useExceptionSteps(model: ChartModel | undefined): { error?: unknown } {
  const { api, context } = useFhir();
  const client = useQueryClient();
  const done = useRef(new Set<string>());
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!model) return;
    const postalCode = model.proposal?.dropoff?.address.postalCode;
    const ends = model.bookings.filter((b) => deadEndOf(b, model.services, model.organizations, { postalCode }));
    const keys = ends.map((b) => `${b.id}:${b.attempts}:${b.taskStatus ?? ''}`).filter((k) => !done.current.has(k));
    if (keys.length === 0) return;
    keys.forEach((k) => done.current.add(k));
    const postalCodes = postalCode ? Object.fromEntries(ends.map((b) => [`${b.resourceType}/${b.id}`, postalCode])) : undefined;
    import('../../workflow/exception-steps')
      .then(({ runPatientExceptions }) => runPatientExceptions(api, { patient: context.patient, now: () => new Date(), ...(postalCodes ? { postalCodes } : {}) }))
      .then((outcomes) => {
        setError(undefined);
        if (outcomes.some((o) => o.result === 'created' || o.result === 'completed')) void client.invalidateQueries({ queryKey: ['worklist'] });
      })
      .catch((e: unknown) => {
        keys.forEach((k) => done.current.delete(k));
        setError(e);
      });
  }, [api, client, context.patient, model]);
  return { error };
}
