import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNOMED, SYSTEMS } from '../../shared/fhir/codes';
import type { LaunchContext } from '../contracts';
import { createEhrUi } from './index';
import { createFakeFhir, type FakeFhir } from './test-support/fake-fhir';
import { JSDOM } from './test-support/jsdom';
import { buildFacility, buildPatientChart, buildWard } from './test-support/fixtures';

const FHIR_BASE = 'http://localhost:8080/fhir/R4';
const APP_LAUNCH = 'http://localhost:5173/launch.html';

let server: Server;
let base: string;
let fhir: FakeFhir;
let launches: LaunchContext[];

async function start(resources = buildWard()): Promise<void> {
  fhir = createFakeFhir(resources);
  launches = [];
  const handler = createEhrUi({
    fhir,
    createLaunch: (ctx) => {
      launches.push(ctx);
      return `launch-${launches.length}`;
    },
    fhirBaseUrl: FHIR_BASE,
    appLaunchUrl: APP_LAUNCH,
    currentUser: 'Practitioner/prac-cm-1',
  });
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function getHtml(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(base + path);
  return { status: res.status, text: await res.text() };
}

const dischargeOrders = () =>
  [...fhir.resources.values()].filter(
    (r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.code).includes(`"${SNOMED.dischargeOrder.code}"`),
  );

beforeEach(() => start());
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('patient list', () => {
  it('lists every inpatient with bed, disposition and discharge order flag, linking to the chart', async () => {
    const { status, text } = await getHtml('/ehr');
    expect(status).toBe(200);
    expect(text).toContain('<html lang="en">');
    expect(text).toMatch(/<title>[^<]+<\/title>/);
    expect(text).toContain('Signed in as Okafor, Ada');
    expect(text).toContain('<a href="/ehr/patient/pat-1">Nguyen, Mai</a>');
    expect(text).toContain('<a href="/ehr/patient/pat-2">Alvarez, Rosa</a>');
    expect(text).toContain('4 West / 4W-12A');
    expect(text).toContain('Home health');
    const rowOf = (name: string) => text.split('<tr>').find((r) => r.includes(name)) ?? '';
    expect(rowOf('Nguyen, Mai')).toContain('Yes');
    expect(rowOf('Alvarez, Rosa')).toContain('No');
  });
});

describe('chart', () => {
  it('shows the encounter, bed, disposition, orders, problems, coverage, care plan and team', async () => {
    const { status, text } = await getHtml('/ehr/patient/pat-1');
    expect(status).toBe(200);
    for (const s of ['4 West / 4W-12A', 'Home', 'Wheelchair; needs assist with transfers', 'Patient discharge', 'Wheelchair van', 'booked',
      'Sunrise Wheelchair Van', 'Dependence on wheelchair', 'Prairie Health Plan', 'Gold Medicare Advantage', 'Discharge plan',
      'Home safely with transport arranged', 'Confirm caregiver at home', 'Case manager', 'Okafor, Ada', 'MRN-1001']) {
      expect(text).toContain(s);
    }
    expect(text).toContain('href="/ehr/patient/pat-1/app">Launch CareRelay');
    expect(text).toMatch(/href="\/ehr\/patient\/pat-1\/launch\?mode=tab" target="_blank"/);
    expect(text).toContain('href="/ehr/patient/pat-1/discharge"');
    expect(text).not.toContain('Place discharge order'); // pat-1 already has one
  });

  it('renders a malicious family name as text, never as markup', async () => {
    server.close();
    const evil = buildPatientChart({ id: 'pat-x', family: '<script>alert(1)</script>', given: '"><img src=x onerror=alert(2)>', mrn: 'MRN-X', bed: '4W-1', disposition: 'snf', plannedDischarge: '2025-03-14T15:00:00Z' });
    await start([...buildFacility(), ...evil]);
    for (const path of ['/ehr', '/ehr/patient/pat-x', '/ehr/patient/pat-x/discharge', '/ehr/patient/pat-x/app']) {
      const { text } = await getHtml(path);
      expect(text, path).not.toContain('<script>alert(1)');
      expect(text, path).not.toContain('<img src=x');
      expect(text, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('answers 404 for an unknown patient and for ids that are not FHIR ids', async () => {
    expect((await getHtml('/ehr/patient/nobody')).status).toBe(404);
    expect((await getHtml('/ehr/patient/a%26b%3Dc')).status).toBe(404);
  });
});

describe('launch', () => {
  it('mints a fresh launch with patient, encounter and user, and redirects with iss', async () => {
    for (const [mode, banner] of [['embedded', false], ['tab', true]] as const) {
      const res = await fetch(`${base}/ehr/patient/pat-2/launch?mode=${mode}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(APP_LAUNCH);
      expect(location.searchParams.get('iss')).toBe(FHIR_BASE);
      expect(location.searchParams.get('launch')).toBe(`launch-${launches.length}`);
      expect(launches.at(-1)).toEqual({ patient: 'pat-2', encounter: 'enc-pat-2', fhirUser: 'Practitioner/prac-cm-1', needPatientBanner: banner });
    }
  });

  it('embeds the app in an iframe titled CareRelay that loads the launch route', async () => {
    const { text } = await getHtml('/ehr/patient/pat-2/app');
    expect(text).toContain('<iframe class="app-frame" title="CareRelay" src="/ehr/patient/pat-2/launch?mode=embedded">');
  });
});

describe('discharge screen', () => {
  it('carries the data hooks and labelled fields the extension reads', async () => {
    const { text } = await getHtml('/ehr/patient/pat-1/discharge');
    expect(text).toMatch(/<section[^>]*data-ehr-screen="discharge"[^>]*data-patient-id="pat-1" data-encounter-id="enc-pat-1"/);
    expect(text).toContain('<h2 id="dp-h">Discharge planning</h2>');
    const field = (label: string) => text.match(new RegExp(`<dt>${label}</dt><dd>(.*?)</dd>`))?.[1];
    expect(field('Patient name')).toBe('Nguyen, Mai');
    expect(field('MRN')).toBe('MRN-1001');
    expect(field('DOB')).toBe('<time datetime="1948-03-14">03/14/1948</time>');
    expect(field('Encounter')).toBe('V-MRN-1001');
    expect(field('Unit / Bed')).toBe('4 West / 4W-12A');
    expect(field('Planned discharge')).toBe('<time datetime="2025-03-14T15:00:00Z">Fri, Mar 14, 11:00</time>'); // the hospital's clock (New York, EDT)
    expect(field('Disposition')).toBe('Home');
    expect(field('Home address')).toBe('22 Elm St, Apt 3, Springfield, IL 62704');
    expect(field('Mobility notes')).toBe('Wheelchair; needs assist with transfers');
    expect(text).toContain('Medications reconciled');
  });

  it('with ?late=1 ships the section in a template and inserts it from a script', async () => {
    const { text } = await getHtml('/ehr/patient/pat-1/discharge?late=1');
    const [beforeTemplate, inTemplate] = text.split('<template id="discharge-template">');
    expect(beforeTemplate).not.toContain('data-ehr-screen');
    expect(inTemplate).toContain('data-ehr-screen="discharge"');
    const dom = new JSDOM(text, { runScripts: 'dangerously' });
    const doc = dom.window.document;
    expect(doc.querySelector('[data-ehr-screen="discharge"]')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 700));
    const section = doc.querySelector('[data-ehr-screen="discharge"]');
    expect(section?.getAttribute('data-encounter-id')).toBe('enc-pat-1');
    expect(section?.querySelector('dt + dd')?.textContent).toBe('Nguyen, Mai');
    dom.window.close();
  });
});

describe('discharge order', () => {
  it('refuses (409) when the patient has no in-progress encounter', async () => {
    fhir.resources.delete('Encounter/enc-pat-2');
    const res = await fetch(`${base}/ehr/patient/pat-2/discharge-order`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(409);
    expect(dischargeOrders().some((r) => JSON.stringify(r.subject).includes('pat-2'))).toBe(false);
  });

  it('offers the form only when no order exists, and a double submit creates one order', async () => {
    expect((await getHtml('/ehr/patient/pat-2')).text).toContain('Place discharge order');
    const before = dischargeOrders().length;
    const post = () => fetch(`${base}/ehr/patient/pat-2/discharge-order`, { method: 'POST', redirect: 'manual' });
    const [a, b] = await Promise.all([post(), post()]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.get('location')).toBe('/ehr/patient/pat-2');
    expect((await post()).status).toBe(303);

    const created = dischargeOrders().filter((r) => JSON.stringify(r.subject) === '{"reference":"Patient/pat-2"}');
    expect(dischargeOrders().length).toBe(before + 1);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      status: 'active', intent: 'order',
      code: { coding: [{ system: SYSTEMS.snomed, code: '58000006' }] },
      encounter: { reference: 'Encounter/enc-pat-2' },
      occurrenceDateTime: '2025-03-15T11:30:00Z',
      requester: { reference: 'PractitionerRole/role-cm-1' },
    });
    const posts = fhir.log.filter((l) => l.method === 'POST');
    expect(posts.every((l) => l.headers?.['If-None-Exist']?.startsWith('identifier='))).toBe(true);

    const chart = (await getHtml('/ehr/patient/pat-2')).text;
    expect(chart).not.toContain('Place discharge order');
    expect(chart).toContain('Discharge order</span>');
  });
});
