// Date range and filters for the Metrics tab. Dates are whole UTC days, the
// "to" day included (the seed and the ISO weeks are in UTC).
import { Box, Button, TextField } from '@mui/material';
import { SERVICE_TYPES } from '../../../shared/fhir/codes';
import { SERVICE_LABELS } from '../../../shared/metrics/metrics-csv';
import type { Unit } from '../../../shared/metrics/units';

export interface FilterState { from: string; to: string; serviceType: string; vendor: string; unit: string }

const DAY_MS = 86_400_000;
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** Thirteen weeks ending today: the last twelve full weeks and this one. */
export function defaultFilters(now = Date.now()): FilterState {
  return { from: day(now - 13 * 7 * DAY_MS), to: day(now), serviceType: '', vendor: '', unit: '' };
}

export function rangeOf(f: FilterState): { from: string; to: string } | undefined {
  const from = Date.parse(`${f.from}T00:00:00Z`);
  const to = Date.parse(`${f.to}T00:00:00Z`) + DAY_MS;
  return Number.isFinite(from) && Number.isFinite(to) && from < to ? { from: new Date(from).toISOString(), to: new Date(to).toISOString() } : undefined;
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
  const select = { select: { native: true } } as const;
  return (
    <Box component="form" aria-label="Metrics filters" onSubmit={(e) => e.preventDefault()} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center', my: 1 }}>
      <TextField size="small" type="date" label="From" value={value.from} onChange={(e) => set({ from: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField size="small" type="date" label="To (included)" value={value.to} onChange={(e) => set({ to: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField select size="small" label="Service" value={value.serviceType} onChange={(e) => set({ serviceType: e.target.value })} slotProps={select}>
        <option value="">All services</option>
        {SERVICE_TYPES.map((t) => <option key={t} value={t}>{SERVICE_LABELS[t] ?? t}</option>)}
      </TextField>
      <TextField select size="small" label="Vendor" value={value.vendor} onChange={(e) => set({ vendor: e.target.value })} slotProps={select}>
        <option value="">All vendors</option>
        {vendors.map((v) => <option key={v.ref} value={v.ref}>{v.name}</option>)}
      </TextField>
      <TextField select size="small" label="Unit" value={value.unit} onChange={(e) => set({ unit: e.target.value })} slotProps={select}>
        <option value="">All units</option>
        {units.map((u) => <option key={u.ref} value={u.ref}>{u.name}</option>)}
      </TextField>
      <Button variant="outlined" onClick={onRefresh} disabled={refreshing}>{refreshing ? 'Refreshing…' : 'Refresh'}</Button>
      {onExport && <Button variant="outlined" onClick={onExport}>Download CSV (by week)</Button>}
    </Box>
  );
}
