// The administrator's page: which EHR origins get the overlay, which FHIR server
// and client id to sign in with, and a SMART discovery check. Host permissions
// for https origins are requested here, on the Save click (a user gesture).
import { Alert, Box, Button, CssBaseline, TextField, ThemeProvider, Typography } from '@mui/material';
import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { loadSettings, saveSettings } from '../background/settings';
import { testConnection } from '../panel/background-client';
import { theme } from '../panel/theme';
import { originsToRequest, parseForm, toForm, type FieldErrors, type SettingsForm } from './settings-form';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 0, refetchOnWindowFocus: false } } });

export function OptionsApp() {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <Box component="main" sx={{ p: 2, maxWidth: 720, mx: 'auto' }}>
          <Typography variant="h1" component="h1" sx={{ mb: 2 }}>CareRelay settings</Typography>
          <Options />
        </Box>
      </QueryClientProvider>
    </ThemeProvider>
  );
}

function Options() {
  const stored = useQuery({ queryKey: ['settings'], queryFn: () => loadSettings(browser.storage.local) });
  const [form, setForm] = useState<SettingsForm | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  useEffect(() => {
    if (stored.data && !form) setForm(toForm(stored.data));
  }, [stored.data, form]);
  const save = useMutation({
    mutationFn: async (f: SettingsForm) => {
      const parsed = parseForm(f);
      setErrors(parsed.ok ? {} : parsed.errors);
      if (!parsed.ok) return 'invalid' as const;
      const origins = originsToRequest(parsed.settings);
      if (origins.length > 0 && !(await browser.permissions.request({ origins }))) return 'denied' as const;
      await saveSettings(browser.storage.local, parsed.settings);
      return 'saved' as const;
    },
  });
  const check = useMutation({ mutationFn: (url: string) => testConnection(url) });
  if (!form) return <p role="status">Loading settings…</p>;
  const set = (key: keyof SettingsForm) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  return (
    <Box component="form" noValidate aria-label="CareRelay settings" onSubmit={(e) => { e.preventDefault(); save.mutate(form); }} sx={{ display: 'grid', gap: 2 }}>
      <TextField label="FHIR base URL" value={form.fhirBaseUrl} onChange={set('fhirBaseUrl')} error={Boolean(errors.fhirBaseUrl)} helperText={errors.fhirBaseUrl ?? 'The EHR\'s FHIR R4 endpoint (the SMART "iss")'} />
      <TextField label="Client ID" value={form.clientId} onChange={set('clientId')} error={Boolean(errors.clientId)} helperText={errors.clientId ?? 'As registered with the EHR (public client, PKCE)'} />
      <TextField label="EHR origins" value={form.ehrOrigins} onChange={set('ehrOrigins')} multiline minRows={3} error={Boolean(errors.ehrOrigins)} helperText={errors.ehrOrigins ?? 'One per line, e.g. https://ehr.example.org; the overlay appears only there'} />
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button type="submit" variant="contained" disabled={save.isPending}>Save</Button>
        <Button variant="outlined" onClick={() => check.mutate(form.fhirBaseUrl.trim())} disabled={check.isPending}>Test connection</Button>
      </Box>
      <Box role="status" aria-live="polite">
        {save.data === 'saved' && <Alert severity="success">Saved. Sign in again from the side panel if you changed the FHIR server.</Alert>}
        {save.data === 'invalid' && <Alert severity="error">Not saved: fix the fields marked in red.</Alert>}
        {save.data === 'denied' && <Alert severity="warning">Not saved: the browser did not grant access to those origins.</Alert>}
        {save.error && <Alert severity="error">Not saved: {save.error.message}</Alert>}
        {check.isPending && <Typography>Checking SMART configuration…</Typography>}
        {check.data && (
          <Alert severity={check.data.ok ? 'success' : 'error'}>
            {check.data.message}
            {check.data.ok && <><br />Authorize: {check.data.authorizationEndpoint}<br />Token: {check.data.tokenEndpoint}<br />Capabilities: {check.data.capabilities?.join(', ')}</>}
          </Alert>
        )}
        {check.error && <Alert severity="error">The check could not run: {check.error.message}</Alert>}
      </Box>
    </Box>
  );
}
