/**
 * runInBrowsers: isolate every scenario, then run them in the requested browsers in parallel.
 *
 * Per browser there are two lanes, each its own browser instance (own preflight cache) and its
 * own harness proxy (so `sent` is per browser):
 * - fast lane: scenarios without `repeat`; batches of up to 250 scenarios per page document,
 *   several tabs at once, many requests in flight per page;
 * - timed lane: `repeat` scenarios (real waiting, timed by the harness); small batches (20) so that
 *   a page's bookkeeping requests never delay a run, and few enough at once that no other
 *   scenario can evict the preflight-cache entry under observation (Firefox keeps 100, LRU).
 * A batch = scenarios sharing one page URL, run by one document loaded from exactly that URL.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { attributeConsole } from './attribute.js';
import { FAKED_CLOCK_LABEL, faketimeAvailability, planGap } from './faketime.js';
import { DEFAULT_CONCURRENCY, LANES, runLane, type LaneResult } from './lane.js';
import type { LoadedScenario } from './load.js';
import { DEFAULT_MAX_REPEAT_WAIT_MS, isTimed, prepareScenarios, repeatSpan, type Prepared } from './prepare.js';
import type {
  BrowserName,
  BrowserObservation,
  BrowserRunStats,
  ConsoleLine,
  RunObservation,
  RunOptions,
  RunResult,
  ScenarioObservation,
  SentRequest,
} from './types.js';
import { ALL_BROWSERS } from './types.js';

export { prepareScenarios } from './prepare.js';
export { DEFAULT_CONCURRENCY } from './lane.js';

function wasChallengeCancelled(r: SentRequest, cancelled: ReadonlySet<string>): boolean {
  if (cancelled.has(r.url)) return true;
  const challenged = r.response.status === 401 || r.response.status === 407;
  try {
    return challenged && cancelled.has(`host:${new URL(r.url).hostname}`);
  } catch {
    return false;
  }
}

interface BrowserRun {
  observations: Map<string, BrowserObservation>;
  stats: BrowserRunStats;
}

/** Turns a browser's finished lanes into observations and stats. */
function assemble(browser: BrowserName, items: Prepared[], lanes: Array<LaneResult | null>, skipped: ReadonlyMap<string, string> = new Map()): BrowserRun {
  const observations = new Map<string, BrowserObservation>();
  const unattributed: ConsoleLine[] = [];
  const stray: BrowserRunStats['stray'] = [];
  const laneSeconds: Record<string, number> = {};
  let faked: BrowserRunStats['faked'];
  for (const lane of lanes) {
    if (!lane) continue;
    laneSeconds[lane.name] = (laneSeconds[lane.name] ?? 0) + lane.seconds;
    if (lane.faked) {
      // One instance per scenario: sum up the processes seen, list every gap.
      faked = faked
        ? { ...faked, offsetSeconds: faked.offsetSeconds + lane.faked.offsetSeconds, gaps: [...faked.gaps, ...lane.faked.gaps], processes: faked.processes + lane.faked.processes, preloaded: faked.preloaded + lane.faked.preloaded, without: [...faked.without, ...lane.faked.without] }
        : { ...lane.faked, gaps: [...lane.faked.gaps] };
    }
    stray.push(...lane.server.stray.map((r) => ({ method: r.method, url: r.url })));
    const known = new Set(lane.results.keys());
    const attribution = attributeConsole(lane.lines, known);
    unattributed.push(...attribution.unattributed);
    for (const [sid, r] of lane.results) {
      if ('error' in r) {
        observations.set(sid, { runs: [], error: r.error });
        continue;
      }
      const consoleRuns = attribution.byScenario.get(sid) ?? [];
      const sentRuns = lane.server.sentFor(sid);
      const item = items.find((p) => p.sid === sid);
      const runs = r.runs.map((page, k): RunObservation => {
        const c = consoleRuns[k];
        const run: RunObservation = { ...page, console: c?.console ?? [], sent: sentRuns[k] ?? [] };
        if (lane.name === 'faked' && k > 0) run.clockAdvancedMs = planGap(item?.isolated.repeat?.intervalMs ?? 0).jumpSeconds * 1000;
        if (c?.consoleOther.length) run.consoleOther = c.consoleOther;
        if (c?.netLog.length) run.netLog = c.netLog;
        if (run.sent.some((r) => wasChallengeCancelled(r, lane.authCancelled))) run.authPromptCancelled = true;
        return run;
      });
      observations.set(sid, lane.name === 'faked' ? { runs, clock: FAKED_CLOCK_LABEL } : { runs });
    }
  }
  for (const p of items) if (p.unsupported) observations.set(p.sid, { runs: [], skipped: p.unsupported });
  for (const [sid, why] of skipped) observations.set(sid, { runs: [], skipped: why });
  const version = lanes.find((l) => l)?.version ?? 'not started';
  const seconds = Object.values(laneSeconds).reduce((a, b) => a + b, 0);
  const scenarios = items.filter((p) => !p.unsupported).length;
  const stats: BrowserRunStats = { browser, version, scenarios, seconds, lanes: laneSeconds, unattributed, stray };
  if (faked) stats.faked = faked;
  return { observations, stats };
}

/**
 * Firefox in the faked-clock lane can be switched off (CORSIGHT_FAKETIME_FIREFOX=0). Its content
 * processes run unsandboxed there (firefox.ts FAKED_CLOCK_ENV: a sandboxed one could crash when
 * libfaketime re-read its offset file, taking the page with it). See conformance/NOTES.md.
 */
