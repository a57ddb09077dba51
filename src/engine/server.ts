import { normalizeHeaderValue } from './http-syntax.js';
import { parseUrl } from './origin.js';
import type { HeaderPair, Route } from './types.js';

/** What the modeled server answered. */
export interface ServerResponse {
  status: number;
  /** Raw header lines in order; values OWS-trimmed as every HTTP parser stores them. */
  headers: HeaderPair[];
  /** The route that answered, or null for the default 404. */
  route: Route | null;
}

const TARGETS = new WeakMap<URL, string>();

/** A URL as a server sees it: no fragment, no userinfo. */
export function requestTarget(url: URL): string {
  const hit = TARGETS.get(url);
  if (hit !== undefined) return hit;
  let target = url.href;
  if (url.hash !== '' || url.username !== '' || url.password !== '') {
    const u = new URL(url.href);
    u.hash = '';
    u.username = '';
    u.password = '';
    target = u.href;
  }
  TARGETS.set(url, target);
  return target;
}

function sameTarget(routeUrl: string, target: string): boolean {
  const parsed = parseUrl(routeUrl);
  return parsed !== null && requestTarget(parsed) === target;
}

/**
 * A route's `requestHeaders` condition: each named header carries exactly the value (all lines
 * combined with `, `), or is absent for `null`.
 */
export function requestHeadersMatch(route: Route, headers: readonly HeaderPair[]): boolean {
  for (const [name, want] of route.requestHeaders ?? []) {
    const lower = name.toLowerCase();
    const values = headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
    const got = values.length === 0 ? null : values.join(', ');
    if (got !== want) return false;
  }
  return true;
}

/**
 * Scenario v1 server: the first route whose `method` (if given, byte-exact), `url` and
 * `requestHeaders` (if given) match answers; no match is a 404 without headers. `{{origin}}` in a
 * header value becomes the request's `Origin` header as sent (`null` included; empty when none was sent).
 */
export function serve(
  routes: readonly Route[], method: string, url: URL, origin: string | null, requestHeaders: readonly HeaderPair[] = [],
): ServerResponse {
  const target = requestTarget(url);
  const route = routes.find((r) =>
    (r.method === undefined || r.method === method) && sameTarget(r.url, target) && requestHeadersMatch(r, requestHeaders));
  if (route === undefined) return { status: 404, headers: [], route: null };
  const headers = (route.headers ?? []).map(([n, v]): HeaderPair => [
    n,
    normalizeHeaderValue(v.split('{{origin}}').join(origin ?? '')),
  ]);
  return { status: route.status ?? 200, headers, route };
}

/**
 * The first header line a browser's HTTP parser refuses (a NUL byte in its name or value: Chromium
 * fails with net::ERR_INVALID_HTTP_RESPONSE, Firefox and WebKit likewise, observed), or null.
 */
export function unparsableHeader(headers: readonly HeaderPair[]): HeaderPair | null {
  return headers.find(([n, v]) => n.includes('\0') || v.includes('\0')) ?? null;
}

/** Fetch `#redirect-status`. */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Fetch `#ok-status`: 200 to 299. */
export function isOkStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}
