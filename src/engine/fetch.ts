import type { FailureCode } from './codes.js';
import { cookiesApply, embedderPolicyAllowsCredentials, obtainEmbedderPolicy, pageCookies, type EmbedderPolicyValue } from './coep.js';
import { corsCheck } from './cors-check.js';
import { visibleHeaderNames } from './expose.js';
import { isCorsSafelistedMethod, normalizeMethod } from './method.js';
import {
  includesCredentials,
  isHttpScheme,
  isRedirectTainted,
  parseUrl,
  serializeOrigin,
  serializeRequestOrigin,
  withoutCredentials,
} from './origin.js';
import { HttpCache, isFresh, isStorable, modeForPageConditionals, updateStoredHeaders, validationHeaders, type StoredResponse } from './http-cache.js';
import type { PreflightCache } from './preflight-cache.js';
import { runPreflight } from './preflight.js';
import type { BrowserProfile, LogContext } from './profiles/profile.js';
import { REJECTION_CODES } from './profiles/failure-kinds.js';
import { buildFetchRequest, buildXhrRequest, type BuiltRequest } from './request.js';
import { corsUnsafeRequestHeaderNames, getHeader } from './request-headers.js';
import { isRedirectStatus, requestTarget, serve, unparsableHeader, type ServerResponse } from './server.js';
import type { Failure, FailureStage, HeaderPair, LogEvent, Route, RunResult, Scenario, SentRequest } from './types.js';

const MAX_REDIRECTS = 20;

type Tainting = 'basic' | 'cors' | 'opaque';

interface FetchState {
  profile: BrowserProfile;
  cache: PreflightCache;
  httpCache: HttpCache;
  /** The page set a conditional header: the HTTP cache is neither used nor updated (checklist #70). */
  pageConditional: boolean;
  now: number;
  pageUrl: URL;
  pageOrigin: string;
  req: BuiltRequest;
  routes: readonly Route[];
  urlList: URL[];
  tainting: Tainting;
  sent: SentRequest[];
  logs: LogEvent[];
  preflightCached: boolean;
  /** A preflight ran for this request (at some hop). */
  preflighted: boolean;
  /** The `Origin` value last sent, for browsers whose Origin sticks across redirects. */
  lastOrigin: string | null;
  /** The unsafe header names of the request as the page made it (before redirects changed it). */
  originalUnsafeNames: string[];
  /** The next request leaves out the request-body headers (a GET rewrite that does not stick). */
  dropBodyHeadersOnce: boolean;
  /** A GET rewrite happened whose body headers come back on later CORS requests (WebKit). */
  bodyHeadersHeld: boolean;
  /** The last redirect rewrote the request (judged on the original method): no body headers (Firefox). */
  bodyHeadersOff: boolean;
  /** The method as the page made it. */
  originalMethod: string;
  /** The last redirect changed the method of the request it redirected (judged on that request's method). */
  methodRewritten: boolean;
  /** The page's embedder policy (scenario `pageHeaders`). */
  coep: EmbedderPolicyValue;
  /** The cookies the page set (`name=value`), sent back with credentials to the page's host. */
  cookies: string[];
}

