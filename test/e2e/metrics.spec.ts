// The Metrics tab over the seeded 12 weeks, checked against figures this file
// computes itself from raw FHIR reads (paged, backend-services token), with
// plain code and without shared/metrics: a wrong join or range in the app
// shows up as a mismatch here.
import { readFileSync } from 'node:fs';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { SYSTEMS } from '../../shared/fhir/codes';
import { SANDBOX_TIME_ZONE } from '../../sandbox/time-zone';
import { expectAccessible } from './support/axe';
import { fhirGet, ORIGIN, type FhirBundle } from './support/sandbox-client';

type Raw = Record<string, unknown> & { id: string; resourceType: string };
interface Ref { reference?: string }
interface Coded { coding?: { system?: string; code?: string }[] }

async function all(query: string): Promise<Raw[]> {
  const out: Raw[] = [];
  let bundle = await fhirGet<FhirBundle & { link?: { relation: string; url: string }[] }>(`${query}&_count=200`);
  for (;;) {
    out.push(...(bundle.entry ?? []).map((e) => e.resource));
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    if (!next) return out;
    bundle = await fhirGet(next.slice(next.indexOf('/fhir/R4/') + '/fhir/R4/'.length));
  }
}

/**
 * When a local date begins in the sandbox hospital's zone, written plainly (not
 * shared/metrics): move a guess by the gap between the wall clock it shows and
 * the wanted midnight until they agree.
 */
function localMidnight(day: string): number {
  const wanted = Date.parse(`${day}T00:00:00Z`);
  const wall = (t: number) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: SANDBOX_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(t).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second);
  };
  let t = wanted;
  for (let i = 0; i < 4; i += 1) t += wanted - wall(t);
  return t;
}
const nextDay = (day: string): string => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const code = (c: unknown, system: string): string | undefined => (c as Coded | undefined)?.coding?.find((x) => x.system === system)?.code;
const ref = (r: unknown): string | undefined => (r as Ref | undefined)?.reference;
const ms = (s: unknown): number => Date.parse(String(s));

interface Expected {
  orderToBookedMedianMin: number; transportCompleted: number; transportRequested: number; vendor: string; declined: number; answered: number;
  /** Names of the patients whose attempts with that vendor were declines. */
  declinedPatients: string[];
}

