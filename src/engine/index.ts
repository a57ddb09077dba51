/** corsight engine: a pure model of the Fetch CORS protocol as each browser enforces it. */
export * from './types.js';
export * from './codes.js';
export { simulate, simulateIn } from './simulate.js';
export { PROFILES } from './profiles/index.js';
export type { BrowserProfile } from './profiles/profile.js';
export type { WireProfile } from './profiles/wire.js';
export { baseKind, REJECTION_CODES } from './profiles/failure-kinds.js';
export { isToken } from './http-syntax.js';
export { isValidRequestHeader } from './request.js';
export { validateScenario, validateScenarioFile, formatValidationError, applyDefaults } from './scenario/validate.js';
export type { ValidationError, NormalizedScenario } from './scenario/validate.js';
