import { preflightVariant, type FailureCode } from './codes.js';
import { corsCheck } from './cors-check.js';
import { parseTokenList } from './http-syntax.js';
import { isCorsSafelistedMethod } from './method.js';
import type { PreflightGrant } from './preflight-cache.js';
import type { BrowserProfile } from './profiles/profile.js';
import { getHeader } from './request-headers.js';
import { isOkStatus, isRedirectStatus, requestTarget, serve, unparsableHeader, type ServerResponse } from './server.js';
import type { HeaderPair, Route, SentRequest } from './types.js';
import { webkitCommonHeaderName } from './webkit-header-map.js';

export interface PreflightInput {
  url: URL;
  method: string;
  /** CORS-unsafe request-header names: sorted, lower-case, unique. */
  unsafeNames: readonly string[];
  /** The request's header list (to find which disallowed header a browser reports first). */
  requestHeaders: readonly HeaderPair[];
  /** `Origin` sent on the preflight. */
  origin: string;
  /** The API that made the request (WebKit spells header names differently for fetch and XHR). */
  api: 'fetch' | 'xhr';
  credentials: boolean;
  routes: readonly Route[];
}

export interface PreflightFailure {
  code: FailureCode;
  status: number;
  header?: string;
  value?: string;
  token?: string;
  method?: string;
  location?: string;
}

export interface PreflightOutcome {
  sent: SentRequest;
  response: ServerResponse;
  failure: PreflightFailure | null;
  grant: PreflightGrant | null;
}

/**
 * Fetch § CORS-preflight request (`#cors-preflight-fetch` steps 1–4, checklist #46–47): OPTIONS,
 * `Accept: *\/*`, `Access-Control-Request-Method`, and `Access-Control-Request-Headers` as the
 * unsafe names joined by `,` without spaces; no credentials.
 */
export function preflightHeaders(input: Pick<PreflightInput, 'method' | 'unsafeNames' | 'origin'>): HeaderPair[] {
  const headers: HeaderPair[] = [['Accept', '*/*'], ['Access-Control-Request-Method', input.method]];
  if (input.unsafeNames.length > 0) headers.push(['Access-Control-Request-Headers', input.unsafeNames.join(',')]);
  headers.push(['Origin', input.origin]);
  return headers;
}

/**
 * Fetch § CORS-preflight fetch (`#cors-preflight-fetch` steps 5–8, checklist #48–56): send the
 * preflight, then validate its response with the checks in the browser's order.
 */
