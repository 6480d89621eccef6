import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
  Extension,
} from '@medplum/fhirtypes';
import type { EngineAuth } from './contracts';
import type { CapabilityToggles } from './types';

/** The resource types CareRelay and the sandbox EHR use; the statement lists these. */
export const SERVED_TYPES = [
  'Patient', 'Encounter', 'Location', 'Coverage', 'Condition', 'CarePlan', 'Goal', 'CareTeam',
  'Practitioner', 'PractitionerRole', 'Organization', 'HealthcareService', 'ServiceRequest',
  'DeviceRequest', 'Task', 'Appointment', 'Provenance', 'Communication', 'RelatedPerson', 'Subscription',
] as const;

const SEARCH_PARAMS: Record<string, string[]> = {
  Task: ['patient', 'subject', 'status', 'code', 'identifier', 'owner', 'focus', 'based-on'],
  ServiceRequest: ['patient', 'subject', 'status', 'code', 'identifier', 'based-on'],
  DeviceRequest: ['patient', 'subject', 'status', 'code', 'identifier', 'based-on'],
  Appointment: ['patient', 'status', 'identifier', 'based-on'],
  Communication: ['patient', 'subject', 'status', 'identifier', 'based-on'],
  Provenance: ['patient', 'target'],
  CarePlan: ['patient', 'subject', 'status', 'identifier'],
  Condition: ['patient', 'subject', 'code', 'identifier'],
  Encounter: ['patient', 'subject', 'status', 'identifier'],
  Coverage: ['patient', 'status', 'identifier'],
  Patient: ['identifier'],
  Organization: ['identifier'],
  HealthcareService: ['identifier'],
  QuestionnaireResponse: ['patient', 'subject', 'status', 'identifier', 'based-on'],
  AuditEvent: ['patient', 'agent', 'entity', 'date', 'outcome'],
  Location: ['identifier'],
};
const PARAM_TYPES: Record<string, CapabilityStatementRestResourceSearchParam['type']> = {
  _lastUpdated: 'date', _id: 'token', identifier: 'token', status: 'token', code: 'token', date: 'date', outcome: 'token',
};
const COMMON_PARAMS = ['_id', '_lastUpdated'];
const SEARCH_RESULT_PARAMS = ['_count', '_sort', '_elements', '_summary'];

function searchParams(type: string): CapabilityStatementRestResourceSearchParam[] {
  return [...COMMON_PARAMS, ...(SEARCH_PARAMS[type] ?? [])].map((name) => ({
    name,
    type: PARAM_TYPES[name] ?? 'reference',
  }));
}

function resourceEntry(type: string, toggles: CapabilityToggles): CapabilityStatementRestResource {
  const writable = (toggles.writableTypes === null || toggles.writableTypes.includes(type)) &&
    (type !== 'Subscription' || toggles.subscriptions);
  const interactions: CapabilityStatementRestResource['interaction'] = [
    { code: 'read' }, { code: 'vread' }, { code: 'search-type' }, { code: 'history-instance' },
  ];
  if (writable) interactions.push({ code: 'create' }, { code: 'update' }, { code: 'delete' });
  return {
    type: type as CapabilityStatementRestResource['type'],
    interaction: interactions,
    versioning: 'versioned-update',
    readHistory: true,
    updateCreate: writable,
    conditionalCreate: writable && toggles.conditionalCreate,
    conditionalUpdate: false,
    conditionalDelete: 'not-supported',
    searchInclude: toggles.include ? ['*'] : [],
    searchRevInclude: toggles.include ? ['*'] : [],
    searchParam: searchParams(type),
  };
}

function securityExtension(auth: EngineAuth): Extension {
  const config = auth.smartConfiguration();
  const uri = (key: string): Extension[] =>
    typeof config[key] === 'string' ? [{ url: key === 'authorization_endpoint' ? 'authorize' : key.replace('_endpoint', ''), valueUri: config[key] }] : [];
  return {
    url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
    extension: [
      ...uri('authorization_endpoint'), ...uri('token_endpoint'), ...uri('registration_endpoint'),
      ...uri('revocation_endpoint'), ...uri('introspection_endpoint'), ...uri('management_endpoint'),
    ],
  };
}

/** A statement that tells the truth about what this server does right now. */
export function buildCapabilityStatement(
  baseUrl: string,
  toggles: CapabilityToggles,
  auth: EngineAuth | null,
  served: readonly string[] = SERVED_TYPES,
  software = { name: 'CareRelay sandbox FHIR server', description: 'In-memory R4 server for CareRelay development' },
): CapabilityStatement {
  const types = served.filter((t) => t !== 'Subscription' || toggles.subscriptions);
  const interaction: NonNullable<CapabilityStatement['rest']>[number]['interaction'] = [{ code: 'batch' }];
  if (toggles.transactions) interaction.unshift({ code: 'transaction' });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: software.name, version: '0.1.0' },
    implementation: { description: software.description, url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [{
      mode: 'server',
      security: auth
        ? {
          cors: true,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          extension: [securityExtension(auth)],
        }
        : { cors: true },
      resource: types.map((t) => resourceEntry(t, toggles)),
      interaction,
      searchParam: SEARCH_RESULT_PARAMS.map((name) => ({ name, type: name === '_count' ? 'number' : 'string' })),
    }],
  };
}
