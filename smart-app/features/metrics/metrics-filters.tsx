// Date range and filters for the Metrics tab. Dates are whole days in the
// facility's time zone (the deployment's timeZone), the "to" day included;
// the ISO weeks are counted in the same zone.
import { Box, Button, TextField } from '@mui/material';
import { SERVICE_TYPES } from '../../../shared/fhir/codes';
import { startOfLocalDay } from '../../../shared/metrics/iso-week';
import { SERVICE_LABELS } from '../../../shared/metrics/metrics-csv';
import type { Unit } from '../../../shared/metrics/units';

export interface FilterState { from: string; to: string; serviceType: string; vendor: string; unit: string }

const DAY_MS = 86_400_000;
/** The local calendar date ("YYYY-MM-DD") of an instant in `timeZone`. */
export function localDate(ms: number, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** Thirteen weeks ending today: the last twelve full weeks and this one. */
export function defaultFilters(timeZone: string, now = Date.now()): FilterState {
  return { from: localDate(now - 13 * 7 * DAY_MS, timeZone), to: localDate(now, timeZone), serviceType: '', vendor: '', unit: '' };
}

/** From the start of the "from" day to the end of the "to" day, both in `timeZone`. */
export function rangeOf(f: FilterState, timeZone: string): { from: string; to: string } | undefined {
  const from = startOfLocalDay(f.from, timeZone);
  const toDay = startOfLocalDay(f.to, timeZone);
  // The day after "to" (its local date, so a 23- or 25-hour day ends at its real end).
  const to = toDay === undefined ? undefined : startOfLocalDay(new Date(Date.parse(`${f.to}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10), timeZone);
  return from !== undefined && to !== undefined && from < to ? { from: new Date(from).toISOString(), to: new Date(to).toISOString() } : undefined;
}

interface Props {
  value: FilterState;
  onChange: (next: FilterState) => void;
  vendors: { ref: string; name: string }[];
  units: Unit[];
  onRefresh: () => void;
  refreshing: boolean;
  onExport?: () => void;
}

export function MetricsFilters({ value, onChange, vendors, units, onRefresh, refreshing, onExport }: Props) {
  const set = (patch: Partial<FilterState>) => onChange({ ...value, ...patch });
  // Native selects size to their longest option (a long vendor name): cap the width. The label
  // stays shrunk above the value ("All vendors" is a value), so it never draws over it.
  const select = { select: { native: true }, inputLabel: { shrink: true } } as const;
  const selectSx = { width: 220, maxWidth: '100%' } as const;
  return (
    <Box component="form" aria-label="Metrics filters" onSubmit={(e) => e.preventDefault()} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center', my: 1 }}>
      <TextField size="small" type="date" label="From" value={value.from} onChange={(e) => set({ from: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField size="small" type="date" label="To (included)" value={value.to} onChange={(e) => set({ to: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField select size="small" label="Service" sx={selectSx} value={value.serviceType} onChange={(e) => set({ serviceType: e.target.value })} slotProps={select}>
        <option value="">All services</option>
        {SERVICE_TYPES.map((t) => <option key={t} value={t}>{SERVICE_LABELS[t] ?? t}</option>)}
      </TextField>
      <TextField select size="small" label="Vendor" sx={selectSx} value={value.vendor} onChange={(e) => set({ vendor: e.target.value })} slotProps={select}>
        <option value="">All vendors</option>
        {vendors.map((v) => <option key={v.ref} value={v.ref}>{v.name}</option>)}
      </TextField>
      <TextField select size="small" label="Unit" sx={selectSx} value={value.unit} onChange={(e) => set({ unit: e.target.value })} slotProps={select}>
        <option value="">All units</option>
        {units.map((u) => <option key={u.ref} value={u.ref}>{u.name}</option>)}
      </TextField>
      <Button variant="outlined" onClick={onRefresh} disabled={refreshing}>{refreshing ? 'Refreshing…' : 'Refresh'}</Button>
      {onExport && <Button variant="outlined" onClick={onExport}>Download CSV (by week)</Button>}
    </Box>
  );
}
