// Display helpers: turn FHIR datatypes into the short strings an EHR shows.
import { SYSTEMS } from '../../shared/fhir/codes';
import type { Address, CodeableConcept, HumanName, Patient } from './fhir-schemas';

export function formatName(names: HumanName[] | undefined): string {
  const name = names?.find((n) => n.use === 'official') ?? names?.[0];
  if (!name) return 'Unknown';
  if (name.family || name.given?.length) return [name.family, (name.given ?? []).join(' ')].filter(Boolean).join(', ');
  return name.text ?? 'Unknown';
}

export function mrnOf(patient: Patient | undefined): string {
  return patient?.identifier?.find((i) => i.system === SYSTEMS.mrn)?.value ?? '';
}

export function formatAddress(a: Address | undefined): string {
  if (!a) return '';
  if (a.line?.length || a.city) {
    const cityLine = [a.city, [a.state, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    return [...(a.line ?? []), cityLine].filter(Boolean).join(', ');
  }
  return a.text ?? '';
}

export function homeAddress(patient: Patient | undefined): string {
  const addresses = patient?.address ?? [];
  return formatAddress(addresses.find((a) => a.use === 'home') ?? addresses[0]);
}

export function conceptText(cc: CodeableConcept | undefined): string {
  if (!cc) return '';
  const first = cc.coding?.[0];
  return cc.text ?? first?.display ?? first?.code ?? '';
}

export function hasCoding(cc: CodeableConcept | undefined, system: string, code: string): boolean {
  return cc?.coding?.some((c) => c.system === system && c.code === code) ?? false;
}

/** US-style date as EHRs show it; the ISO value stays in a <time datetime>. */
export function formatDate(iso: string | undefined): string {
  const m = iso?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return m ? `${m[2]}/${m[3]}/${m[1]}` : (iso ?? '');
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', hour12: false });
  return `${formatDate(toLocalIsoDate(d))} ${time}`;
}

function toLocalIsoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function extensionValue(exts: { url: string; valueDateTime?: string; valueString?: string }[] | undefined, url: string): string | undefined {
  const ext = exts?.find((e) => e.url === url);
  return ext?.valueDateTime ?? ext?.valueString;
}

export function refId(ref: string | undefined): string | undefined {
  return ref?.split('/').pop();
}