export function runPreflight(profile: BrowserProfile, input: PreflightInput): PreflightOutcome {
  const sent: SentRequest = {
    method: 'OPTIONS', url: requestTarget(input.url), headers: preflightHeaders(input), preflight: true,
  };
  // Routes may answer by request header (`requestHeaders`), e.g. per Access-Control-Request-Method.
  const response = serve(input.routes, 'OPTIONS', input.url, input.origin, sent.headers);
  const h = response.headers;
  const status = response.status;
  const redirected = isRedirectStatus(status) && getHeader(h, 'Location') !== null;

  let methods: string[] = [];
  let headerNames: string[] = [];
  const location = redirected ? (getHeader(h, 'Location') ?? undefined) : undefined;
  const fail = (f: Omit<PreflightFailure, 'status'>): PreflightOutcome => ({
    sent, response, failure: { status, ...(location !== undefined ? { location } : {}), ...f }, grant: null,
  });

  // HTTP-network fetch: an unparsable response is a network error before any check.
  const bad = unparsableHeader(h);
  if (bad !== null) return { sent, response, failure: { code: 'INVALID_HTTP_RESPONSE', status, header: bad[0], value: bad[1] }, grant: null };

  for (const step of profile.preflightOrder) {
    switch (step) {
      case 'redirect':
        // A preflight's redirect is never followed (checklist #41).
        if (redirected && profile.preflightRedirect === 'disallowed-redirect') {
          return fail({ code: 'PREFLIGHT_DISALLOWED_REDIRECT', header: 'Access-Control-Allow-Origin', value: getHeader(h, 'Access-Control-Allow-Origin') ?? undefined });
        }
        break;
      case 'status':
        if (!isOkStatus(status)) return fail({ code: 'PREFLIGHT_INVALID_STATUS' });
        break;
      case 'allow-origin': {
        // Step 7: CORS check with the actual request's credentials mode.
        const f = corsCheck(profile, h, input.origin, input.credentials);
        if (f !== null) return fail({ code: preflightVariant(f.code), header: f.header, value: f.value ?? '' });
        break;
      }
      case 'parse-methods': {
        const raw = getHeader(h, 'Access-Control-Allow-Methods');
        const parsed = parseTokenList(raw);
        if (parsed !== null && !parsed.ok) {
          return fail({ code: 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE', value: raw ?? '', token: parsed.invalid });
        }
        methods = parsed === null ? [] : parsed.values;
        break;
      }
      case 'parse-headers': {
        const raw = getHeader(h, 'Access-Control-Allow-Headers');
        const parsed = parseTokenList(raw);
        if (parsed !== null && !parsed.ok) {
          return fail({ code: 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE', value: raw ?? '', token: parsed.invalid });
        }
        headerNames = parsed === null ? [] : parsed.values.map((n) => n.toLowerCase());
        break;
      }
      case 'check-methods':
        // Step 7.5: byte-case-sensitive; `*` only without credentials; safelisted always pass.
        if (!methods.includes(input.method) && !isCorsSafelistedMethod(input.method) &&
            (input.credentials || !methods.includes('*'))) {
          return fail({ code: 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE', method: input.method });
        }
        break;
      case 'check-headers': {
        const bad = disallowedHeader(profile, input, headerNames);
        if (bad !== null) return fail({ code: 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE', header: bad });
        break;
      }
    }
  }

  const maxAgeRaw = getHeader(h, 'Access-Control-Max-Age');
  const grant: PreflightGrant = {
    origin: input.origin,
    url: requestTarget(input.url),
    credentials: input.credentials,
    methods,
    headers: headerNames,
    maxAgeSeconds: profile.cache.maxAge(maxAgeRaw),
  };
  return { sent, response, failure: null, grant };
}

/**
 * Fetch § CORS-preflight fetch steps 7.7–7.8 (checklist #53–54): the first unsafe header name not
 * allowed, spelled and ordered as the browser reports it; null when all are allowed.
 */
function disallowedHeader(profile: BrowserProfile, input: PreflightInput, allowed: readonly string[]): string | null {
  const wildcard = !input.credentials && allowed.includes('*');
  const isAllowed = (lower: string): boolean =>
    allowed.includes(lower) || (wildcard && (lower !== 'authorization' || profile.wildcardCoversAuthorization));
  const unsafe = new Set(input.unsafeNames);
  for (const [lower, spelled] of reportOrder(profile, input.requestHeaders, unsafe, input.api)) {
    if (!isAllowed(lower)) return spelled;
  }
  return null;
}

/** The unsafe request headers in the order the browser checks them, with the spelling it prints. */
function reportOrder(profile: BrowserProfile, headers: readonly HeaderPair[], unsafe: ReadonlySet<string>, api: 'fetch' | 'xhr'): [string, string][] {
  const inRequestOrder: [string, string][] = [];
  const seen = new Set<string>();
  for (const [name] of headers) {
    const lower = name.toLowerCase();
    if (!unsafe.has(lower) || seen.has(lower)) continue;
    seen.add(lower);
    inRequestOrder.push([lower, name]);
  }
  switch (profile.disallowedHeaderReport) {
    case 'sorted-lower':
      return [...unsafe].map((n) => [n, n]);
    case 'request-order-lower': {
      // Blink sets Content-Type on the request apart from the other headers, so it comes last
      // (observed: `X-Trace` reported before an earlier `Content-Type`).
      const ordered = [...inRequestOrder.filter(([l]) => l !== 'content-type'), ...inRequestOrder.filter(([l]) => l === 'content-type')];
      return ordered.map(([lower]) => [lower, lower]);
    }
    case 'webkit-header-map':
      // fetch: sorted like Access-Control-Request-Headers, names lower-case as fetch's Headers
      // stores them; XHR: in the page's order and spelling. Either way WebKit's "common" headers
      // are spelled canonically (observed: fetch `x-alpha` before `x-zeta`, `Content-Type`;
      // XHR `X-Zeta` before `X-Alpha`).
      if (api === 'xhr') return inRequestOrder.map(([lower, given]) => [lower, webkitCommonHeaderName(lower) ?? given]);
      return [...unsafe].map((n) => [n, webkitCommonHeaderName(n) ?? n]);
  }
}
