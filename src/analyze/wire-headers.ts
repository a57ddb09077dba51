/**
 * The request headers a browser adds on the wire beyond what the engine models (the engine's
 * `sent` requests carry `Origin`, `Access-Control-Request-*`, `Accept`, `Content-Type` and the
 * page's own headers): `User-Agent`, `Accept-Language`, `Accept-Encoding`, `Referer`,
 * `Sec-Fetch-Dest/Mode/Site` and whatever else the browser's profile records (`wire`: client
 * hints, `Priority`, header order...). The browser facts are data in the profiles; this file only
 * applies them, with the standards' rules for `Sec-Fetch-*` and `Referer`.
 */
import { PROFILES, type BrowserId, type HeaderPair, type RequestMode } from '../engine/index.js';
import { webkitCommonHeaderName } from '../engine/webkit-header-map.js';

/** Where a request sits in its chain, which the `Sec-Fetch-*`, `Referer` values depend on. */
export interface WireContext {
  browser: BrowserId;
  /** The page URL (`Referer` and `Sec-Fetch-Site` are computed from it). */
  page: string;
  /** URLs of the request chain so far, this request's URL last (redirect hops before it). */
  chain: string[];
  preflight: boolean;
  mode?: RequestMode;
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}

/**
 * Secure contexts § potentially trustworthy URL: `https:`/`wss:`, `127.0.0.0/8`, `::1`,
 * `localhost` and `*.localhost`. Browsers send `Sec-Fetch-*` only to those (Fetch Metadata § 2).
 */
export function isPotentiallyTrustworthy(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'https:' || u.protocol === 'wss:') return true;
  const h = u.hostname;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '[::1]' || h === 'localhost' || h.endsWith('.localhost');
}

/**
 * The site of a URL (HTML § obtain a site): scheme plus registrable domain. Without the Public
 * Suffix List (the analyze layer bundles none) the registrable domain is approximated by the last
 * two labels; IP addresses and single-label hosts stand for themselves.
 */
export function siteOf(url: string): string {
  const u = new URL(url);
  const h = u.hostname;
  if (isIp(h) || !h.includes('.')) return `${u.protocol}//${h}`;
  return `${u.protocol}//${h.split('.').slice(-2).join('.')}`;
}

/**
 * Fetch Metadata § `Sec-Fetch-Site`: `same-origin` when every URL of the chain is same-origin
 * with the page, `same-site` when every one is same-site, else `cross-site`.
 */
export function secFetchSite(page: string, chain: readonly string[]): 'same-origin' | 'same-site' | 'cross-site' {
  const po = new URL(page).origin;
  if (chain.every((u) => new URL(u).origin === po)) return 'same-origin';
  const ps = siteOf(page);
  if (chain.every((u) => siteOf(u) === ps)) return 'same-site';
  return 'cross-site';
}

/**
 * Referrer Policy `strict-origin-when-cross-origin` (the default): the full page URL (without
 * fragment) same-origin, the page origin cross-origin, nothing on an https → non-trustworthy
 * downgrade.
 */
export function refererFor(page: string, target: string): string | null {
  const p = new URL(page);
  p.hash = '';
  if (p.protocol === 'https:' && !isPotentiallyTrustworthy(target)) return null;
  if (p.origin === new URL(target).origin) return p.href;
  return `${p.origin}/`;
}

/**
 * The headers the browser adds to an engine-modelled request. The engine's own headers win
 * (they are appended by the caller first); this only returns headers the request lacks.
 *
 * @example
 * browserWireHeaders({ browser: 'chromium', page: 'http://localhost:3000/', chain: ['http://127.0.0.1:8080/a'], preflight: true }, [])
 * // → User-Agent, Accept-Language, Accept-Encoding, Referer, Sec-Fetch-Mode: cors, Sec-Fetch-Site: cross-site, Sec-Fetch-Dest: empty
 */
export function browserWireHeaders(ctx: WireContext, existing: readonly HeaderPair[]): HeaderPair[] {
  const wire = PROFILES[ctx.browser].wire;
  const has = (n: string): boolean => existing.some(([x]) => x.toLowerCase() === n);
  const target = ctx.chain[ctx.chain.length - 1]!;
  const out: HeaderPair[] = [];
  const add = (n: string, v: string): void => {
    if (!has(n.toLowerCase())) out.push([n, v]);
  };
  add('User-Agent', wire.userAgent);
  add('Accept-Language', wire.acceptLanguage);
  add('Accept-Encoding', wire.acceptEncoding);
  const referer = refererFor(ctx.page, target);
  if (referer !== null) add('Referer', referer);
  const redirected = ctx.chain.length > 1;
  if (isPotentiallyTrustworthy(target) && (wire.secFetchAfterRedirect || !redirected)) {
    const mode = ctx.mode ?? 'cors';
    add('Sec-Fetch-Mode', ctx.preflight ? 'cors' : mode);
    add('Sec-Fetch-Site', secFetchSite(ctx.page, ctx.chain));
    add('Sec-Fetch-Dest', 'empty');
    if (!ctx.preflight) for (const [n, v] of wire.clientHints) add(n, v);
  }
  for (const [n, v] of wire.always) add(n, v);
  return out;
}

/** Puts headers in the browser's wire order (its profile's `wire.order`); headers the template does not name are the page's. */
export function orderWireHeaders(browser: BrowserId, preflight: boolean, headers: readonly HeaderPair[]): HeaderPair[] {
  const template = PROFILES[browser].wire.order[preflight ? 'preflight' : 'actual'];
  const named = new Set(template.filter((t) => !t.startsWith('*')));
  const page = headers.filter(([n]) => !named.has(n.toLowerCase()));
  const out: HeaderPair[] = [];
  for (const slot of template) {
    if (slot === '*common') out.push(...page.filter(([n]) => webkitCommonHeaderName(n) !== undefined));
    else if (slot === '*') out.push(...(template.includes('*common') ? page.filter(([n]) => webkitCommonHeaderName(n) === undefined) : page));
    else out.push(...headers.filter(([n]) => n.toLowerCase() === slot));
  }
  return out;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE', 'TRACE', 'CONNECT']);

/**
 * Every header of a request as the browser puts it on the wire: `Host`, `Connection`,
 * `Content-Length` (also `0` for a bodiless POST/PUT/PATCH), the engine's headers and the
 * browser's extras, in the browser's order.
 *
 * @example
 * wireHeaders({ browser: 'firefox', page: 'http://localhost:3000/', chain: ['http://127.0.0.1:8080/x'], preflight: true },
 *   [['Accept', '*\/*'], ['Access-Control-Request-Method', 'PUT'], ['Origin', 'http://localhost:3000']], 'OPTIONS', null)
 * // → Host, User-Agent, Accept, Accept-Language, Accept-Encoding, Access-Control-Request-Method, Referer, Origin, Connection, Sec-Fetch-*, Priority
 */
export function wireHeaders(ctx: WireContext, engineHeaders: readonly HeaderPair[], method: string, bodyBytes: number | null): HeaderPair[] {
  const target = new URL(ctx.chain[ctx.chain.length - 1]!);
  const all: HeaderPair[] = [['Host', target.host], ['Connection', PROFILES[ctx.browser].wire.connection]];
  if (bodyBytes !== null) all.push(['Content-Length', String(bodyBytes)]);
  else if (!ctx.preflight && !BODYLESS.has(method.toUpperCase())) all.push(['Content-Length', '0']);
  all.push(...engineHeaders, ...browserWireHeaders(ctx, engineHeaders));
  return orderWireHeaders(ctx.browser, ctx.preflight, all);
}
