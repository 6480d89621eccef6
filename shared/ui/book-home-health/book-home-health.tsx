// Refer to home health on one screen: disciplines, start of care, the 48-hour
// first-visit deadline, the home address and an agency that covers it.
import { Alert, Box, Checkbox, FormControlLabel, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import type { ChartModel } from '../../chart/chart-model';
import { matchVendors } from '../../booking/vendors';
import { newBookingIds, planBooking } from '../../booking/write-plan';
import { useDuplicateGuard } from '../send/duplicate-check';
import { AddressFields, SendBar, VendorField, fittingCount } from '../form-parts';
import { FallbackNotice } from '../send/fallback-notice';
import { formatDateTime } from '../booking-status';
import { useFhir } from '../data/fhir-context';
import { useSendBooking } from '../send/use-send-booking';
import { fromLocalInput, toLocalInput } from '../book-transport/transport-form';
import { DISCIPLINES, firstVisitDue, homeHealthDraft, homeHealthMissing, type HomeHealthForm } from './home-health-form';

const DAY_MS = 86_400_000;

export function BookHomeHealth({ model, onBooked }: { model: ChartModel; onBooked: () => void }) {
  const { context } = useFhir();
  const p = model.proposal;
  // Home health and equipment go to the home, whatever the transport drop-off is.
  const home = p?.homeAddress ?? p?.dropoff?.address;
  const [form, setForm] = useState<HomeHealthForm>(() => ({
    disciplines: ['home-health-nursing', 'home-health-pt'],
    // The day after discharge: the patient is home, the agency has had a day.
    startOfCare: toLocalInput(p?.time ? new Date(Date.parse(p.time) + DAY_MS).toISOString() : undefined),
    street: home?.line?.join(', ') ?? '',
    city: home?.city ?? '',
    state: home?.state ?? '',
    postalCode: home?.postalCode ?? '',
    vendor: '',
    note: '',
  }));
  const set = <K extends keyof HomeHealthForm>(key: K, value: HomeHealthForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const agencies = useMemo(
    () => matchVendors(model.services, model.organizations, { service: 'home-health', flags: form.disciplines, postalCode: form.postalCode }),
    [model.services, model.organizations, form.disciplines, form.postalCode],
  );
  const vendor = form.vendor || agencies.find((v) => v.misses.length === 0)?.organization || '';
  const [ids] = useState(() => newBookingIds(() => crypto.randomUUID(), { dropoff: { kind: 'residence' } }));
  const send = useSendBooking(onBooked);
  const rule = firstVisitDue(new Date(), { returnHomeAt: p?.time, orderedStartOfCare: form.socOrdered ? fromLocalInput(form.startOfCare) : undefined });
  const due = rule.due;
  const late = form.startOfCare && Date.parse(fromLocalInput(form.startOfCare) ?? '') > Date.parse(due);
  const duplicate = useDuplicateGuard(model, 'home-health', { start: fromLocalInput(form.startOfCare) });
  const missing = homeHealthMissing(form, vendor) ?? duplicate.missing;
  const submit = () => {
    const draft = homeHealthDraft(form, { patient: `Patient/${context.patient}`, encounter: context.encounter && `Encounter/${context.encounter}`, requester: context.fhirUser, vendor, coverage: p?.coverage?.reference, returnHomeAt: p?.time }, new Date());
    send.mutate({ plan: planBooking({ ...draft, ...duplicate.draft }, ids, new Date().toISOString()), summary: `Home health referral, start of care ${form.startOfCare.replace('T', ' ')}` });
  };
  return (
    <Box component="form" aria-labelledby="hh-heading" onSubmit={(e) => { e.preventDefault(); if (!send.isPending && !missing) submit(); }} sx={{ display: 'grid', gap: 1.25, maxWidth: 900 }}>
      <Typography variant="h2" component="h2" id="hh-heading">Refer to home health</Typography>
      <FallbackNotice />
      {p?.disposition && <Typography variant="body2">Discharge disposition: {p.disposition}</Typography>}
      <Box role="group" aria-label="Disciplines">
        {DISCIPLINES.map(([d, label]) => (
          <FormControlLabel key={d} label={label} control={<Checkbox checked={form.disciplines.includes(d)} onChange={(e) => set('disciplines', e.target.checked ? [...form.disciplines, d] : form.disciplines.filter((x) => x !== d))} />} />
        ))}
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 1.25 }}>
        <TextField label="Start of care" type="datetime-local" value={form.startOfCare} onChange={(e) => set('startOfCare', e.target.value)} slotProps={{ inputLabel: { shrink: true } }} helperText={p?.time ? 'The day after the planned discharge' : 'Not on the chart: enter it'} />
        <TextField label="First visit due by" value={formatDateTime(due)} slotProps={{ input: { readOnly: true } }} helperText={rule.words} />
        <FormControlLabel label="The physician ordered this start-of-care date" control={<Checkbox checked={Boolean(form.socOrdered)} onChange={(e) => set('socOrdered', e.target.checked)} />} />
        <AddressFields streetLabel="Home street" form={form} set={set} />
      </Box>
      {late && <Alert severity="warning">Start of care is after the 48-hour first-visit deadline: the agency must still make first contact by {formatDateTime(due)}.</Alert>}
      <VendorField label="Agency" value={vendor} options={agencies} onChange={(v) => set('vendor', v)} helperText={`${fittingCount(agencies)} of ${agencies.length} agencies cover these disciplines at this address`} />
      <TextField label="Note for the agency" value={form.note} onChange={(e) => set('note', e.target.value)} multiline minRows={1} />
      {duplicate.element}
      <SendBar pending={send.isPending} error={send.error} onRetry={submit} progress="Sending the referral…" submitLabel="Send referral" missing={missing} />
    </Box>
  );
}
