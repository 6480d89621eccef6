// Order equipment for home on one screen: the item (HCPCS), the delivery window
// and address, a supplier that delivers it, and whether it must be there before
// the patient arrives (checked against the transport pickup).
import { Alert, Box, Checkbox, FormControlLabel, MenuItem, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import type { ChartModel } from '../../chart/chart-model';
import { checkDelivery, defaultWindow, pickupToBeat } from '../../booking/dme-timing';
import { matchVendors } from '../../booking/vendors';
import { newBookingIds, planBooking } from '../../booking/write-plan';
import { DME_ITEMS } from '../../fhir/codes';
import { useDuplicateGuard } from '../send/duplicate-check';
import { AddressFields, SendBar, VendorField, fittingCount } from '../form-parts';
import { FallbackNotice } from '../send/fallback-notice';
import { useFhir } from '../data/fhir-context';
import { useSendBooking } from '../send/use-send-booking';
import { fromLocalInput, toLocalInput } from '../book-transport/transport-form';
import { DME_CODES, dmeCapabilities, dmeDraft, dmeMissing, isDmeItem, neededOnArrival, type DmeForm } from './dme-form';

export function BookDme({ model, onBooked }: { model: ChartModel; onBooked: () => void }) {
  const { context } = useFhir();
  const p = model.proposal;
  // Home health and equipment go to the home, whatever the transport drop-off is.
  const home = p?.homeAddress ?? p?.dropoff?.address;
  const tie = useMemo(() => pickupToBeat(model.bookings, p?.time), [model.bookings, p?.time]);
  const [form, setForm] = useState<DmeForm>(() => {
    const w = defaultWindow(tie.pickup, new Date());
    const item = p?.flags.includes('oxygen') ? 'E1390' : 'E0143';
    return {
      item, windowStart: toLocalInput(w.start), windowEnd: toLocalInput(w.end), beforeArrival: neededOnArrival(item),
      street: home?.line?.join(', ') ?? '', city: home?.city ?? '', state: home?.state ?? '',
      postalCode: home?.postalCode ?? '', vendor: '', note: '',
    };
  });
  const set = <K extends keyof DmeForm>(key: K, value: DmeForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const suppliers = useMemo(
    () => matchVendors(model.services, model.organizations, { service: 'dme', flags: dmeCapabilities(form.item), postalCode: form.postalCode, at: fromLocalInput(form.windowStart) }),
    [model.services, model.organizations, form.item, form.postalCode, form.windowStart],
  );
  const vendor = form.vendor || suppliers.find((v) => v.misses.length === 0)?.organization || '';
  const check = form.beforeArrival ? checkDelivery(fromLocalInput(form.windowEnd), tie) : undefined;
  const [ids] = useState(() => newBookingIds(() => crypto.randomUUID(), { dropoff: { kind: 'residence' } }));
  const send = useSendBooking(onBooked);
  const duplicate = useDuplicateGuard(model, 'dme', { start: fromLocalInput(form.windowStart), end: fromLocalInput(form.windowEnd) });
  const missing = dmeMissing(form, vendor) ?? duplicate.missing;
  const submit = () => {
    const draft = dmeDraft(form, { patient: `Patient/${context.patient}`, encounter: context.encounter && `Encounter/${context.encounter}`, requester: context.fhirUser, vendor, coverage: p?.coverage?.reference, pickup: tie.pickup });
    send.mutate({ plan: planBooking({ ...draft, ...duplicate.draft }, ids, new Date().toISOString()), summary: `${DME_ITEMS[form.item]} delivery ${form.windowStart.replace('T', ' ')}` });
  };
  return (
    <Box component="form" aria-labelledby="dme-heading" onSubmit={(e) => { e.preventDefault(); if (!send.isPending && !missing) submit(); }} sx={{ display: 'grid', gap: 1.25, maxWidth: 900 }}>
      <Typography variant="h2" component="h2" id="dme-heading">Order equipment (DME)</Typography>
      <FallbackNotice />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 1.25 }}>
        <TextField select label="Item" value={form.item} onChange={(e) => { const item = isDmeItem(e.target.value) ? e.target.value : form.item; setForm((f) => ({ ...f, item, beforeArrival: neededOnArrival(item) })); }}>
          {DME_CODES.map((code) => <MenuItem key={code} value={code}>{DME_ITEMS[code]} ({code})</MenuItem>)}
        </TextField>
        <FormControlLabel label="Must arrive before the patient gets home" control={<Checkbox checked={form.beforeArrival} onChange={(e) => set('beforeArrival', e.target.checked)} />} />
        <TextField label="Delivery from" type="datetime-local" value={form.windowStart} onChange={(e) => set('windowStart', e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField label="Delivery by" type="datetime-local" value={form.windowEnd} onChange={(e) => set('windowEnd', e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <AddressFields streetLabel="Delivery street" form={form} set={set} helperText="Home address from the chart" />
      </Box>
      {check && <Alert severity={check.ok ? 'success' : 'warning'} data-testid="delivery-check">{check.message}</Alert>}
      <VendorField label="Supplier" value={vendor} options={suppliers} onChange={(v) => set('vendor', v)} helperText={`${fittingCount(suppliers)} of ${suppliers.length} suppliers can deliver this`} />
      <TextField label="Note for the supplier" value={form.note} onChange={(e) => set('note', e.target.value)} multiline minRows={1} />
      {duplicate.element}
      <SendBar pending={send.isPending} error={send.error} onRetry={submit} progress="Sending the order…" submitLabel="Order delivery" missing={missing} />
    </Box>
  );
}
