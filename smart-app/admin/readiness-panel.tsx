// The readiness check form: an EHR's FHIR base URL in, a row per requirement out.
import { Alert, Box, Button, LinearProgress, Paper, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { checkReadiness } from '../../shared/readiness/readiness';
import type { ReadinessReport } from '../../shared/readiness/readiness-types';
import { ReadinessTable } from './readiness-table';

const VERDICT: Record<ReadinessReport['verdict'], { severity: 'success' | 'warning' | 'error'; text: string }> = {
  ready: { severity: 'success', text: 'Ready: this EHR offers everything CareRelay uses.' },
  'ready-with-fallbacks': { severity: 'warning', text: 'Ready with fallbacks: CareRelay works with this EHR, using the fallbacks listed below.' },
  'not-ready': { severity: 'error', text: 'Not ready: CareRelay cannot work with this EHR until the problems below are fixed.' },
};

export function ReadinessPanel({ defaultIss, fetchFn, connectSrc }: { defaultIss: string; fetchFn: typeof fetch; connectSrc: string[] }) {
  const [iss, setIss] = useState(defaultIss);
  const check = useMutation({ mutationFn: (target: string) => checkReadiness(target, fetchFn) });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (iss.trim()) check.mutate(iss.trim());
  }
  const report = check.data;
  return (
    <Paper component="section" aria-labelledby="readiness-heading" variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography id="readiness-heading" variant="h2" gutterBottom>Check an EHR&apos;s readiness</Typography>
      <Typography sx={{ mb: 1 }}>
        Reads the EHR&apos;s public SMART configuration and FHIR CapabilityStatement and compares them with what CareRelay needs.
      </Typography>
      <Box component="form" onSubmit={submit} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <TextField
          label="FHIR base URL (iss)" value={iss} onChange={(e) => setIss(e.target.value)} size="small" fullWidth required
          type="url" placeholder="https://ehr.example.org/fhir/R4" helperText="The iss the EHR sends when it launches CareRelay"
        />
        <Button type="submit" variant="contained" disabled={check.isPending} sx={{ mt: 0.25 }}>Check</Button>
      </Box>
      {check.isPending && (
        <Box sx={{ my: 1 }}>
          <p role="status">Checking {check.variables}…</p>
          <LinearProgress aria-label="Checking readiness" />
        </Box>
      )}
      {check.isError && <Alert severity="error" role="alert" sx={{ my: 1 }}>The check failed unexpectedly: {String(check.error)}</Alert>}
      {report && !check.isPending && <ReadinessResult report={report} connectSrc={connectSrc} />}
    </Paper>
  );
}

function ReadinessResult({ report, connectSrc }: { report: ReadinessReport; connectSrc: string[] }) {
  const verdict = VERDICT[report.verdict];
  const failed = report.documents.filter((d) => !d.ok);
  const unreachable = failed.some((d) => !d.ok && d.problem.startsWith('Could not reach'));
  return (
    <Box sx={{ mt: 2 }}>
      <Alert severity={verdict.severity} role="status" aria-live="polite">{verdict.text} ({report.iss})</Alert>
      {failed.map((d) => (
        <Alert key={d.name} severity="error" sx={{ mt: 1 }}>{d.name}: {d.ok ? '' : d.problem}</Alert>
      ))}
      {unreachable && (
        <Alert severity="info" sx={{ mt: 1 }}>
          The check runs in this browser, so the EHR must allow cross-origin requests from {window.location.origin}, and its origin must be
          one CareRelay may call (connect-src: {connectSrc.join(' ') || 'none configured'}).
        </Alert>
      )}
      {report.items.length > 0 && <ReadinessTable items={report.items} />}
    </Box>
  );
}
