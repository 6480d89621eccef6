// The Metrics tab's data: the snapshot through TanStack Query (a refetch asks the
// server only for changes, see fetchMetricsData), the report computed from it
// in memory, so changing a filter costs no request.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { computeAllMetrics, type MetricsReport } from '../../../shared/metrics/compute-all';
import { fetchMetricsData, snapshotInput, type MetricsRange, type MetricsSnapshot } from '../../../shared/metrics/fetch-metrics';
import type { MetricsFilters } from '../../../shared/metrics/options';
import { unitDirectory, type UnitDirectory } from '../../../shared/metrics/units';
import { useFhir } from '../../../shared/ui/data/fhir-context';

export interface BookingRef { booking: string; patient?: string; serviceType?: string }

export interface MetricsView {
  report: MetricsReport;
  units: UnitDirectory['units'];
  /** Request or Task id → the booking and patient behind it, for drill-down. */
  bookingOf: (id: string) => BookingRef;
}

const metricsKey = (range: MetricsRange) => ['metrics', range.from, range.to] as const;

export function useMetricsSnapshot(range: MetricsRange) {
  const { api } = useFhir();
  const client = useQueryClient();
  const key = metricsKey(range);
  return useQuery({
    queryKey: key,
    queryFn: () => fetchMetricsData(api, range, client.getQueryData<MetricsSnapshot>(key)),
    staleTime: Infinity,
  });
}

function refOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = (value as { reference?: unknown }).reference;
  return typeof ref === 'string' ? ref : undefined;
}

function bookingIndex(snapshot: MetricsSnapshot): (id: string) => BookingRef {
  const get = (id: string): Record<string, unknown> | undefined => {
    const r = snapshot.resources.get(id);
    return typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : undefined;
  };
  return (id) => {
    const task = id.startsWith('Task/') ? get(id) : undefined;
    const booking = task ? refOf(task.focus) ?? id : id;
    const request = get(booking);
    return { booking, patient: refOf(request?.subject) ?? refOf(task?.for) };
  };
}

export function useMetricsView(snapshot: MetricsSnapshot | undefined, filters: MetricsFilters, range: MetricsRange): MetricsView | undefined {
  const input = useMemo(() => (snapshot ? { input: snapshotInput(snapshot), dir: unitDirectory(snapshot.resources.values()), bookingOf: bookingIndex(snapshot) } : undefined), [snapshot]);
  return useMemo(() => {
    if (!input) return undefined;
    const report = computeAllMetrics(input.input, { from: range.from, to: range.to, timeZone: 'UTC', filters, unitOf: input.dir.unitOf });
    return { report, units: input.dir.units, bookingOf: input.bookingOf };
  }, [input, filters, range.from, range.to]);
}
