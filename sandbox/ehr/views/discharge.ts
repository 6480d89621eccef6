// GET /ehr/patient/:id/discharge: the screen the CareRelay extension detects and
// overlays. Its contract with the extension: the root carries data-ehr-screen,
// data-patient-id and data-encounter-id, and each field is a <dt>label</dt><dd>value</dd>
// pair (dates also carry an ISO value in <time datetime>).
import type { EncounterContext } from '../encounter-context';
import { formatDate, formatDateTime, formatName, homeAddress, mrnOf } from '../format';
import { html, type SafeHtml } from '../html';
import { dateCell, patientBanner } from './patient-banner';

const CHECKLIST = [
  ['meds', 'Medications reconciled'],
  ['education', 'Patient and family education given'],
  ['followup', 'Follow-up appointment scheduled'],
  ['transport', 'Transport arranged'],
  ['equipment', 'Equipment (DME) delivered or arranged'],
  ['summary', 'Discharge summary completed'],
] as const;

function dischargeSection(ctx: EncounterContext): SafeHtml {
  const p = ctx.patient;
  const v = ctx.current;
  const order = ctx.dischargeOrder;
  return html`<section class="card" id="discharge-planning" data-ehr-screen="discharge"
  data-patient-id="${p.id}" data-encounter-id="${v?.encounter.id ?? ''}" aria-labelledby="dp-h">
  <h2 id="dp-h">Discharge planning</h2>
  <dl class="fields">
    <dt>Patient name</dt><dd>${formatName(p.name)}</dd>
    <dt>MRN</dt><dd>${mrnOf(p)}</dd>
    <dt>DOB</dt><dd>${dateCell(p.birthDate, formatDate(p.birthDate))}</dd>
    <dt>Encounter</dt><dd>${v ? (v.encounter.identifier?.[0]?.value ?? v.encounter.id) : '—'}</dd>
    <dt>Unit / Bed</dt><dd>${[v?.unit, v?.bed].filter(Boolean).join(' / ') || '—'}</dd>
    <dt>Planned discharge</dt><dd>${dateCell(v?.plannedDischarge, formatDateTime(v?.plannedDischarge))}</dd>
    <dt>Disposition</dt><dd>${v?.disposition || '—'}</dd>
    <dt>Home address</dt><dd>${homeAddress(p) || '—'}</dd>
    <dt>Mobility notes</dt><dd>${v?.mobilityNotes || '—'}</dd>
    <dt>Discharge order</dt><dd>${order ? html`${order.status ?? 'active'} · signed ${formatDateTime(order.authoredOn)}` : 'Not yet ordered'}</dd>
  </dl>
</section>`;
}

function checklist(ctx: EncounterContext): SafeHtml {
  return html`<section class="card" aria-labelledby="cl-h">
  <h2 id="cl-h">Discharge checklist</h2>
  <ul class="checklist">
    <li><input type="checkbox" id="cl-order" disabled ${ctx.dischargeOrder ? 'checked' : ''}> <label for="cl-order">Discharge order signed</label></li>
    ${CHECKLIST.map(([id, label]) => html`<li><input type="checkbox" id="cl-${id}" name="${id}"> <label for="cl-${id}">${label}</label></li>`)}
  </ul>
</section>`;
}

export function dischargeView(ctx: EncounterContext, late: boolean): SafeHtml {
  const section = dischargeSection(ctx);
  const main = late
    ? html`<div id="discharge-root"><p class="muted" id="discharge-loading">Loading discharge planning…</p></div>
<template id="discharge-template">${section}</template>`
    : section;
  return html`${patientBanner(ctx)}
<h1>Discharge: ${formatName(ctx.patient.name)}</h1>
<p><a href="/ehr/patient/${encodeURIComponent(ctx.patient.id)}">Back to chart</a></p>
<div class="discharge-layout">
  <div>${main}</div>
  ${checklist(ctx)}
</div>`;
}

/** Inserts the section after a delay, the way a single-page EHR renders after its XHRs. */
export const LATE_RENDER_SCRIPT = `setTimeout(function () {
  var t = document.getElementById('discharge-template');
  var root = document.getElementById('discharge-root');
  if (!t || !root) return;
  root.replaceChildren(t.content.cloneNode(true));
}, 500);`;