const FIREFOX_FAKED = process.env.CORSIGHT_FAKETIME_FIREFOX !== '0';
const FIREFOX_FAKED_SKIP = 'repeat longer than --max-wait, and Firefox is off in the faked-clock lane (CORSIGHT_FAKETIME_FIREFOX=0): not run';

/** Runs every scenario in every requested browser (three browsers in parallel). */
export async function runInBrowsers(items: readonly LoadedScenario[], opts: RunOptions = {}): Promise<RunResult> {
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  try {
    return await runAll(items, opts);
  } finally {
    loopDelay.disable();
    if (process.env.CORSIGHT_DEBUG) {
      const ms = (n: number): string => (n / 1e6).toFixed(0);
      opts.log?.(`event loop delay p50 ${ms(loopDelay.percentile(50))} ms, p99 ${ms(loopDelay.percentile(99))} ms, max ${ms(loopDelay.max)} ms`);
    }
  }
}

async function runAll(items: readonly LoadedScenario[], opts: RunOptions): Promise<RunResult> {
  const browsers = opts.browsers ?? ALL_BROWSERS;
  const log = opts.log ?? ((): void => undefined);
  const direct = opts.transport === 'direct';
  const available = opts.fakeClock === false ? null : faketimeAvailability();
  if (available && 'error' in available) log(`faked-clock lane unavailable: ${available.error}`);
  const fakeClock = available === null ? 'off' : 'error' in available ? 'missing' : 'on';
  const prepared = prepareScenarios(items, direct, opts.maxRepeatWaitMs ?? DEFAULT_MAX_REPEAT_WAIT_MS, fakeClock);
  const runnable = prepared.filter((p) => !p.unsupported);
  const fast = runnable.filter((p) => !isTimed(p.isolated));
  // Shortest schedules first, so a batch never waits long for one slow scenario.
  const timed = runnable.filter((p) => isTimed(p.isolated) && !p.faked).sort((a, b) => repeatSpan(a.isolated) - repeatSpan(b.isolated));
  const faked = runnable.filter((p) => p.faked);
  const lane = (b: BrowserName, name: 'fast' | 'timed'): Promise<LaneResult | null> => {
    const list = name === 'fast' ? fast : timed;
    if (list.length === 0) return Promise.resolve(null);
    const spec = name === 'fast' && opts.batchSize !== undefined ? { ...LANES[b][name], batchSize: opts.batchSize } : LANES[b][name];
    return runLane(b, name, list, opts.concurrency ?? DEFAULT_CONCURRENCY[b], spec, direct, log);
  };
  // Phase 1, repeat scenarios, one browser at a time: waits stay within ~100 ms of intervalMs
  // only on a machine that is not busy with anything else (measured: all three at once on 2 cores
  // made runs start up to seconds late, enough to cross preflight-cache expiry times).
  const timedLanes: Partial<Record<BrowserName, LaneResult | null>> = {};
  for (const b of browsers) timedLanes[b] = await lane(b, 'timed');
  // Phase 1b, repeat scenarios longer than --max-wait, with each browser's clock advanced by
  // libfaketime instead of waited (faketime.ts): the three browsers in parallel, since a jump of
  // minutes to a day dwarfs any lateness (direct mode: one after the other, as above).
  // A fresh browser instance per scenario: Firefox, reused for a second scenario after a jump,
  // stopped answering (its pages timed out); a new instance also starts every clock at offset 0.
  const fakedLanes: Partial<Record<BrowserName, LaneResult[]>> = {};
  const fakedRuns = async (b: BrowserName): Promise<LaneResult[]> => {
    const out: LaneResult[] = [];
    if (b === 'firefox' && !FIREFOX_FAKED) return out;
    for (const p of faked) out.push(await runLane(b, 'faked', [p], 1, LANES[b].faked, direct, log));
    return out;
  };
  if (direct) for (const b of browsers) fakedLanes[b] = await fakedRuns(b);
  else (await Promise.all(browsers.map((b) => fakedRuns(b)))).forEach((r, i) => (fakedLanes[browsers[i] as BrowserName] = r));
  // Phase 2, everything else: the three browsers in parallel (direct mode: one after the other,
  // as it listens on the scenario ports themselves).
  const fastLanes: Partial<Record<BrowserName, LaneResult | null>> = {};
  if (direct) for (const b of browsers) fastLanes[b] = await lane(b, 'fast');
  else (await Promise.all(browsers.map((b) => lane(b, 'fast')))).forEach((r, i) => (fastLanes[browsers[i] as BrowserName] = r));
  const firefoxSkips = new Map(FIREFOX_FAKED ? [] : faked.map((p) => [p.sid, FIREFOX_FAKED_SKIP] as const));
  const runs = browsers.map((b) => assemble(b, prepared, [fastLanes[b] ?? null, timedLanes[b] ?? null, ...(fakedLanes[b] ?? [])], b === 'firefox' ? firefoxSkips : undefined));
  const observations: ScenarioObservation[] = prepared.map((p) => {
    const obs: ScenarioObservation = { file: p.file, name: p.name, scenario: p.isolated, browsers: {} };
    browsers.forEach((b, i) => {
      const o = runs[i]?.observations.get(p.sid);
      if (o) obs.browsers[b] = o;
    });
    return obs;
  });
  return { observations, stats: runs.map((r) => r.stats) };
}

