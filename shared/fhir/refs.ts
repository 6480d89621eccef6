// Small helpers over references, codings and identifiers.
import { SYSTEMS } from './codes';

type Codeable = { coding?: { system?: string; code?: string; display?: string }[]; text?: string } | undefined;
type Ref = { reference?: string } | undefined;

export function codeIn(concept: Codeable, system: string): string | undefined {
  return concept?.coding?.find((c) => c.system === system)?.code;
}

export function hasCode(concept: Codeable, system: string, code: string): boolean {
  return concept?.coding?.some((c) => c.system === system && c.code === code) ?? false;
}

export function refId(ref: Ref, type?: string): string | undefined {
  const value = ref?.reference;
  if (!value) return undefined;
  const parts = value.split('/');
  if (parts.length < 2) return undefined;
  const [t, id] = parts.slice(-2);
  if (type && t !== type) return undefined;
  return id;
}

export function refTo(type: string, id: string): { reference: string } {
  return { reference: `${type}/${id}` };
}

export function bookingIdOf(resource: { identifier?: { system?: string; value?: string }[] }): string | undefined {
  return resource.identifier?.find((i) => i.system === SYSTEMS.bookingId)?.value;
}

export function identifierQuery(value: string): string {
  return `identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|${value}`)}`;
}

export function formatName(name?: { text?: string; family?: string; given?: string[] }[]): string {
  const n = name?.[0];
  if (!n) return 'Unnamed patient';
  return n.text ?? [n.given?.join(' '), n.family].filter(Boolean).join(' ');
}

export function formatAddress(a?: { line?: string[]; city?: string; state?: string; postalCode?: string; text?: string }): string {
  if (!a) return '';
  return a.text ?? [a.line?.join(', '), a.city, [a.state, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}
