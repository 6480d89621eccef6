import { expect, it } from 'vitest';
import { EXTENSION_ID, extensionIdOf, MANIFEST_KEY } from './manifest-key';

it('EXTENSION_ID is the id Chromium derives from the manifest key', async () => {
  expect(await extensionIdOf(MANIFEST_KEY)).toBe(EXTENSION_ID);
});
