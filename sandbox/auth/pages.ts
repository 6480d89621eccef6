// The sandbox's sign-in and patient-picker pages: plain HTML forms, keyboard-usable,
// every control labelled, button names Playwright can target ("Sign in", "Select <name>").
import type { SandboxUser } from './accounts';

export interface PickerPatient {
  id: string;
  name: string;
  birthDate?: string;
  mrn?: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Sandbox EHR</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}select,input,button{font:inherit;padding:.4rem .6rem}
button{cursor:pointer}:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
table{border-collapse:collapse;width:100%;margin-top:1rem}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc}
.note{color:#555;font-size:.9rem}</style></head>
<body><main>${body}</main></body></html>`;
}

export function loginPage(action: string, clientLabel: string, users: SandboxUser[], error?: string): string {
  const options = users.map((u) => `<option value="${escapeHtml(u.fhirUser)}">${escapeHtml(u.name)}${u.role ? ` (${escapeHtml(u.role)})` : ''}</option>`).join('');
  return layout('Sign in', `<h1>Sign in to the sandbox EHR</h1>
<p>${escapeHtml(clientLabel)} is asking you to sign in.</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<label for="fhirUser">User</label>
<select id="fhirUser" name="fhirUser" required>${options}</select>
<p><button type="submit">Sign in</button></p>
</form>
<p class="note">Sandbox only: no password; pick any practitioner.</p>`);
}

export function pickerPage(selfUrl: string, selectAction: string, patients: PickerPatient[], query: string, error?: string): string {
  const rows = patients.map((p) => `<tr><td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.birthDate ?? '')}</td><td>${escapeHtml(p.mrn ?? '')}</td>
<td><form method="post" action="${escapeHtml(selectAction)}"><input type="hidden" name="patient" value="${escapeHtml(p.id)}">
<button type="submit">Select ${escapeHtml(p.name)}</button></form></td></tr>`).join('\n');
  return layout('Select a patient', `<h1>Select a patient</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="get" action="${escapeHtml(selfUrl)}" role="search">
<label for="q">Search patients</label>
<input id="q" name="q" type="search" value="${escapeHtml(query)}" autocomplete="off">
<button type="submit">Search</button>
</form>
${patients.length === 0 ? '<p>No patients match.</p>' : `<table><caption class="note">${patients.length} patient(s)</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Birth date</th><th scope="col">MRN</th><th scope="col"><span class="note">Action</span></th></tr></thead>
<tbody>${rows}</tbody></table>`}`);
}

export function errorPage(message: string): string {
  return layout('Error', `<h1>Something went wrong</h1><p role="alert">${escapeHtml(message)}</p>`);
}
