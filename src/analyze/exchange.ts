/**
 * What was observed on the wire: the shared input of `corsight check` (live probe) and
 * `corsight har` (DevTools export). Both turn what they saw into a scenario v1 whose `server`
 * routes replay the real responses, so the engine judges real answers exactly as it judges
 * simulated ones.
 */
import type { BrowserId, HeaderPair, Scenario, ScenarioRequest, Route } from '../engine/index.js';

/** A request as it went out (or as a HAR file recorded it). */
export interface ObservedRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
}

/** A response as it came back; the body is never needed, only its size when known. */
export interface ObservedResponse {
  status: number;
  statusText?: string;
  headers: HeaderPair[];
  bodySize?: number;
}

/** One request/response pair. `response` is null when the request got no HTTP answer. */
export interface Exchange {
  request: ObservedRequest;
  response: ObservedResponse | null;
  /** True for a CORS preflight (an OPTIONS the browser sends, not the page). */
  preflight: boolean;
  /** Why there was no response (connection refused, DNS, TLS, timeout, blocked by the browser...). */
  error?: string;
  /** Milliseconds since the first exchange of the observation, when known. */
  startedMs?: number;
  /**
   * True when no browser would send this request (e.g. the actual request after a failed
   * preflight): `corsight check` probes it anyway to show the whole picture. Replaying ignores it
   * only in the sense that the engine never reaches it.
   */
  unsent?: boolean;
  /** The browsers this wire request stands for (a live probe shares identical requests). */
  browsers?: BrowserId[];
}

/** One request of a page, and everything seen on the wire for it (preflights, redirect hops). */
export interface Observation {
  /** URL of the page that made the request (only its origin matters to CORS). */
  page: string;
  /** What the page asked for (`fetch(url, init)` or XHR), in scenario v1 terms. */
  request: ScenarioRequest;
  /** In the order they happened. */
  exchanges: Exchange[];
}

/**
 * Builds the scenario that replays an observation: one route per observed response (method and
 * URL), first answer wins, so the engine re-runs the browser's algorithm on the real responses.
 * Requests that were never answered get no route (the engine's 404 stands in; callers that know
 * better say so in their findings).
 */
export function scenarioFromObservation(o: Observation, name?: string): Scenario {
  const server: Route[] = [];
  const seen = new Set<string>();
  for (const x of o.exchanges) {
    if (x.response === null) continue;
    const key = `${x.request.method.toUpperCase()} ${x.request.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    server.push({
      method: x.request.method.toUpperCase(),
      url: x.request.url,
      status: x.response.status,
      headers: x.response.headers.map(([n, v]): HeaderPair => [n, v]),
    });
  }
  return { name: name ?? `${o.request.method ?? 'GET'} ${o.request.url}`, page: o.page, request: o.request, server };
}
