// The cards of the chart page, one function per card.
import type { ChartData } from '../chart-data';
import type { EncounterView } from '../encounter-context';
import { html, type SafeHtml } from '../html';
import { conceptText, formatDate, formatDateTime } from '../format';
import { dateCell } from './patient-banner';

const none = (what: string) => html`<p class="muted">No ${what} on file.</p>`;

export function encounterCard(v: EncounterView | undefined): SafeHtml {
  if (!v) return html`<section class="card" aria-labelledby="enc-h"><h2 id="enc-h">Current encounter</h2>${none('in-progress encounter')}</section>`;
  return html`<section class="card" aria-labelledby="enc-h">
  <h2 id="enc-h">Current encounter</h2>
  <dl class="fields">
    <dt>Encounter</dt><dd>${v.encounter.identifier?.[0]?.value ?? v.encounter.id}</dd>
    <dt>Unit / Bed</dt><dd>${[v.unit, v.bed].filter(Boolean).join(' / ') || '—'}</dd>
    <dt>Admitted</dt><dd>${dateCell(v.admitted, formatDateTime(v.admitted))}</dd>
    <dt>Planned discharge</dt><dd>${dateCell(v.plannedDischarge, formatDateTime(v.plannedDischarge))}</dd>
    <dt>Disposition</dt><dd>${v.disposition || '—'}</dd>
    <dt>Mobility notes</dt><dd>${v.mobilityNotes || '—'}</dd>
  </dl>
</section>`;
}

export function ordersCard(d: ChartData): SafeHtml {
  const rows = d.orders.map(
    (o) => html`<tr>
  <td>${o.what}${o.isDischargeOrder ? html` <span class="tag yes">Discharge order</span>` : ''}</td>
  <td>${o.category}</td><td>${o.status}</td><td>${o.milestone}</td>
  <td>${dateCell(o.when, formatDateTime(o.when))}</td><td>${o.performer}</td>
</tr>`,
  );
  return html`<section class="card" aria-labelledby="orders-h">
  <h2 id="orders-h">Orders</h2>
  ${d.orders.length === 0
    ? none('orders')
    : html`<table><thead><tr><th scope="col">Order</th><th scope="col">Category</th><th scope="col">Status</th><th scope="col">Latest milestone</th><th scope="col">When</th><th scope="col">Performer</th></tr></thead><tbody>${rows}</tbody></table>`}
</section>`;
}

export function problemsCard(d: ChartData): SafeHtml {
  const items = d.conditions.map((c) => {
    const code = c.code?.coding?.[0]?.code;
    return html`<li>${conceptText(c.code)}${code ? html` <span class="muted">(${code})</span>` : ''} · ${conceptText(c.clinicalStatus)}</li>`;
  });
  return html`<section class="card" aria-labelledby="problems-h"><h2 id="problems-h">Problems</h2>${items.length ? html`<ul>${items}</ul>` : none('problems')}</section>`;
}

export function coverageCard(d: ChartData): SafeHtml {
  const items = d.coverages.map(
    (c) => html`<li><strong>${c.payor || 'Unknown payer'}</strong>${c.plan ? html` · ${c.plan}` : ''}${c.memberId ? html` · member ${c.memberId}` : ''} · ${c.status}</li>`,
  );
  return html`<section class="card" aria-labelledby="coverage-h"><h2 id="coverage-h">Coverage</h2>${items.length ? html`<ul>${items}</ul>` : none('coverage')}</section>`;
}

export function carePlanCard(d: ChartData): SafeHtml {
  const plan = d.carePlan;
  const goals = d.goals.map((g) => {
    const due = g.target?.[0]?.dueDate;
    return html`<li>${conceptText(g.description)} · ${conceptText(g.achievementStatus) || g.lifecycleStatus || ''}${due ? html` · due ${formatDate(due)}` : ''}</li>`;
  });
  const activities = d.activities.map(
    (a) => html`<li>${a.description} · ${a.status}${a.when ? html` · ${formatDateTime(a.when)}` : ''}</li>`,
  );
  return html`<section class="card" aria-labelledby="careplan-h">
  <h2 id="careplan-h">Care plan</h2>
  ${plan ? html`<p><strong>${plan.title ?? 'Care plan'}</strong> <span class="muted">(${plan.status ?? ''})</span></p>` : none('active care plan')}
  <h3>Goals</h3>${goals.length ? html`<ul>${goals}</ul>` : none('goals')}
  <h3>Activities</h3>${activities.length ? html`<ul>${activities}</ul>` : none('activities')}
</section>`;
}

export function careTeamCard(d: ChartData): SafeHtml {
  const items = d.team.map((t) => html`<li><strong>${t.role || 'Member'}</strong>: ${t.name}</li>`);
  return html`<section class="card" aria-labelledby="team-h"><h2 id="team-h">Care team</h2>${items.length ? html`<ul>${items}</ul>` : none('care team')}</section>`;
}
