// Out of a dead end: change the request (time, level) and offer it to a vendor
// the owner picks; or withdraw it with a reason. Open exception steps about the
// booking are completed in the same write.
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Booking } from '../../booking/booking-view';
import { needOf } from '../../booking/dead-end';
import { flagsForLevel, levelWords, vendorContacts } from '../../booking/no-vendor';
import { resendBooking, withdrawBooking } from '../../booking/resend';
import { TRANSPORT_LEVEL_CODES, type TransportLevel } from '../../fhir/codes';
import type { ChartModel } from '../../chart/chart-model';
import { openExceptionSteps } from '../../workflow/exception-steps';
import { ErrorNotice } from '../error-notice';
import { chartKey, useFhir } from '../data/fhir-context';
import { fromLocalInput, toLocalInput } from '../book-transport/transport-form';

export function ChangeRequestDialog({ booking: b, model, onClose }: { booking: Booking; model: ChartModel; onClose: () => void }) {
  const { api, context } = useFhir();
  const client = useQueryClient();
  const [time, setTime] = useState(() => toLocalInput(b.requestedTime ?? b.time));
  const base = useMemo(() => needOf(b, { postalCode: model.proposal?.dropoff?.address.postalCode }), [b, model.proposal]);
  const [level, setLevel] = useState<TransportLevel | undefined>(base.level);
  const [vendor, setVendor] = useState('');
  const contacts = useMemo(
    () => vendorContacts(model.services, model.organizations, { ...base, at: fromLocalInput(time), ...(level ? { level, flags: flagsForLevel(level, base.flags) } : {}) }),
    [model.services, model.organizations, base, time, level],
  );
  const chosen = contacts.find((c) => c.organization === vendor && c.misses.length === 0);
  const mutation = useMutation({
    mutationFn: async () => resendBooking(api, {
      requestType: b.resourceType, requestId: b.id, to: { organization: chosen?.organization ?? '', name: chosen?.name ?? '' },
      start: fromLocalInput(time), ...(level ? { level } : {}), actor: context.fhirUser, now: new Date().toISOString(), newId: () => crypto.randomUUID(),
      steps: await openExceptionSteps(api, `${b.resourceType}/${b.id}`),
    }),
    onSettled: () => client.invalidateQueries({ queryKey: chartKey(context.patient) }),
    onSuccess: onClose,
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="change-request-title">
      <DialogTitle id="change-request-title">Change the request and offer it to a vendor</DialogTitle>
      <DialogContent>
        <DialogContentText>Change the time{b.service === 'transport' ? ' or the level of service (only if clinically acceptable)' : ''}, then choose a vendor that can take it. A new request goes to that vendor; what happened before stays on the record.</DialogContentText>
        <TextField label="Time" type="datetime-local" fullWidth margin="dense" value={time} onChange={(e) => setTime(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        {b.service === 'transport' && level && (
          <TextField select label="Level of service" fullWidth margin="dense" value={level} onChange={(e) => setLevel(TRANSPORT_LEVEL_CODES.find((c) => c === e.target.value) ?? level)}>
            {TRANSPORT_LEVEL_CODES.map((c) => <MenuItem key={c} value={c}>{levelWords(c)}</MenuItem>)}
          </TextField>
        )}
        <TextField select label="Offer to" fullWidth margin="dense" value={vendor} onChange={(e) => setVendor(e.target.value)} helperText={`${contacts.filter((c) => c.misses.length === 0).length} of ${contacts.length} vendors can take it as changed`}>
          {contacts.map((c) => <MenuItem key={c.organization} value={c.organization} disabled={c.misses.length > 0}>{c.name}{c.misses.length ? ` (${c.misses.join(', ')})` : ''}</MenuItem>)}
        </TextField>
        {mutation.error && <ErrorNotice error={mutation.error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button variant="contained" disabled={!chosen || !fromLocalInput(time) || mutation.isPending} onClick={() => mutation.mutate()}>
          {mutation.isPending ? 'Sending…' : 'Send to vendor'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function WithdrawDialog({ booking: b, onClose }: { booking: Booking; onClose: () => void }) {
  const { api, context } = useFhir();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [provenanceId] = useState(() => crypto.randomUUID());
  const mutation = useMutation({
    mutationFn: async () => withdrawBooking(api, {
      requestType: b.resourceType, requestId: b.id, reason, actor: context.fhirUser, provenanceId, now: new Date().toISOString(),
      steps: await openExceptionSteps(api, `${b.resourceType}/${b.id}`),
    }),
    onSettled: () => client.invalidateQueries({ queryKey: chartKey(context.patient) }),
    onSuccess: onClose,
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="withdraw-title">
      <DialogTitle id="withdraw-title">Cancel {b.label.toLowerCase()}</DialogTitle>
      <DialogContent>
        <DialogContentText>No vendor holds this booking; cancelling withdraws the order.</DialogContentText>
        <TextField label="Reason" required fullWidth margin="dense" value={reason} onChange={(e) => setReason(e.target.value)} />
        {mutation.error && <ErrorNotice error={mutation.error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Keep booking</Button>
        <Button color="error" variant="contained" disabled={!reason.trim() || mutation.isPending} onClick={() => mutation.mutate()}>
          {mutation.isPending ? 'Cancelling…' : 'Cancel booking'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
