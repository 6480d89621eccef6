// The demographics banner at the top of every patient screen.
import type { EncounterContext } from '../encounter-context';
import { html, type SafeHtml } from '../html';
import { formatDate, formatName, mrnOf } from '../format';

export function dateCell(iso: string | undefined, text: string): SafeHtml {
  return iso ? html`<time datetime="${iso}">${text}</time>` : html`<span class="muted">—</span>`;
}

export function patientBanner(ctx: EncounterContext): SafeHtml {
  const p = ctx.patient;
  const where = [ctx.current?.unit, ctx.current?.bed].filter(Boolean).join(' / ');
  return html`<section class="banner" aria-label="Patient banner">
  <p class="pt-name">${formatName(p.name)}</p>
  <dl>
    <div><dt>MRN</dt><dd>${mrnOf(p) || '—'}</dd></div>
    <div><dt>DOB</dt><dd>${dateCell(p.birthDate, formatDate(p.birthDate))}</dd></div>
    <div><dt>Sex</dt><dd>${p.gender ?? '—'}</dd></div>
    <div><dt>Location</dt><dd>${where || '—'}</dd></div>
  </dl>
</section>`;
}