/** Runs one request of a scenario in one browser profile (the page's `fetch()` or XHR). */
export function runRequest(
  s: Scenario, profile: BrowserProfile, cache: PreflightCache, now: number, httpCache: HttpCache = new HttpCache(),
): RunResult {
  const pageUrl = parseUrl(s.page);
  if (pageUrl === null) throw new TypeError(`page is not an absolute URL: ${s.page}`);
  const api = s.request.api ?? 'fetch';
  const built = api === 'xhr' ? buildXhrRequest(s, pageUrl, profile) : buildFetchRequest(s, pageUrl, profile);
  const ctx: LogContext = {
    api, pageOrigin: serializeOrigin(pageUrl), pageUrl: pageUrl.href, method: normalizeMethod(s.request.method ?? 'GET'),
    redirect: api === 'xhr' ? 'follow' : (s.request.redirect ?? 'follow'),
    mode: api === 'xhr' ? 'cors' : (s.request.mode ?? 'cors'),
  };
  if (!built.ok) {
    const { code, url, logs, header, value, detail } = built.rejection;
    const failure: Failure = { code, stage: 'request', url, firstUrl: url, header, value, detail };
    return failed(profile, ctx, failure, logs, [], false);
  }
  const req = built.request;
  // WebKit: fetch() rejects a ReadableStream body before anything else (observed).
  if (req.stream && profile.streamBody === 'unsupported') {
    const url = requestTarget(req.url);
    return failed(profile, ctx, { code: 'STREAM_UPLOAD_UNSUPPORTED', stage: 'request', url, firstUrl: url }, req.logs, [], false);
  }
  // Fetch § fetch step 12: an `Accept: */*` header unless the page set one.
  if (getHeader(req.headers, 'Accept') === null) req.headers.push(['Accept', '*/*']);
  // HTTP-network-or-cache fetch: page-set conditional headers with cache mode "default" (checklist #70).
  const conditionals = modeForPageConditionals(req.cache, req.headers, profile.httpCache.pageConditionalMode);
  req.cache = conditionals.mode;
  const st: FetchState = {
    profile, cache, httpCache, pageConditional: conditionals.conditional, now, pageUrl, pageOrigin: ctx.pageOrigin, req, routes: s.server ?? [],
    urlList: [req.url], tainting: 'basic', sent: [], logs: [...req.logs], preflightCached: false,
    preflighted: false, lastOrigin: null, originalUnsafeNames: corsUnsafeRequestHeaderNames(req.headers, profile.unsafeHeaders),
    dropBodyHeadersOnce: false, bodyHeadersHeld: false, bodyHeadersOff: false, originalMethod: req.method, methodRewritten: false,
    coep: obtainEmbedderPolicy(s.pageHeaders ?? [], pageUrl, profile.embedderPolicies),
    cookies: pageCookies(s.pageHeaders ?? []),
  };
  return mainFetch(st, { ...ctx, method: req.method });
}

