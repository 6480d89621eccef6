// The booking card's dead end (every vendor declined, or the vendor did not
// show): one sentence that is true, each vendor with its phone and why it could
// not, and the actions that resolve it. The same actions sit on the worklist step.
import { Alert, Box, Button } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import type { Booking } from '../../booking/booking-view';
import type { DeadEnd } from '../../booking/dead-end';
import type { ChartModel } from '../../chart/chart-model';
import { timeWord } from '../../booking/booking-words';
import { VendorContactList } from '../vendor-contacts';
import type { PhoneVendor } from './phone-booking-dialog';

const PhoneBookingDialog = lazy(() => import('./phone-booking-dialog').then((m) => ({ default: m.PhoneBookingDialog })));
const ChangeRequestDialog = lazy(() => import('./resend-dialogs').then((m) => ({ default: m.ChangeRequestDialog })));
const WithdrawDialog = lazy(() => import('./resend-dialogs').then((m) => ({ default: m.WithdrawDialog })));

export function phoneVendors(model: Pick<ChartModel, 'services' | 'organizations'>, contacts: { organization: string; name: string; phone?: string }[]): PhoneVendor[] {
  return contacts.map((c) => {
    const hs = model.services.find((s) => s.providedBy?.reference === c.organization);
    return { organization: c.organization, name: c.name, ...(c.phone ? { phone: c.phone } : {}), ...(hs?.id ? { healthcareService: `HealthcareService/${hs.id}` } : {}) };
  });
}

export function DeadEndPanel({ booking: b, model, deadEnd }: { booking: Booking; model: ChartModel; deadEnd: DeadEnd }) {
  const [open, setOpen] = useState<'phone' | 'change' | 'withdraw' | undefined>();
  const close = () => setOpen(undefined);
  return (
    <Alert severity="warning" sx={{ mt: 0.5 }} data-testid="dead-end" role="region" aria-label="No vendor is handling this booking">
      <Box data-testid="dead-end-headline">{deadEnd.headline}</Box>
      <VendorContactList label="Vendors to call" contacts={deadEnd.contacts} why={(c) => deadEnd.contacts.find((x) => x.organization === c.organization)?.why} />
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 0.5 }}>
        <Button size="small" variant="contained" onClick={() => setOpen('phone')}>Record a booking made by phone</Button>
        <Button size="small" variant="outlined" onClick={() => setOpen('change')}>{deadEnd.kind === 'vendor-no-show' ? 'Offer to another vendor' : 'Change the request'}</Button>
        <Button size="small" color="error" onClick={() => setOpen('withdraw')}>Cancel booking</Button>
      </Box>
      <Suspense fallback={null}>
        {open === 'phone' && (
          <PhoneBookingDialog requestType={b.resourceType} requestId={b.id} timeWord={timeWord(b.service)} initialTime={b.requestedTime ?? b.time}
            vendors={phoneVendors(model, deadEnd.contacts)} onClose={close} />
        )}
        {open === 'change' && <ChangeRequestDialog booking={b} model={model} onClose={close} />}
        {open === 'withdraw' && <WithdrawDialog booking={b} onClose={close} />}
      </Suspense>
    </Alert>
  );
}
