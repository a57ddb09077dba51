/**
 * Preflight-cache isolation: give every scenario its own URLs by inserting a unique first path
 * segment (`/s/<uniqueId>`) into every http(s) (also ws(s), ftp) URL it names: the request URL
 * (and those of `repeat.requests`), every route URL and every such `Location` value (absolute or relative; resolved against the
 * route's URL). The page
 * URL is left alone (it is served by the harness and only appears as Origin/Referer).
 *
 * The rewrite keeps the URL text as written wherever possible (case, default ports, userinfo,
 * query, fragment): the prefix is inserted as text right after the authority.
 */
import type { HeaderPair, Route, Scenario } from './types.js';

export const ISOLATION_ROOT = '/s/';

/** `12-put-with-json` style id: index plus a slug of the name. */
export function uniqueIdFor(index: number, name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug ? `${index}-${slug}` : String(index);
}

/** The path prefix used for a unique id. */
export function isolationPrefix(uniqueId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(uniqueId)) {
    throw new Error(`isolateScenario: unique id must match [A-Za-z0-9][A-Za-z0-9._-]*, got ${JSON.stringify(uniqueId)}`);
  }
  return `${ISOLATION_ROOT}${uniqueId}`;
}

function parse(url: string, base?: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

/**
 * Schemes whose URLs get the prefix. Besides http(s), ws(s) and ftp URLs never reach the harness
 * (the browser refuses them) but must carry the prefix so their console lines can be attributed.
 */
const ISOLATED_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);
const isHttp = (u: URL): boolean => ISOLATED_SCHEMES.has(u.protocol);

/** Insert `prefix` before the path of an absolute http(s)/ws(s)/ftp URL; other URLs are returned unchanged. */
export function prefixUrl(raw: string, prefix: string): string {
  const parsed = parse(raw);
  if (!parsed || !isHttp(parsed)) return raw;
  const m = /^(\s*[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\\]*)([\s\S]*)$/.exec(raw);
  if (m) {
    const head = m[1] ?? '';
    const rest = m[2] ?? '';
    const candidate = head + prefix + (rest.startsWith('/') ? rest : `/${rest}`);
    const check = parse(candidate);
    if (check && check.origin === parsed.origin && check.pathname === prefix + parsed.pathname) return candidate;
  }
  // Dot segments or unusual syntax: fall back to the serialized form.
  const out = new URL(parsed.href);
  out.pathname = prefix + parsed.pathname;
  return out.href;
}

/** Rewrite one Location value found on a response to `routeUrl` (both before isolation). */
export function prefixLocation(location: string, routeUrl: string, prefix: string): string {
  const value = location.trim();
  if (value === '') return location;
  const target = parse(value, routeUrl);
  if (!target || !isHttp(target)) return location;
  const rewrittenTarget = prefixUrl(target.href, prefix);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) return prefixUrl(value, prefix);
  if (value.startsWith('//') || value.startsWith('\\\\')) {
    const scheme = target.protocol;
    const abs = prefixUrl(scheme + value, prefix);
    return abs.startsWith(scheme) ? abs.slice(scheme.length) : abs;
  }
  const newBase = prefixUrl(routeUrl, prefix);
  if (value.startsWith('/')) {
    const candidate = prefix + value;
    if (parse(candidate, newBase)?.href === rewrittenTarget) return candidate;
    return rewrittenTarget;
  }
  // Path-relative, query-only or fragment-only: keep when it still resolves to the right place.
  if (parse(value, newBase)?.href === rewrittenTarget) return location;
  const t = new URL(rewrittenTarget);
  return t.pathname + t.search + t.hash;
}

/** Absolute request URLs get the prefix inserted; relative ones (resolved against the page) become path-absolute. */
function isolateRequestUrl(url: string, page: string, prefix: string): string {
  if (parse(url)) return prefixUrl(url, prefix);
  const target = parse(url, page);
  if (!target || !isHttp(target)) return url;
  const t = new URL(prefixUrl(target.href, prefix));
  return t.pathname + t.search + t.hash;
}

function rewriteHeaders(headers: HeaderPair[] | undefined, routeUrl: string, prefix: string): HeaderPair[] | undefined {
  if (!headers) return headers;
  return headers.map(([name, value]): HeaderPair =>
    name.trim().toLowerCase() === 'location' ? [name, prefixLocation(value, routeUrl, prefix)] : [name, value],
  );
}

/**
 * Pure: returns a deep copy of `scenario` whose request, route and Location URLs all live under
 * `/s/<uniqueId>`. Fields it does not know are copied unchanged.
 */
export function isolateScenario(scenario: Scenario, uniqueId: string): Scenario {
  const prefix = isolationPrefix(uniqueId);
  const copy = structuredClone(scenario);
  copy.request = { ...copy.request, url: isolateRequestUrl(scenario.request.url, scenario.page, prefix) };
  // The later runs' own requests (`repeat.requests`) live under the same prefix.
  if (copy.repeat?.requests && scenario.repeat?.requests) {
    const originals = scenario.repeat.requests;
    copy.repeat.requests = copy.repeat.requests.map((r, i) => ({ ...r, url: isolateRequestUrl(originals[i]!.url, scenario.page, prefix) }));
  }
  if (scenario.server) {
    copy.server = scenario.server.map((route): Route => {
      const out: Route = { ...route, url: prefixUrl(route.url, prefix) };
      const headers = rewriteHeaders(route.headers, route.url, prefix);
      if (headers) out.headers = headers;
      return out;
    });
  }
  return copy;
}

/** The unique id a request path belongs to (`/s/<id>/…`), or null. */
export function uniqueIdOfPath(pathname: string): string | null {
  if (!pathname.startsWith(ISOLATION_ROOT)) return null;
  const rest = pathname.slice(ISOLATION_ROOT.length);
  const end = rest.indexOf('/');
  const id = end === -1 ? rest : rest.slice(0, end);
  return id === '' ? null : id;
}