/** Fetch § Main fetch (`#main-fetch`) with § HTTP fetch and § HTTP-redirect fetch, iterated over redirects. */
function mainFetch(st: FetchState, ctx: LogContext): RunResult {
  const { req, profile } = st;
  const credentials = req.credentialsMode === 'include';
  // WebKit checks redirect responses of a request that started same-origin as credentialed.
  const startsSameOrigin = serializeOrigin(req.url) === st.pageOrigin && st.pageOrigin !== 'null';
  const redirectCheckCredentials = credentials ||
    (req.credentialsMode === 'same-origin' && startsSameOrigin && profile.redirects.credentialsStickFromSameOrigin);
  for (let redirects = 0; ; ) {
    const current = st.urlList[st.urlList.length - 1]!;
    const fail = (code: FailureCode, stage: FailureStage, extra: Partial<Failure> = {}): RunResult =>
      failed(profile, ctx, { code, stage, url: requestTarget(current), firstUrl: requestTarget(st.urlList[0]!), ...extra }, st.logs, st.sent, st.preflightCached);

    // Main fetch step 12 (checklist #24).
    if (serializeOrigin(current) === st.pageOrigin && st.pageOrigin !== 'null' && st.tainting === 'basic') {
      st.tainting = 'basic';
    } else if (req.mode === 'same-origin' && !(req.stream && profile.streamBody === 'http2-only')) {
      // (Chromium preflights a stream body with mode "same-origin" to another origin, observed.)
      return fail('DISALLOWED_BY_MODE', 'request');
    } else if (req.mode === 'no-cors') {
      if (req.redirect !== 'follow') return fail('NO_CORS_REDIRECT_MODE', 'request');
      st.tainting = 'opaque';
    } else if (!isHttpScheme(current)) {
      return fail(profile.unsupportedScheme(req.api), 'request', { scheme: current.protocol.replace(/:$/, '') });
    } else {
      st.tainting = 'cors';
    }

    const requestOrigin = serializeRequestOrigin(st.pageOrigin, st.urlList);
    // The header list of this hop: WebKit drops the body headers after a GET rewrite for the next
    // request only, and sends them again on later CORS requests (observed).
    const dropBody = st.dropBodyHeadersOnce || st.bodyHeadersOff || (st.bodyHeadersHeld && st.tainting !== 'cors');
    const hopHeaders = dropBody ? req.headers.filter(([n]) => !profile.redirects.bodyHeaderNames.includes(n.toLowerCase())) : req.headers;
    st.dropBodyHeadersOnce = false;
    if (st.tainting === 'cors') {
      const { names: unsafeNames, unsafe } = preflightHeaderNames(st, hopHeaders);
      // HTTP fetch step 4.1: the use-CORS-preflight flag, or an unsafe request whose method or
      // headers are not safelisted.
      const needsPreflight = req.useCorsPreflight || !isCorsSafelistedMethod(req.method) || unsafe ||
        (st.preflighted && profile.redirects.preflightSticks);
      if (needsPreflight) {
        const target = requestTarget(current);
        const lookup = !profile.cache.bypassedBy.includes(req.cache);
        if (lookup && st.cache.covers(requestOrigin, target, credentials, req.method, unsafeNames, st.now, req.useCorsPreflight)) {
          st.preflightCached = true;
        } else {
          const preflightOrigin = st.urlList.length > 1 && profile.repreflightOrigin === 'original' ? st.pageOrigin : requestOrigin;
          const p = runPreflight(profile, {
            url: current, method: req.method, unsafeNames, requestHeaders: hopHeaders,
            origin: preflightOrigin, credentials, routes: routesOf(st), api: req.api,
          });
          st.sent.push(p.sent);
          st.preflighted = true;
          if (p.failure !== null) {
            if (profile.cache.clearOnFailure) st.cache.clear(requestOrigin, target);
            return fail(p.failure.code, 'preflight', {
              status: p.failure.status, header: p.failure.header, value: p.failure.value, token: p.failure.token,
              method: p.failure.method, origin: preflightOrigin, route: routeRef(p.response), location: p.failure.location,
            });
          }
          if (p.grant !== null) st.cache.store(p.grant, st.now);
        }
      }
    }

    // HTTP-network-or-cache fetch step 10: "only-if-cached" with no stored response is a network
    // error (corsight's HTTP cache starts empty; WebKit ignores the mode, observed).
    if (req.cache === 'only-if-cached' && profile.onlyIfCachedMiss === 'network-error') return fail('CACHE_MISS', 'request');
    // Chromium uploads a stream over HTTP/2 or QUIC only; over HTTP/1.1 the request fails here,
    // after the preflight, with nothing on the wire (observed).
    if (req.stream && profile.streamBody === 'http2-only') return fail('STREAM_UPLOAD_UNSUPPORTED', 'request');

    // HTTP-network-or-cache fetch: the request on the wire, or the HTTP cache (checklist #70, #72).
    const origin = originHeader(st, requestOrigin, current);
    st.lastOrigin = origin;
    const withCredentials = includeCredentials(st, current);
    const response = httpNetworkOrCacheFetch(st, current, origin, hopHeaders, withCredentials);
    // HTTP-network fetch: a response the HTTP parser refuses is a network error (checked before CORS).
    const bad = unparsableHeader(response.headers);
    if (bad !== null) {
      return fail('INVALID_HTTP_RESPONSE', 'response', {
        header: bad[0], value: bad[1], route: routeRef(response), ...(st.tainting === 'cors' ? { origin: requestOrigin } : {}),
      });
    }
    const location = getHeader(response.headers, 'Location');
    const isRedirect = isRedirectStatus(response.status) && location !== null;
    const locationUrl = isRedirect ? parseUrl(location, current.href) : null;

    // HTTP fetch step 30: the CORS check, on redirect responses too (checklist #30, #32).
    if (st.tainting === 'cors') {
      const f = corsCheck(profile, response.headers, requestOrigin, isRedirect ? redirectCheckCredentials : credentials);
      if (f !== null) {
        if (profile.cache.clearOnFailure) st.cache.clear(requestOrigin, requestTarget(current));
        if (!profile.httpCache.keepsBlockedResponse) st.httpCache.delete(requestTarget(current));
        return fail(f.code, isRedirect ? 'redirect' : 'response', {
          status: response.status, header: f.header, value: f.value ?? '', origin: requestOrigin,
          location: locationUrl === null ? undefined : withoutCredentials(locationUrl), route: routeRef(response),
        });
      }
    }

    // HTTP fetch step 4.4: the cross-origin resource policy check (checklist #31, #75).
    const corp = corpCheck(st, current, response, withCredentials);
    if (corp !== null) {
      const corpValue = getHeader(response.headers, 'Cross-Origin-Resource-Policy');
      return fail(corp, isRedirect ? 'redirect' : 'response', {
        status: response.status, route: routeRef(response), header: 'Cross-Origin-Resource-Policy', value: corpValue ?? undefined,
        location: locationUrl === null ? undefined : withoutCredentials(locationUrl),
      });
    }

    if (!isRedirect) return finish(st, response);
    // WebKit, no-cors: a redirect answered at a URL with userinfo is not followed; the page gets
    // that response, opaque (observed).
    if (req.mode === 'no-cors' && profile.redirects.userinfoHopEndsNoCorsRedirects && includesCredentials(current)) return finish(st, response);

    // HTTP fetch step 32 and § HTTP-redirect fetch (checklist #32–40).
    if (req.redirect === 'error') return fail('REDIRECT_MODE_ERROR', 'redirect', { status: response.status, route: routeRef(response) });
    if (req.redirect === 'manual') {
      return done(st, { outcome: 'opaque', status: 0, type: 'opaqueredirect', exposedHeaders: [] });
    }
    if (locationUrl === null) {
      return fail('INVALID_REDIRECT', 'redirect', { status: response.status, value: location ?? '', location: location ?? '' });
    }
    if (!isHttpScheme(locationUrl)) {
      const atNewUrl = profile.redirectToNonHttp(locationUrl);
      if (atNewUrl !== null) {
        st.urlList.push(locationUrl);
        return failed(profile, ctx, {
          code: atNewUrl, stage: 'request', url: locationUrl.href,
          firstUrl: requestTarget(st.urlList[0]!), scheme: locationUrl.protocol.slice(0, -1),
        }, st.logs, st.sent, st.preflightCached);
      }
      return fail('INVALID_REDIRECT', 'redirect', { status: response.status, value: location ?? '', location: locationUrl.href, scheme: locationUrl.protocol.slice(0, -1) });
    }
    if (redirects === MAX_REDIRECTS) return fail('TOO_MANY_REDIRECTS', 'redirect', { status: response.status });
    redirects++;
    if (includesCredentials(locationUrl) &&
        ((req.mode === 'cors' && serializeOrigin(locationUrl) !== st.pageOrigin) || st.tainting === 'cors' ||
          profile.redirects.credentialsInLocationAlwaysFail)) {
      return fail('REDIRECT_CONTAINS_CREDENTIALS', 'redirect', {
        status: response.status, location: withoutCredentials(locationUrl), value: locationUrl.href, route: routeRef(response),
      });
    }
    // HTTP-redirect fetch step 11: a stream body cannot be sent again, except by a 303 (which drops it).
    if (req.stream && response.status !== 303) return fail('STREAM_REDIRECT', 'redirect', { status: response.status, route: routeRef(response) });
    // HTTP-redirect fetch step 12: the method rewrite and what happens to the body headers.
    const crossOriginRedirect = serializeOrigin(current) !== serializeOrigin(locationUrl);
    if (profile.redirects.bodyHeadersDropped === 'while-rewritten') {
      // Firefox: every redirect judges the rewrite on the original method; a rewrite drops the body
      // headers, a redirect that keeps the method sends them again (with the current method).
      const again = profile.redirects.rewrite(response.status, st.originalMethod, crossOriginRedirect);
      st.bodyHeadersOff = again !== 'keep';
    }
    const rewrite = profile.redirects.rewrite(response.status, req.method, crossOriginRedirect);
    st.methodRewritten = rewrite !== 'keep';
    if (rewrite !== 'keep') {
      req.method = 'GET';
      req.body = null;
      req.stream = false;
      if (rewrite === 'get' && profile.redirects.bodyHeadersDropped === 'for-good') {
        req.headers = req.headers.filter(([n]) => !profile.redirects.bodyHeaderNames.includes(n.toLowerCase()));
      } else if (rewrite === 'get' && profile.redirects.bodyHeadersDropped === 'next-request-only') {
        st.dropBodyHeadersOnce = true;
        st.bodyHeadersHeld = true;
      }
    }
    if (serializeOrigin(current) !== serializeOrigin(locationUrl)) {
      req.headers = req.headers.filter(([n]) => n.toLowerCase() !== 'authorization');
    }
    st.urlList.push(locationUrl);
  }
}

