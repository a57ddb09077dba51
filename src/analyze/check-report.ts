/**
 * The result of `corsight check`: the probe's observations replayed through the engine in each
 * browser (so verdict, console lines, cause and fix come from the same code as
 * `corsight simulate`), plus the root-cause findings.
 */
import type { Fix } from '../diagnose/fix.js';
import { diagnoseScenario, type DiagnosedScenario } from '../diagnose/report.js';
import type { BrowserId, Scenario, ScenarioRequest } from '../engine/index.js';
import { scenarioFromObservation, type Exchange, type Observation } from './exchange.js';
import { findingsOf, type Finding } from './findings.js';

/** What a live probe (or any other observer) collected; see src/io/probe.ts. */
export interface ProbeEvidence {
  observation: Observation;
  perBrowser: Partial<Record<BrowserId, Observation>>;
  unsent: number | null;
  reflection: { of: number; exchange: Exchange } | null;
}

/** `corsight check --json`: the `simulate --json` per-browser shape plus findings and exchanges. */
export interface CheckReport {
  name: string;
  page: string;
  request: ScenarioRequest;
  browsers: DiagnosedScenario['browsers'];
  findings: Finding[];
  /** Every request sent and its answer (status and raw headers), in order. */
  exchanges: Exchange[];
  /** Index of the exchange no browser would send (probed to show the whole picture), or null. */
  unsent: number | null;
  /** The reflection test (the answer re-requested with another Origin), or null. */
  reflection: { of: number; exchange: Exchange } | null;
  /** The replayed scenario (the first browser's), as `corsight simulate` would read it. */
  scenario: Scenario;
}

/** Whether a report is allowed in every browser it covers (the exit status 0 of `check`). */
export function allowedEverywhere(r: CheckReport): boolean {
  return Object.values(r.browsers).every((b) => b.runs.every((x) => x.outcome === 'allowed' || x.outcome === 'opaque'));
}

/**
 * The fix search may have to imagine an answer for a request the probe never saw (e.g. after
 * changing the page's request): its `add-route` stands in with the engine's default 404. Such a
 * change is not advice about the real server, so it is dropped and the fix marked unverified.
 */
function onlyObserved(fix: Fix | null, o: Observation): Fix | null {
  if (fix === null) return null;
  const seen = (method: string | undefined, url: string): boolean =>
    o.exchanges.some((x) => x.response !== null && x.request.url === url && (method === undefined || x.request.method === method));
  const kept = fix.changes.filter((c) => c.kind !== 'add-route' || seen(c.route.method, c.route.url));
  return kept.length === fix.changes.length ? fix : { changes: kept, verified: false };
}

/**
 * Replays each browser's observation through the engine and names the root causes.
 *
 * @example
 * const report = checkReport(await probe({ page, request, browsers }), browsers);
 * report.browsers.chromium.runs[0].outcome; // 'blocked'
 */
export function checkReport(e: ProbeEvidence, browsers: readonly BrowserId[]): CheckReport {
  const name = `${(e.observation.request.method ?? 'GET').toUpperCase()} ${e.observation.request.url}`;
  const out: DiagnosedScenario['browsers'] = {};
  let first: Scenario | null = null;
  for (const b of browsers) {
    const o = e.perBrowser[b];
    if (o === undefined) continue;
    // The browser's own exchanges answer first; every other answer the probe got (other browsers',
    // the actual request no browser sent) follows. The engine never reaches those in this browser
    // (every request it sends was observed), so its verdict is unchanged, but the fix search then
    // sees the server's real answers instead of a stand-in 404.
    const others = e.observation.exchanges.filter((x) => !o.exchanges.includes(x));
    const scenario = scenarioFromObservation({ ...o, exchanges: [...o.exchanges, ...others] }, name);
    first ??= scenario;
    const d = diagnoseScenario(scenario, [b]).browsers[b];
    if (d !== undefined) out[b] = { runs: d.runs.map((r) => ({ ...r, fix: onlyObserved(r.fix, e.observation) })) };
  }
  const findings = findingsOf(e.observation, e.reflection === null ? {} : { reflection: e.reflection });
  return {
    name, page: e.observation.page, request: e.observation.request, browsers: out, findings,
    exchanges: e.observation.exchanges, unsent: e.unsent, reflection: e.reflection,
    scenario: first ?? scenarioFromObservation(e.observation, name),
  };
}
