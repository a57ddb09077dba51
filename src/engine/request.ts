import type { FailureCode } from './codes.js';
import { isByteString, isHeaderName, isHeaderValue, normalizeHeaderValue } from './http-syntax.js';
import { parseMimeType, serializeMimeType } from './mime.js';
import { isCorsSafelistedMethod, isForbiddenMethod, isMethod, normalizeMethod } from './method.js';
import { includesCredentials, parseUrl, withoutCredentials } from './origin.js';
import type { BrowserProfile } from './profiles/profile.js';
import { log } from './profiles/logs.js';
import {
  combineHeaders,
  getHeader,
  isForbiddenRequestHeader,
  isNoCorsSafelistedRequestHeader,
  isPrivilegedNoCorsRequestHeaderName,
} from './request-headers.js';
import type {
  Api, CacheMode, CredentialsMode, HeaderPair, LogEvent, RedirectMode, ReferrerPolicy, RequestMode, Scenario,
} from './types.js';

/** A request as the API built it, ready for main fetch. */
export interface BuiltRequest {
  api: Api;
  url: URL;
  method: string;
  /** The page's headers as they stand in the request's header list (guards applied). */
  headers: HeaderPair[];
  credentialsMode: CredentialsMode;
  mode: RequestMode;
  redirect: RedirectMode;
  body: string | null;
  /** The request's cache mode (`default` for XHR). */
  cache: CacheMode;
  /** The request's referrer policy (`""`: the page's). */
  referrerPolicy: ReferrerPolicy;
  /** Fetch's use-CORS-preflight flag (XHR upload listeners, a stream body): a preflight even for a simple request. */
  useCorsPreflight: boolean;
  /** The body is a ReadableStream (its source is null) that the browser keeps as a stream. */
  stream: boolean;
  /** Console lines written while building (XHR refused headers). */
  logs: LogEvent[];
}

export interface Rejection {
  code: FailureCode;
  /** The URL as given or resolved, for messages. */
  url: string;
  logs: LogEvent[];
  /** The offending header (INVALID_HEADER). */
  header?: string;
  value?: string;
  detail?: 'name' | 'value' | 'bytestring';
}

export type BuildResult = { ok: true; request: BuiltRequest } | { ok: false; rejection: Rejection };

const TEXT_PLAIN_UTF8 = 'text/plain;charset=UTF-8';

/** Fetch's forbidden request-header test plus the names this browser also refuses. */
function isForbidden(profile: BrowserProfile, name: string, value: string): boolean {
  return isForbiddenRequestHeader(name, value) || profile.extraForbiddenRequestHeaders.includes(name.toLowerCase());
}

/**
 * Whether a page-given header passes WebIDL ByteString conversion and Headers `append`
 * validation (a header name, and a header value once normalized); otherwise the API throws.
 */
export function isValidRequestHeader(name: string, rawValue: string): boolean {
  return isByteString(name) && isByteString(rawValue) && isHeaderName(name) && isHeaderValue(normalizeHeaderValue(rawValue));
}

function reject(code: FailureCode, url: string, logs: LogEvent[] = [], extra: Partial<Rejection> = {}): BuildResult {
  return { ok: false, rejection: { code, url, logs, ...extra } };
}

/** The first problem WebIDL conversion and Headers `append` find in the page's headers, in their order. */
function headerProblem(headers: readonly [string, string][]): Pick<Rejection, 'header' | 'value' | 'detail'> | null {
  // ByteString conversion of the whole init happens before any append.
  for (const [name, value] of headers) {
    if (!isByteString(name)) return { header: name, value: name, detail: 'bytestring' };
    if (!isByteString(value)) return { header: name, value, detail: 'bytestring' };
  }
  for (const [name, value] of headers) {
    if (!isHeaderName(name)) return { header: name, value, detail: 'name' };
    if (!isHeaderValue(normalizeHeaderValue(value))) return { header: name, value, detail: 'value' };
  }
  return null;
}

