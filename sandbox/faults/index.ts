// The fault injector's public surface; main.ts and the FHIR server import from here.
export { createFaultController } from './fault-controller';
export type { FaultController } from './fault-controller';
export { faultsFromEnv, faultRuleSchema, InvalidFaultRulesError, parseFaultRules } from './fault-rules';
