// What the patient reads. Plain words in the chart's language: the day, the pickup window, the
// vendor's name and phone, and what to reply. A template receives only those facts (TripFacts):
// it cannot leak a diagnosis, a name or a record number it was never given.
export type Language = 'en' | 'es';
export type TextKind = 'booked' | 'changed';

export interface TripFacts {
  kind: TextKind;
  language: Language;
  /** ISO start and end of the pickup window (end optional: start + 30 min). */
  start: string;
  end?: string;
  vendorName: string;
  vendorPhone?: string;
  /** IANA zone the patient lives in (the hospital's). */
  timeZone: string;
}

const LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-US' };
const WINDOW_MS = 30 * 60_000;

/** Starts a sentence: "Lunes, 23 de noviembre". */
function day(iso: string, f: TripFacts): string {
  const text = new Intl.DateTimeFormat(LOCALE[f.language], { timeZone: f.timeZone, weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(iso));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function time(iso: string, f: TripFacts): string {
  return new Intl.DateTimeFormat(LOCALE[f.language], { timeZone: f.timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

function windowEnd(f: TripFacts): string {
  const end = Date.parse(f.end ?? '');
  return new Date(Number.isNaN(end) || end <= Date.parse(f.start) ? Date.parse(f.start) + WINDOW_MS : end).toISOString();
}

const TEMPLATES: Record<Language, (f: TripFacts) => string> = {
  en: (f) => [
    f.kind === 'changed' ? 'Your ride has a new time.' : 'Your ride is booked.',
    `${day(f.start, f)}, pickup between ${time(f.start, f)} and ${time(windowEnd(f), f)}.`,
    `Ride company: ${f.vendorName}${f.vendorPhone ? `, ${f.vendorPhone}` : ''}.`,
    'Reply YES to confirm, CHANGE if this time does not work, STOP to get no more texts.',
  ].join(' '),
  es: (f) => [
    f.kind === 'changed' ? 'Su transporte tiene una nueva hora.' : 'Su transporte está reservado.',
    `${day(f.start, f)}, lo recogen entre las ${time(f.start, f)} y las ${time(windowEnd(f), f)}.`,
    `Compañía de transporte: ${f.vendorName}${f.vendorPhone ? `, ${f.vendorPhone}` : ''}.`,
    'Responda SI para confirmar, CAMBIAR si esta hora no le sirve, STOP para no recibir más mensajes.',
  ].join(' '),
};

export const LANGUAGES = Object.keys(TEMPLATES) as Language[];
export const TEXT_KINDS: TextKind[] = ['booked', 'changed'];

export function tripText(f: TripFacts): string {
  // Spanish times end in "a.m.": the sentence's own period is then one too many.
  return `CareRelay: ${TEMPLATES[f.language](f)}`.replace(/\.\./g, '.');
}

/** Patient.communication's language (BCP-47, e.g. "es", "es-MX"): the preferred one first; English otherwise. */
export function languageOf(patient: { communication?: unknown }): Language {
  const list = Array.isArray(patient.communication) ? (patient.communication as { preferred?: boolean; language?: { coding?: { code?: string }[] } }[]) : [];
  const ordered = [...list.filter((c) => c.preferred), ...list.filter((c) => !c.preferred)];
  for (const c of ordered) {
    for (const coding of c.language?.coding ?? []) {
      const primary = coding.code?.toLowerCase().split('-')[0];
      if (primary && (LANGUAGES as string[]).includes(primary)) return primary as Language;
    }
  }
  return 'en';
}

/** What a reply means, in either language. */
export type ReplyIntent = 'confirm' | 'change' | 'stop' | 'start' | 'other';

export function replyIntent(body: string): ReplyIntent {
  const word = body.trim().split(/\s+/)[0]?.toUpperCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Z]/g, '') ?? '';
  if (['YES', 'Y', 'SI', 'CONFIRM'].includes(word)) return 'confirm';
  if (['CHANGE', 'CAMBIAR', 'CAMBIO'].includes(word)) return 'change';
  // Twilio's own opt-out and opt-in keywords.
  if (['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE'].includes(word)) return 'stop';
  if (['START', 'UNSTOP', 'OPTIN'].includes(word)) return 'start';
  return 'other';
}
