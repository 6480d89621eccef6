// Open steps across patients, soonest due first, with claim and reassign.
import { Alert, Box, Button, Chip, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { SERVICE_TYPES } from '../../fhir/codes';
import { buildWorklist, filterWorklist, kindLabel, whoAmI, WORKLIST_STATUSES, type OwnerFilter, type WorklistItem } from '../../workflow/worklist';
import type { TPractitionerRole } from '../../fhir/schemas';
import { formatDateTime } from '../../time/facility-clock';
import { useFhir } from '../data/fhir-context';
import { ErrorNotice } from '../error-notice';
import { useChangeOwner, useWorklist, worklistKey } from './use-worklist';
import { ExceptionStepActions } from './exception-step-actions';
import { EXCEPTION_STEP_CODES } from '../../workflow/exception-rules';
import type { TServiceRequest } from '../../fhir/schemas';

const OWNER_FILTERS: { value: OwnerFilter; label: string }[] = [
  { value: 'all', label: 'Everyone' }, { value: 'mine', label: 'Mine' }, { value: 'team', label: "My team's" }, { value: 'unassigned', label: 'Unassigned' },
];

export function WorklistPanel() {
  const { context } = useFhir();
  const list = useWorklist();
  const change = useChangeOwner();
  const [owner, setOwner] = useState<OwnerFilter>('all');
  const [service, setService] = useState('');
  const [status, setStatus] = useState('');
  if (list.error) return <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <p role="status">Loading the worklist…</p>;
  const me = whoAmI(context.fhirUser, list.data.roles);
  const items = filterWorklist(buildWorklist(list.data.tasks, list.data.requests, new Date()), { owner, service: service || undefined, status: status || undefined }, me);
  const names = roleNames(list.data.roles);
  // Claims are made as my PractitionerRole (owners are roles); a user without one is recorded as fhirUser.
  const actor = me.roles[0] ?? context.fhirUser;
  return (
    <Box>
      {list.data.patientOnly && <Alert severity="info" sx={{ mb: 1 }}>This session can only read this patient&apos;s records, so the worklist shows this patient&apos;s open steps only.</Alert>}
      {change.error && <ErrorNotice error={change.error} />}
      <Box sx={{ display: 'flex', gap: 1, mb: 1 }}>
        <TextField select size="small" label="Owner" value={owner} onChange={(e) => setOwner(e.target.value as OwnerFilter)} sx={{ minWidth: 140 }}>
          {OWNER_FILTERS.map((o) => <MenuItem key={o.value} value={o.value}>{o.label}</MenuItem>)}
        </TextField>
        <TextField select size="small" label="Service" value={service} onChange={(e) => setService(e.target.value)} sx={{ minWidth: 140 }}>
          <MenuItem value="">Any</MenuItem>
          {SERVICE_TYPES.map((s) => <MenuItem key={s} value={s}>{s}</MenuItem>)}
        </TextField>
        <TextField select size="small" label="Status" value={status} onChange={(e) => setStatus(e.target.value)} sx={{ minWidth: 140 }}>
          <MenuItem value="">Any</MenuItem>
          {WORKLIST_STATUSES.map((s) => <MenuItem key={s} value={s}>{s}</MenuItem>)}
        </TextField>
      </Box>
      {items.length === 0 ? <p>No open steps match.</p> : (
        <Table size="small" aria-label="Worklist">
          <TableHead>
            <TableRow><TableCell>Due</TableCell><TableCell>Step</TableCell><TableCell>Patient</TableCell><TableCell>Service</TableCell><TableCell>Status</TableCell><TableCell>Owner</TableCell><TableCell>Actions</TableCell></TableRow>
          </TableHead>
          <TableBody>
            {items.map((item) => (
              <WorklistRow key={item.ref} item={item} names={names} me={actor} busy={change.isPending}
                onOwner={(to) => change.mutate({ task: item.task, to, by: actor ?? 'unknown user' })}
                exception={isException(item) ? <ExceptionStepActions item={item} request={requestOf(list.data.requests, item)} refresh={worklistKey(context.patient)} /> : undefined} />
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

function WorklistRow(props: { item: WorklistItem; names: Map<string, string>; me?: string; busy: boolean; onOwner: (to: string) => void; exception?: ReactNode }) {
  const { item, names, me } = props;
  const ownerName = item.owner ? names.get(item.owner) ?? item.owner : 'Unassigned';
  return (
    <TableRow data-testid="worklist-item">
      <TableCell>
        {formatDateTime(item.due)}
        {item.overdue && <Chip size="small" color="error" label="Overdue" sx={{ ml: 1 }} />}
      </TableCell>
      <TableCell>
        {kindLabel(item.kind)}
        {/* The patient's own words (a CHANGE reply to a text), so the nurse knows what to call about. */}
        {item.kind === 'patient-change' && item.task.description && <Box component="span" sx={{ display: 'block' }}>{item.task.description}</Box>}
      </TableCell>
      <TableCell>{item.patient ?? '—'}</TableCell>
      <TableCell>{item.service ?? '—'}</TableCell>
      <TableCell>{item.status}</TableCell>
      <TableCell>{ownerName}</TableCell>
      <TableCell>
        {item.kind !== 'vendor-answer' && (
          <Box sx={{ display: 'flex', gap: 1 }}>
            {props.exception}
            {me && item.owner !== me && <Button size="small" disabled={props.busy} onClick={() => props.onOwner(me)}>Claim</Button>}
            <TextField select size="small" label="Reassign to" value="" disabled={props.busy} onChange={(e) => props.onOwner(e.target.value)} sx={{ minWidth: 160 }}>
              {[...names].filter(([r]) => r !== item.owner).map(([r, name]) => <MenuItem key={r} value={r}>{name}</MenuItem>)}
            </TextField>
          </Box>
        )}
      </TableCell>
    </TableRow>
  );
}

function roleNames(roles: TPractitionerRole[]): Map<string, string> {
  return new Map(roles.filter((r) => r.id).map((r) => [`PractitionerRole/${r.id ?? ''}`, r.practitioner?.display ? `${r.practitioner.display} (${r.code?.[0]?.coding?.[0]?.code ?? 'role'})` : `PractitionerRole/${r.id ?? ''}`]));
}

const isException = (item: WorklistItem) => EXCEPTION_STEP_CODES.includes(item.kind);
const requestOf = (requests: TServiceRequest[], item: WorklistItem) => requests.find((r) => `ServiceRequest/${r.id ?? ''}` === item.task.focus?.reference);
