import { Paper, Typography } from '@mui/material';
import { SYSTEMS } from '../../shared/fhir/codes';
import { formatName } from '../../shared/fhir/refs';
import type { TEncounter, TPatient } from '../../shared/fhir/schemas';

/** Shown only when the EHR's token says need_patient_banner (e.g. opened in a new tab). */
export function PatientBanner({ patient, encounter }: { patient: TPatient; encounter?: TEncounter }) {
  const mrn = patient.identifier?.find((i) => i.system === SYSTEMS.mrn)?.value;
  return (
    <Paper component="section" aria-label="Patient" variant="outlined" sx={{ p: 1, mb: 1, display: 'flex', gap: 3, flexWrap: 'wrap' }}>
      <Typography component="span" sx={{ fontWeight: 600 }} data-testid="patient-name">{formatName(patient.name)}</Typography>
      <Typography component="span">DOB {patient.birthDate ?? '—'}</Typography>
      {mrn && <Typography component="span">MRN {mrn}</Typography>}
      {patient.gender && <Typography component="span">{patient.gender}</Typography>}
      {encounter?.id && <Typography component="span">Encounter {encounter.id}</Typography>}
    </Paper>
  );
}