/** The three figures, from the definitions in docs/domain.md, written out plainly. */
async function expectedFigures(from: number, to: number): Promise<Expected> {
  const [requests, tasks, provenances, orgs] = await Promise.all([
    all('ServiceRequest?_sort=_id'), all(`Task?code=${encodeURIComponent(`${SYSTEMS.taskCode}|fulfill`)}`), all('Provenance?_sort=_id'), all('Organization?_sort=_id'),
  ]);
  const inRange = (r: Raw) => ms(r.authoredOn) >= from && ms(r.authoredOn) < to;
  const transport = requests.filter((r) => inRange(r) && (r.category as unknown[] | undefined)?.some((c) => code(c, SYSTEMS.serviceType) === 'transport'));
  const discharge = requests.filter((r) => code(r.code, SYSTEMS.snomed) === '58000006');
  const asked = (t: Raw) => !['draft', 'entered-in-error'].includes(String(t.status));
  const tasksOf = (r: Raw) => tasks.filter((t) => ref(t.focus) === `ServiceRequest/${r.id}` && asked(t)).sort((a, b) => ms(a.authoredOn) - ms(b.authoredOn));
  const events = (t: Raw, c: string[]) => provenances
    .filter((p) => (p.target as Ref[]).some((x) => x.reference === `Task/${t.id}`) && c.includes(code(p.activity, SYSTEMS.milestone) ?? ''))
    .sort((a, b) => ms(a.recorded) - ms(b.recorded));

  const minutes: number[] = [];
  let transportCompleted = 0;
  let transportRequested = 0;
  for (const r of transport) {
    const attempts = tasksOf(r);
    if (attempts.length > 0) transportRequested += 1;
    if (attempts.some((t) => t.status === 'completed')) transportCompleted += 1;
    const booked = attempts.filter((t) => events(t, ['booked']).length > 0).pop();
    const order = discharge.filter((d) => ref(d.encounter) === ref(r.encounter)).sort((a, b) => ms(a.authoredOn) - ms(b.authoredOn))[0];
    if (booked && order) minutes.push((ms(events(booked, ['booked'])[0]?.recorded) - ms(order.authoredOn)) / 60_000);
  }
  minutes.sort((a, b) => a - b);

  // Decline rate of the vendor asked most often: answered attempts that were declines.
  const inRangeIds = new Set(requests.filter(inRange).map((r) => `ServiceRequest/${r.id}`));
  const attempts = tasks.filter((t) => asked(t) && inRangeIds.has(ref(t.focus) ?? ''));
  const counts = new Map<string, number>();
  for (const t of attempts) counts.set(ref(t.owner) ?? '', (counts.get(ref(t.owner) ?? '') ?? 0) + 1);
  const busiest = [...counts.entries()].filter(([v]) => v).sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  let declined = 0;
  let answered = 0;
  const declinedPatients: string[] = [];
  for (const t of attempts.filter((a) => ref(a.owner) === busiest)) {
    const first = events(t, ['accepted', 'declined'])[0];
    const decision = first ? code(first.activity, SYSTEMS.milestone)
      : t.status === 'rejected' ? 'declined' : ['accepted', 'in-progress', 'on-hold', 'completed', 'failed'].includes(String(t.status)) ? 'accepted' : undefined;
    if (decision) answered += 1;
    if (decision === 'declined') {
      declined += 1;
      declinedPatients.push(ref(t.for) ?? '');
    }
  }
  const names = await Promise.all(declinedPatients.map(async (p) => {
    const patient = await fhirGet<{ name?: { given?: string[]; family?: string }[] }>(p);
    return [patient.name?.[0]?.given?.join(' '), patient.name?.[0]?.family].filter(Boolean).join(' ');
  }));
  const vendor = String(orgs.find((o) => `Organization/${o.id}` === busiest)?.name ?? busiest);
  return {
    orderToBookedMedianMin: minutes[Math.max(0, Math.ceil(minutes.length / 2) - 1)] ?? NaN, transportCompleted, transportRequested, vendor, declined, answered,
    declinedPatients: names.sort(),
  };
}