/**
 * Fetch § HTTP-network-or-cache fetch (`#http-network-or-cache-fetch`) with the HTTP cache of
 * RFC 9111: a fresh stored response (or any, with `force-cache`) answers without the network; a
 * stale one with a validator is revalidated with `If-None-Match` / `If-Modified-Since`; a 304
 * updates the stored headers and the stored response is returned (status and all), so the CORS
 * check that follows sees the stored headers freshened by the 304's (checklist #72). `no-store`
 * neither reads nor writes the cache, `reload` only writes, `no-cache` always revalidates. A
 * request with page-set conditional headers bypasses the cache (checklist #70). Browser-added
 * `Cache-Control` / `Pragma` request headers are not modeled.
 */
function httpNetworkOrCacheFetch(
  st: FetchState, current: URL, origin: string | null, hopHeaders: readonly HeaderPair[], withCredentials: boolean,
): ServerResponse {
  const { req, profile } = st;
  const target = requestTarget(current);
  const mode = req.cache;
  const usesCache = !st.pageConditional && req.method === 'GET' && mode !== 'no-store';
  const stored: StoredResponse | null = usesCache && mode !== 'reload' ? st.httpCache.get(target) : null;
  if (stored !== null && (mode === 'force-cache' || (mode === 'default' && isFresh(stored, st.now)))) {
    return { status: stored.status, headers: stored.headers, route: stored.route };
  }
  const validators = stored === null ? [] : validationHeaders(stored);
  const headers: HeaderPair[] = [];
  if (origin !== null) headers.push(['Origin', origin]);
  for (const [n, v] of hopHeaders) headers.push([n, profile.wireHeaderValue ? profile.wireHeaderValue(n.toLowerCase(), v) : v]);
  if (withCredentials && st.cookies.length > 0 && cookiesApply(st.pageUrl, current)) headers.push(['Cookie', st.cookies.join('; ')]);
  headers.push(...validators);
  st.sent.push({ method: req.method, url: target, headers, preflight: false });
  const response = serve(routesOf(st), req.method, current, origin, headers);
  if (stored !== null && validators.length > 0 && response.status === 304) {
    const updated = updateStoredHeaders(stored.headers, response.headers, profile.httpCache.notUpdatedBy304);
    const revalidated: ServerResponse = { status: stored.status, headers: updated, route: stored.route };
    st.httpCache.put(target, revalidated, st.now);
    return revalidated;
  }
  if (usesCache && isStorable(req.method, response)) st.httpCache.put(target, response, st.now);
  return response;
}

