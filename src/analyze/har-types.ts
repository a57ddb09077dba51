/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) as Chrome and Firefox DevTools write it,
 * reduced to what CORS analysis reads, and the checked record each entry becomes.
 *
 * Browser extensions read here (all optional):
 * - Chrome DevTools: `_resourceType` (`fetch`, `xhr`, `preflight`, `script`, `image`, ...),
 *   `_initiator` (`{ type: 'script' | 'parser' | 'preflight' | 'other', ... }`), `_fromCache`
 *   (`'memory'` | `'disk'`), `response._error` (e.g. `net::ERR_FAILED` for a CORS block).
 * - Older Chrome / WebPageTest: `_fromDiskCache`. Playwright: `response._failureText`.
 * - Firefox: no resource type; a blocked or aborted request has status 0 and no response headers.
 */
import type { HeaderPair } from '../engine/index.js';

/** A malformed entry: what is wrong and the JSON path (`$.log.entries[3].request.url`). */
export class HarEntryError extends Error {
  constructor(message: string, readonly path: string) {
    super(`${path}: ${message}`);
  }
}

/** A HAR page (`log.pages[i]`). */
export interface HarPage {
  id: string;
  title: string;
}

/** One entry, checked and reduced to what the analysis reads. */
export interface HarRecord {
  /** Index in `log.entries`. */
  index: number;
  pageref: string | null;
  /** `_resourceType` (lower-cased) when the exporter wrote one (Chrome), else null (Firefox). */
  resourceType: string | null;
  /** `_initiator.type` when written. */
  initiatorType: string | null;
  method: string;
  url: string;
  requestHeaders: HeaderPair[];
  /** Whether cookies went out with the request (`request.cookies` or a `Cookie` header). */
  cookiesSent: boolean;
  /** `request.postData.text` when written. */
  body: string | null;
  /** 0 when the request got no HTTP answer (blocked, aborted, network error). */
  status: number;
  statusText: string;
  responseHeaders: HeaderPair[];
  /** `response.redirectURL`, or the Location header, resolved against the URL; '' when none. */
  redirectURL: string;
  /** Why the request failed, as the exporter wrote it (`_error`, `_failureText`), else null. */
  error: string | null;
  /** `'memory'`, `'disk'` when served from the browser cache, else null. */
  fromCache: string | null;
  /** `startedDateTime` in ms since the epoch, NaN when absent or invalid. */
  startedMs: number;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : typeof v;
}

function headersOf(v: unknown, path: string): HeaderPair[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new HarEntryError(`expected an array of { name, value }, got ${kind(v)}`, path);
  const out: HeaderPair[] = [];
  for (let i = 0; i < v.length; i++) {
    const h = v[i] as unknown;
    if (!isObj(h) || typeof h['name'] !== 'string') throw new HarEntryError('expected { name: string, value: string }', `${path}[${i}]`);
    const value = h['value'];
    if (typeof value !== 'string' && typeof value !== 'number') throw new HarEntryError(`value: expected a string, got ${kind(value)}`, `${path}[${i}]`);
    out.push([h['name'], String(value)]);
  }
  return out;
}

function header(hs: readonly HeaderPair[], name: string): string | null {
  for (const [n, v] of hs) if (n.toLowerCase() === name) return v;
  return null;
}

/**
 * Checks one element of `log.entries` and reduces it to a {@link HarRecord}.
 * Required (HAR 1.2): `request.method`, `request.url`, `request.headers`, `response.status`,
 * `response.headers`. Everything else is optional.
 * @throws HarEntryError naming the JSON path of the first problem.
 * @example
 * const r = recordFromEntry(JSON.parse(text), 0);
 */
