/**
 * runInBrowsers: isolate every scenario, then run them in the requested browsers in parallel.
 *
 * Per browser there are two lanes, each its own browser instance (own preflight cache) and its
 * own harness proxy (so `sent` is per browser):
 * - fast lane: scenarios without `repeat`; batches of up to 250 scenarios per page document,
 *   several tabs at once, many requests in flight per page;
 * - timed lane: `repeat` scenarios (real waiting, timed by the harness); small batches (10) so that
 *   a page's bookkeeping requests never delay a run, and few enough at once that no other
 *   scenario can evict the preflight-cache entry under observation (Firefox keeps 100, LRU).
 * A batch = scenarios sharing one page URL, run by one document loaded from exactly that URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attributeConsole } from './attribute.js';
import { launchChromium } from './chromium.js';
import type { BrowserDriver, DriverOptions, Tab } from './driver.js';
import { launchFirefox } from './firefox.js';
import { isolateScenario, uniqueIdFor } from './isolate.js';
import { scenarioName, type LoadedScenario } from './load.js';
import { HarnessServer, normalizeUrl, type Batch, type Job } from './server.js';
import type {
  BrowserName,
  BrowserObservation,
  BrowserRunStats,
  ConsoleLine,
  PageRunResult,
  RunObservation,
  RunOptions,
  RunResult,
  Scenario,
  ScenarioObservation,
  SentRequest,
} from './types.js';
import { ALL_BROWSERS } from './types.js';
import { launchWebKit } from './webkit.js';

const LAUNCHERS: Record<BrowserName, (o: DriverOptions) => Promise<BrowserDriver>> = {
  chromium: launchChromium,
  firefox: launchFirefox,
  webkit: launchWebKit,
};

/** Requests in flight per page in the fast lane. */
export const DEFAULT_CONCURRENCY: Record<BrowserName, number> = { chromium: 8, firefox: 32, webkit: 6 };
const DONE_MARKER = '__corsight__ done ';
/**
 * Lanes per browser. Tabs run batches in parallel (needed when every scenario has its own page
 * URL); WebKit gets one embedder process per tab, since its console lines carry no tab id.
 */
const LANES: Record<BrowserName, { fast: LaneSpec; timed: LaneSpec }> = {
  // Chromium opens at most 32 connections to a proxy; each timed tab holds one (its event stream).
  chromium: { fast: { name: 'fast', batchSize: 250, tabs: 8 }, timed: { name: 'timed', batchSize: 10, tabs: 8 } },
  // Firefox keeps 100 preflight-cache entries (LRU, one cache per browser): at most 40 repeat
  // scenarios at once, so an entry under observation is never the least recently used.
  firefox: { fast: { name: 'fast', batchSize: 250, tabs: 8 }, timed: { name: 'timed', batchSize: 10, tabs: 4 } },
  webkit: { fast: { name: 'fast', batchSize: 250, tabs: 6 }, timed: { name: 'timed', batchSize: 10, tabs: 8 } },
};
export const DEFAULT_MAX_REPEAT_WAIT_MS = 120000;
/** How long a page may take to fetch its job list after navigation starts. */
const PAGE_START_MS = 15000;
/** Slack on top of the longest repeat schedule of a batch. */
const BATCH_SLACK_MS = 60000;

interface Prepared {
  index: number;
  sid: string;
  file: string;
  name: string;
  isolated: Scenario;
  /** Why the harness cannot run it (then it is not run at all). */
  unsupported?: string;
}

