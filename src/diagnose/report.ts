import {
  BROWSERS, simulate, type BrowserId, type FailureCode, type HeaderPair, type Outcome, type ResponseType,
  type RunResult, type Scenario,
} from '../engine/index.js';
import { causeOf, type Cause } from './cause.js';
import { renderException, renderLog } from './console.js';
import { findFix, type Fix } from './fix.js';

/** One run as users and tools see it (the `corsight simulate --json` shape). */
export interface DiagnosedRun {
  outcome: Outcome;
  status: number | null;
  type: ResponseType | null;
  exposedHeaders: string[];
  jsError: string | null;
  code: FailureCode | null;
  console: string[];
  sent: { method: string; url: string; headers: HeaderPair[] }[];
  preflightCached: boolean;
  /** Why it failed (null when not blocked or rejected). */
  cause: Cause | null;
  /** The minimal change that makes the scenario work in every browser (null when none is needed or possible). */
  fix: Fix | null;
}

export interface DiagnosedScenario {
  name: string;
  browsers: Partial<Record<BrowserId, { runs: DiagnosedRun[] }>>;
}

/** Renders an engine run into words: console lines and the page's exception text. */
export function describeRun(r: RunResult, s: Scenario, browser: BrowserId, fix: Fix | null): DiagnosedRun {
  return {
    outcome: r.outcome,
    status: r.status,
    type: r.type,
    exposedHeaders: r.exposedHeaders,
    jsError: r.exception === null ? null : renderException(r.exception),
    code: r.failure?.code ?? null,
    console: r.logs.map(renderLog),
    sent: r.sent.map((s) => ({ method: s.method, url: s.url, headers: s.headers })),
    preflightCached: r.preflightCached,
    cause: r.failure === null ? null : causeOf(r.failure, r, s, browser),
    fix: r.failure === null ? null : fix,
  };
}

/** Simulates and renders a scenario for the given browsers. */
export function diagnoseScenario(s: Scenario, browsers: readonly BrowserId[] = BROWSERS): DiagnosedScenario {
  const sim = simulate(s, browsers);
  const anyFailure = Object.values(sim.browsers).some((b) => b.runs.some((r) => r.failure !== null));
  const fix = anyFailure ? findFix(s) : null;
  const out: DiagnosedScenario = { name: sim.name, browsers: {} };
  for (const b of browsers) {
    const res = sim.browsers[b];
    if (res !== undefined) out.browsers[b] = { runs: res.runs.map((r) => describeRun(r, s, b, fix)) };
  }
  return out;
}
