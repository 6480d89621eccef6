// What the EHR page, or anything else that is not CareRelay's own extension page
// or its content script on an allowed origin, can make the extension do: nothing.
// Tokens stay in the background; forged messages cause no FHIR write, no side panel, no window.
import { expect, openPanelAndSignIn, sidePanelCount, test, type ChromeForTests } from './support/extension';
import { inContentWorld } from './support/content-world';
import { forgedContentMessages, forgedPanelMessages } from './support/forged-messages';
import { fhirGet, ORIGIN } from './support/sandbox-client';
import { SANDBOX } from '../../playwright.config';

const DISCHARGE = '/ehr/patient/pat-001/discharge';

async function writeCounts() {
  const count = async (type: string) => (await fhirGet(`${type}?_summary=count`)).total ?? -1;
  return { ServiceRequest: await count('ServiceRequest'), Task: await count('Task'), Provenance: await count('Provenance') };
}

test('the EHR page cannot reach tokens, the background or the overlay buttons', async ({ context, extensionId, worker }) => {
  await openPanelAndSignIn(context, extensionId);
  const token = await worker.evaluate(async () => JSON.stringify(await (globalThis as unknown as { chrome: ChromeForTests }).chrome.storage.session.get(null)));
  const accessToken = /"accessToken\\?":\\?"([^"\\]+)/.exec(token)?.[1];
  expect(accessToken, 'the background holds a token in storage.session').toBeTruthy();

  const ehr = await context.newPage();
  await ehr.goto(ORIGIN + DISCHARGE);
  await expect.poll(() => ehr.evaluate(() => document.querySelector('[data-carerelay-overlay]') !== null)).toBe(true);
  const seen = await ehr.evaluate(async (id) => {
    const w = window as unknown as { chrome?: { runtime?: { sendMessage?: unknown }; storage?: unknown } };
    let sendError = 'no error';
    try {
      await (w.chrome?.runtime?.sendMessage as ((id: string, m: unknown) => Promise<unknown>) | undefined)?.(id, { type: 'sign-in' });
    } catch (e) {
      sendError = String(e);
    }
    const host = document.querySelector('[data-carerelay-overlay]');
    // Everything a page can try to start a booking: post junk, click the host, click what is under the buttons.
    window.postMessage({ type: 'open-booking', service: 'transport', context: { source: 'sandbox', patientId: 'pat-001' } }, '*');
    window.postMessage('{"type":"fhir","request":{"method":"POST","url":"Task"}}', '*');
    (host as HTMLElement | null)?.click();
    host?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    const rect = host?.getBoundingClientRect();
    if (rect) (document.elementFromPoint(rect.left + 150, rect.top + 20) as HTMLElement | null)?.click();
    host?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const storages = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie + document.documentElement.outerHTML + location.href;
    return { runtime: typeof w.chrome?.runtime?.sendMessage, storage: typeof w.chrome?.storage, shadowRoot: host?.shadowRoot === null, sendError, storages };
  }, extensionId);
  expect(seen.runtime === 'undefined' || seen.sendError !== 'no error').toBe(true);
  expect(seen.storage).toBe('undefined');
  expect(seen.shadowRoot).toBe(true);
  expect(seen.storages).not.toContain(accessToken);
  await ehr.waitForTimeout(1000);
  expect(await sidePanelCount(worker)).toBe(0);
  expect(context.pages().map((p) => p.url()).filter((u) => u.includes('sidepanel.html'))).toHaveLength(1);
});

test('1,000 forged messages from the wrong senders cause no FHIR write and no UI', async ({ context, extensionId, worker }) => {
  test.setTimeout(120_000);
  const panel = await openPanelAndSignIn(context, extensionId);
  const before = await writeCounts();
  const pagesBefore = context.pages().length;

  // 1. An extension page sending malformed messages and FHIR requests aimed off the FHIR base.
  const fromPage = await panel.evaluate(async (messages) => {
    const api = (globalThis as unknown as { chrome: ChromeForTests }).chrome;
    return Promise.allSettled(messages.map((m) => api.runtime.sendMessage(m)));
  }, forgedPanelMessages(400, 7));

  // 2. CareRelay's own content script on an origin the admin did not allow (127.0.0.1 ≠ localhost).
  const foreign = await context.newPage();
  await foreign.goto(`http://127.0.0.1:${SANDBOX.port}${DISCHARGE}`);
  const send = (messages: unknown[]) => `async () => Promise.allSettled(${JSON.stringify(messages)}.map((m) => chrome.runtime.sendMessage(m)))`;
  const fromForeign = await inContentWorld<PromiseSettledResult<unknown>[]>(foreign, extensionId, send(forgedContentMessages(300, 11)));

  // 3. The content script on the allowed origin, but in a tab that is not the active one.
  const hidden = await context.newPage();
  await hidden.goto(ORIGIN + DISCHARGE);
  await panel.bringToFront();
  const panelOnly = forgedContentMessages(600, 13).filter((m) => (m as { type?: unknown } | null)?.type !== 'discharge-screen').slice(0, 300);
  const fromHidden = await inContentWorld<PromiseSettledResult<unknown>[]>(hidden, extensionId, send(panelOnly));

  const answers = [...fromPage, ...fromForeign, ...fromHidden];
  expect(answers).toHaveLength(1000);
  // A refusal is no answer (undefined, or null once it crossed the message port) or {ok: false}.
  const accepted = answers.filter((a) => a.status === 'fulfilled' && a.value != null && !(typeof a.value === 'object' && a.value !== null && 'ok' in a.value && a.value.ok === false));
  expect(accepted).toEqual([]);
  expect(JSON.stringify(answers)).not.toMatch(/Bearer|accessToken|access_token/);

  expect(await writeCounts()).toEqual(before);
  expect(await sidePanelCount(worker)).toBe(0);
  expect(context.pages().length).toBe(pagesBefore + 2);
  // The session survived: no forged 'sign-out' got through.
  await panel.reload();
  await expect(panel.getByText(/^Signed in/)).toBeVisible();
});
