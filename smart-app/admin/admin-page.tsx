// The administrator's page: what to register, whether an EHR is ready, and how
// this deployment is configured.
import { Box, CssBaseline, ThemeProvider, Typography } from '@mui/material';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { cspSources } from '../../shared/config/csp';
import type { ConfigResult } from '../../shared/config/deployment-config';
import { theme } from '../app/theme';
import { ConfigPanel } from './config-panel';
import { ReadinessPanel } from './readiness-panel';
import { RegistrationPanel } from './registration-panel';

export interface AdminPageProps {
  config: ConfigResult;
  /** Where the app is hosted (the folder of admin.html): launch and redirect URIs are made from it. */
  appBaseUrl: string;
  fetchFn: typeof fetch;
}

export function AdminPage({ config, appBaseUrl, fetchFn }: AdminPageProps) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { mutations: { retry: 0 } } }));
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <Box component="main" sx={{ p: 2, maxWidth: 1280, mx: 'auto' }}>
          <Typography variant="h1" gutterBottom>CareRelay: registration and EHR readiness</Typography>
          <Typography sx={{ mb: 2 }}>
            For EHR administrators: register CareRelay with your EHR, check that the EHR offers what CareRelay needs,
            and review this deployment&apos;s configuration.
          </Typography>
          <RegistrationPanel config={config} appBaseUrl={appBaseUrl} />
          <ReadinessPanel defaultIss={config.ok ? config.config.standaloneIss : ''} fetchFn={fetchFn} connectSrc={config.ok ? cspSources(config.config).fhirOrigins : []} />
          <ConfigPanel config={config} />
        </Box>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
