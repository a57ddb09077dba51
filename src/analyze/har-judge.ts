/**
 * A cross-origin request found in a HAR → an {@link Observation} → a scenario the engine re-runs
 * per browser (`scenarioFromObservation` → `diagnoseScenario`, the same code as `simulate`), and
 * what the HAR itself shows, side by side.
 */
import type { BrowserId, HeaderPair, Route, Scenario, ScenarioRequest } from '../engine/index.js';
import { diagnoseScenario, type DiagnosedRun, type DiagnosedScenario } from '../diagnose/report.js';
import { scenarioFromObservation, type Exchange, type Observation } from './exchange.js';
import { harHeader, type HarRecord } from './har-types.js';
import type { CorsChain, PageSource } from './har-pairing.js';
import type { HarNote, NotedRequest } from './har-notes.js';

/** How the preflight of one hop was found. */
export type PreflightPairing =
  /** The HAR holds the preflight (entry index given). */
  | 'recorded'
  /** The engine says the browser sends one, the HAR has none, yet the request went out: a cached preflight. */
  | 'cached'
  /** No preflight needed (a simple request) and none recorded. */
  | 'not-needed'
  /** A preflight was needed and is not in the HAR, and the request did not go out either. */
  | 'missing';

/** One hop as reported: URL, what the HAR recorded, its preflight. */
export interface HopReport {
  entry: number;
  method: string;
  url: string;
  /** HTTP status the HAR recorded; 0 when there was no answer. */
  status: number;
  /** The exporter's failure text (`net::ERR_FAILED`...), or null. */
  error: string | null;
  fromCache: string | null;
  redirectTo: string | null;
  preflight: { pairing: PreflightPairing; entry: number | null; status: number | null; error: string | null };
}

/** Which browser wrote the HAR, from `log.creator` / `log.browser`. */
export type Recorder = BrowserId | null;

/** The judgment of one cross-origin request of a HAR. */
export interface HarFinding {
  /** Index (in `log.entries`) of the first request of the chain. */
  entry: number;
  method: string;
  url: string;
  api: 'fetch' | 'xhr';
  resourceType: string | null;
  page: string;
  pageSource: PageSource;
  credentials: 'include' | 'same-origin';
  /** `cookies`: cookies were sent; `default`: none sent, fetch's default assumed; `inferred`: see notes. */
  credentialsSource: 'cookies' | 'default' | 'inferred';
  hops: HopReport[];
  /** What the HAR shows for the last hop: an answer, a network error, or a blocked/failed request. */
  recorded: { outcome: 'answered' | 'failed' | 'network-error'; status: number; error: string | null };
  /** For the browser that wrote the HAR: does the recomputed verdict match what the HAR shows? null when unknown. */
  agrees: boolean | null;
  notes: HarNote[];
  /** The replayed scenario (routes = the recorded responses). */
  scenario: Scenario;
  /** Per browser, the `simulate --json` shape. */
  result: DiagnosedScenario;
}

/** Browser-set request headers: never the page's own, so never part of the replayed request. */
const BROWSER_SET = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method', 'connection',
  'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive', 'origin', 'referer', 'set-cookie',
  'te', 'trailer', 'transfer-encoding', 'upgrade', 'via', 'user-agent', 'priority', 'upgrade-insecure-requests',
]);
/** Set by DevTools' "Disable cache" (and proxies); the page's own only when its preflight asked for them. */
const CACHE_HEADERS = new Set(['pragma', 'cache-control']);

/** Network failures (not CORS) as Chromium and Firefox write them. */
const NETWORK_ERROR = /^(net::ERR_(?!FAILED$)|NS_ERROR_(?!DOM_BAD_URI)|NS_BINDING_ABORTED)/;