/** Every URL a scenario names (Locations resolved against their route). */
function scenarioUrls(s: Scenario): URL[] {
  const out: URL[] = [];
  const add = (u: string, base?: string): void => {
    try {
      out.push(new URL(u.trim(), base));
    } catch {
      /* not a URL: the browser will say so */
    }
  };
  add(s.page);
  add(s.request.url, s.page);
  for (const r of s.server ?? []) {
    add(r.url);
    for (const [n, v] of r.headers ?? []) if (n.trim().toLowerCase() === 'location') add(v, r.url);
  }
  return out;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Proxy mode runs http and https; direct mode (diagnostics) only http on loopback hosts. */
function unsupportedReason(s: Scenario, direct: boolean): string | undefined {
  if (!direct) return undefined;
  for (const u of scenarioUrls(s)) {
    if (u.protocol === 'https:') return `direct mode does not serve https (${u.href})`;
    if (u.protocol === 'http:' && !LOOPBACK_HOSTS.has(u.hostname)) return `direct mode only reaches loopback hosts (${u.href})`;
  }
  return undefined;
}

/** Ports the harness must listen on in direct mode. */
function directPorts(items: readonly Prepared[]): number[] {
  const ports = new Set<number>();
  for (const p of items) for (const u of scenarioUrls(p.isolated)) if (u.protocol === 'http:') ports.add(Number(u.port || 80));
  return [...ports].sort((a, b) => a - b);
}

/** Real waiting a repeat schedule needs. */
const repeatSpan = (s: Scenario): number => Math.max(0, ((s.repeat?.count ?? 1) - 1) * (s.repeat?.intervalMs ?? 0));

export function prepareScenarios(items: readonly LoadedScenario[], direct = false, maxRepeatWaitMs = DEFAULT_MAX_REPEAT_WAIT_MS): Prepared[] {
  return items.map((item, index) => {
    const name = scenarioName(item);
    const sid = uniqueIdFor(index, name);
    const isolated = isolateScenario(item.scenario, sid);
    const p: Prepared = { index, sid, file: item.file, name, isolated };
    const span = repeatSpan(item.scenario);
    const why =
      unsupportedReason(item.scenario, direct) ??
      (span > maxRepeatWaitMs
        ? `repeat needs ${span / 1000} s of real waiting, more than the limit of ${maxRepeatWaitMs / 1000} s (--max-wait): not run`
        : undefined);
    if (why) p.unsupported = why;
    return p;
  });
}

const isTimed = (s: Scenario): boolean => (s.repeat?.count ?? 1) > 1;

/** Route URLs whose answer challenges for HTTP authentication (a browser may show a login prompt). */
function challengedUrls(s: Scenario): string[] {
  return (s.server ?? [])
    .filter((r) => {
      const names = (r.headers ?? []).map(([n]) => n.trim().toLowerCase());
      return (r.status === 401 && names.includes('www-authenticate')) || (r.status === 407 && names.includes('proxy-authenticate'));
    })
    .map((r) => normalizeUrl(r.url));
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function batchesOf(items: Prepared[], size: number): Prepared[][] {
  const byPage = new Map<string, Prepared[]>();
  for (const p of items) {
    // Scenarios that may raise a login prompt get their own tabs (only those tabs intercept).
    const key = `${challengedUrls(p.isolated).length > 0 ? 'auth ' : ''}${normalizeUrl(p.isolated.page)}`;
    const list = byPage.get(key) ?? [];
    list.push(p);
    byPage.set(key, list);
  }
  const out: Prepared[][] = [];
  for (const list of byPage.values()) for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function batchDeadline(items: Prepared[]): number {
  return Math.max(0, ...items.map((p) => repeatSpan(p.isolated))) + BATCH_SLACK_MS;
}

async function waitFor(cond: () => boolean, timeoutMs: number, stepMs = 10): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) return false;
    await sleep(stepMs);
  }
  return true;
}

interface LaneResult {
  version: string;
  /** URLs (or `host:<name>` for WebKit) whose login prompt the harness cancelled. */
  authCancelled: Set<string>;
  results: Map<string, { runs: PageRunResult[] } | { error: string }>;
  server: HarnessServer;
  lines: ConsoleLine[];
}

/** A dead port: in direct mode anything that is not loopback is sent there and fails. */
const DEAD_PROXY_PORT = 9;

interface LaneSpec {
  name: 'fast' | 'timed';
  /** Scenarios per page document. */
  batchSize: number;
  /** Tabs (documents) open at once. */
  tabs: number;
}

