/**
 * The live probe behind `corsight check`: sends what each browser would send, one request at a
 * time, and lets the engine decide the next one from the real answers so far (see
 * src/analyze/probe-plan.ts). The result is an `Observation` per browser, replayable with
 * `scenarioFromObservation`, plus the extra evidence the findings use.
 */
import type { BrowserId, HeaderPair, ScenarioRequest } from '../engine/index.js';
import type { Exchange, Observation } from '../analyze/exchange.js';
import { nextProbe, unsentActualRequest, type PlannedRequest } from '../analyze/probe-plan.js';
import { sendRequest, type SendOptions } from './http-exchange.js';

export { NetworkError } from './http-exchange.js';

/** The second `Origin` used to tell a reflected `Access-Control-Allow-Origin` from a fixed one. */
export const REFLECTION_PROBE_ORIGIN = 'https://corsight-reflection-probe.example';

export interface ProbeOptions extends SendOptions {
  /** The page URL (its origin is the request's origin). */
  page: string;
  request: ScenarioRequest;
  browsers: readonly BrowserId[];
  /** Re-send one answer that echoed the Origin with `REFLECTION_PROBE_ORIGIN`. Default true. */
  reflectionProbe?: boolean;
}

export interface ProbeResult {
  /** Every distinct request sent, in order (browsers share identical requests). */
  observation: Observation;
  /** What each browser sent and got, in its order (same Exchange objects as `observation`). */
  perBrowser: Partial<Record<BrowserId, Observation>>;
  /** Index in `observation.exchanges` of the actual request no browser would send (probed anyway). */
  unsent: number | null;
  /** The reflection test: `observation.exchanges[of]` re-sent with another Origin. */
  reflection: { of: number; exchange: Exchange } | null;
}

function headerOf(h: readonly HeaderPair[], name: string): string | null {
  return h.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
}

/** Headers that only identify the browser (as do header order and `Connection` spelling); servers do not base CORS answers on them. */
const IDENTITY = new Set(['user-agent', 'accept-language', 'accept-encoding', 'priority', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform']);

/**
 * Browsers share a wire request when everything but their identity headers is identical (the
 * engine's headers, `Referer`, `Sec-Fetch-*`): WebKit's redirected request without `Sec-Fetch-*`,
 * or Firefox's re-preflight with the page origin, goes out on its own.
 */
function shareKey(p: PlannedRequest): string {
  const significant = p.headers
    .filter(([n]) => !IDENTITY.has(n.toLowerCase()) && n.toLowerCase() !== 'connection')
    .map(([n, v]) => `${n.toLowerCase()}: ${v}`)
    .sort();
  return JSON.stringify([p.method, p.url, p.preflight, significant, p.body]);
}

/**
 * Probes a URL as the given browsers would request it; throws `NetworkError` when a request gets
 * no HTTP answer.
 *
 * @example
 * const r = await probe({ page: 'http://localhost:3000/', request: { url: 'http://127.0.0.1:8080/api', method: 'DELETE' }, browsers: ['chromium'] });
 * r.perBrowser.chromium.exchanges; // [OPTIONS preflight, DELETE] — or just the preflight if it failed
 */
export async function probe(opts: ProbeOptions): Promise<ProbeResult> {
  const t0 = performance.now();
  const all: Exchange[] = [];
  const shared = new Map<string, Exchange>();
  const send = async (p: PlannedRequest, browser: BrowserId | null, extra: Partial<Exchange> = {}): Promise<Exchange> => {
    const key = shareKey(p);
    const hit = shared.get(key);
    if (hit !== undefined) {
      if (browser !== null && !hit.browsers?.includes(browser)) (hit.browsers ??= []).push(browser);
      return hit;
    }
    const startedMs = Math.round(performance.now() - t0);
    const response = await sendRequest(p.method, p.url, p.headers, p.body, opts);
    const x: Exchange = {
      request: { method: p.method, url: p.url, headers: p.headers }, response, preflight: p.preflight, startedMs,
      ...(browser === null ? {} : { browsers: [browser] }), ...extra,
    };
    shared.set(key, x);
    all.push(x);
    return x;
  };

  const perBrowser: ProbeResult['perBrowser'] = {};
  for (const b of opts.browsers) {
    const o: Observation = { page: opts.page, request: opts.request, exchanges: [] };
    // The engine stops by itself (a failed check, the 20-redirect limit); 64 guards a server loop.
    for (let i = 0; i < 64; i++) {
      const p = nextProbe(o, b);
      if (p === null) break;
      o.exchanges.push(await send(p, b));
    }
    perBrowser[b] = o;
  }

  // The actual request, probed anyway, only when no selected browser sends one at all.
  let unsent: number | null = null;
  const someBrowserSends = all.some((x) => !x.preflight);
  for (const b of someBrowserSends ? [] : opts.browsers) {
    const p = unsentActualRequest(perBrowser[b]!, b);
    if (p === null) continue;
    const x = await send(p, null, { unsent: true });
    unsent = all.indexOf(x);
    break;
  }

  let reflection: ProbeResult['reflection'] = null;
  if (opts.reflectionProbe !== false) {
    const of = all.findIndex((x) => {
      const origin = headerOf(x.request.headers, 'origin');
      const acao = x.response === null ? null : headerOf(x.response.headers, 'access-control-allow-origin');
      // Only requests safe to repeat: a preflight, GET or HEAD (never a second DELETE or POST).
      const safe = x.preflight || x.request.method === 'GET' || x.request.method === 'HEAD';
      return safe && origin !== null && origin !== 'null' && acao === origin;
    });
    if (of >= 0) {
      const base = all[of]!;
      const headers = base.request.headers.map(([n, v]): HeaderPair => [n, n.toLowerCase() === 'origin' ? REFLECTION_PROBE_ORIGIN : v]);
      const body = base.preflight || base.request.method === 'GET' || base.request.method === 'HEAD' ? null : (opts.request.body ?? null);
      const startedMs = Math.round(performance.now() - t0);
      const response = await sendRequest(base.request.method, base.request.url, headers, body, opts);
      reflection = { of, exchange: { request: { method: base.request.method, url: base.request.url, headers }, response, preflight: base.preflight, startedMs } };
    }
  }
  return { observation: { page: opts.page, request: opts.request, exchanges: all }, perBrowser, unsent, reflection };
}
