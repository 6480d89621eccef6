// The page shell: lang, title, landmarks, skip link and the "Sandbox EHR" top bar.
import { html, trusted, type SafeHtml } from '../html';
import { STYLESHEET } from './styles';

export interface PageOptions {
  title: string;
  body: SafeHtml;
  user: string;
  /** Inline script for the page (sandbox only; never built from FHIR data). */
  script?: string;
}

export function page({ title, body, user, script }: PageOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Sandbox EHR</title>
<style>${trusted(STYLESHEET)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="topbar">
  <a class="brand" href="/ehr">Sandbox EHR</a>
  <nav aria-label="Primary"><a href="/ehr">Patient list</a></nav>
  <span class="user">Signed in as ${user}</span>
</header>
<main id="main" tabindex="-1">
${body}
</main>
${script ? trusted(`<script>${script}</script>`) : ''}
</body>
</html>`.value;
}

export function errorPage(status: number, message: string, user: string): string {
  return page({
    title: status === 404 ? 'Not found' : 'Error',
    user,
    body: html`<h1>${status === 404 ? 'Not found' : 'Something went wrong'}</h1><p>${message}</p><p><a href="/ehr">Back to the patient list</a></p>`,
  });
}
