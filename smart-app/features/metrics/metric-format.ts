// How figures read on screen: durations as hours and minutes, shares as
// percentages; a figure with no data says so instead of showing 0.
import { isDurationKey } from '../../../shared/metrics/metrics-csv';

const MINUTE_MS = 60_000;

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export const formatShare = (share: number): string => `${(share * 100).toFixed(1)}%`;

export function formatFigure(key: string, value: number | null): string {
  if (value === null) return 'No data';
  return isDurationKey(key) ? formatDuration(value) : formatShare(value);
}

/** The value in the unit a chart plots: hours for durations, percent for shares. */
export function chartValue(key: string, value: number | null): number | null {
  if (value === null) return null;
  return isDurationKey(key) ? Math.round((value / 3_600_000) * 100) / 100 : Math.round(value * 1000) / 10;
}

export const chartUnit = (key: string): string => (isDurationKey(key) ? 'hours' : '%');

/** A share's ids are its counted members, so "count of n" can be checked against the drill-down list. */
export const figureDetail = (key: string, n: number, ids: readonly string[]): string => (isDurationKey(key) ? `n = ${n}` : `${ids.length} of ${n}`);
