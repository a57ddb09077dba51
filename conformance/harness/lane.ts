/**
 * One lane: a browser instance with its own profile and harness proxy, running batches of
 * scenarios in a pool of reused tabs (see run.ts for the lanes and phases).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './chromium.js';
import type { BrowserDriver, DriverOptions, Tab } from './driver.js';
import { FAKED_CLOCK_LABEL, FakeClock, descendants, faketimeAvailability, faketimeEnv, planGap, preloadSummary, readProcTable } from './faketime.js';
import { launchFirefox } from './firefox.js';
import { requestsInFlight } from './http1.js';
import { removeOnExit } from './proc.js';
import { challengedUrls, directPorts, repeatSpan, type Prepared } from './prepare.js';
import { HarnessServer, normalizeUrl, type Batch, type Job } from './server.js';
import type { BrowserName, ConsoleLine, PageRunResult } from './types.js';
import { launchWebKit } from './webkit.js';

const LAUNCHERS: Record<BrowserName, (o: DriverOptions) => Promise<BrowserDriver>> = {
  chromium: launchChromium,
  firefox: launchFirefox,
  webkit: launchWebKit,
};

/** Requests in flight per page in the fast lane. */
export const DEFAULT_CONCURRENCY: Record<BrowserName, number> = { chromium: 8, firefox: 32, webkit: 6 };
const DONE_MARKER = '__corsight__ done ';
export type LaneName = 'fast' | 'timed' | 'faked';
/**
 * The faked-clock lane (faketime.ts): one browser clock for the whole instance, so one scenario
 * at a time (a jump for one scenario must not age another's cache entries mid-schedule).
 */
const FAKED_LANE: LaneSpec = { name: 'faked', batchSize: 1, tabs: 1 };
/**
 * Lanes per browser. Tabs run batches in parallel (needed when every scenario has its own page
 * URL); WebKit gets one embedder process per tab, since its console lines carry no tab id.
 */
export const LANES: Record<BrowserName, Record<LaneName, LaneSpec>> = {
  // Chromium opens at most 32 connections to a proxy; each timed tab holds one (its event stream).
  chromium: { fast: { name: 'fast', batchSize: 250, tabs: 8 }, timed: { name: 'timed', batchSize: 20, tabs: 8 }, faked: FAKED_LANE },
  // Firefox keeps 100 preflight-cache entries (LRU, one cache per browser): at most 40 repeat
  // scenarios at once, so an entry under observation is never the least recently used.
  firefox: { fast: { name: 'fast', batchSize: 250, tabs: 8 }, timed: { name: 'timed', batchSize: 20, tabs: 8, maxScenarios: 40 }, faked: FAKED_LANE },
  webkit: { fast: { name: 'fast', batchSize: 250, tabs: 6 }, timed: { name: 'timed', batchSize: 20, tabs: 8 }, faked: FAKED_LANE },
};
/** How long a page may take to fetch its job list after navigation starts. */
const PAGE_START_MS = 15000;
/** Slack on top of the longest repeat schedule of a batch. */
const BATCH_SLACK_MS = 60000;
const FAKED_SLACK_MS = 15000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function batchesOf(items: Prepared[], size: number): Prepared[][] {
  const byPage = new Map<string, Prepared[]>();
  for (const p of items) {
    // Scenarios that may raise a login prompt get their own tabs (only those tabs intercept).
    // A page document is served with one set of headers (`pageHeaders`, e.g. its COEP): scenarios
    // with different page headers never share a document.
    const key = `${challengedUrls(p.isolated).length > 0 ? 'auth ' : ''}${normalizeUrl(p.isolated.page)} ${JSON.stringify(p.isolated.pageHeaders ?? [])}`;
    const list = byPage.get(key) ?? [];
    list.push(p);
    byPage.set(key, list);
  }
  const out: Prepared[][] = [];
  for (const list of byPage.values()) for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function batchDeadline(items: Prepared[], faked: boolean): number {
  // Faked clock: only the real part of each gap is waited.
  const realSpan = (p: Prepared): number => {
    if (!faked) return repeatSpan(p.isolated);
    const gaps = Math.max(0, (p.isolated.repeat?.count ?? 1) - 1);
    return gaps * planGap(p.isolated.repeat?.intervalMs ?? 0).realWaitMs;
  };
  // Faked lane: one scenario of two short runs; a page that never finishes (e.g. its content
  // process died, see NOTES.md) should cost little CI time.
  return Math.max(0, ...items.map(realSpan)) + (faked ? FAKED_SLACK_MS : BATCH_SLACK_MS);
}

async function waitFor(cond: () => boolean, timeoutMs: number, stepMs = 10): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) return false;
    await sleep(stepMs);
  }
  return true;
}

export interface LaneResult {
  name: LaneName;
  seconds: number;
  version: string;
  /** URLs (or `host:<name>` for WebKit) whose login prompt the harness cancelled. */
  authCancelled: Set<string>;
  results: Map<string, { runs: PageRunResult[] } | { error: string }>;
  server: HarnessServer;
  lines: ConsoleLine[];
  /** Faked-clock lane: the jumps made and which browser processes had libfaketime mapped. */
  faked?: FakedLaneFacts;
}

export interface FakedLaneFacts {
  label: string;
  /** Seconds the browser clock was moved forward in all (cumulative offset at the end). */
  offsetSeconds: number;
  gaps: FakeClock['gaps'];
  /** Processes of the browser seen after its first batch, and those without libfaketime. */
  processes: number;
  preloaded: number;
  without: string[];
}

