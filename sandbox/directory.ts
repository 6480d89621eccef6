// Who can sign in to the sandbox and which patients the standalone picker lists,
// read from the FHIR data itself so a new seeded practitioner or patient appears.
import type { Resource } from '@medplum/fhirtypes';
import { SYSTEMS } from '../shared/fhir/codes';

type Named = { name?: { text?: string; family?: string; given?: string[] }[] };
const nameOf = (r: Named) => {
  const n = r.name?.[0];
  return n?.text ?? [n?.given?.join(' '), n?.family].filter(Boolean).join(' ') ?? '';
};

export function usersForLogin(resources: Resource[]) {
  const roles = new Map<string, string>();
  for (const r of resources) {
    if (r.resourceType !== 'PractitionerRole' || !r.practitioner?.reference) continue;
    const code = r.code?.[0]?.coding?.find((c) => c.system === SYSTEMS.practitionerRole)?.code;
    if (code) roles.set(r.practitioner.reference, code);
  }
  return resources
    .filter((r) => r.resourceType === 'Practitioner')
    .map((r) => ({ fhirUser: `Practitioner/${r.id}`, name: nameOf(r as Named), role: roles.get(`Practitioner/${r.id}`) }))
    .sort((a, b) => a.fhirUser.localeCompare(b.fhirUser));
}

export function patientsForPicker(resources: Resource[]) {
  const inpatients = new Set(
    resources.filter((r) => r.resourceType === 'Encounter' && r.status === 'in-progress').map((r) => (r.resourceType === 'Encounter' ? r.subject?.reference : undefined)),
  );
  return resources
    .filter((r) => r.resourceType === 'Patient' && inpatients.has(`Patient/${r.id}`))
    .map((r) => {
      const p = r.resourceType === 'Patient' ? r : undefined;
      return { id: r.id ?? '', name: nameOf(p ?? {}), birthDate: p?.birthDate, mrn: p?.identifier?.find((i) => i.system === SYSTEMS.mrn)?.value };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
