// Pieces every booking form shares: the vendor choice (with why a vendor cannot
// take the job) and the send bar (progress, error with retry, the submit button).
import { Box, Button, LinearProgress, MenuItem, TextField, Typography } from '@mui/material';
import type { VendorOption } from '../booking/vendors';
import { ErrorNotice } from './error-notice';
import type { AddressValues } from './form-values';

export function VendorField(props: { label: string; value: string; options: VendorOption[]; onChange: (value: string) => void; helperText: string }) {
  return (
    <TextField select label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)} helperText={props.helperText}>
      {props.options.map((v) => (
        <MenuItem key={v.organization} value={v.organization} disabled={v.misses.length > 0}>
          {v.name}{v.misses.length ? ` (${v.misses.join(', ')})` : ''}
        </MenuItem>
      ))}
    </TextField>
  );
}

export function fittingCount(options: VendorOption[]): number {
  return options.filter((v) => v.misses.length === 0).length;
}

export function SendBar(props: { pending: boolean; error: unknown; onRetry: () => void; progress: string; submitLabel: string; missing?: string }) {
  return (
    <>
      {props.pending && <Box role="status"><LinearProgress /><Typography variant="body2">{props.progress}</Typography></Box>}
      {props.error ? <ErrorNotice error={props.error} onRetry={props.onRetry} /> : null}
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <Button type="submit" variant="contained" disabled={props.pending || Boolean(props.missing)}>{props.submitLabel}</Button>
        {props.missing && <Typography variant="body2">Needs {props.missing}.</Typography>}
      </Box>
    </>
  );
}

/** Street, city, state and ZIP, prefilled from the chart's home address. */
export function AddressFields<F extends AddressValues>(props: { streetLabel: string; form: F; set: <K extends keyof AddressValues>(key: K, value: string) => void; helperText?: string }) {
  const { form, set } = props;
  return (
    <>
      <TextField label={props.streetLabel} value={form.street} onChange={(e) => set('street', e.target.value)} helperText={props.helperText} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr 1fr' }, gap: 1 }}>
        <TextField label="City" value={form.city} onChange={(e) => set('city', e.target.value)} />
        <TextField label="State" value={form.state} onChange={(e) => set('state', e.target.value)} />
        <TextField label="ZIP" value={form.postalCode} onChange={(e) => set('postalCode', e.target.value)} />
      </Box>
    </>
  );
}