/** The page's own headers, from the recorded request (and its preflight's Access-Control-Request-Headers). */
export function pageHeaders(r: HarRecord, preflight: HarRecord | null): HeaderPair[] {
  const asked = new Set((preflight === null ? '' : harHeader(preflight.requestHeaders, 'access-control-request-headers') ?? '')
    .split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== ''));
  const out: HeaderPair[] = [];
  for (const [n, v] of r.requestHeaders) {
    const l = n.toLowerCase();
    if (l.startsWith(':') || l.startsWith('sec-') || l.startsWith('proxy-')) continue;
    if (BROWSER_SET.has(l)) continue;
    if (CACHE_HEADERS.has(l) && !asked.has(l)) continue;
    // Browser defaults (safelisted, so they never change the verdict): only noise in the replay.
    if (l === 'accept-language' && !asked.has(l)) continue;
    if (l === 'accept' && v === '*/*') continue;
    out.push([n, v]);
  }
  return out;
}

function responseOf(r: HarRecord): Exchange['response'] {
  if (r.status === 0) return null;
  return { status: r.status, statusText: r.statusText, headers: r.responseHeaders };
}

function exchangesOf(chain: CorsChain): Exchange[] {
  const out: Exchange[] = [];
  for (const h of chain.hops) {
    const p = h.preflight;
    if (p !== null) {
      out.push({ request: { method: 'OPTIONS', url: p.url, headers: p.requestHeaders }, response: responseOf(p), preflight: true, ...(p.error ? { error: p.error } : {}) });
    }
    if (chain.fromPreflightOnly) continue;
    const r = h.record;
    out.push({ request: { method: r.method, url: r.url, headers: r.requestHeaders }, response: responseOf(r), preflight: false, ...(r.error ? { error: r.error } : {}) });
  }
  return out;
}

/**
 * Header names the preflight asked for (Access-Control-Request-Headers) that the recorded request
 * lacks: Chrome's sanitized export drops `Authorization` and `Cookie`, and a request that was never
 * sent may carry only provisional headers.
 */
export function missingAskedHeaders(r: HarRecord, preflight: HarRecord | null): string[] {
  if (preflight === null) return [];
  const have = new Set(r.requestHeaders.map(([n]) => n.toLowerCase()));
  return (harHeader(preflight.requestHeaders, 'access-control-request-headers') ?? '')
    .split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '' && !have.has(s));
}

