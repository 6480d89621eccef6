// Triggers end to end (docs/domain.md, "Triggers"): the EHR's discharge order makes a
// transport request for the case manager; booking transport completes it; the
// vendor booking it makes "tell the patient" for the discharge nurse and, for a
// patient going home with home health, the home health referral. The relay runs
// the rules once per stage, as the interval runner would.
import { expect, test } from '@playwright/test';
import { SYSTEMS } from '../../shared/fhir/codes';
import { createRelay } from '../../server/relay/relay';
import { fhirGet, ORIGIN } from './support/sandbox-client';
import { bookTransport, bookingCard, Effort, expectOnBookings, launchEmbedded, sim, type Resource } from './support/service-flows';

// Home health disposition, no discharge order and no transport in the seed.
const PATIENT = 'pat-010';
const ENCOUNTER = 'Encounter/enc-010';
const relay = createRelay({ origin: ORIGIN });

async function steps(kind: string): Promise<Resource[]> {
  const bundle = await fhirGet(`Task?patient=${PATIENT}&code=${encodeURIComponent(`${SYSTEMS.step}|${kind}`)}&_count=50`);
  return bundle.entry?.map((e) => e.resource) ?? [];
}

async function teamMember(role: string): Promise<string | undefined> {
  const teams = await fhirGet(`CareTeam?patient=${PATIENT}`);
  const team = teams.entry?.[0]?.resource as { participant?: { role?: { coding?: { code?: string }[] }[]; member?: { reference?: string } }[] } | undefined;
  return team?.participant?.find((p) => p.role?.[0]?.coding?.[0]?.code === role)?.member?.reference;
}

