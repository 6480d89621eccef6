// Where the patient goes: the discharge disposition in words, the drop-off it
// calls for (home, or the facility named on the encounter, or a facility to
// choose), the receiving unit and contact for a facility, and a warning with a
// required reason when the drop-off or the level departs from the chart.
import { Alert, Box, MenuItem, TextField, Typography } from '@mui/material';
import type { Dispatch, SetStateAction } from 'react';
import type { Proposal } from '../../booking/prefill';
import { dropoffConflict, levelRank, type Place } from '../../booking/right-service';
import { TRANSPORT_LEVELS } from '../../fhir/codes';
import { formatAddress } from '../../fhir/refs';
import { AddressFields } from '../form-parts';
import type { ChartChecks, TransportForm } from './transport-form';

export function useChartChecks(p: Proposal | undefined, form: TransportForm): ChartChecks {
  const dest = p?.destination;
  const address = { line: form.street ? [form.street] : [], city: form.city, state: form.state, postalCode: form.postalCode };
  const conflict = dest ? dropoffConflict(dest, address, p?.homeAddress) : undefined;
  const below = p && levelRank(form.level) < levelRank(p.level)
    ? `${TRANSPORT_LEVELS[form.level].display} is below what the chart indicates (${TRANSPORT_LEVELS[p.level].display}).`
    : undefined;
  return {
    ...(conflict ? { dropoffConflict: conflict } : {}),
    ...(below ? { levelBelowChart: below } : {}),
    unreadable: p?.unreadable ?? [],
    facilityRequired: dest?.kind === 'choose-facility' && !form.street.trim(),
  };
}

const addressOf = (p: Place) => ({ street: p.address?.line?.join(', ') ?? '', city: p.address?.city ?? '', state: p.address?.state ?? '', postalCode: p.address?.postalCode ?? '' });

export function DestinationFields({ proposal: p, form, setForm, checks }: {
  proposal?: Proposal;
  form: TransportForm;
  setForm: Dispatch<SetStateAction<TransportForm>>;
  checks: ChartChecks;
}) {
  const dest = p?.destination;
  const set = <K extends keyof TransportForm>(key: K, value: TransportForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  // Typing an address by hand leaves the directory facility behind.
  const setAddress = <K extends 'street' | 'city' | 'state' | 'postalCode'>(key: K, value: string) => setForm((f) => ({ ...f, [key]: value, dropoffRef: undefined, dropoffName: undefined }));
  const facility = dest?.kind === 'facility' || dest?.kind === 'choose-facility';
  const choices = dest?.choices ?? [];
  const helper = form.dropoffRef ? `${form.dropoffName ?? 'Facility'} from the directory` : dest?.kind === 'home' ? 'Home address from the chart' : facility ? 'The receiving facility' : 'Enter the drop-off';
  return (
    <Box role="group" aria-label="Drop-off" sx={{ display: 'grid', gap: 1.25 }}>
      <Typography data-testid="disposition">
        Discharge disposition: <strong>{dest?.dispositionWords ?? 'Not on the chart'}</strong>. {dest?.reason}
      </Typography>
      {dest?.kind === 'no-transport' && <Alert severity="warning">The disposition says no discharge transport is needed.</Alert>}
      {facility && choices.length > 0 && (
        <TextField select label="Receiving facility" value={form.dropoffRef ?? ''} onChange={(e) => {
          const chosen = choices.find((c) => c.reference === e.target.value);
          if (chosen) setForm((f) => ({ ...f, ...addressOf(chosen), dropoffRef: chosen.reference, dropoffName: chosen.name }));
        }} helperText={dest?.kind === 'facility' ? 'Named on the encounter' : `Choose the ${dest?.dispositionWords.toLowerCase()}`}>
          {choices.map((c) => <MenuItem key={c.reference} value={c.reference}>{c.name}, {formatAddress(c.address)}</MenuItem>)}
        </TextField>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 1.25 }}>
        <AddressFields streetLabel="Drop-off street" form={form} set={setAddress} helperText={helper} />
      </Box>
      {dest?.needsReceiver && (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 1.25 }}>
          <TextField label="Receiving unit" value={form.receivingUnit ?? ''} onChange={(e) => set('receivingUnit', e.target.value)} helperText="Unit or floor that takes the patient" />
          <TextField label="Receiving contact" value={form.receivingContact ?? ''} onChange={(e) => set('receivingContact', e.target.value)} helperText="Name and phone of the receiving nurse" />
        </Box>
      )}
      {(checks.dropoffConflict || checks.levelBelowChart) && (
        <>
          <Alert severity="warning" data-testid="chart-departure">{[checks.dropoffConflict, checks.levelBelowChart].filter(Boolean).join(' ')}</Alert>
          <TextField label="Reason for departing from the chart" required value={form.departureReason ?? ''} onChange={(e) => set('departureReason', e.target.value)} />
        </>
      )}
    </Box>
  );
}