async function runLane(browser: BrowserName, lane: LaneSpec['name'], items: Prepared[], concurrency: number, spec: LaneSpec, direct: boolean, log: (m: string) => void): Promise<LaneResult> {
  const batchSize = (lane === 'timed' && Number(process.env.CORSIGHT_TIMED_BATCH)) || spec.batchSize;
  // Experiments: CORSIGHT_TABS=<fast>,<timed> overrides the tab pools.
  const tabOverride = (process.env.CORSIGHT_TABS ?? '').split(',').map(Number);
  const override = tabOverride[lane === 'fast' ? 0 : 1];
  const tabs = override && override > 0 ? override : spec.tabs;
  const server = new HarnessServer();
  server.direct = direct;
  await server.listen();
  if (direct) for (const port of directPorts(items)) await server.listenAlso(port);
  for (const p of items) server.addScenario(p.sid, p.isolated);
  const lines: ConsoleLine[] = [];
  const profileDir = mkdtempSync(join(tmpdir(), `corsight-${browser}-${lane}-`));
  const results: LaneResult['results'] = new Map();
  const authCancelled = new Set<string>();
  const doneMarkers = new Set<string>();
  const t0 = Date.now();
  let driver: BrowserDriver | null = null;
  try {
    const proxyPort = direct ? DEAD_PROXY_PORT : server.port;
    const onAuthCancelled = (url: string): void => {
      authCancelled.add(url.startsWith('host:') ? url : normalizeUrl(url));
    };
    const onConsole = (l: ConsoleLine): void => {
      lines.push(l);
      if (l.text.startsWith(DONE_MARKER)) doneMarkers.add(l.text.slice(DONE_MARKER.length));
    };
    driver = await LAUNCHERS[browser]({ proxyPort, direct, onConsole, onAuthCancelled, profileDir, maxTabs: tabs, lowPriority: lane === 'fast', log });
    log(`${browser}/${lane}: ${driver.version}, ${direct ? `direct on ports ${directPorts(items).join(',')}` : `proxy 127.0.0.1:${server.port}`}, ${items.length} scenarios`);
    const batches = batchesOf(items, batchSize).map((list, bi) => ({ id: `${lane}${bi}`, list, page: list[0]?.isolated.page ?? '' }));
    /** Runs one batch in `tab`; false when the tab should not be reused. */
    const runBatch = async ({ id, list, page }: (typeof batches)[number], tab: Tab): Promise<boolean> => {
      const jobs: Job[] = list.map((p) => {
        const job: Job = { sid: p.sid, request: p.isolated.request };
        if (p.isolated.repeat) job.repeat = p.isolated.repeat;
        return job;
      });
      const batch: Batch = server.addBatch(id, page, jobs, lane === 'timed' ? jobs.length : concurrency);
      const tb = Date.now();
      const debug = (what: string): void => {
        if (process.env.CORSIGHT_DEBUG) log(`${browser}/${lane} batch ${id} (${list.length}) in ${tab.id}: ${what} at +${Date.now() - tb} ms`);
      };
      let started = false;
      let finished = false;
      let failure: string | null = null;
      try {
        started = await whileLoading(page, async () => {
          await tab.navigate(page, list.flatMap((p) => challengedUrls(p.isolated)));
          debug('navigated');
          return waitFor(() => batch.jobsServed, PAGE_START_MS, 5);
        });
        debug('jobs served');
        finished = started && (await Promise.race([batch.finished.then(() => true), sleep(batchDeadline(list)).then(() => false)]));
        debug(`results ${finished ? 'complete' : 'incomplete'}`);
        // Every line logged before the page's final marker has arrived once the marker has.
        await waitFor(() => doneMarkers.has(id), 3000, 5);
      } catch (e) {
        failure = e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e);
      } finally {
        server.dropBatch(id);
      }
      for (const p of list) {
        const runs = batch.results.get(p.sid);
        if (runs) results.set(p.sid, { runs });
        else if (failure) results.set(p.sid, { error: failure });
        else if (!started) results.set(p.sid, { error: `page ${page} did not load the runner` });
        else if (batch.fatal) results.set(p.sid, { error: `runner failed: ${batch.fatal}` });
        else results.set(p.sid, { error: finished ? 'no result reported' : 'timed out waiting for the page' });
      }
      if (failure || !finished) log(`${browser}/${lane}: batch ${id} (${page}): ${failure ?? (started ? 'incomplete' : 'page did not start')}`);
      return failure === null && finished;
    };
    // A pool of tabs, each reused for batch after batch. The server hands a page the next batch
    // queued for its URL; so that every tab runs the batch it was navigated for, the time from
    // navigation to "jobs served" is exclusive per page URL (short: one page load).
    const loading = new Map<string, Promise<void>>();
    const worker = async (): Promise<void> => {
      let tab: Tab | null = null;
      try {
        for (;;) {
          const next = batches.shift();
          if (!next) return;
          try {
            if (!tab) tab = await openTabWithRetry();
            if (!(await runBatch(next, tab))) {
              // The tab misbehaved (a command timed out, …): replace it.
              await tab.close().catch(() => undefined);
              tab = null;
            }
          } catch (e) {
            const msg = e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e);
            for (const p of next.list) if (!results.has(p.sid)) results.set(p.sid, { error: msg });
          }
        }
      } finally {
        await tab?.close();
      }
    };
    /** Runs `fn` when no other tab is between navigation and "jobs served" for `page`. */
    const whileLoading = async <T>(page: string, fn: () => Promise<T>): Promise<T> => {
      const key = normalizeUrl(page);
      for (let prev = loading.get(key); prev; prev = loading.get(key)) await prev;
      let release!: () => void;
      loading.set(key, new Promise<void>((r) => (release = r)));
      try {
        return await fn();
      } finally {
        loading.delete(key);
        release();
      }
    };
    const openTabWithRetry = async (): Promise<Tab> => {
      for (let attempt = 1; ; attempt++) {
        try {
          if (!driver) throw new Error('browser not running');
          return await driver.openTab();
        } catch (e) {
          if (attempt >= 3) throw e;
          await sleep(200 * attempt);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(tabs, batches.length)) }, () => worker()));
    await sleep(200); // late console lines
    log(`${browser}/${lane}: ${items.length} scenarios done in ${((Date.now() - t0) / 1000).toFixed(1)} s (at most ${server.maxConnections} connections at once)`);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    log(`${browser}/${lane}: ${msg}`);
    for (const p of items) if (!results.has(p.sid)) results.set(p.sid, { error: msg.split('\n')[0] ?? msg });
  } finally {
    await driver?.close().catch(() => undefined);
    await server.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
  return { version: driver?.version ?? 'not started', results, server, lines, authCancelled };
}

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

