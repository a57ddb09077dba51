/**
 * Data shapes of the browser conformance harness. Scenarios are scenario format v1, the engine's
 * own types (src/engine/types.ts) — one definition, validated by the engine's validator.
 */
export type { HeaderPair, Repeat, Route, Scenario, ScenarioRequest } from '../../src/engine/types.js';
import type { HeaderPair, Scenario } from '../../src/engine/types.js';

export type BrowserName = 'chromium' | 'firefox' | 'webkit';
export const ALL_BROWSERS: readonly BrowserName[] = ['chromium', 'firefox', 'webkit'];

/** `timeout` and `harness-error` never come from a browser: they flag a harness problem. */
export type Outcome = 'allowed' | 'opaque' | 'blocked' | 'rejected' | 'timeout' | 'harness-error';

/** A request as it reached the harness server. */
export interface SentRequest {
  method: string;
  /** Absolute URL, WHATWG-serialized (fragment never present on the wire). */
  url: string;
  /** All raw request headers in arrival order, names lower-cased. */
  headers: HeaderPair[];
  /** Request body (utf-8), only when non-empty. */
  body?: string;
  /** What the harness answered (scenario headers + harness-added ones, as written). */
  response: { status: number; headers: HeaderPair[]; route: number | null };
}

/** What the page saw for one run, as reported by the in-page runner. */
export interface PageRunResult {
  outcome: Outcome;
  status: number | null;
  type: string | null;
  exposedHeaders: string[];
  jsError: string | null;
  /** Which call threw when outcome is `rejected` (e.g. `new Request`, `open`, `Headers.append`). */
  thrownBy?: string;
  /** String(error) of the first throwing call when it differs from jsError. */
  firstError?: string;
  /** xhr only: the event that ended a failed request when it was not `error`. */
  event?: 'abort' | 'timeout';
  /** Set when the page saw something self-contradictory (e.g. fetch resolved although new Request threw). */
  inconsistent?: string;
  /** ms since the scenario's first run started (performance.now based). */
  startedAtMs: number;
  durationMs: number;
  /** Runs after the first: ms from the end of the previous run to the start of this one (≈ intervalMs). */
  waitMs?: number;
  /** waitMs − intervalMs: how late this run started (a busy machine delays it). */
  lateMs?: number;
}

export interface RunObservation extends PageRunResult {
  /** Console errors and warnings attributed to this run, exact text, arrival order. */
  console: string[];
  /** Other console levels (info/log) about this request, if any. */
  consoleOther?: string[];
  /** Chromium `Failed to load resource: …` lines (not CORS lines). */
  netLog?: string[];
  sent: SentRequest[];
  /** The browser asked for HTTP credentials during this run and the harness cancelled the prompt. */
  authPromptCancelled?: boolean;
  /**
   * Faked-clock lane, runs after the first: ms the browser's clock was moved forward (libfaketime)
   * before this run; the rest of the interval was waited for real. waitMs is the page's own
   * (faked) measure of the gap.
   */
  clockAdvancedMs?: number;
}

export interface BrowserObservation {
  runs: RunObservation[];
  /** Set when the harness could not run the scenario in this browser (a harness failure). */
  error?: string;
  /** Set when the scenario was deliberately not run (e.g. its repeat schedule exceeds --max-wait). */
  skipped?: string;
  /** Set when observed in the faked-clock lane: `clock advanced by libfaketime, not waited`. */
  clock?: string;
}

export interface ScenarioObservation {
  file: string;
  name: string;
  /** The isolated scenario actually run (run the engine on this one). */
  scenario: Scenario;
  browsers: Partial<Record<BrowserName, BrowserObservation>>;
}

/** A console line as captured by a driver. */
export interface ConsoleLine {
  /** Tab (page/browsing context/web view) the line came from, when the driver knows it. */
  tab: string;
  level: 'error' | 'warning' | 'info' | 'log' | 'debug';
  /** Driver-specific origin of the line: `javascript`, `network`, `security`, `console-api`, … */
  source: string;
  text: string;
  /** URL attached to the entry by the browser (Chromium network lines), if any. */
  url?: string;
}

export interface BrowserRunStats {
  browser: BrowserName;
  version: string;
  scenarios: number;
  /** Time the browser was busy: its timed lane plus its fast lane (they never overlap). */
  seconds: number;
  /** Seconds per lane (`fast`, `timed`, `faked`). */
  lanes: Record<string, number>;
  /** The faked-clock lane, if it ran: jumps made, libfaketime mapped in how many processes. */
  faked?: {
    label: string;
    offsetSeconds: number;
    gaps: Array<{ intervalMs: number; jumpSeconds: number; realWaitMs: number }>;
    processes: number;
    preloaded: number;
    without: string[];
  };
  /** Console lines that could not be attributed to a scenario. */
  unattributed: ConsoleLine[];
  /** Requests that reached the harness but belong to no scenario (browser background traffic, …). */
  stray: Array<{ method: string; url: string }>;
}

export interface RunOptions {
  browsers?: readonly BrowserName[];
  /** Requests in flight per page in the fast lane (per-browser default when omitted). */
  concurrency?: number;
  /**
   * `proxy` (default): every URL through the harness proxy. `direct` (diagnostics): browsers connect
   * to loopback hosts directly, the harness listening on their ports; other hosts are unsupported;
   * browsers run one after the other.
   */
  transport?: 'proxy' | 'direct';
  /**
   * Longest real waiting a repeat schedule may need ((count-1) × intervalMs); longer ones are not
   * run and get an error. Default 120 000 ms.
   */
  maxRepeatWaitMs?: number;
  /**
   * Run scenarios whose waiting exceeds maxRepeatWaitMs in the faked-clock lane (browser clock
   * advanced by libfaketime, not waited). Default true; they are skipped when false or when
   * libfaketime is not installed.
   */
  fakeClock?: boolean;
  /**
   * Scenarios per page document in the fast lane (default per browser, 250). Retries use small
   * batches so one scenario that stalls its page cannot take its neighbours down with it.
   */
  batchSize?: number;
  /** Called with progress messages. */
  log?: (message: string) => void;
}

export interface RunResult {
  observations: ScenarioObservation[];
  stats: BrowserRunStats[];
}
