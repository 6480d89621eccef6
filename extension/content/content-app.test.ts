// @vitest-environment jsdom
// The whole content script in jsdom: late renders, pushState navigation, the
// sandbox's late section, and what it sends the background.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { late } from './late';
import { provideLate } from './lazy';
import type { ContentMessage } from '../messages';
import { startContent } from './content-app';
import { OVERLAY_HOST_ATTR } from './overlay';
import { fixtureHtml } from './test-fixtures';


// The late half is loaded up front here; lazy loading is the built extension's (e2e).
provideLate(late);
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  document.body.replaceChildren();
});

/** Loads a fixture's body into the live document and runs its inline script, if any. */
function load(name: string): void {
  const parsed = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  const scripts = [...parsed.querySelectorAll('script')].map((s) => s.textContent ?? '');
  parsed.querySelectorAll('script').forEach((s) => s.remove());
  document.body.replaceChildren(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
  for (const code of scripts) new Function(code)();
}

function start() {
  const sent: ContentMessage[] = [];
  const send = vi.fn(async (m: ContentMessage) => {
    sent.push(m);
    return { signedIn: true, bookings: [{ label: 'Wheelchair van', status: 'Booked', time: '14:30' }] };
  });
  stop = startContent({ send, shadowMode: 'open' });
  return { sent, send };
}

const overlayHost = () => document.querySelector(`[${OVERLAY_HOST_ATTR}]`);
const overlayText = () => overlayHost()?.shadowRoot?.textContent ?? '';
const screens = (sent: ContentMessage[]) => sent.filter((m) => m.type === 'discharge-screen');

describe('content script', () => {
  it('finds a screen already on the page, asks for bookings and shows them', async () => {
    load('legacy-table.html');
    const { sent } = start();
    await vi.waitFor(() => expect(overlayText()).toContain('1 booking:Wheelchair van — Booked 14:30'));
    expect(screens(sent)).toHaveLength(1);
    expect(screens(sent)[0]).toMatchObject({ context: { source: 'generic', mrn: '00482913', visit: 'V88120034' } });
    expect(overlayHost()?.nextElementSibling?.tagName).toBe('TABLE');
  });

  it('stays silent on pages that are not discharge screens, even as they change', async () => {
    load('patient-list.html');
    const { send } = start();
    const row = document.querySelector('tbody tr');
    for (let i = 0; i < 5; i++) document.querySelector('tbody')?.append(row?.cloneNode(true) ?? '');
    await new Promise((r) => setTimeout(r, 400));
    expect(overlayHost()).toBeNull();
    expect(send).not.toHaveBeenCalled();
  });

  it('detects an SPA that navigates with pushState and renders late, and leaves with it', async () => {
    load('spa-late.html');
    const { sent } = start();
    await new Promise((r) => setTimeout(r, 50));
    expect(overlayHost()).toBeNull();

    (window as unknown as { renderDischarge(): void }).renderDischarge();
    await vi.waitFor(() => expect(screens(sent)).toHaveLength(1));
    expect(location.hash).toBe('#/patients/p-9/discharge');
    expect(screens(sent)[0]?.context).toEqual({
      source: 'generic', patientName: 'Dorothy Vaughan', mrn: 'A-443-219', birthDate: '1910-09-20', visit: 'E-900-17',
      unitBed: 'ICU-3', plannedDischarge: '2025-03-18T09:30', disposition: 'Rehab facility', address: '9 Langley Rd, Hampton, VA',
    });
    expect(overlayHost()).not.toBeNull();

    (window as unknown as { leaveDischarge(): void }).leaveDischarge();
    await vi.waitFor(() => expect(overlayHost()).toBeNull());

    (window as unknown as { renderDischarge(): void }).renderDischarge();
    await vi.waitFor(() => expect(screens(sent)).toHaveLength(2));
  });

  it('waits for fields that render after their discharge heading', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    const { sent } = start();
    const app = document.getElementById('app');
    app?.insertAdjacentHTML('beforeend', '<section><h2>Discharge planning</h2><div class="skeleton"></div></section>');
    await new Promise((r) => setTimeout(r, 100));
    expect(overlayHost()).toBeNull();
    app?.querySelector('.skeleton')?.insertAdjacentHTML('beforeend', '<label for="m">MRN</label><output id="m">77</output><label for="d">DOB</label><output id="d">1950-01-01</output>');
    await vi.waitFor(() => expect(screens(sent)).toHaveLength(1));
    expect(screens(sent)[0]?.context).toEqual({ source: 'generic', mrn: '77', birthDate: '1950-01-01' });
  });

  it('upgrades to the sandbox section when it renders after the page (?late=1)', async () => {
    load('sandbox-discharge.html');
    const section = document.querySelector('[data-ehr-screen]');
    const holder = section?.parentElement;
    section?.remove();
    const { sent } = start();
    // The page heading and banner alone already make a (generic) discharge screen.
    await vi.waitFor(() => expect(screens(sent)).toHaveLength(1));
    expect(screens(sent)[0]?.context.source).toBe('generic');

    if (section) holder?.append(section);
    await vi.waitFor(() => expect(screens(sent)).toHaveLength(2));
    expect(screens(sent)[1]?.context).toMatchObject({ source: 'sandbox', patientId: 'pat-001', encounterId: 'enc-001' });
    expect(overlayHost()?.nextElementSibling).toBe(section);
    expect(document.querySelectorAll(`[${OVERLAY_HOST_ATTR}]`)).toHaveLength(1);
  });

  it('re-reads the section when the page swaps the patient in place', async () => {
    load('sandbox-discharge.html');
    const { sent } = start();
    await vi.waitFor(() => expect(screens(sent)).toHaveLength(1));
    const mrn = [...document.querySelectorAll('[data-ehr-screen] dt')].find((dt) => dt.textContent === 'MRN')?.nextElementSibling;
    if (mrn) mrn.textContent = 'MRN-999999';
    await vi.waitFor(() => expect(screens(sent)).toHaveLength(2));
    expect(screens(sent)[1]?.context.mrn).toBe('MRN-999999');
  });

  it('refreshes the bookings periodically while the screen is shown', async () => {
    load('colon-text.html');
    const sent: ContentMessage[] = [];
    let status = 'Requested';
    stop = startContent({
      send: async (m) => { sent.push(m); return { signedIn: true, bookings: [{ label: 'Wheelchair van', status }] }; },
      shadowMode: 'open',
      refreshMs: 50,
    });
    await vi.waitFor(() => expect(overlayText()).toContain('Wheelchair van — Requested'));
    status = 'Booked';
    await vi.waitFor(() => expect(overlayText()).toContain('Wheelchair van — Booked'));
    expect(screens(sent).length).toBeGreaterThan(1);
  });

  it('tells the nurse when the background does not answer', async () => {
    load('colon-text.html');
    stop = startContent({ send: async () => { throw new Error('Extension context invalidated.'); }, shadowMode: 'open' });
    await vi.waitFor(() => expect(overlayText()).toContain('CareRelay is unavailable'));
  });
});