/**
 * The unsafe header names a CORS request's preflight lists and the cache is asked about — those
 * of the headers sent (the spec), or after a redirect as the browser keeps them
 * (`profile.redirects.repreflightHeaders`) — and whether the request's headers make it unsafe.
 * A browser that keeps the page's list also keeps its need for a preflight when the list came
 * out empty (Firefox: CheckPreflightNeeded preflights whenever the LoadInfo's CorsUnsafeHeaders
 * is not empty, before the body headers are taken out; observed after a same-origin start).
 */
function preflightHeaderNames(st: FetchState, hopHeaders: readonly HeaderPair[]): { names: string[]; unsafe: boolean } {
  const { profile, req } = st;
  const sent = corsUnsafeRequestHeaderNames(hopHeaders, profile.unsafeHeaders);
  const rule = st.urlList.length === 1 ? 'sent' : profile.redirects.repreflightHeaders;
  switch (rule) {
    case 'sent':
      return { names: sent, unsafe: sent.length > 0 };
    case 'original':
      return { names: st.originalUnsafeNames, unsafe: st.originalUnsafeNames.length > 0 };
    case 'original-less-body-headers-on-rewrite': {
      // The page's headers (Authorization goes after a cross-origin redirect, as for every
      // browser), without the body headers when this redirect changed the method.
      const listed = st.methodRewritten ? req.headers.filter(([n]) => !profile.redirects.bodyHeaderNames.includes(n.toLowerCase())) : req.headers;
      return { names: corsUnsafeRequestHeaderNames(listed, profile.unsafeHeaders), unsafe: st.originalUnsafeNames.length > 0 };
    }
  }
}

