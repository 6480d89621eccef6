// Says so when this EHR lacks transactions or conditional create, so the user
// knows CareRelay is writing step by step with a duplicate check before each write.
import { Alert } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { fallbackNotice, serverFeatures } from '../../booking/fallback-writes';
import { useFhir } from '../data/fhir-context';

/** `what` is written step by step: "the booking" (default), "the cancellation", "the new time". */
export function FallbackNotice({ what }: { what?: string } = {}) {
  const { api } = useFhir();
  const features = useQuery({ queryKey: ['carerelay', 'server-features'], queryFn: () => serverFeatures(api), staleTime: Infinity });
  const text = features.data ? fallbackNotice(features.data, what) : undefined;
  // role=status: information, not an error (the dialogs' errors are the alerts).
  return text ? <Alert severity="info" role="status" data-testid="fallback-notice">{text}</Alert> : null;
}
