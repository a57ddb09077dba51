/** corsight engine: a pure model of the Fetch CORS protocol as each browser enforces it. */
export * from './types.js';
export * from './codes.js';
export { simulate, simulateIn } from './simulate.js';
export { PROFILES } from './profiles/index.js';
export type { BrowserProfile } from './profiles/profile.js';
export { baseKind, REJECTION_CODES } from './profiles/failure-kinds.js';