/** The request the page made, rebuilt from the first hop (or only from its preflight). */
function pageRequest(chain: CorsChain, credentials: 'include' | 'same-origin'): ScenarioRequest {
  const first = chain.hops[0]!;
  const r = first.record;
  const api = r.resourceType === 'xhr' ? 'xhr' : 'fetch';
  if (chain.fromPreflightOnly) {
    const method = (harHeader(r.requestHeaders, 'access-control-request-method') ?? 'GET').trim();
    const names = (harHeader(r.requestHeaders, 'access-control-request-headers') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    // Values are not in a preflight; a non-safelisted stand-in keeps each header non-safelisted.
    const headers: HeaderPair[] = names.map((n) => [n, n.toLowerCase() === 'content-type' ? 'application/json' : 'x']);
    return { api: 'fetch', url: r.url, method, headers, credentials, mode: 'cors' };
  }
  const headers = pageHeaders(r, first.preflight);
  for (const name of missingAskedHeaders(r, first.preflight)) headers.push([name, name === 'content-type' ? 'application/json' : 'x']);
  const req: ScenarioRequest = { api, url: r.url, method: r.method, headers, credentials, mode: 'cors' };
  const m = r.method.toUpperCase();
  if (r.body !== null && m !== 'GET' && m !== 'HEAD') req.body = r.body.length > 256 ? r.body.slice(0, 256) : r.body;
  return req;
}

/** Whether a run of the engine sent a preflight before the request at `url`. */
function preflightSentFor(run: DiagnosedRun, url: string): boolean {
  return run.sent.some((s) => s.method === 'OPTIONS' && s.url === url && s.headers.some(([n]) => n.toLowerCase() === 'access-control-request-method'));
}

function outcomeOf(run: DiagnosedRun | undefined): 'pass' | 'fail' | null {
  if (run === undefined) return null;
  return run.outcome === 'allowed' || run.outcome === 'opaque' ? 'pass' : 'fail';
}

/**
 * Caches diagnoses of scenarios that differ only in their URLs' paths and queries (a HAR repeats
 * the same call with new ids and parameters many times; CORS compares origins, never paths). Each
 * distinct path+query becomes a placeholder, the template is diagnosed once, and the real paths are
 * put back into the rendered result (console lines, causes, fixes, sent requests).
 */
export class DiagnosisCache {
  private map = new Map<string, DiagnosedScenario>();
  constructor(private readonly max = 2048) {}
  diagnose(s: Scenario, browsers: readonly BrowserId[]): DiagnosedScenario {
    if (this.max === 0) return diagnoseScenario(s, browsers);
    const t = templateOf(s);
    const key = JSON.stringify([t.scenario.page, t.scenario.request, t.scenario.server, browsers]);
    let d = this.map.get(key);
    if (d === undefined) {
      d = diagnoseScenario(t.scenario, browsers);
      this.map.set(key, d);
      if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    }
    if (t.subs.length === 0) return { ...d, name: s.name ?? d.name };
    return substitute(d, t.subs) as DiagnosedScenario;
  }
}

/**
 * `v` with every placeholder in its strings replaced: parts without one are shared, not copied
 * (the diagnosis objects are never mutated).
 */
function substitute(v: unknown, subs: readonly [string, string][]): unknown {
  if (typeof v === 'string') {
    if (v.indexOf('/~p~') < 0) return v;
    let out = v;
    for (const [ph, q] of subs) if (out.indexOf(ph) >= 0) out = out.split(ph).join(q);
    return out;
  }
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as unknown;
      const y = substitute(x, subs);
      if (y !== x && copy === null) copy = v.slice(0, i);
      if (copy !== null) copy.push(y);
    }
    return copy ?? v;
  }
  const o = v as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const k in o) {
    const x = o[k];
    const y = substitute(x, subs);
    if (y !== x) {
      copy ??= { ...o };
      copy[k] = y;
    }
  }
  return copy ?? o;
}

