// Display helpers: turn FHIR datatypes into the short strings an EHR shows.
import { SYSTEMS } from '../../shared/fhir/codes';
import { formatDateTime as sharedFormatDateTime } from '../../shared/time/facility-clock';
import { SANDBOX_TIME_ZONE } from '../time-zone';
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

/**
 * The hospital's wall clock (SANDBOX_TIME_ZONE), in the format CareRelay uses too
 * ("Fri, Dec 5, 18:00"; never "24:00"), whatever zone the server runs in.
 */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  return sharedFormatDateTime(iso, { timeZone: SANDBOX_TIME_ZONE });
}

export function extensionValue(exts: { url: string; valueDateTime?: string; valueString?: string }[] | undefined, url: string): string | undefined {
  const ext = exts?.find((e) => e.url === url);
  return ext?.valueDateTime ?? ext?.valueString;
}

export function refId(ref: string | undefined): string | undefined {
  return ref?.split('/').pop();
}