/**
 * Fetch § HTTP-network-or-cache fetch (`#http-network-or-cache-fetch`) step 8.5 (checklist #69):
 * includeCredentials — credentials mode `include`, or `same-origin` with tainting `basic` — unless
 * § cross-origin embedder policy allows credentials says no (a `credentialless` page's no-cors
 * request to another origin).
 */
function includeCredentials(st: FetchState, current: URL): boolean {
  const mode = st.req.credentialsMode;
  if (!(mode === 'include' || (mode === 'same-origin' && st.tainting === 'basic'))) return false;
  const sameOriginUntainted = serializeOrigin(current) === st.pageOrigin && st.pageOrigin !== 'null' &&
    !isRedirectTainted(st.pageOrigin, st.urlList);
  return embedderPolicyAllowsCredentials(st.coep, st.req.mode, sameOriginUntainted);
}

/**
 * Fetch § cross-origin resource policy internal check (`#cross-origin-resource-policy-internal-check`),
 * with the page's embedder policy: only no-cors requests; a value other than `same-origin`,
 * `same-site`, `cross-origin` counts as none; none becomes `same-origin` under `require-corp`, and
 * under `credentialless` when the request included credentials (`profile.corpDefaultedByCoep`:
 * Firefox defaults only a missing header). `same-origin` needs the page's origin, `same-site` its
 * site (and an https page, or an http response). The report-only policy never blocks.
 */
function corpCheck(st: FetchState, current: URL, response: ServerResponse, withCredentials: boolean): FailureCode | null {
  if (st.req.mode !== 'no-cors') return null;
  const raw = getHeader(response.headers, 'Cross-Origin-Resource-Policy');
  let policy = raw === 'same-origin' || raw === 'same-site' || raw === 'cross-origin' ? raw : null;
  let defaulted = false;
  if (policy === null && (raw === null || st.profile.corpDefaultedByCoep === 'absent-or-invalid')) {
    if (st.coep === 'require-corp' || (st.coep === 'credentialless' && withCredentials)) {
      policy = 'same-origin';
      defaulted = true;
    }
  }
  if (policy === null || policy === 'cross-origin') return null;
  if (serializeOrigin(current) === st.pageOrigin && st.pageOrigin !== 'null') return null;
  if (policy === 'same-origin') return defaulted ? 'CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP' : 'CORP_NOT_SAME_ORIGIN';
  if (st.pageOrigin !== 'null' && st.profile.corpSameSite(st.pageUrl, current)) return null;
  return 'CORP_NOT_SAME_SITE';
}

