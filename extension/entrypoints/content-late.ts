// The content script's late half (content/late.ts): the lexicon, extractor, detector
// decision and overlay. The content script imports this file from the extension
// (web_accessible_resources) on the first candidate discharge screen; running in the
// content script's isolated world, it hands the module over on a global there.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { late } from '../content/late';
import { LATE_GLOBAL } from '../content-matches';

export default defineUnlistedScript(() => {
  (globalThis as unknown as Record<string, unknown>)[LATE_GLOBAL] = late;
});