async function runBrowser(browser: BrowserName, items: Prepared[], opts: RunOptions, log: (m: string) => void): Promise<BrowserRun> {
  const t0 = Date.now();
  const runnable = items.filter((p) => !p.unsupported);
  const fast = runnable.filter((p) => !isTimed(p.isolated));
  // Shortest schedules first, so a batch never waits long for one slow scenario.
  const timed = runnable.filter((p) => isTimed(p.isolated)).sort((a, b) => repeatSpan(a.isolated) - repeatSpan(b.isolated));
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY[browser];
  const direct = opts.transport === 'direct';
  const lanes = LANES[browser];
  const fastLane = (): Promise<LaneResult | null> => (fast.length ? runLane(browser, 'fast', fast, concurrency, lanes.fast, direct, log) : Promise.resolve(null));
  const timedLane = (): Promise<LaneResult | null> => (timed.length ? runLane(browser, 'timed', timed, concurrency, lanes.timed, direct, log) : Promise.resolve(null));
  // Direct mode listens on the scenario ports themselves: lanes cannot overlap.
  const results = direct ? [await fastLane(), await timedLane()] : await Promise.all([fastLane(), timedLane()]);
  const observations = new Map<string, BrowserObservation>();
  const unattributed: ConsoleLine[] = [];
  const stray: BrowserRunStats['stray'] = [];
  for (const lane of results) {
    if (!lane) continue;
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
      const runs = r.runs.map((page, k): RunObservation => {
        const c = consoleRuns[k];
        const run: RunObservation = { ...page, console: c?.console ?? [], sent: sentRuns[k] ?? [] };
        if (c?.consoleOther.length) run.consoleOther = c.consoleOther;
        if (c?.netLog.length) run.netLog = c.netLog;
        if (run.sent.some((r) => wasChallengeCancelled(r, lane.authCancelled))) run.authPromptCancelled = true;
        return run;
      });
      observations.set(sid, { runs });
    }
  }
  for (const p of items) if (p.unsupported) observations.set(p.sid, { runs: [], skipped: p.unsupported });
  const version = results.find((l) => l)?.version ?? 'not started';
  return { observations, stats: { browser, version, scenarios: runnable.length, seconds: (Date.now() - t0) / 1000, unattributed, stray } };
}

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
  const prepared = prepareScenarios(items, direct, opts.maxRepeatWaitMs ?? DEFAULT_MAX_REPEAT_WAIT_MS);
  const runs: BrowserRun[] = [];
  if (direct) for (const b of browsers) runs.push(await runBrowser(b, prepared, opts, log));
  else runs.push(...(await Promise.all(browsers.map((b) => runBrowser(b, prepared, opts, log)))));
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
