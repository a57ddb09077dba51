import { getHeader } from './request-headers.js';
import type { ServerResponse } from './server.js';
import type { CacheMode, HeaderPair } from './types.js';

/**
 * The HTTP cache a browser keeps across the `repeat` runs of a scenario (Fetch § HTTP-network-or-cache
 * fetch `#http-network-or-cache-fetch`, with RFC 9111 HTTP Caching). corsight stores only what a
 * scenario asks for: a `GET` answered `200` by a route that states its own `Cache-Control` without
 * `no-store` (the conformance harness sends `Cache-Control: no-store` on every other response, so
 * browsers store nothing else). Freshness comes from `max-age` alone (`no-cache` = always stale;
 * `Expires` and heuristic freshness are not modeled). Time is virtual, in milliseconds.
 */
export interface StoredResponse {
  status: number;
  headers: HeaderPair[];
  route: ServerResponse['route'];
  storedAt: number;
}

export class HttpCache {
  private readonly entries = new Map<string, StoredResponse>();

  get(url: string): StoredResponse | null {
    return this.entries.get(url) ?? null;
  }

  /** RFC 9111 §3 (storing responses); a later response for the URL replaces the stored one (§4.4). */
  put(url: string, response: ServerResponse, now: number): void {
    this.entries.set(url, { status: response.status, headers: response.headers.map(([n, v]): HeaderPair => [n, v]), route: response.route, storedAt: now });
  }

  delete(url: string): void {
    this.entries.delete(url);
  }
}

/** The directives of a `Cache-Control` header (all lines combined), lower-cased names. */
function cacheDirectives(headers: readonly HeaderPair[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const raw = getHeader(headers, 'Cache-Control');
  if (raw === null) return out;
  for (const part of raw.split(',')) {
    const [name, ...rest] = part.split('=');
    const key = (name ?? '').trim().toLowerCase();
    if (key === '') continue;
    out.set(key, rest.length === 0 ? null : rest.join('=').trim().replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

/**
 * RFC 9111 §3 "Storing Responses in Caches", as far as corsight models it: request method `GET`,
 * final status 200, a `Cache-Control` header stated by the server, no `no-store` directive.
 */
export function isStorable(method: string, response: ServerResponse): boolean {
  if (method !== 'GET' || response.status !== 200) return false;
  const directives = cacheDirectives(response.headers);
  return directives.size > 0 && !directives.has('no-store');
}

/**
 * RFC 9111 §4.2 "Freshness": the stored response is fresh while its age is below `max-age`
 * seconds; `no-cache` means it must be validated every time (§5.2.2.4).
 */
export function isFresh(stored: StoredResponse, now: number): boolean {
  const directives = cacheDirectives(stored.headers);
  if (directives.has('no-cache')) return false;
  const maxAge = directives.get('max-age');
  if (maxAge === undefined || maxAge === null || !/^[0-9]+$/.test(maxAge)) return false;
  return now - stored.storedAt < Number(maxAge) * 1000;
}

/**
 * RFC 9111 §4.3.1 "Sending a Validation Request": `If-None-Match` with the stored `ETag`,
 * `If-Modified-Since` with the stored `Last-Modified`. Empty when the response has no validator
 * (then the request goes out unconditional and the answer replaces the stored response).
 */
export function validationHeaders(stored: StoredResponse): HeaderPair[] {
  const out: HeaderPair[] = [];
  const etag = getHeader(stored.headers, 'ETag');
  if (etag !== null) out.push(['If-None-Match', etag]);
  const lastModified = getHeader(stored.headers, 'Last-Modified');
  if (lastModified !== null) out.push(['If-Modified-Since', lastModified]);
  return out;
}

/**
 * RFC 9111 §3.2 "Updating Stored Header Fields" (Fetch HTTP-network-or-cache fetch, the 304 step:
 * the stored response's headers are updated with the 304's, and the stored response is what the
 * fetch returns, checklist #72). Each header of the 304 replaces all stored lines of its name,
 * except the names the browser never updates (`notUpdated`, lower-case).
 */
export function updateStoredHeaders(stored: readonly HeaderPair[], notModified: readonly HeaderPair[], notUpdated: readonly string[]): HeaderPair[] {
  const incoming = notModified.filter(([n]) => !notUpdated.includes(n.toLowerCase()));
  const replaced = new Set(incoming.map(([n]) => n.toLowerCase()));
  return [...stored.filter(([n]) => !replaced.has(n.toLowerCase())), ...incoming].map(([n, v]): HeaderPair => [n, v]);
}

const CONDITIONAL_HEADERS = ['if-modified-since', 'if-none-match', 'if-unmodified-since', 'if-match', 'if-range'];

/**
 * Fetch § HTTP-network-or-cache fetch (checklist #70): when the cache mode is `default` and the
 * page set a conditional header (`If-Modified-Since`, `If-None-Match`, `If-Unmodified-Since`,
 * `If-Match`, `If-Range`), the mode becomes `no-store` — or what the browser uses instead
 * (`pageConditionalMode`). Returns whether the page set one, and the effective mode.
 */
export function modeForPageConditionals(
  mode: CacheMode, pageHeaders: readonly HeaderPair[], pageConditionalMode: CacheMode,
): { conditional: boolean; mode: CacheMode } {
  const conditional = pageHeaders.some(([n]) => CONDITIONAL_HEADERS.includes(n.toLowerCase()));
  return { conditional, mode: conditional && mode === 'default' ? pageConditionalMode : mode };
}
