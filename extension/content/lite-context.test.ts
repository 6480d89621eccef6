// @vitest-environment jsdom
// The content script's trimmed WXT context: a newer copy of the script stops the older one.
import { afterEach, expect, it, vi } from 'vitest';
import { ContentScriptContext } from './lite-context';

afterEach(() => vi.unstubAllGlobals());

it('invalidates the older copy, once, when a newer one starts', () => {
  vi.stubGlobal('chrome', { runtime: { id: 'ext' } });
  const first = new ContentScriptContext('content');
  const stopFirst = vi.fn();
  first.onInvalidated(stopFirst);
  const second = new ContentScriptContext('content');
  const stopSecond = vi.fn();
  second.onInvalidated(stopSecond);
  expect(stopFirst).toHaveBeenCalledTimes(1);
  expect(stopSecond).not.toHaveBeenCalled();
  new ContentScriptContext('other-script');
  new ContentScriptContext('content');
  expect(stopFirst).toHaveBeenCalledTimes(1);
  expect(stopSecond).toHaveBeenCalledTimes(1);
});
