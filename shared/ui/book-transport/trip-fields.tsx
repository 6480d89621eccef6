// One way, round trip with a set return time, or a will-call return (the
// patient or the clinic calls when ready); and the Physician Certification
// Statement an ambulance leg needs.
import { Box, FormControlLabel, Radio, RadioGroup, TextField } from '@mui/material';
import type { TransportForm } from './transport-form';

type Set = <K extends keyof TransportForm>(key: K, value: TransportForm[K]) => void;

export function TripFields({ form, set }: { form: TransportForm; set: Set }) {
  return (
    <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
      <RadioGroup row aria-label="Trip" value={form.trip} onChange={(e) => set('trip', e.target.value === 'round-trip' || e.target.value === 'will-call' ? e.target.value : 'one-way')}>
        <FormControlLabel value="one-way" control={<Radio />} label="One way" />
        <FormControlLabel value="round-trip" control={<Radio />} label="Round trip" />
        <FormControlLabel value="will-call" control={<Radio />} label="Round trip, will-call return" />
      </RadioGroup>
      {form.trip === 'round-trip' && (
        <TextField size="small" label="Return pickup" type="datetime-local" value={form.returnTime} onChange={(e) => set('returnTime', e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
      )}
    </Box>
  );
}

export function PcsFields({ form, set }: { form: TransportForm; set: Set }) {
  return (
    <Box role="group" aria-label="Physician Certification Statement" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 2fr 1fr' }, gap: 1 }}>
      <TextField size="small" label="Certifying physician" value={form.pcsPhysician} onChange={(e) => set('pcsPhysician', e.target.value)} required />
      <TextField size="small" label="Why an ambulance is medically necessary" value={form.pcsReason} onChange={(e) => set('pcsReason', e.target.value)} required />
      <TextField size="small" label="Date certified" type="date" value={form.pcsDate} onChange={(e) => set('pcsDate', e.target.value)} slotProps={{ inputLabel: { shrink: true } }} required />
    </Box>
  );
}
