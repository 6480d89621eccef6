// The actions on an exception step itself (all vendors declined, vendor no-show):
// record the booking made by phone, with the vendor directory's phone numbers.
// The directory is read only when the dialog opens.
import { Button } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { entriesOf } from '../../fhir/api';
import { SERVICE_TYPES, type ServiceType } from '../../fhir/codes';
import type { TServiceRequest } from '../../fhir/schemas';
import { vendorContacts } from '../../booking/no-vendor';
import { timeWord } from '../../booking/booking-words';
import { useFhir } from '../data/fhir-context';
import { phoneVendors } from '../bookings/dead-end-panel';
import type { WorklistItem } from '../../workflow/worklist';

const PhoneBookingDialog = lazy(() => import('../bookings/phone-booking-dialog').then((m) => ({ default: m.PhoneBookingDialog })));

export function ExceptionStepActions({ item, request, refresh }: { item: WorklistItem; request?: TServiceRequest; refresh: readonly unknown[] }) {
  const [open, setOpen] = useState(false);
  const focus = item.task.focus?.reference ?? '';
  const [type, id] = focus.split('/');
  const service: ServiceType = SERVICE_TYPES.find((s) => s === item.service) ?? 'transport';
  if ((type !== 'ServiceRequest' && type !== 'DeviceRequest') || !id) return null;
  return (
    <>
      <Button size="small" variant="contained" onClick={() => setOpen(true)}>Record a booking made by phone</Button>
      {open && (
        <Suspense fallback={null}>
          <DirectoryLoader service={service}>
            {(vendors) => (
              <PhoneBookingDialog requestType={type} requestId={id} timeWord={timeWord(service)} vendors={vendors}
                initialTime={request?.occurrencePeriod?.start} onClose={() => setOpen(false)} alsoRefresh={refresh} />
            )}
          </DirectoryLoader>
        </Suspense>
      )}
    </>
  );
}

function DirectoryLoader({ service, children }: { service: ServiceType; children: (vendors: ReturnType<typeof phoneVendors>) => React.ReactNode }) {
  const { api } = useFhir();
  const directory = useQuery({
    queryKey: ['vendor-directory'],
    queryFn: async () => {
      const bundle = await api.search('HealthcareService', { active: 'true', _include: 'HealthcareService:organization', _count: '200' });
      return { services: entriesOf(bundle, 'HealthcareService'), organizations: entriesOf(bundle, 'Organization') };
    },
    staleTime: 5 * 60_000,
  });
  if (!directory.data) return <span role="status">Loading the vendor directory…</span>;
  const contacts = vendorContacts(directory.data.services, directory.data.organizations, { service, flags: [] });
  return <>{children(phoneVendors(directory.data, contacts))}</>;
}
