// What to register with the EHR: client ids, URIs, scopes with reasons, the CSP,
// and the same as one JSON document to download.
import { Alert, Box, Button, Paper, Typography } from '@mui/material';
import { useMemo } from 'react';
import type { ConfigResult } from '../../shared/config/deployment-config';
import { buildRegistration, type Registration } from '../../shared/readiness/registration';
import { CopyField } from './copy-field';
import { ScopeTable } from './scope-table';

export function RegistrationPanel({ config, appBaseUrl }: { config: ConfigResult; appBaseUrl: string }) {
  const registration = useMemo(() => (config.ok ? buildRegistration(config.config, appBaseUrl) : null), [config, appBaseUrl]);
  return (
    <Paper component="section" aria-labelledby="registration-heading" variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography id="registration-heading" variant="h2" gutterBottom>Register CareRelay</Typography>
      {registration ? <RegistrationBody registration={registration} /> : (
        <Alert severity="error" role="status">The registration cannot be shown until the deployment configuration is fixed (see below).</Alert>
      )}
    </Paper>
  );
}

function RegistrationBody({ registration }: { registration: Registration }) {
  const { app, extension } = registration.clients;
  return (
    <>
      <Typography sx={{ mb: 1 }}>
        Register two <strong>public clients</strong> (no client secret; token_endpoint_auth_method <code>none</code>),
        both using the authorization code grant with <strong>PKCE S256</strong> and refresh tokens.
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { md: '1fr 1fr' }, columnGap: 3 }}>
        <div>
          <Typography variant="h3" sx={{ mt: 1 }}>SMART app</Typography>
          <CopyField label="App client id" value={app.client_id} />
          <CopyField label="Launch URI" value={app.launch_uri} />
          <CopyField label="App redirect URI" value={app.redirect_uris.join(' ')} />
        </div>
        <div>
          <Typography variant="h3" sx={{ mt: 1 }}>Browser extension</Typography>
          <CopyField label="Extension client id" value={extension.client_id} />
          <CopyField label="Extension redirect URI" value={extension.redirect_uris.join(' ')} />
        </div>
      </Box>
      <Typography variant="h3" sx={{ mt: 2 }}>Scopes</Typography>
      <CopyField label="App scopes (SMART v2)" value={app.scope} multiline />
      <ScopeTable caption="Why the app asks for each scope" scopes={app.scopes} />
      <CopyField label="App scopes for servers without SMART v2 (v1)" value={app.scope_v1_fallback} multiline />
      <CopyField label="Extension scopes" value={extension.scope} multiline />
      <ScopeTable caption="Why the extension asks for each scope" scopes={extension.scopes} />
      <Typography variant="h3" sx={{ mt: 2 }}>Content-Security-Policy</Typography>
      <Typography>
        The host serving CareRelay sends this header; <code>frame-ancestors</code> lists the EHR origins allowed to embed the app.
      </Typography>
      <CopyField label="Content-Security-Policy header" value={registration.content_security_policy.header} multiline />
      <Button variant="contained" onClick={() => download(registration)} sx={{ mt: 1 }}>Download registration JSON</Button>
    </>
  );
}

function download(registration: Registration) {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(registration, null, 2)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'carerelay-registration.json';
  a.click();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
