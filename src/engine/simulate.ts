import { runRequest } from './fetch.js';
import { HttpCache } from './http-cache.js';
import { PreflightCache } from './preflight-cache.js';
import { PROFILES } from './profiles/index.js';
import type { BrowserId, BrowserResult, RunResult, Scenario, ScenarioResult } from './types.js';
import { BROWSERS, requestForRun } from './types.js';

/**
 * Simulates a scenario in one browser profile: the request, then its `repeat`s after
 * `intervalMs` of virtual time each (run i ≥ 1 makes `repeat.requests[i - 1]` when given), sharing one fresh preflight cache and one fresh HTTP cache.
 */
export function simulateIn(scenario: Scenario, browser: BrowserId): BrowserResult {
  const profile = PROFILES[browser];
  const cache = new PreflightCache(profile.cache);
  const httpCache = new HttpCache();
  const count = scenario.repeat?.count ?? 1;
  const interval = scenario.repeat?.intervalMs ?? 0;
  const runs: RunResult[] = [];
  for (let i = 0; i < count; i++) {
    const request = requestForRun(scenario, i);
    const run = request === scenario.request ? scenario : { ...scenario, request };
    runs.push(runRequest(run, profile, cache, i * interval, httpCache));
  }
  return { runs };
}

/** Simulates a scenario in the given browser profiles (default: all four). */
export function simulate(scenario: Scenario, browsers: readonly BrowserId[] = BROWSERS): ScenarioResult {
  const result: ScenarioResult = { name: scenario.name ?? '', browsers: {} };
  for (const b of browsers) result.browsers[b] = simulateIn(scenario, b);
  return result;
}
