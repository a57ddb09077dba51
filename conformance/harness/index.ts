/** Public entry points of the browser conformance harness. */
export { runInBrowsers, prepareScenarios, DEFAULT_CONCURRENCY } from './run.js';
export { isolateScenario, uniqueIdFor, prefixUrl, prefixLocation, uniqueIdOfPath } from './isolate.js';
export { loadScenarios, validateScenario, scenarioName, InputError, type LoadedScenario } from './load.js';
export { attributeConsole } from './attribute.js';
export { HarnessServer, HARNESS_RESPONSE_HEADERS } from './server.js';
export * from './types.js';