const ABSOLUTE_URL = /^([a-z][a-z0-9+.-]*:\/\/[^/?#\\]*)([^#]*)$/i;
/** Paths the URL parser keeps as they are: printable ASCII minus its path percent-encode set and `\`. */
const SAFE_PATH = /^\/[\x21\x24-\x3b\x3d\x40-\x5b\x5d-\x5f\x61-\x7a\x7c\x7e]*$/;
/** Queries the URL parser keeps as they are: printable ASCII minus its query percent-encode set (" # ' < >). */
const SAFE_QUERY = /^\?[\x21\x24-\x26\x28-\x3b\x3d\x3f-\x7e]*$/;
/** Dot segments (`.`, `..`, `%2e`) are rewritten by the parser: such URLs are never templated. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;

/**
 * The scenario with every URL's path and query replaced by `/~p~<n>~` (one per distinct path and
 * query), and the substitutions that undo it; the scenario itself when a URL could be rewritten by
 * the URL parser or a redirect is relative (then nothing is shared).
 */
function templateOf(s: Scenario): { scenario: Scenario; subs: [string, string][] } {
  const map = new Map<string, string>();
  const subs: [string, string][] = [];
  const none = { scenario: s, subs: [] };
  const t = (url: string): string | null => {
    const m = ABSOLUTE_URL.exec(url);
    if (m === null) return null;
    const rest = m[2]!;
    if (rest === '' || rest === '/') return url;
    const q = rest.indexOf('?');
    const path = q < 0 ? rest : rest.slice(0, q);
    if (!SAFE_PATH.test(path) || DOT_SEGMENT.test(path) || (q >= 0 && !SAFE_QUERY.test(rest.slice(q)))) return null;
    // Keyed by path and query only, so URLs that differ only in how their host is written agree.
    let ph = map.get(rest);
    if (ph === undefined) {
      ph = `/~p~${map.size}~`;
      map.set(rest, ph);
      subs.push([ph, rest]);
    }
    return m[1]! + ph;
  };
  const url = t(s.request.url);
  if (url === null) return none;
  const server: Route[] = [];
  for (const r of s.server ?? []) {
    const ru = t(r.url);
    if (ru === null) return none;
    const headers: HeaderPair[] = [];
    for (const [n, v] of r.headers ?? []) {
      if (n.toLowerCase() === 'location') {
        // A relative Location resolves against the real path: only absolute ones are rewritten.
        const lv = t(v.trim());
        if (lv === null) return none;
        headers.push([n, lv]);
      } else headers.push([n, v]);
    }
    server.push({ ...r, url: ru, headers });
  }
  if (subs.length === 0) return none;
  return { scenario: { ...s, name: s.name === undefined ? undefined : s.name.split(s.request.url).join(url), request: { ...s.request, url }, server }, subs };
}

/**
 * Judges one chain: replays the recorded responses through the engine for `browsers`, pairs
 * preflights, and compares with what the HAR shows for the browser that wrote it.
 * @example
 * const f = judgeChain(chain, { browsers: ['chromium', 'firefox', 'webkit'], recorder: 'chromium' });
 */
export function judgeChain(chain: CorsChain, opts: { browsers: readonly BrowserId[]; recorder: Recorder; cache?: DiagnosisCache }): HarFinding {
  const cache = opts.cache ?? new DiagnosisCache(0);
  const first = chain.hops[0]!.record;
  const last = chain.hops.at(-1)!.record;
  const notes: HarNote[] = [];
  const noted = (rs: readonly { method: string; url: string }[]): NotedRequest[] => rs.map((r) => ({ method: r.method, url: r.url }));
  let credentials: 'include' | 'same-origin' = chain.hops.some((h) => h.record.cookiesSent) ? 'include' : 'same-origin';
  let credentialsSource: HarFinding['credentialsSource'] = credentials === 'include' ? 'cookies' : 'default';

  // What the HAR shows.
  const failedHop = chain.fromPreflightOnly ? first : chain.hops.map((h) => h.record).find((r) => r.status === 0 || r.error !== null) ?? null;
  const failedPreflight = chain.hops.map((h) => h.preflight).find((p) => p !== null && (p.status === 0 || p.error !== null)) ?? null;
  const failure = failedPreflight ?? failedHop;
  const netError = [failure?.error, failedHop?.error].find((e) => e !== null && e !== undefined && NETWORK_ERROR.test(e)) ?? null;
  const recorded: HarFinding['recorded'] = failure === null && !chain.fromPreflightOnly
    ? { outcome: 'answered', status: last.status, error: null }
    : { outcome: netError !== null ? 'network-error' : 'failed', status: chain.fromPreflightOnly ? 0 : last.status, error: netError ?? failure?.error ?? null };

  // The scenario replaying the recorded responses.
  const obs = (c: 'include' | 'same-origin'): Observation => ({ page: chain.page, request: pageRequest(chain, c), exchanges: exchangesOf(chain) });
  // A request with no recorded answer. After a recorded preflight, the browser never sent it (the
  // preflight failed): the engine's 404 stand-in would suggest fixes for a response nobody saw, so
  // it stands in with an answer that passes and the diagnosis is about the preflight. Without a
  // preflight the exporter dropped the answer of a blocked response: it stands in with an answer
  // without CORS headers, the usual reason, and says so.
  const noAnswer = chain.fromPreflightOnly ? [] : chain.hops.filter((h) => h.record.status === 0 && !NETWORK_ERROR.test(h.record.error ?? ''));
  const unsent = noAnswer.filter((h) => h.preflight !== null).map((h) => h.record);
  const unknown = noAnswer.filter((h) => h.preflight === null).map((h) => h.record);
  const build = (c: 'include' | 'same-origin', cached: string[]): Scenario => {
    let s = scenarioFromObservation(obs(c), `${first.method} ${first.url}`);
    if (unsent.length > 0) s = withStandInAnswers(s, chain, unsent, true);
    if (unknown.length > 0) s = withStandInAnswers(s, chain, unknown, false);
    if (cached.length > 0) s = withAssumedPreflights(s, chain, cached);
    return s;
  };
  let scenario = build(credentials, []);
  let result = cache.diagnose(scenario, opts.browsers);
  if (unsent.length > 0) {
    notes.push({ code: 'UNSENT_AFTER_PREFLIGHT', requests: noted(unsent) });
  }
  if (unknown.length > 0) {
    notes.push({ code: 'NO_ANSWER', requests: noted(unknown), error: unknown[0]!.error });
  }

  // A preflight the browser needs but the HAR lacks, for a request that went out: the browser used
  // its preflight cache (or the preflight predates the recording). Judge the rest as if it passed.
  const cachedUrls = chain.fromPreflightOnly ? [] : chain.hops
    .filter((h) => h.preflight === null && h.record.status !== 0)
    .filter((h) => Object.values(result.browsers).some((b) => b.runs[0] !== undefined && preflightSentFor(b.runs[0], h.record.url)))
    .map((h) => h.record.url);
  if (cachedUrls.length > 0) {
    scenario = build(credentials, cachedUrls);
    result = cache.diagnose(scenario, opts.browsers);
    notes.push({ code: 'ASSUMED_CACHED_PREFLIGHT', urls: cachedUrls });
  }
  const assumed = cachedUrls;

  // The HAR shows a CORS failure that the replay does not reproduce without credentials: a page
  // using credentials: 'include' (or withCredentials) sends no cookie when it has none.
  const rec = opts.recorder;
  if (recorded.outcome === 'failed' && credentials === 'same-origin' && rec !== null && outcomeOf(result.browsers[rec]?.runs[0]) === 'pass') {
    const s2 = build('include', assumed);
    const r2 = cache.diagnose(s2, opts.browsers);
    if (outcomeOf(r2.browsers[rec]?.runs[0]) === 'fail') {
      scenario = s2;
      result = r2;
      credentials = 'include';
      credentialsSource = 'inferred';
      notes.push({ code: 'CREDENTIALS_INFERRED', recorder: rec });
    }
  }

  const hops: HopReport[] = chain.hops.map((h) => {
    const r = h.record;
    const p = chain.fromPreflightOnly ? h.record : h.preflight;
    const pairing: PreflightPairing = p !== null ? 'recorded' : assumed.includes(r.url) ? 'cached'
      : Object.values(result.browsers).some((b) => b.runs[0] !== undefined && preflightSentFor(b.runs[0], r.url)) ? 'missing' : 'not-needed';
    return {
      entry: r.index,
      method: chain.fromPreflightOnly ? (harHeader(r.requestHeaders, 'access-control-request-method') ?? 'GET').trim() : r.method,
      url: r.url,
      status: chain.fromPreflightOnly ? 0 : r.status,
      error: chain.fromPreflightOnly ? null : r.error,
      fromCache: r.fromCache,
      redirectTo: r.redirectURL !== '' && r.status >= 300 && r.status < 400 ? r.redirectURL : null,
      preflight: { pairing, entry: p?.index ?? null, status: p === null ? null : p.status, error: p?.error ?? null },
    };
  });

  const missing = chain.fromPreflightOnly ? [] : missingAskedHeaders(first, chain.hops[0]!.preflight);
  if (missing.length > 0) notes.push({ code: 'SANITIZED_HEADERS', headers: missing });
  if (chain.pageSource !== 'page') notes.push({ code: 'PAGE_FROM_HEADER', header: chain.pageSource === 'origin-header' ? 'Origin' : 'Referer' });
  if (chain.fromPreflightOnly) notes.push({ code: 'PREFLIGHT_ONLY' });
  if (chain.targetMissing) notes.push({ code: 'REDIRECT_NOT_FOLLOWED', location: last.redirectURL });
  if (chain.hops.some((h) => h.record.fromCache !== null)) notes.push({ code: 'FROM_BROWSER_CACHE' });
  if (recorded.outcome === 'network-error') notes.push({ code: 'NETWORK_ERROR', error: recorded.error });
  if (first.resourceType === null && rec !== 'chromium') notes.push({ code: 'NO_RESOURCE_TYPE' });

  let agrees: boolean | null = null;
  const mine = rec !== null ? outcomeOf(result.browsers[rec]?.runs[0]) : null;
  if (rec !== null && mine !== null && recorded.outcome !== 'network-error') {
    const harFailed = recorded.outcome === 'failed';
    agrees = harFailed === (mine === 'fail');
    if (!harFailed && rec === 'firefox') {
      // An answered entry in Firefox's HAR is what Firefox writes for an allowed response and for
      // a blocked one alike: it confirms neither verdict (e.g. `*` with credentials: 'include'
      // and no cookie looks like an allowed plain GET, yet Firefox blocked it).
      agrees = null;
      notes.push({ code: 'RECORDER_CANNOT_SHOW_BLOCK', replayBlocked: mine === 'fail' });
    } else if (!agrees) {
      notes.push({ code: 'REPLAY_DISAGREES', recorder: rec, harFailed, replayBlocked: mine === 'fail' });
    }
  }

  return {
    entry: first.index,
    method: hops[0]!.method,
    url: first.url,
    api: chain.fromPreflightOnly ? 'fetch' : first.resourceType === 'xhr' ? 'xhr' : 'fetch',
    resourceType: chain.fromPreflightOnly ? null : first.resourceType,
    page: chain.page,
    pageSource: chain.pageSource,
    credentials,
    credentialsSource,
    hops,
    recorded,
    agrees,
    notes,
    scenario,
    result,
  };
}

/** Adds, for each URL, an OPTIONS route that allows exactly what the request asks (stand-in for a cached preflight). */
function withAssumedPreflights(s: Scenario, chain: CorsChain, urls: string[]): Scenario {
  const origin = new URL(chain.page).origin;
  const routes: Route[] = urls.map((url) => {
    const names = (s.request.headers ?? []).map(([n]) => n.toLowerCase());
    const headers: HeaderPair[] = [
      ['Access-Control-Allow-Origin', origin],
      ['Access-Control-Allow-Methods', s.request.method ?? 'GET'],
    ];
    if (names.length > 0) headers.push(['Access-Control-Allow-Headers', names.join(', ')]);
    if (s.request.credentials === 'include') headers.push(['Access-Control-Allow-Credentials', 'true']);
    return { method: 'OPTIONS', url, status: 204, headers };
  });
  return { ...s, server: [...routes, ...(s.server ?? [])] };
}

/** Adds a stand-in answer (200, with passing CORS headers or none) for requests the HAR shows unanswered (see judgeChain). */
function withStandInAnswers(s: Scenario, chain: CorsChain, unsent: HarRecord[], passing: boolean): Scenario {
  const origin = new URL(chain.page).origin;
  const routes: Route[] = unsent.map((r) => {
    const headers: HeaderPair[] = passing ? [['Access-Control-Allow-Origin', origin], ['Vary', 'Origin']] : [];
    if (passing && s.request.credentials === 'include') headers.push(['Access-Control-Allow-Credentials', 'true']);
    return { method: r.method.toUpperCase(), url: r.url, status: 200, headers };
  });
  return { ...s, server: [...(s.server ?? []), ...routes] };
}

/** Which browser wrote the HAR: Chrome DevTools (`WebInspector`), Firefox, Safari/WebKit, or a tool naming the browser. */
export function recorderOf(creator: unknown, browser: unknown): Recorder {
  const names = [creator, browser].map((x) => (typeof x === 'object' && x !== null && typeof (x as { name?: unknown }).name === 'string' ? (x as { name: string }).name : ''));
  const all = names.join(' ').toLowerCase();
  if (/firefox|gecko/.test(all)) return 'firefox';
  if (/webinspector|chrom|edge|opera|brave/.test(all)) return 'chromium';
  if (/webkit|safari/.test(all)) return 'webkit';
  return null;
}