export function recordFromEntry(e: unknown, index: number): HarRecord {
  const at = `$.log.entries[${index}]`;
  if (!isObj(e)) throw new HarEntryError(`expected an object, got ${kind(e)}`, at);
  const req = e['request'];
  const res = e['response'];
  if (!isObj(req)) throw new HarEntryError(req === undefined ? 'missing' : `expected an object, got ${kind(req)}`, `${at}.request`);
  if (!isObj(res)) throw new HarEntryError(res === undefined ? 'missing' : `expected an object, got ${kind(res)}`, `${at}.response`);
  const method = req['method'];
  const url = req['url'];
  if (typeof method !== 'string' || method === '') throw new HarEntryError(method === undefined ? 'missing' : `expected a method name, got ${kind(method)}`, `${at}.request.method`);
  if (typeof url !== 'string') throw new HarEntryError(url === undefined ? 'missing' : `expected a string, got ${kind(url)}`, `${at}.request.url`);
  if (req['headers'] === undefined) throw new HarEntryError('missing', `${at}.request.headers`);
  if (res['headers'] === undefined) throw new HarEntryError('missing', `${at}.response.headers`);
  const requestHeaders = headersOf(req['headers'], `${at}.request.headers`);
  const responseHeaders = headersOf(res['headers'], `${at}.response.headers`);
  const statusRaw = res['status'];
  if (typeof statusRaw !== 'number' || !Number.isFinite(statusRaw)) {
    throw new HarEntryError(statusRaw === undefined ? 'missing' : `expected a number, got ${kind(statusRaw)}`, `${at}.response.status`);
  }
  // Playwright writes -1 for a request that got no response; DevTools and Firefox write 0.
  const status = statusRaw < 0 ? 0 : Math.trunc(statusRaw);
  const cookies = req['cookies'];
  const cookiesSent = (Array.isArray(cookies) && cookies.length > 0) || header(requestHeaders, 'cookie') !== null;
  const postData = req['postData'];
  const body = isObj(postData) && typeof postData['text'] === 'string' ? postData['text'] : isObj(postData) ? '' : null;
  const location = typeof res['redirectURL'] === 'string' && res['redirectURL'] !== '' ? res['redirectURL'] : header(responseHeaders, 'location') ?? '';
  let redirectURL = '';
  if (location !== '') {
    try {
      redirectURL = new URL(location, url).href;
    } catch {
      redirectURL = location;
    }
  }
  const err = typeof res['_error'] === 'string' && res['_error'] !== '' ? res['_error']
    : typeof res['_failureText'] === 'string' && res['_failureText'] !== '' ? res['_failureText'] : null;
  const fc = e['_fromCache'];
  const fromCache = typeof fc === 'string' && fc !== '' ? fc : e['_fromDiskCache'] === true ? 'disk' : null;
  const rt = e['_resourceType'];
  const init = e['_initiator'];
  const started = typeof e['startedDateTime'] === 'string' ? Date.parse(e['startedDateTime']) : NaN;
  return {
    index,
    pageref: typeof e['pageref'] === 'string' ? e['pageref'] : null,
    resourceType: typeof rt === 'string' && rt !== '' ? rt.toLowerCase() : null,
    initiatorType: isObj(init) && typeof init['type'] === 'string' ? init['type'] : null,
    method,
    url,
    requestHeaders,
    cookiesSent,
    body,
    status,
    statusText: typeof res['statusText'] === 'string' ? res['statusText'] : '',
    responseHeaders,
    redirectURL,
    error: err,
    fromCache,
    startedMs: started,
  };
}

/**
 * Checks one element of `log.pages`.
 * @throws HarEntryError when it has no string `id`.
 */
export function pageFromHar(p: unknown, index: number): HarPage {
  const at = `$.log.pages[${index}]`;
  if (!isObj(p)) throw new HarEntryError(`expected an object, got ${kind(p)}`, at);
  if (typeof p['id'] !== 'string') throw new HarEntryError(p['id'] === undefined ? 'missing' : `expected a string, got ${kind(p['id'])}`, `${at}.id`);
  return { id: p['id'], title: typeof p['title'] === 'string' ? p['title'] : '' };
}

/** Looks a header up by name (case-insensitive); the first value, or null. */
export function harHeader(hs: readonly HeaderPair[], name: string): string | null {
  return header(hs, name.toLowerCase());
}
