// Fixture documents for readiness tests: a SMART configuration and an R4
// CapabilityStatement shaped like real servers' (trimmed), with switches for the
// features CareRelay checks.

export function smartConfigurationFixture(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer: 'https://ehr.example.org/auth',
    authorization_endpoint: 'https://ehr.example.org/auth/authorize',
    token_endpoint: 'https://ehr.example.org/auth/token',
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['none', 'private_key_jwt'],
    scopes_supported: ['openid', 'fhirUser', 'launch', 'online_access', 'patient/*.rs', 'user/*.rs'],
    code_challenge_methods_supported: ['S256'],
    capabilities: [
      'launch-ehr', 'launch-standalone', 'client-public', 'client-confidential-asymmetric', 'context-ehr-patient',
      'permission-online', 'permission-offline', 'permission-patient', 'permission-user', 'permission-v1', 'permission-v2', 'sso-openid-connect',
    ],
    ...overrides,
  };
}

export interface CapabilitySwitches {
  transactions?: boolean;
  conditionalCreate?: boolean;
  include?: boolean;
  subscriptions?: boolean;
  /** null = every type writable */
  writableTypes?: string[] | null;
}

const TYPES = ['Patient', 'Encounter', 'Task', 'ServiceRequest', 'DeviceRequest', 'Appointment', 'Communication', 'Provenance', 'Location'];

export function capabilityStatementFixture(s: CapabilitySwitches = {}): Record<string, unknown> {
  const on = { transactions: true, conditionalCreate: true, include: true, subscriptions: true, writableTypes: null, ...s };
  const types = on.subscriptions ? [...TYPES, 'Subscription'] : TYPES;
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [{
      mode: 'server',
      resource: types.map((type) => {
        const writable = on.writableTypes === null || on.writableTypes.includes(type);
        return {
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }, ...(writable ? [{ code: 'create' }, { code: 'update' }] : [])],
          conditionalCreate: writable && on.conditionalCreate,
          searchInclude: on.include ? ['*'] : [],
          searchRevInclude: on.include ? ['*'] : [],
        };
      }),
      interaction: [...(on.transactions ? [{ code: 'transaction' }] : []), { code: 'batch' }],
    }],
  };
}
