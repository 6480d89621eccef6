// Who is signed in, in words: the fhirUser's Practitioner name and their role
// (PractitionerRole.code), never the raw reference. Read once per user and kept;
// a failed read leaves both undefined (the panel then says only "Signed in").
import { z } from 'zod';
import type { FhirApi } from '../../shared/fhir/api';

export interface UserInfo { userName?: string; userRole?: string }

const HumanName = z.looseObject({ text: z.string().optional(), given: z.array(z.string()).optional(), family: z.string().optional(), prefix: z.array(z.string()).optional() });
const Practitioner = z.looseObject({ name: z.array(HumanName).optional() });
const Coding = z.looseObject({ display: z.string().optional(), code: z.string().optional() });
const Role = z.looseObject({
  practitioner: z.looseObject({ reference: z.string().optional(), display: z.string().optional() }).optional(),
  code: z.array(z.looseObject({ text: z.string().optional(), coding: z.array(Coding).optional() })).optional(),
});
const Bundle = z.looseObject({ entry: z.array(z.looseObject({ resource: z.unknown() })).optional() });

/** "http://x/fhir/R4/Practitioner/prac-1" or "Practitioner/prac-1" → ["Practitioner", "prac-1"]. */
export function userReference(fhirUser: string): ['Practitioner' | 'PractitionerRole', string] | undefined {
  const m = /(Practitioner|PractitionerRole)\/([A-Za-z0-9\-.]{1,64})\/?$/.exec(fhirUser);
  return m ? [m[1] as 'Practitioner' | 'PractitionerRole', m[2] ?? ''] : undefined;
}

function nameText(name: z.infer<typeof HumanName> | undefined): string | undefined {
  if (!name) return undefined;
  return name.text ?? ([...(name.given ?? []), name.family].filter(Boolean).join(' ') || undefined);
}

function roleText(role: z.infer<typeof Role> | undefined): string | undefined {
  const code = role?.code?.[0];
  return code?.text ?? code?.coding?.find((c) => c.display)?.display;
}

async function read(api: FhirApi, url: string): Promise<unknown> {
  return (await api.raw({ method: 'GET', url })).body;
}

export async function readUserInfo(api: FhirApi, fhirUser: string): Promise<UserInfo> {
  const ref = userReference(fhirUser);
  if (!ref) return {};
  const [type, id] = ref;
  if (type === 'PractitionerRole') {
    const role = Role.safeParse(await read(api, `PractitionerRole/${id}`));
    return role.success ? { userName: role.data.practitioner?.display, userRole: roleText(role.data) } : {};
  }
  const [person, roles] = await Promise.all([
    read(api, `Practitioner/${id}`).then((b) => Practitioner.safeParse(b)),
    read(api, `PractitionerRole?practitioner=Practitioner/${id}&_count=5`).then((b) => Bundle.safeParse(b)).catch(() => undefined),
  ]);
  const role = roles?.success ? roles.data.entry?.map((e) => Role.safeParse(e.resource)).find((r) => r.success)?.data : undefined;
  return { userName: person.success ? nameText(person.data.name?.[0]) : role?.practitioner?.display, userRole: roleText(role) };
}
