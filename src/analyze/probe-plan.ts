/**
 * What a live probe must send next, decided by the engine itself: the observation so far is
 * replayed as a scenario (`scenarioFromObservation`), and the first request the browser sends that
 * has not been observed yet is the next one to put on the wire. Repeating until every request the
 * browser sends has a real answer makes the probe follow exactly the browser's path: preflight or
 * not, `Origin: null` after a tainting redirect, a new preflight where due, the 20-redirect limit.
 */
import { simulateIn, type BrowserId, type HeaderPair, type RunResult } from '../engine/index.js';
import { scenarioFromObservation, type Observation } from './exchange.js';
import { wireHeaders } from './wire-headers.js';

/** A request to put on the wire: every header (Host included) in the browser's order. */
export interface PlannedRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
  /** The request body (never on a preflight, nor after a rewrite to GET). */
  body: string | null;
  preflight: boolean;
  /** The headers the engine models (Origin, ACR*, Accept, Content-Type, the page's). */
  engineHeaders: HeaderPair[];
}

/** The key under which a request is answered in a replayed scenario (method and target URL). */
export function requestKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}

function withChains(run: RunResult, o: Observation, browser: BrowserId): PlannedRequest[] {
  const chain: string[] = [];
  const out: PlannedRequest[] = [];
  for (const s of run.sent) {
    const thisChain = [...chain, s.url];
    if (!s.preflight) chain.push(s.url);
    const bodyless = s.preflight || s.method === 'GET' || s.method === 'HEAD';
    const body = bodyless ? null : (o.request.body ?? null);
    const ctx = { browser, page: o.page, chain: thisChain, preflight: s.preflight, mode: o.request.mode ?? 'cors' } as const;
    out.push({
      method: s.method,
      url: s.url,
      headers: wireHeaders(ctx, s.headers, s.method, body === null ? null : new TextEncoder().encode(body).length),
      body,
      preflight: s.preflight,
      engineHeaders: s.headers,
    });
  }
  return out;
}

/** Runs the engine on the observation so far, in one browser (a single run, no repeat). */
export function replay(o: Observation, browser: BrowserId): RunResult {
  return simulateIn(scenarioFromObservation(o), browser).runs[0]!;
}

/**
 * The next request the browser would send that the observation has no answer for, or null when
 * every request it sends has been observed (the engine's verdict on the observation is then final).
 *
 * @example
 * nextProbe({ page: 'http://localhost:3000/', request: { url: 'http://127.0.0.1:8080/x', method: 'PUT' }, exchanges: [] }, 'chromium')
 * // → the OPTIONS preflight with Origin, Access-Control-Request-Method: PUT, Sec-Fetch-*, User-Agent...
 */
export function nextProbe(o: Observation, browser: BrowserId): PlannedRequest | null {
  const seen = new Set(o.exchanges.filter((x) => x.response !== null).map((x) => requestKey(x.request.method, x.request.url)));
  const run = replay(o, browser);
  return withChains(run, o, browser).find((p) => !seen.has(requestKey(p.method, p.url))) ?? null;
}

/**
 * The actual request as the browser would send it had the preflight passed: used to probe the
 * request even when the browser stops at the preflight, so the whole picture is visible. Null when
 * the browser sends the actual request anyway (it is in the observation) or rejects the request
 * before sending anything.
 */
export function unsentActualRequest(o: Observation, browser: BrowserId): PlannedRequest | null {
  const run = replay(o, browser);
  if (run.sent.length === 0 || run.sent.some((s) => !s.preflight)) return null;
  const pre = run.sent[0]!;
  const acrh = pre.headers.find(([n]) => n.toLowerCase() === 'access-control-request-headers')?.[1];
  const acrm = pre.headers.find(([n]) => n.toLowerCase() === 'access-control-request-method')?.[1] ?? 'GET';
  const permissive: HeaderPair[] = [
    ['Access-Control-Allow-Origin', '{{origin}}'],
    ['Access-Control-Allow-Credentials', 'true'],
    ['Access-Control-Allow-Methods', acrm],
  ];
  if (acrh !== undefined) permissive.push(['Access-Control-Allow-Headers', acrh]);
  const scenario = scenarioFromObservation({ ...o, exchanges: [] });
  scenario.server = [{ method: 'OPTIONS', url: pre.url, status: 204, headers: permissive }];
  const hypothetical = simulateIn(scenario, browser).runs[0]!;
  const chained = withChains(hypothetical, o, browser);
  return chained.find((p) => !p.preflight) ?? null;
}
