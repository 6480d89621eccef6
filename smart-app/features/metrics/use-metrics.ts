// The Metrics tab's data: the snapshot through TanStack Query (every refresh,
// by the button or the timer, asks the server only for changes, see
// fetchMetricsData), the report computed from it in memory, so changing a
// filter costs no request.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { formatName } from '../../../shared/fhir/refs';
import { detailLookup, type DetailLookup } from '../../../shared/metrics/booking-detail';
import { computeAllMetrics, prepareMetricsInput, type MetricsReport } from '../../../shared/metrics/compute-all';
import { fetchMetricsData, type MetricsRange, type MetricsSnapshot } from '../../../shared/metrics/fetch-metrics';
import { inputFromResources } from '../../../shared/metrics/parse-input';
import type { MetricsFilters } from '../../../shared/metrics/options';
import { unitDirectory, type UnitDirectory } from '../../../shared/metrics/units';
import { useFhir } from '../../../shared/ui/data/fhir-context';

export interface MetricsView {
  report: MetricsReport;
  units: UnitDirectory['units'];
  /** Any request or Task id in the report → the booking behind it, for drill-down. */
  lookup: DetailLookup;
  timeZone: string;
}

const metricsKey = (range: MetricsRange) => ['metrics', range.from, range.to] as const;

/**
 * The resources for `range`, refreshed every `refreshMs` while the tab is
 * shown (changes only); `progress` counts what the first load has received.
 */
export function useMetricsSnapshot(range: MetricsRange, refreshMs: number | false) {
  const { api } = useFhir();
  const client = useQueryClient();
  const [progress, setProgress] = useState(0);
  const key = metricsKey(range);
  const query = useQuery({
    queryKey: key,
    queryFn: () => {
      const previous = client.getQueryData<MetricsSnapshot>(key);
      if (!previous) setProgress(0);
      return fetchMetricsData(api, range, previous, { onProgress: previous ? undefined : setProgress });
    },
    staleTime: Infinity,
    refetchInterval: refreshMs,
    refetchIntervalInBackground: false,
  });
  return { ...query, progress };
}

export function useMetricsView(snapshot: MetricsSnapshot | undefined, filters: MetricsFilters, range: MetricsRange, timeZone: string): MetricsView | undefined {
  // Keyed on the store, not the snapshot: a refresh that found no change keeps the same store and costs nothing here.
  const resources = snapshot?.resources;
  const prepared = useMemo(() => {
    if (!resources) return undefined;
    // Parsed and joined once per store: a filter change only re-derives the figures, and the drill-down reads the same index.
    const input = prepareMetricsInput(inputFromResources([...resources.values()]));
    return { input, dir: unitDirectory(resources.values()), lookup: detailLookup(input.index) };
  }, [resources]);
  return useMemo(() => {
    if (!prepared) return undefined;
    const report = computeAllMetrics(prepared.input, { from: range.from, to: range.to, timeZone, filters, unitOf: prepared.dir.unitOf });
    return { report, units: prepared.dir.units, lookup: prepared.lookup, timeZone };
  }, [prepared, filters, range.from, range.to, timeZone]);
}

const NAME_CHUNK = 60;

/**
 * Names of the patients on screen in a drill-down (user/Patient.rs, `_elements=name`):
 * only those rows, never the whole population. A refusal leaves the references shown.
 */
export function usePatientNames(refs: readonly string[]) {
  const { api } = useFhir();
  const ids = useMemo(() => [...new Set(refs.filter((r) => r.startsWith('Patient/')).map((r) => r.slice(8)))].sort(), [refs]);
  return useQuery({
    queryKey: ['patient-names', ids],
    enabled: ids.length > 0,
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: async () => {
      const names = new Map<string, string>();
      for (let i = 0; i < ids.length; i += NAME_CHUNK) {
        let bundle: Awaited<ReturnType<typeof api.next>> = await api.search('Patient', { _id: ids.slice(i, i + NAME_CHUNK).join(','), _elements: 'name', _count: String(NAME_CHUNK) });
        while (bundle) {
          for (const e of bundle.entry ?? []) {
            const r = e.resource as { resourceType?: string; id?: string; name?: Parameters<typeof formatName>[0] } | undefined;
            if (r?.resourceType === 'Patient' && typeof r.id === 'string') names.set(`Patient/${r.id}`, (Array.isArray(r.name) && formatName(r.name)) || `Patient/${r.id}`);
          }
          bundle = await api.next(bundle);
        }
      }
      return names;
    },
  });
}
