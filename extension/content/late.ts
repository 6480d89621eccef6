// What the content script loads only once a candidate discharge screen is seen:
// the label lexicon, the extractor, the detector's decision and the overlay. Built
// as its own file (entrypoints/content-late.ts) so the script every EHR page loads
// stays small; lazy.ts loads it.
import { isBookingSummary, summaryLines } from './booking-summary';
import { evaluateCandidate } from './detect';
import { sameContext } from './extract';
import { mountOverlay } from './overlay';

export const late = { evaluateCandidate, sameContext, mountOverlay, isBookingSummary, summaryLines };
export type Late = typeof late;
