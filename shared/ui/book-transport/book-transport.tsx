// Book transport on one screen, prefilled from the chart: level of service (with
// why, or from the level-of-service questions), pickup, drop-off, time, payer,
// trip (one way, round trip, will-call), PCS for ambulances, and the vendors that
// can do it. The plan goes into the outbox before the first send; the ids are
// made once per form, so a double click or a retry books once.
import { Alert, Box, Button, FormControlLabel, Checkbox, MenuItem, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import type { ChartModel } from '../../chart/chart-model';
import { TRANSPORT_LEVELS, TRANSPORT_LEVEL_CODES, type Capability } from '../../fhir/codes';
import { answersFor, proposeLevel } from '../../booking/level-of-service';
import { matchVendors } from '../../booking/vendors';
import { newBookingIds, planBooking } from '../../booking/write-plan';
import { SendBar, VendorField, fittingCount } from '../form-parts';
import type { Proposal } from '../../booking/prefill';
import { FallbackNotice } from '../send/fallback-notice';
import { useFhir } from '../data/fhir-context';
import { useSendBooking } from '../send/use-send-booking';
import { useDuplicateGuard } from '../send/duplicate-check';
import { LevelQuestions } from './level-questions';
import { PcsFields, TripFields } from './trip-fields';
import { DestinationFields, useChartChecks } from './destination-fields';
import { NoVendorHelp } from './no-vendor-help';
import { flagsForLevel } from '../../booking/no-vendor';
import { draftFrom, fromLocalInput, toLocalInput, transportMissing, type TransportForm } from './transport-form';

const FLAG_CHOICES: [Capability | 'interpreter' | 'stairs', string][] = [
  ['wheelchair', 'Wheelchair'], ['oxygen', 'Oxygen'], ['escort', 'Escort / attendant'], ['bariatric', 'Bariatric'], ['stretcher', 'Stretcher'],
  ['interpreter', 'Interpreter'], ['stairs', 'Stairs at home'],
];
const ORDER_ONLY = new Set(['interpreter', 'stairs']);

export function BookTransport({ model, onBooked }: { model: ChartModel; onBooked: () => void }) {
  const { context } = useFhir();
  const p = model.proposal;
  const [form, setForm] = useState<TransportForm>(() => ({
    level: p?.level ?? 'A0100', flags: p?.flags ?? [], needs: [], time: toLocalInput(p?.time),
    street: p?.dropoff?.address.line?.join(', ') ?? '', city: p?.dropoff?.address.city ?? '', state: p?.dropoff?.address.state ?? '',
    postalCode: p?.dropoff?.address.postalCode ?? '', vendor: '', note: '', trip: 'one-way', returnTime: '',
    // The PCS starts from the chart: the attending of record certifies the reason the chart gives.
    pcsPhysician: p && TRANSPORT_LEVELS[p.level].ambulance ? (model.carePlan?.team.find((m) => m.role === 'Attending')?.name ?? '') : '',
    pcsReason: p && TRANSPORT_LEVELS[p.level].ambulance ? p.levelReason : '', pcsDate: toLocalInput(new Date().toISOString()).slice(0, 10),
    ...(p?.dropoff?.reference ? { dropoffRef: p.dropoff.reference, dropoffName: p.destination?.place?.name } : {}),
  }));
  // A need the rules cannot read opens the questions: the nurse answers, CareRelay does not guess lower.
  const [asking, setAsking] = useState(Boolean(p?.unreadable?.length));
  const checks = useChartChecks(p, form);
  const vendors = useMemo(
    () => matchVendors(model.services, model.organizations, { service: 'transport', level: form.level, flags: form.flags, postalCode: form.postalCode, at: fromLocalInput(form.time) }),
    [model.services, model.organizations, form.level, form.flags, form.postalCode, form.time],
  );
  const vendor = form.vendor || vendors.find((v) => v.misses.length === 0)?.organization || '';
  const [ids] = useState(() => newBookingIds(() => crypto.randomUUID(), { dropoff: { kind: 'residence' }, roundTrip: true }));
  const send = useSendBooking(onBooked);
  const set = <K extends keyof TransportForm>(key: K, value: TransportForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const fromQuestions = form.answers ? proposeLevel(form.answers) : undefined;
  const reason = fromQuestions?.level === form.level ? fromQuestions.reason : form.level === p?.level ? p.levelReason : 'Changed from the proposal';
  const duplicate = useDuplicateGuard(model, 'transport', { start: fromLocalInput(form.time) });
  const missing = transportMissing(form, vendor, checks) ?? duplicate.missing;
  const checked = (flag: string) => (form.flags as string[]).includes(flag) || form.needs.includes(flag);
  const toggle = (flag: string, on: boolean) => setForm((f) => (ORDER_ONLY.has(flag)
    ? { ...f, needs: on ? [...f.needs, flag] : f.needs.filter((n) => n !== flag) }
    : { ...f, flags: on ? [...f.flags, flag as Capability] : f.flags.filter((x) => x !== flag) }));
  const submit = () => {
    const draft = draftFrom(form, { patient: `Patient/${context.patient}`, encounter: context.encounter && `Encounter/${context.encounter}`, requester: context.fhirUser, vendor, pickup: p?.pickup?.reference, coverage: p?.coverage?.reference, noteLines: chartNoteLines(p) });
    const trip = form.trip === 'one-way' ? '' : form.trip === 'will-call' ? ', will-call return' : ', round trip';
    send.mutate({ plan: planBooking({ ...draft, ...duplicate.draft }, ids, new Date().toISOString()), summary: `${TRANSPORT_LEVELS[form.level].display} at ${form.time.replace('T', ' ')}${trip}` });
  };
  return (
    <Box component="form" aria-labelledby="book-heading" onSubmit={(e) => { e.preventDefault(); if (!send.isPending && !missing) submit(); }} sx={{ display: 'grid', gap: 1.25, maxWidth: 900 }}>
      <Typography variant="h2" component="h2" id="book-heading">Book transport</Typography>
      <FallbackNotice />
      {p?.dischargeOrder ? null : <Alert severity="info">No active discharge order: the time below is the planned discharge.</Alert>}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 1.25 }}>
        <TextField select label="Level of service" value={form.level} onChange={(e) => set('level', TRANSPORT_LEVEL_CODES.find((c) => c === e.target.value) ?? form.level)} helperText={reason}>
          {TRANSPORT_LEVEL_CODES.map((code) => <MenuItem key={code} value={code}>{TRANSPORT_LEVELS[code].display} ({code})</MenuItem>)}
        </TextField>
        <TextField label="Pickup time" type="datetime-local" value={form.time} onChange={(e) => set('time', e.target.value)} slotProps={{ inputLabel: { shrink: true } }} helperText={p?.timeSource ? `From the ${p.timeSource}` : 'Not on the chart: enter it'} />
        <TextField label="Pickup" multiline value={p?.pickup?.label ?? 'Not on the chart'} slotProps={{ input: { readOnly: true } }} helperText="The patient's current bed" />
        <TextField label="Payer" value={p?.coverage?.label ?? 'No active coverage on the chart'} slotProps={{ input: { readOnly: true } }} />
      </Box>
      <DestinationFields proposal={p} form={form} setForm={setForm} checks={checks} />
      <Box><Button size="small" onClick={() => setAsking(!asking)} aria-expanded={asking}>{asking ? 'Hide level-of-service questions' : 'Answer level-of-service questions'}</Button></Box>
      {asking && (
        <LevelQuestions answers={form.answers ?? answersFor(form.level, form.flags)} onChange={(answers) => {
          const proposal = proposeLevel(answers);
          setForm((f) => ({ ...f, answers, level: proposal.level, flags: [...new Set([...f.flags.filter((x) => !['wheelchair', 'stretcher', 'oxygen', 'escort', 'bariatric'].includes(x)), ...proposal.flags])] }));
        }} />
      )}
      {TRANSPORT_LEVELS[form.level].ambulance && <PcsFields form={form} set={set} />}
      {p?.unreadable?.length ? <Alert severity="warning">The chart holds needs CareRelay cannot read ({p.unreadable.join('; ')}): answer the level-of-service questions before you confirm.</Alert> : null}
      {p?.oxygen && <Typography data-testid="chart-oxygen">Oxygen from the chart: {p.oxygen.flow ?? 'flow rate not charted'}{p.oxygen.portable ? ', portable supply needed for the ride' : ''}.</Typography>}
      <Box role="group" aria-label="Needs the vendor must meet">
        {FLAG_CHOICES.map(([flag, label]) => (
          <FormControlLabel key={flag} label={label} control={<Checkbox checked={checked(flag)} onChange={(e) => toggle(flag, e.target.checked)} />} />
        ))}
      </Box>
      <TripFields form={form} set={set} />
      <VendorField label="Vendor" value={vendor} options={vendors} onChange={(v) => set('vendor', v)} helperText={vendors.length ? `${fittingCount(vendors)} of ${vendors.length} transport vendors can do this trip` : 'No transport vendors in the directory'} />
      {vendors.length > 0 && fittingCount(vendors) === 0 && fromLocalInput(form.time) && (
        <NoVendorHelp services={model.services} organizations={model.organizations} level={form.level} flags={form.flags} postalCode={form.postalCode}
          at={fromLocalInput(form.time) ?? ''} chartLevel={p?.level}
          onUseTime={(iso) => setForm((f) => ({ ...f, time: toLocalInput(iso), vendor: '' }))}
          onUseLevel={(level) => setForm((f) => ({ ...f, level, flags: flagsForLevel(level, f.flags), vendor: '' }))} />
      )}
      <TextField label="Note for the vendor" value={form.note} onChange={(e) => set('note', e.target.value)} multiline minRows={1} />
      {duplicate.element}
      <SendBar pending={send.isPending} error={send.error} onRetry={submit} progress="Sending the booking…" submitLabel="Confirm booking" missing={missing} />
    </Box>
  );
}

/** Chart needs that select no vendor but the crew must know (portable oxygen, isolation, restraint). */
function chartNoteLines(p?: Proposal): string[] {
  return p?.needs?.length ? [`From the chart: ${p.needs.join(', ')}.`] : [];
}