/**
 * Fetch § append a request `Origin` header (`#append-a-request-origin-header`, checklist #44):
 * CORS requests send the request origin; other GET/HEAD requests send none; other requests send
 * it filtered by the referrer policy, as each browser applies it (`profile.noCorsOrigin`).
 */
function originHeader(st: FetchState, requestOrigin: string, current: URL): string | null {
  if (st.tainting === 'cors') return requestOrigin;
  const m = st.req.method;
  if (m === 'GET' || m === 'HEAD') return st.profile.redirects.originSticks && st.tainting === 'basic' ? st.lastOrigin : null;
  if (st.req.mode !== 'cors') {
    const rule = st.profile.noCorsOrigin;
    const hops = st.urlList;
    if (rule === 'null-after-cross-origin-redirect') {
      // Chromium: the referrer policy is not consulted; a redirect to another origin nulls Origin.
      for (let i = 1; i < hops.length; i++) if (serializeOrigin(hops[i - 1]!) !== serializeOrigin(hops[i]!)) return 'null';
      return st.pageUrl.protocol === 'https:' && current.protocol !== 'https:' ? 'null' : requestOrigin;
    }
    if (rule === 'first-hop' && hops.length > 1) return requestOrigin;
    // Referrer Policy: `""` is the page's policy, `strict-origin-when-cross-origin` by default.
    switch (st.req.referrerPolicy || 'strict-origin-when-cross-origin') {
      case 'no-referrer':
        return 'null';
      case 'no-referrer-when-downgrade':
      case 'strict-origin':
      case 'strict-origin-when-cross-origin':
        if (st.pageUrl.protocol === 'https:' && current.protocol !== 'https:') return 'null';
        break;
      case 'same-origin':
        if (serializeOrigin(current) !== st.pageOrigin) return 'null';
        break;
      default:
        break;
    }
  }
  return requestOrigin;
}

function routesOf(st: FetchState): readonly Route[] {
  return st.routes;
}

function routeRef(r: ServerResponse): Failure['route'] {
  if (r.route === null) return undefined;
  return r.route.method === undefined ? { url: r.route.url } : { method: r.route.method, url: r.route.url };
}

/** Main fetch steps 14–22: the filtered response the page sees. */
function finish(st: FetchState, response: ServerResponse): RunResult {
  if (st.tainting === 'opaque') {
    return done(st, { outcome: 'opaque', status: 0, type: 'opaque', exposedHeaders: [] });
  }
  const credentials = st.req.credentialsMode === 'include';
  const exposed = visibleHeaderNames(response.headers, st.tainting, credentials);
  return done(st, {
    outcome: 'allowed',
    status: response.status,
    type: st.req.api === 'xhr' ? null : st.tainting,
    exposedHeaders: exposed,
  });
}

function done(st: FetchState, r: Pick<RunResult, 'outcome' | 'status' | 'type' | 'exposedHeaders'>): RunResult {
  return {
    outcome: r.outcome,
    status: r.status,
    type: st.req.api === 'xhr' ? null : r.type,
    exposedHeaders: r.exposedHeaders,
    exception: null, failure: null, logs: st.logs, sent: st.sent, preflightCached: st.preflightCached,
  };
}

function failed(
  profile: BrowserProfile, ctx: LogContext, failure: Failure, logs: LogEvent[], sent: SentRequest[], preflightCached: boolean,
): RunResult {
  const rejected = REJECTION_CODES.has(failure.code);
  return {
    outcome: rejected ? 'rejected' : 'blocked',
    status: ctx.api === 'xhr' && !rejected ? 0 : null,
    type: null,
    exposedHeaders: [],
    exception: profile.exceptionFor(failure, ctx),
    failure,
    logs: [...logs, ...profile.logsFor(failure, ctx)],
    sent,
    preflightCached,
  };
}
