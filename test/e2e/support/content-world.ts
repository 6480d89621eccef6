// Runs code inside the extension's content-script world of a page (the isolated
// world Chromium gives CareRelay's content script), through the DevTools protocol:
// the only way to send messages with a real content-script sender.
import type { Page } from '@playwright/test';

interface ContextCreated { context: { id: number; origin: string; name: string; auxData?: { type?: string; frameId?: string } } }

export async function inContentWorld<T>(page: Page, extensionId: string, fn: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: ContextCreated['context'][] = [];
  cdp.on('Runtime.executionContextCreated', (event: ContextCreated) => contexts.push(event.context));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.includes(extensionId));
  if (!world) throw new Error(`no CareRelay content script world in ${page.url()} (worlds: ${contexts.map((c) => `${c.auxData?.type}:${c.name}`).join(', ')})`);
  const result = await cdp.send('Runtime.evaluate', { expression: `(${fn})()`, contextId: world.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (result.exceptionDetails) throw new Error(`content world: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
  return result.result.value as T;
}
