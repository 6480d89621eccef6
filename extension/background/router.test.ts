// The background's gate: sender rules, message shapes and the FHIR URL fence.
import { describe, expect, it, vi } from 'vitest';
import { relativeToBase } from './fhir-proxy';
import { createRouter, type RouterDeps } from './router';
import { DEFAULT_SETTINGS } from './settings';

const ID = 'icfbljloohclgdcgllihgcpgeiiobmjm';
const EXT = `chrome-extension://${ID}`;
const page = { id: ID, url: `${EXT}/sidepanel.html`, origin: EXT };
const content = (over: object = {}) => ({ id: ID, url: 'http://localhost:8080/ehr/patient/pat-001/discharge', origin: 'http://localhost:8080', frameId: 0, tab: { id: 7, active: true, windowId: 1 }, ...over });
const openBooking = { type: 'open-booking', service: 'transport', context: { source: 'sandbox', patientId: 'pat-001' } };

function setup(cached = true) {
  const deps = {
    rules: { runtimeId: ID, extensionOrigin: EXT },
    cachedSettings: () => (cached ? DEFAULT_SETTINGS : undefined),
    loadSettings: async () => DEFAULT_SETTINGS,
    openBookingUi: vi.fn(async () => ({ opened: 'side-panel' })),
    onContent: vi.fn(async () => ({ signedIn: false, bookings: [] })),
    onPanel: vi.fn(async () => ({ ok: true })),
  } satisfies RouterDeps;
  return { deps, route: createRouter(deps) };
}

describe('message router', () => {
  it('opens the booking UI synchronously for a trusted click in the active allowed tab', () => {
    const { deps, route } = setup();
    expect(route(openBooking, content())).toBeInstanceOf(Promise);
    expect(deps.openBookingUi).toHaveBeenCalledWith({ id: 7, windowId: 1 }, { source: 'sandbox', patientId: 'pat-001' }, 'transport');
  });

  it.each(['home-health', 'dme'])('keeps which service was clicked (%s)', async (service) => {
    const { deps, route } = setup(false);
    await route({ ...openBooking, service }, content());
    expect(deps.openBookingUi).toHaveBeenCalledWith({ id: 7, windowId: 1 }, { source: 'sandbox', patientId: 'pat-001' }, service);
  });

  it.each([
    ['another extension', content({ id: 'x'.repeat(32) })],
    ['an inactive tab', content({ tab: { id: 7, active: false } })],
    ['an origin not on the allow-list', content({ url: 'http://127.0.0.1:8080/ehr', origin: 'http://127.0.0.1:8080' })],
    ['a subframe', content({ frameId: 3 })],
    ['no tab', content({ tab: undefined })],
    ['a page claiming another origin', content({ origin: 'http://localhost:9999' })],
  ])('refuses open-booking from %s with no side effect', async (_name, sender) => {
    const { deps, route } = setup();
    expect(await route(openBooking, sender)).toBeUndefined();
    expect(deps.openBookingUi).not.toHaveBeenCalled();
  });

  it('never lets a content script send panel messages, nor a page send content messages', async () => {
    const { deps, route } = setup();
    expect(await route({ type: 'fhir', request: { method: 'POST', url: 'Task', body: {} } }, content())).toBeUndefined();
    expect(await route({ type: 'sign-out' }, content())).toBeUndefined();
    expect(await route(openBooking, page)).toBeUndefined();
    expect(await route({ type: 'sign-out', extra: 1 }, { ...page, tab: { id: 3, url: 'https://evil.example.org/' } })).toBeUndefined();
    expect(deps.onPanel).not.toHaveBeenCalled();
    expect(deps.openBookingUi).not.toHaveBeenCalled();
  });

  it('routes well-formed panel messages from extension pages and drops malformed ones', async () => {
    const { deps, route } = setup();
    expect(await route({ type: 'session-status' }, page)).toEqual({ ok: true });
    expect(route({ type: 'fhir', request: { method: 'TRACE', url: 'x' } }, page)).toBeUndefined();
    expect(route('sign-in', page)).toBeUndefined();
    expect(deps.onPanel).toHaveBeenCalledTimes(1);
  });

  it('checks the allow-list after loading settings when the worker just woke', async () => {
    const { deps, route } = setup(false);
    await route(openBooking, content());
    expect(deps.openBookingUi).toHaveBeenCalledTimes(1);
  });
});

describe('FHIR URL fence', () => {
  const base = 'http://localhost:8080/fhir/R4';
  it.each(['Patient/1', 'Task?patient=1', '', `${base}/Task?_page=2`])('lets %s through', (url) => {
    expect(relativeToBase(url, base)).toBeDefined();
  });
  it.each(['http://evil.example.org/x', '//evil.example.org/x', '/auth/token', '../auth/token', 'Task/../../auth', `${base}x/Task`, 'javascript:1', 'Task\\..\\x'])('stops %s', (url) => {
    expect(relativeToBase(url, base)).toBeUndefined();
  });
});
