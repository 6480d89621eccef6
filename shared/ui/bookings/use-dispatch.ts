// Runs vendor dispatch from the app's polling loop: after each chart refresh,
// and once a minute for vendors that have not answered. The runner is
// idempotent (deterministic ids + If-Match), so two tabs running it is harmless.
// The runner is imported only when a booking needs it (a decline, a silent vendor):
// it is not part of the first screen's JavaScript.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Booking } from '../../booking/booking-view';
import type { DispatchOutcome } from '../../booking/dispatch-runner';
import type { ChartModel } from '../../chart/chart-model';
import { chartKey, useFhir } from '../data/fhir-context';

export const DEFAULT_NO_ANSWER_MS = 15 * 60_000;
const FIRST_CHECK_DELAY_MS = 1500;

export function dispatchCandidates(bookings: Booking[], now: number, noAnswerMs: number): Booking[] {
  return bookings.filter((b) => b.requestStatus === 'active' && (b.taskStatus === 'rejected'
    || (b.taskStatus === 'requested' && now - (Date.parse(b.taskUpdated ?? '') || now) >= noAnswerMs)));
}

export function useDispatch(model: ChartModel | undefined, noAnswerMs = DEFAULT_NO_ANSWER_MS) {
  const { api, context } = useFhir();
  const client = useQueryClient();
  const running = useRef(false);
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ error?: unknown; exhausted: string[] }>({ exhausted: [] });
  // The first check waits until the first screen is up: a vendor silent for 15 minutes
  // can wait 1.5 s more, and the chart's one request should not share the wire.
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    const first = setTimeout(() => setSettled(true), FIRST_CHECK_DELAY_MS);
    const timer = setInterval(() => setTick((t) => t + 1), 60_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  useEffect(() => {
    if (!model || !settled || running.current) return;
    const candidates = dispatchCandidates(model.bookings, Date.now(), noAnswerMs);
    if (candidates.length === 0) return;
    running.current = true;
    import('../../booking/dispatch-runner').then(({ runDispatch }) => runDispatch(api, {
      candidates: candidates.map((b) => ({ resourceType: b.resourceType, id: b.id })),
      services: model.services, organizations: model.organizations, postalCode: model.proposal?.dropoff?.address.postalCode,
      now: () => new Date(), noAnswerMs, actor: context.fhirUser,
    }))
      .then((outcomes: DispatchOutcome[]) => {
        setState({ exhausted: outcomes.filter((o) => o.kind === 'exhausted').map((o) => o.request) });
        if (outcomes.some((o) => o.kind === 'redispatch' || o.kind === 'conflict')) void client.invalidateQueries({ queryKey: chartKey(context.patient) });
      })
      .catch((error: unknown) => setState({ error, exhausted: [] }))
      .finally(() => { running.current = false; });
  }, [api, client, context.fhirUser, context.patient, model, noAnswerMs, tick, settled]);
  return state;
}
