// GET /ehr/patient/:id/app: CareRelay embedded in the chart, as EHRs host SMART apps.
import type { EncounterContext } from '../encounter-context';
import { html, type SafeHtml } from '../html';
import { patientBanner } from './patient-banner';

export function appFrameView(ctx: EncounterContext): SafeHtml {
  const base = `/ehr/patient/${encodeURIComponent(ctx.patient.id)}`;
  // The src is our launch route, so each load of this page mints a fresh launch value.
  return html`${patientBanner(ctx)}
<div class="app-head">
  <h1>CareRelay</h1>
  <a href="${base}">Back to chart</a>
  <a href="${base}/launch?mode=tab" target="_blank" rel="noopener">Open in new tab</a>
</div>
<iframe class="app-frame" title="CareRelay" src="${base}/launch?mode=embedded"></iframe>`;
}