/**
 * Fetch § Request class constructor (`#dom-request`) steps that can throw, then § Headers
 * `#concept-headers-append` with guard `request` / `request-no-cors` (checklist #13, #17–23).
 */
export function buildFetchRequest(s: Scenario, pageUrl: URL, profile: BrowserProfile): BuildResult {
  const r = s.request;
  const url = parseUrl(r.url, pageUrl.href);
  if (url === null) return reject('INVALID_URL', r.url);
  if (includesCredentials(url)) return reject('URL_CONTAINS_CREDENTIALS', url.href);
  const mode = r.mode ?? 'cors';
  if (mode === 'navigate') return reject('INVALID_MODE', url.href);
  // Request constructor: "only-if-cached" needs mode "same-origin" (checklist #21).
  const cache = r.cache ?? 'default';
  if (cache === 'only-if-cached' && mode !== 'same-origin') return reject('ONLY_IF_CACHED_MODE', url.href);
  let method = r.method ?? 'GET';
  if (!isMethod(method)) return reject('INVALID_METHOD', url.href);
  if (isForbiddenMethod(method)) return reject('FORBIDDEN_METHOD', url.href);
  method = normalizeMethod(method);
  if (mode === 'no-cors' && !isCorsSafelistedMethod(method)) return reject('NO_CORS_METHOD_NOT_ALLOWED', url.href);

  const problem = headerProblem(r.headers ?? []);
  if (problem !== null) return reject('INVALID_HEADER', url.href, [], problem);
  const headers: HeaderPair[] = [];
  const given = (r.headers ?? []).map(([n, v]): HeaderPair => [n, normalizeHeaderValue(v)]).filter(([n, v]) => !isForbidden(profile, n, v));
  for (const [name, value] of given) {
    if (mode === 'no-cors' && profile.noCorsGuardCombined) {
      if (!isNoCorsSafelistedRequestHeader(name, getHeader(given, name) ?? value)) continue;
    } else if (mode === 'no-cors') {
      const existing = getHeader(headers, name);
      const temporary = existing === null ? value : `${existing}, ${value}`;
      if (!isNoCorsSafelistedRequestHeader(name, temporary)) continue;
    }
    headers.push([name, value]);
  }
  if (mode === 'no-cors') {
    // "remove privileged no-CORS request-headers" (Range).
    for (let i = headers.length - 1; i >= 0; i--) {
      if (isPrivilegedNoCorsRequestHeaderName(headers[i]![0])) headers.splice(i, 1);
    }
  }
  let body = r.body ?? null;
  if (body !== null && (method === 'GET' || method === 'HEAD')) return reject('BODY_NOT_ALLOWED', url.href);
  // Request constructor, after the GET/HEAD check: a ReadableStream body (checklist #22).
  let stream = false;
  let useCorsPreflight = false;
  if (body !== null && r.bodyStream === true) {
    switch (profile.streamBody) {
      case 'stringified':
        // Not a BodyInit in this browser: WebIDL converts the object to a USVString (observed).
        body = '[object ReadableStream]';
        break;
      case 'unsupported':
        stream = true; // fetch() rejects before anything is sent (mainFetch)
        break;
      default:
        // "If inputOrInitBody is non-null and its source is null": duplex, then mode, then the flag.
        if (r.duplex !== 'half') return reject('STREAM_DUPLEX_REQUIRED', url.href);
        if (mode !== 'cors' && mode !== 'same-origin') return reject('STREAM_MODE_NOT_ALLOWED', url.href);
        stream = true;
        useCorsPreflight = true;
    }
  }
  // Extracting a string body yields `text/plain;charset=UTF-8` unless the page set a Content-Type
  // (a stream yields no type).
  if (body !== null && !stream && getHeader(headers, 'Content-Type') === null) headers.push(['Content-Type', TEXT_PLAIN_UTF8]);

  return {
    ok: true,
    request: {
      api: 'fetch', url, method, headers,
      credentialsMode: r.credentials ?? 'same-origin', mode, redirect: r.redirect ?? 'follow', body,
      cache, referrerPolicy: r.referrerPolicy ?? '', useCorsPreflight, stream, logs: [],
    },
  };
}

