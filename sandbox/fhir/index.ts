// The FHIR engine moved to server/fhir-engine/ (the coordination server runs it too);
// this keeps the sandbox's and the tests' imports working.
export { createFhirServer, defaultCapabilities } from '../../server/fhir-engine/index';
export type { CapabilityToggles, FhirServer, FhirServerOptions } from '../../server/fhir-engine/index';
