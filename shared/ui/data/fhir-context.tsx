// The data layer both shells share: the core's FhirApi, the patient in context
// and the outbox through one provider; server data through TanStack Query (no
// fetching inside components). Each shell brings its own transport and storage.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { createPlanSender } from '../../booking/fallback-writes';
import { createOutbox, type KeyValueStore, type Outbox } from '../../booking/outbox';
import { buildChartModel } from '../../chart/chart-model';
import { hasChangesSince } from '../../chart/changes';
import { loadChart } from '../../chart/load-chart';
import { createFhirApi, type FhirApi } from '../../fhir/api';
import type { FhirTransport } from '../../fhir/transport';

export interface PatientContext {
  patient: string;
  encounter?: string;
  fhirUser?: string;
}

interface Fhir {
  api: FhirApi;
  context: PatientContext;
  outbox: Outbox;
  pollMs: number;
}
const FhirContext = createContext<Fhir | undefined>(undefined);

export function FhirProvider(props: { transport: FhirTransport; store: KeyValueStore; context: PatientContext; pollMs: number; children: ReactNode }) {
  const { transport, store, context, pollMs } = props;
  const value = useMemo(() => {
    const api = createFhirApi(transport);
    // Writes fall back to search-then-create where the server lacks transactions or conditional create.
    return { api, context, pollMs, outbox: createOutbox({ store, api, send: createPlanSender(api) }) };
  }, [transport, store, context, pollMs]);
  return <FhirContext.Provider value={value}>{props.children}</FhirContext.Provider>;
}

export function useFhir(): Fhir {
  const value = useContext(FhirContext);
  if (!value) throw new Error('useFhir outside FhirProvider');
  return value;
}

export function useOutbox(): Outbox {
  return useFhir().outbox;
}

export function chartKey(patient: string) {
  return ['chart', patient] as const;
}

const VENDOR_SECTION = { vendors: 'HealthcareService?active=true&_include=HealthcareService:organization&_count=200' };

/** The chart (first screen data in one batch request), kept live by change polling. */
export function useChart() {
  const { api, context, pollMs } = useFhir();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: chartKey(context.patient),
    queryFn: async () => buildChartModel(await loadChart(api, { patient: context.patient, encounter: context.encounter }, VENDOR_SECTION)),
    staleTime: Infinity,
  });
  const cursor = query.data?.cursor;
  const targets = query.data?.provenanceTargets;
  useEffect(() => {
    if (!cursor) return undefined;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        if (!stopped && (await hasChangesSince(api, context.patient, cursor, targets))) await client.invalidateQueries({ queryKey: chartKey(context.patient) });
      } catch {
        // A failed probe is retried on the next tick; the screen keeps its last known state.
      }
    }, pollMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, client, context.patient, cursor, targets, pollMs]);
  return query;
}