/**
 * XMLHttpRequest § `open()`, `setRequestHeader()`, `send()` (xhr.spec.whatwg.org): author
 * request headers are combined per name; forbidden names are ignored (Chromium and WebKit log
 * `Refused to set unsafe header`); `withCredentials` ⇔ credentials `include`; mode `cors`.
 */
export function buildXhrRequest(s: Scenario, pageUrl: URL, profile: BrowserProfile): BuildResult {
  const r = s.request;
  let method = r.method ?? 'GET';
  // open(): method first, then the URL.
  if (!isMethod(method)) return reject('INVALID_METHOD', r.url);
  if (isForbiddenMethod(method)) return reject('FORBIDDEN_METHOD', r.url);
  method = normalizeMethod(method);
  const parsed = parseUrl(r.url, pageUrl.href);
  if (parsed === null) return reject('INVALID_URL', r.url);
  // XHR accepts userinfo in the URL; browsers strip it before sending a CORS request.
  const url = includesCredentials(parsed) ? (parseUrl(withoutCredentials(parsed)) ?? parsed) : parsed;

  const logs: LogEvent[] = [];
  const author: HeaderPair[] = [];
  for (const [name, rawValue] of r.headers ?? []) {
    const value = normalizeHeaderValue(rawValue);
    // setRequestHeader() validates one header at a time, in the page's order.
    const problem = headerProblem([[name, rawValue]]);
    if (problem !== null) return reject('INVALID_HEADER', url.href, logs, problem);
    if (isForbidden(profile, name, value)) {
      if (profile.xhrLogsRefusedHeader) logs.push(log(`${profile.id}:refused-unsafe-header`, { header: name }));
      continue;
    }
    author.push([name, value]);
  }
  const headers = combineHeaders(author);
  // send(): GET/HEAD ignore the body.
  const body = method === 'GET' || method === 'HEAD' ? null : (r.body ?? null);
  if (body !== null) setXhrBodyContentType(headers, profile.xhrCharset);

  return {
    ok: true,
    request: {
      api: 'xhr', url, method, headers,
      credentialsMode: r.credentials === 'include' ? 'include' : 'same-origin',
      mode: 'cors', redirect: 'follow', body, cache: 'default', referrerPolicy: '', stream: false,
      // XHR § send() step 11: upload listeners set the use-CORS-preflight flag.
      useCorsPreflight: profile.xhrUploadListenersForcePreflight(r.uploadListeners === true, body !== null),
      logs,
    },
  };
}

/**
 * XHR § `send()` step 4.4 for a string body: without an author `Content-Type`, send
 * `text/plain;charset=UTF-8`; with one whose `charset` parameter is not UTF-8, rewrite that
 * parameter to `UTF-8` (other parameters and the essence are kept, re-serialized).
 */
function setXhrBodyContentType(headers: HeaderPair[], rule: 'spec' | 'replace-value'): void {
  const i = headers.findIndex(([n]) => n.toLowerCase() === 'content-type');
  if (i < 0) {
    headers.push(['Content-Type', TEXT_PLAIN_UTF8]);
    return;
  }
  if (rule === 'replace-value') {
    // Chromium: any charset parameter's value becomes `UTF-8`, in place (observed:
    // `Text/Plain;charset=utf-8` is sent as `Text/Plain;charset=UTF-8`).
    headers[i] = [headers[i]![0], headers[i]![1].replace(/(;\s*charset\s*=\s*)("[^"]*"|[^;]*)/i, '$1UTF-8')];
    return;
  }
  const mime = parseMimeType(headers[i]![1]);
  const charset = mime?.parameters.get('charset');
  if (mime === null || charset === undefined || charset.toLowerCase() === 'utf-8') return;
  mime.parameters.set('charset', 'UTF-8');
  headers[i] = [headers[i]![0], serializeMimeType(mime)];
}
