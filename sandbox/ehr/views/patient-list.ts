// GET /ehr: the census table.
import { html, type SafeHtml } from '../html';
import { formatDate, formatDateTime, formatName, mrnOf } from '../format';
import type { CensusRow } from '../list-data';
import { dateCell } from './patient-banner';

function row(r: CensusRow): SafeHtml {
  const v = r.view;
  return html`<tr>
  <th scope="row"><a href="/ehr/patient/${encodeURIComponent(r.patient.id)}">${formatName(r.patient.name)}</a></th>
  <td>${mrnOf(r.patient)}</td>
  <td>${dateCell(r.patient.birthDate, formatDate(r.patient.birthDate))}</td>
  <td>${[v.unit, v.bed].filter(Boolean).join(' / ')}</td>
  <td>${dateCell(v.plannedDischarge, formatDateTime(v.plannedDischarge))}</td>
  <td>${v.disposition}</td>
  <td>${r.hasDischargeOrder ? html`<span class="tag yes">Yes</span>` : html`<span class="tag">No</span>`}</td>
</tr>`;
}

export function patientListView(rows: CensusRow[]): SafeHtml {
  return html`<h1>Inpatients</h1>
<p class="muted">${rows.length} patients with an in-progress encounter.</p>
<table>
  <caption>Current inpatient census</caption>
  <thead><tr>
    <th scope="col">Name</th><th scope="col">MRN</th><th scope="col">DOB</th><th scope="col">Unit / Bed</th>
    <th scope="col">Planned discharge</th><th scope="col">Disposition</th><th scope="col">Discharge order</th>
  </tr></thead>
  <tbody>${rows.map(row)}</tbody>
</table>`;
}