function fakedEnv(file: string): Record<string, string> {
  const a = faketimeAvailability();
  if ('error' in a) throw new Error(`faked-clock lane: ${a.error}`);
  return faketimeEnv(file, a.guard);
}

/** A dead port: in direct mode anything that is not loopback is sent there and fails. */
const DEAD_PROXY_PORT = 9;

export interface LaneSpec {
  name: LaneName;
  /** Scenarios per page document. */
  batchSize: number;
  /** Tabs (documents) open at once. */
  tabs: number;
  /** Most scenarios running at once in the lane (over all tabs). */
  maxScenarios?: number;
}

export async function runLane(browser: BrowserName, lane: LaneName, items: Prepared[], concurrency: number, spec: LaneSpec, direct: boolean, log: (m: string) => void): Promise<LaneResult> {
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
  const scratch = removeOnExit(profileDir);
  const results: LaneResult['results'] = new Map();
  const clock = lane === 'faked' ? new FakeClock(join(profileDir, 'faketime.rc')) : null;
  let faked: FakedLaneFacts | undefined;
  if (clock) server.betweenRuns = (ms) => clock.advance(ms);
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
    driver = await LAUNCHERS[browser]({ proxyPort, direct, onConsole, onAuthCancelled, profileDir, maxTabs: tabs, log, ...(clock ? { env: fakedEnv(clock.file) } : {}) });
    log(`${browser}/${lane}: ${driver.version}, ${direct ? `direct on ports ${directPorts(items).join(',')}` : `proxy 127.0.0.1:${server.port}`}, ${items.length} scenarios`);
    const batches = batchesOf(items, batchSize).map((list, bi) => ({ id: `${lane}${bi}`, list, page: list[0]?.isolated.page ?? '' }));
    /** Runs one batch in `tab`; false when the tab should not be reused. */
    const runBatch = async ({ id, list, page }: (typeof batches)[number], tab: Tab): Promise<boolean> => {
      const jobs: Job[] = list.map((p) => {
        const job: Job = { sid: p.sid, request: p.isolated.request };
        if (p.isolated.repeat) job.repeat = p.isolated.repeat;
        return job;
      });
      const batch: Batch = server.addBatch(id, page, jobs, lane === 'fast' ? concurrency : jobs.length, list[0]?.isolated.pageHeaders ?? []);
      const tb = Date.now();
      const debug = (what: string): void => {
        if (process.env.CORSIGHT_DEBUG) log(`${browser}/${lane} batch ${id} (${list.length}) in ${tab.id}: ${what} at +${Date.now() - tb} ms`);
      };
      let started = false;
      let finished = false;
      let failure: string | null = null;
      try {
        await tab.navigate(page, list.flatMap((p) => challengedUrls(p.isolated)));
        debug('navigated');
        started = await waitFor(() => batch.jobsServed, PAGE_START_MS, 5);
        debug('jobs served');
        finished = started && (await Promise.race([batch.finished.then(() => true), sleep(batchDeadline(list, clock !== null)).then(() => false)]));
        if (clock && !faked && driver) {
          // Which of the browser's processes (network service/process, renderers, …) run with
          // libfaketime mapped: read while they are all alive, after a first batch.
          faked = { label: FAKED_CLOCK_LABEL, offsetSeconds: 0, gaps: clock.gaps, ...preloadSummary(descendants(readProcTable(), driver.pids)) };
          log(`${browser}/${lane}: libfaketime mapped in ${faked.preloaded}/${faked.processes} browser processes${faked.without.length ? ` (not in ${faked.without.join(', ')})` : ''}`);
        }
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
      if (failure || !finished) {
        log(`${browser}/${lane}: batch ${id} (${page}): ${failure ?? (started ? 'incomplete' : 'page did not start')}`);
        if (process.env.CORSIGHT_DEBUG) log(`  server requests in flight: ${JSON.stringify(requestsInFlight().slice(0, 5))}; connections now ${server.connections}`);
      }
      return failure === null && finished;
    };
    // A pool of tabs, each reused for batch after batch. A page URL is open in at most one tab
    // at a time: the server hands a page the next batch queued for its URL, so two tabs on one URL
    // could swap batches, and Chromium stalled (requests never answered, 60 s) with four tabs of
    // one URL each running 8 requests on a loaded machine.
    const active = new Set<string>();
    const maxScenarios = spec.maxScenarios ?? Infinity;
    let inFlight = 0;
    const worker = async (): Promise<void> => {
      let tab: Tab | null = null;
      try {
        for (;;) {
          if (batches.length === 0) return;
          const i = batches.findIndex((b) => !active.has(normalizeUrl(b.page)));
          const next = i === -1 ? undefined : batches[i];
          if (!next || (inFlight > 0 && inFlight + next.list.length > maxScenarios)) {
            await sleep(10);
            continue;
          }
          batches.splice(i, 1);
          const key = normalizeUrl(next.page);
          active.add(key);
          inFlight += next.list.length;
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
          } finally {
            inFlight -= next.list.length;
            active.delete(key);
          }
        }
      } finally {
        await tab?.close();
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
    scratch.release();
  }
  if (faked && clock) faked.offsetSeconds = clock.offsetSeconds;
  const out: LaneResult = { name: lane, seconds: (Date.now() - t0) / 1000, version: driver?.version ?? 'not started', results, server, lines, authCancelled };
  if (faked) out.faked = faked;
  return out;
}

