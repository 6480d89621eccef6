// GET /ehr/patient/:id: the chart, with the CareRelay launch points.
import type { ChartData } from '../chart-data';
import { formatName } from '../format';
import { html, type SafeHtml } from '../html';
import { carePlanCard, careTeamCard, coverageCard, encounterCard, ordersCard, problemsCard } from './chart-sections';
import { patientBanner } from './patient-banner';

export function chartActions(d: ChartData, base: string): SafeHtml {
  const canOrder = !d.dischargeOrder && d.current;
  return html`<div class="actions" role="group" aria-label="Chart actions">
  <a class="btn primary" href="${base}/app">Launch CareRelay</a>
  <a class="btn" href="${base}/launch?mode=tab" target="_blank" rel="noopener">Open CareRelay in new tab</a>
  <a class="btn" href="${base}/discharge">Discharge screen</a>
  ${canOrder
    ? html`<form method="post" action="${base}/discharge-order"><button class="btn" type="submit">Place discharge order</button></form>`
    : ''}
</div>`;
}

export function chartView(d: ChartData): SafeHtml {
  const base = `/ehr/patient/${encodeURIComponent(d.patient.id)}`;
  return html`${patientBanner(d)}
<h1>Chart: ${formatName(d.patient.name)}</h1>
${chartActions(d, base)}
${d.notices.map((n) => html`<p class="notice" role="status">${n}</p>`)}
<div class="grid">
  ${encounterCard(d.current)}
  ${problemsCard(d)}
</div>
<div class="stack">${ordersCard(d)}</div>
<div class="grid stack">
  ${carePlanCard(d)}
  ${careTeamCard(d)}
  ${coverageCard(d)}
</div>`;
}
