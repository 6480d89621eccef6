// admin.html: registration and readiness for EHR administrators. No SMART launch:
// everything shown is public (the app's own configuration, the EHR's discovery documents).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { inspectConfig } from '../config';
import { AdminPage } from './admin-page';

const root = createRoot(document.getElementById('root') ?? document.body);
root.render(
  <StrictMode>
    <AdminPage config={inspectConfig()} appBaseUrl={new URL('.', window.location.href).href} fetchFn={window.fetch.bind(window)} />
  </StrictMode>,
);
