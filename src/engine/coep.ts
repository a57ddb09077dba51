/**
 * The page's Cross-Origin-Embedder-Policy and what it does to a fetch (HTML § Cross-Origin-Embedder-Policy
 * `#coep`; Fetch § Cross-Origin-Resource-Policy header `#cross-origin-resource-policy-header`), plus the
 * page's cookies (scenario `pageHeaders` `Set-Cookie`), which show whether credentials are sent.
 */
import { getHeader } from './request-headers.js';
import type { HeaderPair } from './types.js';

export type EmbedderPolicyValue = 'unsafe-none' | 'require-corp' | 'credentialless';

/**
 * Secure Contexts § potentially trustworthy URL (`#potentially-trustworthy-url`) for the page:
 * `https:`/`wss:`, `127.0.0.0/8`, `::1`, `localhost` and `*.localhost`.
 */
export function isPotentiallyTrustworthy(url: URL): boolean {
  if (url.protocol === 'https:' || url.protocol === 'wss:') return true;
  if (url.protocol !== 'http:' && url.protocol !== 'ws:') return false;
  const h = url.hostname;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '[::1]' || h === 'localhost' || h.endsWith('.localhost');
}

/** Structured Fields § parsing a token (RFC 9651 §4.2.6). */
const SF_TOKEN = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/;

/**
 * HTML § obtain an embedder policy (`#obtain-an-embedder-policy`): only in a secure context
 * (observed: all three browsers ignore the header on an http page of a non-loopback host); the
 * header's value, combined over all its lines, parsed as a structured-field item whose bare item is
 * the token `require-corp` or `credentialless` (parameters such as `report-to` allowed, observed);
 * anything else, including two header lines, is `unsafe-none` (observed in all three). A value the
 * browser does not implement (`supported`) is `unsafe-none` too. `-Report-Only` never blocks and
 * is not read here.
 */
export function obtainEmbedderPolicy(
  pageHeaders: readonly HeaderPair[], pageUrl: URL, supported: readonly EmbedderPolicyValue[],
): EmbedderPolicyValue {
  if (!isPotentiallyTrustworthy(pageUrl)) return 'unsafe-none';
  const raw = getHeader(pageHeaders, 'Cross-Origin-Embedder-Policy');
  if (raw === null) return 'unsafe-none';
  const item = raw.trim();
  const semicolon = item.indexOf(';');
  const bare = semicolon === -1 ? item : item.slice(0, semicolon);
  if (!SF_TOKEN.test(bare)) return 'unsafe-none';
  if (bare !== 'require-corp' && bare !== 'credentialless') return 'unsafe-none';
  return supported.includes(bare) ? bare : 'unsafe-none';
}

/**
 * Fetch § cross-origin embedder policy allows credentials (`#cross-origin-embedder-policy-allows-credentials`):
 * false only for a no-cors request of a `credentialless` page to another origin (or after a
 * redirect that tainted the origin).
 */
export function embedderPolicyAllowsCredentials(
  policy: EmbedderPolicyValue, mode: string, sameOriginUntainted: boolean,
): boolean {
  if (mode !== 'no-cors') return true;
  if (policy !== 'credentialless') return true;
  return sameOriginUntainted;
}

/**
 * The cookies the page's own response set (`Set-Cookie` in `pageHeaders`), as `name=value`, in
 * order. Modeled: host-only cookies (no `Domain` attribute; no `Secure` cookie, no `SameSite=None`
 * subtleties), which the browser sends back only to the page's scheme and host (any port) —
 * always a same-site request, so SameSite never matters. RFC 6265bis § 5.6 (storage) in that
 * narrow form.
 */
export function pageCookies(pageHeaders: readonly HeaderPair[]): string[] {
  const out: string[] = [];
  for (const [n, v] of pageHeaders) {
    if (n.trim().toLowerCase() !== 'set-cookie') continue;
    const [pair = '', ...attrs] = v.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const names = attrs.map((a) => a.split('=')[0]!.trim().toLowerCase());
    if (names.includes('domain') || names.includes('secure')) continue;
    const cookie = `${pair.slice(0, eq).trim()}=${pair.slice(eq + 1).trim()}`;
    const name = cookie.slice(0, cookie.indexOf('='));
    const at = out.findIndex((c) => c.startsWith(`${name}=`));
    if (at === -1) out.push(cookie);
    else out[at] = cookie;
  }
  return out;
}

/** Whether the page's host-only cookies go to `url` (same scheme and host as the page, any port). */
export function cookiesApply(pageUrl: URL, url: URL): boolean {
  return pageUrl.protocol === url.protocol && pageUrl.hostname === url.hostname;
}