test('discharge order → transport request; booked → notify patient and home health referral, each once', async ({ page }) => {
  await page.goto(`${ORIGIN}/ehr/patient/${PATIENT}`);
  await page.getByRole('button', { name: 'Place discharge order' }).click();
  const orders = await fhirGet(`ServiceRequest?patient=${PATIENT}&code=${encodeURIComponent(`${SYSTEMS.snomed}|58000006`)}`);
  const order = orders.entry?.[0]?.resource;
  expect(order?.['status']).toBe('active');

  await relay();
  await relay(); // a second run (or a second runner) creates nothing more
  const [request, ...extra] = await steps('transport-request');
  expect(extra).toHaveLength(0);
  expect(request).toMatchObject({
    status: 'requested', focus: { reference: `ServiceRequest/${order?.id ?? ''}` }, owner: { reference: await teamMember('case-manager') },
  });

  const app = await launchEmbedded(page, PATIENT);
  await app.getByRole('tab', { name: 'Worklist' }).click();
  const rows = app.getByRole('table', { name: 'Worklist' }).getByTestId('worklist-item').filter({ hasText: PATIENT });
  await expect(rows.filter({ hasText: 'Book transport' })).toHaveCount(1, { timeout: 15_000 });
  await bookTransport(app, new Effort());
  await expectOnBookings(app, 1);
  await sim('step');
  await sim('step'); // accept, then book
  const card = bookingCard(app, /Wheelchair van|Ambulatory|Stretcher|ambulance/);
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Booked/, { timeout: 15_000 });

  await relay();
  await relay();
  expect((await steps('transport-request')).map((t) => t['status'])).toEqual(['completed']);
  const notify = await steps('notify-patient');
  expect(notify).toHaveLength(1);
  expect(notify[0]).toMatchObject({ status: 'requested', owner: { reference: await teamMember('discharge-nurse') } });
  expect((notify[0]?.['partOf'] as { reference: string }[])[0]?.reference).toMatch(/^Task\//);

  await app.getByRole('tab', { name: 'Worklist' }).click();
  const notifyRow = rows.filter({ hasText: 'Tell the patient the pickup time' });
  await expect(notifyRow).toHaveCount(1, { timeout: 15_000 });
  await expect(rows.filter({ hasText: 'Book transport' })).toHaveCount(0);
  await notifyRow.getByRole('button', { name: 'Claim' }).click();
  const nurse = await teamMember('discharge-nurse');
  const ownerNow = async () => ((await steps('notify-patient'))[0]?.['owner'] as { reference?: string } | undefined)?.reference;
  await expect.poll(ownerNow, { timeout: 10_000 }).not.toBe(nurse);
  expect(await ownerNow()).toMatch(/^PractitionerRole\//);
  // The EHR user's session may search across patients: the relay's steps for other patients are listed too.
  await expect(app.getByTestId('worklist-item').filter({ hasNotText: PATIENT }).first()).toBeVisible();
  const provenance = await fhirGet(`Provenance?target=Task/${notify[0]?.id ?? ''}`);
  expect(provenance.entry?.map((e) => (e.resource['reason'] as { text: string }[])[0]?.text)).toEqual([expect.stringMatching(/^Claimed by /)]);

  // A step of another patient on the unit, claimed from this patient's launch (user/Task.u, user/Provenance.c).
  const me = await ownerNow();
  const otherRow = app.getByTestId('worklist-item').filter({ hasNotText: PATIENT }).filter({ has: app.getByRole('button', { name: 'Claim' }) }).first();
  const otherPatient = ((await otherRow.getByRole('cell').nth(2).textContent()) ?? '').trim();
  expect(otherPatient).toMatch(/^Patient\/pat-\d+$/);
  const otherSteps = async () => ((await fhirGet(`Task?patient=${otherPatient}&_count=100`)).entry ?? []).map((e) => e.resource)
    .filter((t) => JSON.stringify(t['code'] ?? {}).includes(SYSTEMS.step));
  const ownedByMe = async () => (await otherSteps()).filter((t) => (t['owner'] as { reference?: string } | undefined)?.reference === me).map((t) => t.id);
  expect(await ownedByMe()).toEqual([]);
  await otherRow.getByRole('button', { name: 'Claim' }).click();
  await expect.poll(async () => (await ownedByMe()).length, { timeout: 10_000 }).toBe(1);
  const [claimed] = await ownedByMe();
  const claimedBy = await fhirGet(`Provenance?target=Task/${claimed ?? ''}`);
  expect(claimedBy.entry?.map((e) => (e.resource['reason'] as { text: string }[])[0]?.text)).toContainEqual(expect.stringMatching(/^Claimed by /));

  const referrals = await fhirGet(`ServiceRequest?patient=${PATIENT}&code=${encodeURIComponent(`${SYSTEMS.snomed}|417511005`)}&status=active`);
  expect(referrals.entry?.map((e) => e.resource['encounter'])).toEqual([{ reference: ENCOUNTER }]);
  // The app's bookings list shows the referral the rule made, next to the transport.
  await page.reload();
  const reopened = await launchEmbedded(page, PATIENT);
  await reopened.getByRole('tab', { name: /Bookings \(2\)/ }).click({ timeout: 20_000 });

  // Checkpoints: the nurse tells the patient, the patient confirms; the relay then closes the notify step.
  const ride = bookingCard(reopened, /Wheelchair van|Ambulatory|Stretcher|ambulance/);
  await ride.getByRole('button', { name: 'Record patient notified' }).click();
  await expect(ride.getByLabel('Patient notified: done')).toBeVisible({ timeout: 15_000 });
  await ride.getByRole('button', { name: 'Record patient confirmed' }).click();
  await expect(ride.getByLabel('Patient confirmed: done')).toBeVisible({ timeout: 15_000 });
  const comms = await fhirGet(`Communication?patient=${PATIENT}&status=completed`);
  expect(comms.entry?.map((e) => e.resource['payload'])).toEqual([[{ contentString: expect.stringMatching(/pickup/) }]]);
  await relay();
  expect((await steps('notify-patient')).map((t) => t['status'])).toEqual(['completed']);
});