function asShown(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${String(m % 60).padStart(2, '0')} min` : `${Math.floor(h / 24)} d ${h % 24} h`;
}

async function openMetrics(page: Page): Promise<FrameLocator> {
  await page.goto(`${ORIGIN}/ehr/patient/pat-001`);
  await page.getByRole('link', { name: 'Launch CareRelay' }).or(page.getByRole('button', { name: 'Launch CareRelay' })).first().click();
  const app = page.frameLocator('iframe[title="CareRelay"]');
  await expect(app.getByRole('tab', { name: 'Care plan' })).toBeVisible({ timeout: 20_000 });
  await app.getByRole('tab', { name: 'Metrics' }).click();
  await expect(app.getByText(/\d+ bookings in range/)).toBeVisible({ timeout: 30_000 });
  return app;
}

test('Metrics over the seeded 12 weeks match figures computed from the raw FHIR data', async ({ page }) => {
  const app = await openMetrics(page);
  const fromDay = await app.getByLabel('From').inputValue();
  const toDay = await app.getByLabel('To (included)').inputValue();
  // The range is whole days in the hospital's zone (the deployment's timeZone), "to" included.
  const expected = await expectedFigures(localMidnight(fromDay), localMidnight(nextDay(toDay)));
  expect(expected.transportRequested).toBeGreaterThan(100);

  const median = app.getByRole('region', { name: 'Discharge order to transport booked (median)' });
  await expect(median.getByTestId('figure-value')).toHaveText(asShown(expected.orderToBookedMedianMin));

  const transport = app.getByRole('table', { name: 'By service type' }).getByRole('row', { name: /^Transport/ });
  await expect(transport.locator('[data-metric="completionRate"]')).toContainText(`(${expected.transportCompleted} of ${expected.transportRequested})`);

  const vendorRow = app.getByRole('table', { name: 'By vendor' }).getByRole('row').filter({ has: app.getByRole('rowheader', { name: expected.vendor, exact: true }) });
  await expect(vendorRow.locator('[data-metric="declineRate"]')).toContainText(`(${expected.declined} of ${expected.answered})`);

  // Drill-down: the number behind the vendor's declines opens the list of those attempts.
  await vendorRow.locator('[data-metric="declineRate"]').getByRole('button').click();
  const dialog = app.getByRole('dialog');
  const rows = dialog.getByTestId('drill-row');
  await expect(rows).toHaveCount(expected.declined);
  // Each row names its patient (read from the server by id) and says where the booking stands.
  await expect.poll(async () => (await rows.locator('td:first-child').allTextContents()).sort()).toEqual(expected.declinedPatients);
  await expect(rows.first()).toContainText('Declined');
  // The timeline of the first one shows the decline by that vendor; it opens from the keyboard.
  const first = rows.first();
  await first.getByRole('button', { name: /^Timeline/ }).focus();
  await page.keyboard.press('Enter');
  const timeline = dialog.getByTestId('drill-timeline');
  await expect(timeline.getByRole('listitem').filter({ hasText: `Declined — ${expected.vendor}` })).toHaveCount(1);
  await expect(timeline.getByRole('listitem').first()).toContainText(/Booking requested|Discharge order placed/);
  await expectAccessible(page, 'iframe');
  // The list downloads as CSV: every row, with the patient names shown.
  const listCsv = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /^Download (this booking|these \d+ bookings)/ }).click();
  const file = await (await listCsv).path();
  const lines = readFileSync(file, 'utf8').trim().split('\r\n');
  expect(lines[0]).toBe('patient,service,vendor,requested_local,time_zone,state,value_minutes,booking,counted_id');
  expect(lines).toHaveLength(1 + expected.declined);
  expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(expected.declinedPatients);
  expect(lines.slice(1).every((l) => l.includes(`,${SANDBOX_TIME_ZONE},`))).toBe(true);
  // The row's chart link opens that patient's chart in the EHR, in a new tab.
  const name = (await first.locator('td:first-child').textContent()) ?? '';
  const chartTab = page.context().waitForEvent('page');
  await first.getByRole('link', { name: /^Chart/ }).click();
  const chart = await chartTab;
  // The EHR writes names "Family, Given"; the app "Given Family".
  const [given = '', ...family] = name.split(' ');
  await expect(chart.getByRole('heading', { level: 1 })).toHaveText(`Chart: ${family.join(' ')}, ${given}`);
  await chart.close();
  await page.bringToFront();
  await app.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await expect(app.getByRole('region', { name: 'Worst handoffs' })).toBeVisible();
  await expect(app.getByRole('figure', { name: 'By vendor' })).toBeVisible();
  // The trend's numbers (a table under each chart) open the bookings behind each week's figure too.
  await app.getByText('By vendor: the numbers').click();
  const weekly = app.getByRole('table', { name: /^By vendor: .* by week$/ });
  await weekly.getByRole('button', { name: /show bookings$/ }).first().click();
  await expect(dialog.getByTestId('drill-row').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const csv = page.waitForEvent('download');
  await app.getByRole('button', { name: 'Download CSV (by week)' }).click();
  expect((await csv).suggestedFilename()).toMatch(/^carerelay-metrics-.*\.csv$/);
  await expectAccessible(page, 'iframe');
});

test('filters recompute without a reload, from the keyboard', async ({ page }) => {
  const app = await openMetrics(page);
  const status = app.getByText(/\d+ bookings in range/);
  const before = Number((await status.textContent())?.match(/(\d+) bookings/)?.[1]);
  const service = app.getByRole('combobox', { name: 'Service', exact: true });
  await service.focus();
  await service.selectOption('home-health');
  await expect(status).not.toHaveText(new RegExp(`^${before} bookings`));
  const after = Number((await status.textContent())?.match(/(\d+) bookings/)?.[1]);
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
});
