/**
 * Origins (HTML § Origin; Fetch § Origin header `#origin-header`, checklist items 42–45).
 * Uses the WHATWG `URL` global, which every runtime the engine targets provides.
 */

const PARSED = new Map<string, URL | null>();
const PARSED_LIMIT = 4096;

/**
 * A parsed absolute URL, or null when the input does not parse. Results are memoized: callers
 * must treat the returned URL as immutable (copy it with `new URL(u.href)` before changing it).
 */
export function parseUrl(input: string, base?: string): URL | null {
  const key = base === undefined ? input : `${base}\u0000${input}`;
  const hit = PARSED.get(key);
  if (hit !== undefined) return hit;
  let url: URL | null;
  try {
    url = base === undefined ? new URL(input) : new URL(input, base);
  } catch {
    url = null;
  }
  if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
  PARSED.set(key, url);
  return url;
}

/**
 * ASCII serialization of a URL's origin (HTML `#ascii-serialisation-of-an-origin`): lower-case
 * scheme and host, port only when not the scheme's default, no trailing slash; `null` for opaque
 * origins (file:, data:, about:, ...).
 */
export function serializeOrigin(url: URL): string {
  let o = ORIGINS.get(url);
  if (o === undefined) {
    o = url.origin;
    ORIGINS.set(url, o);
  }
  return o;
}

const ORIGINS = new WeakMap<URL, string>();

/** HTML `#same-origin`: tuple origins compare scheme/host/port; opaque origins never match. */
export function sameOrigin(a: URL, b: URL): boolean {
  const oa = serializeOrigin(a);
  return oa !== 'null' && oa === serializeOrigin(b);
}

/** Whether an origin serialization is opaque. */
export function isOpaqueOrigin(serialized: string): boolean {
  return serialized === 'null';
}

/** URL `#include-credentials`: the URL has a non-empty username or password. */
export function includesCredentials(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}

/** The URL with username and password removed (how consoles print a sanitized URL). */
export function withoutCredentials(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** `http:` or `https:` (Fetch `#http-scheme`). */
export function isHttpScheme(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/**
 * Fetch `#concept-request-tainted-origin` (redirect-taint) reduced to what the `Origin` value needs:
 * the request is tainted when some hop lastURL → url has url cross-origin with lastURL while the
 * request's origin is also cross-origin with lastURL. (The spec's same-site/cross-site split only
 * matters for cookies; both serialize the origin as `null`.)
 */
export function isRedirectTainted(pageOrigin: string, urlList: readonly URL[]): boolean {
  for (let i = 1; i < urlList.length; i++) {
    const last = urlList[i - 1]!;
    const url = urlList[i]!;
    const lastOrigin = serializeOrigin(last);
    if (serializeOrigin(url) !== lastOrigin && pageOrigin !== lastOrigin) return true;
  }
  return false;
}

/** Fetch `#serializing-a-request-origin`: `null` once redirect-tainted, else the origin. */
export function serializeRequestOrigin(pageOrigin: string, urlList: readonly URL[]): string {
  return isRedirectTainted(pageOrigin, urlList) ? 'null' : pageOrigin;
}

/**
 * HTML § schemelessly same site (`#schemelessly-same-site`) for two origins' hosts. Without the
 * Public Suffix List the registrable domain is approximated by the last two labels of a domain;
 * IP addresses and single-label hosts compare whole.
 */
export function schemelesslySameSite(a: URL, b: URL): boolean {
  return registrableDomain(a.hostname) === registrableDomain(b.hostname);
}

function registrableDomain(host: string): string {
  if (host.startsWith('[') || /^[0-9.]+$/.test(host)) return host;
  const labels = host.split('.');
  return labels.length <= 2 ? host : labels.slice(-2).join('.');
}
