// The side panel: sign in when there is no session, otherwise the booking UI for
// the patient and service of the last overlay click. Server state through TanStack
// Query. Laid out in one column from 320 px (the side panel's narrowest).
import { Alert, Box, Button, CssBaseline, ThemeProvider, Typography } from '@mui/material';
import { QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getCurrentPatient, getSessionStatus, onPatientChanged, signIn, signOut } from './background-client';
import { PatientWorkspace } from './patient-workspace';
import { theme } from './theme';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

export function PanelApp() {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <Box component="main" sx={{ p: 1.5, minWidth: 0, maxWidth: '100%', overflowWrap: 'anywhere' }}>
          <Typography variant="h1" component="h1" sx={{ mb: 1 }}>CareRelay</Typography>
          <Panel />
        </Box>
      </QueryClientProvider>
    </ThemeProvider>
  );
}

function Panel() {
  const client = useQueryClient();
  const session = useQuery({ queryKey: ['session'], queryFn: getSessionStatus });
  const signedIn = session.data?.signedIn === true;
  const current = useQuery({ queryKey: ['current-patient'], queryFn: getCurrentPatient, enabled: signedIn });
  const login = useMutation({ mutationFn: signIn, onSuccess: (status) => client.setQueryData(['session'], status) });
  const logout = useMutation({ mutationFn: signOut, onSuccess: (status) => client.setQueryData(['session'], status) });
  useEffect(() => onPatientChanged(() => void client.invalidateQueries({ queryKey: ['current-patient'] })), [client]);

  if (session.isPending) return <p role="status">Checking your sign-in…</p>;
  if (session.error) return <Alert severity="error">CareRelay's background is not answering; reload the extension. ({session.error.message})</Alert>;
  if (!signedIn && !session.data?.fhirBaseUrl) {
    return <Alert severity="info">CareRelay is not set up yet. An administrator enters the EHR's FHIR server on the extension's options page.</Alert>;
  }
  if (!signedIn) {
    const error = login.data?.error ?? session.data?.error;
    return (
      <Box sx={{ display: 'grid', gap: 1 }}>
        <Typography>Sign in to the EHR ({session.data?.fhirBaseUrl}) to book transport.</Typography>
        {error && <Alert severity="error">{error}</Alert>}
        <Box><Button variant="contained" onClick={() => login.mutate()} disabled={login.isPending}>{login.isPending ? 'Signing in…' : 'Sign in'}</Button></Box>
      </Box>
    );
  }
  const patient = current.data?.patient;
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="body2">{signedInAs(session.data?.userName, session.data?.userRole)}</Typography>
        <Button size="small" onClick={() => logout.mutate()}>Sign out</Button>
      </Box>
      {current.isPending && <p role="status">Finding the patient…</p>}
      {current.data?.error && <Alert severity={current.data.error.startsWith('Booking blocked') ? 'error' : 'warning'}>{current.data.patientName ? `${current.data.patientName}: ` : ''}{current.data.error}</Alert>}
      {current.data && !patient && !current.data.error && <Typography>Open a patient's discharge screen in the EHR and choose "Book transport", "Home health" or "DME".</Typography>}
      {patient && <PatientWorkspace key={`${patient}:${current.data?.service ?? 'transport'}`} patient={patient} encounter={current.data?.encounter} fhirUser={session.data?.fhirUser} patientName={current.data?.patientName} service={current.data?.service} />}
    </Box>
  );
}

/** "Signed in as Dana Nguyen (Discharge nurse)": a name and role, never a FHIR reference. */
export function signedInAs(name: string | undefined, role: string | undefined): string {
  if (!name) return 'Signed in';
  return `Signed in as ${name}${role ? ` (${role})` : ''}`;
}
