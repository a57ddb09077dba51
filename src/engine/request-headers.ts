/**
 * Fetch header classifications used by CORS (https://fetch.spec.whatwg.org/#terminology-headers):
 * safelisted / forbidden / privileged request headers, the CORS-unsafe request-header names,
 * safelisted response-header names, and header-list "get"/"combine".
 *
 * Values are ByteStrings (each code unit is one byte) and are expected to be already normalized
 * (leading/trailing HTTP whitespace stripped), as the Headers API and XHR do before storing them.
 * Pure module.
 */
import type { HeaderPair } from './types.js';
import { byteCaseInsensitiveEquals, byteLowercase, compareBytes, getDecodeSplit } from './http-syntax.js';
import { isForbiddenMethod } from './method.js';
import { parseMimeType } from './mime.js';
import { parseSingleRangeHeaderValue } from './range.js';

/**
 * Fetch "CORS-unsafe request-header byte" (https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte):
 * a byte < 0x20 other than 0x09 HT, or one of `" ( ) : < > ? @ [ \ ] { }`, or 0x7F DEL.
 * Checklist B.8.
 */
export function isCorsUnsafeRequestHeaderByte(byte: number): boolean {
  if (byte < 0x20) return byte !== 0x09;
  switch (byte) {
    case 0x22: // "
    case 0x28: // (
    case 0x29: // )
    case 0x3a: // :
    case 0x3c: // <
    case 0x3e: // >
    case 0x3f: // ?
    case 0x40: // @
    case 0x5b: // [
    case 0x5c: // \
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x7f: // DEL
      return true;
    default:
      return false;
  }
}

function containsCorsUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (isCorsUnsafeRequestHeaderByte(value.charCodeAt(i))) return true;
  }
  return false;
}

/** Bytes allowed in `Accept-Language`/`Content-Language`: 0-9 A-Z a-z SP * , - . ; = */
function isLanguageByte(c: number): boolean {
  if (c >= 0x30 && c <= 0x39) return true;
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c >= 0x61 && c <= 0x7a) return true;
  return c === 0x20 || c === 0x2a || c === 0x2c || c === 0x2d || c === 0x2e || c === 0x3b || c === 0x3d;
}

function hasNonByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 0xff) return true;
  }
  return false;
}

const SAFELISTED_CONTENT_TYPE_ESSENCES: ReadonlySet<string> = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/**
 * Fetch "CORS-safelisted request-header" (https://fetch.spec.whatwg.org/#cors-safelisted-request-header,
 * legacy id `#simple-header`), the exact algorithm:
 * 1. value longer than 128 bytes → false;
 * 2. by byte-lowercased name: `accept` (no CORS-unsafe byte), `accept-language` /
 *    `content-language` (only `0-9A-Za-z *,-.;=`), `content-type` (no CORS-unsafe byte, then
 *    MIME Sniffing "parse a MIME type" must succeed with essence
 *    `application/x-www-form-urlencoded` | `multipart/form-data` | `text/plain`), `range`
 *    ("parse a single range header value" with allowWhitespace=false must succeed with a non-null
 *    start); any other name → false.
 *
 * `value` is a ByteString: length in bytes = string length. A value containing a code unit
 * > 0xFF cannot come from the Headers API (it throws); it is treated as not safelisted.
 * Checklist B.7.
 */
export function isCorsSafelistedRequestHeader(name: string, value: string): boolean {
  if (value.length > 128) return false;
  if (hasNonByte(value)) return false;
  switch (byteLowercase(name)) {
    case 'accept':
      return !containsCorsUnsafeByte(value);
    case 'accept-language':
    case 'content-language':
      for (let i = 0; i < value.length; i++) {
        if (!isLanguageByte(value.charCodeAt(i))) return false;
      }
      return true;
    case 'content-type': {
      if (containsCorsUnsafeByte(value)) return false;
      const mimeType = parseMimeType(value);
      if (mimeType === null) return false;
      return SAFELISTED_CONTENT_TYPE_ESSENCES.has(mimeType.essence);
    }
    case 'range': {
      const rangeValue = parseSingleRangeHeaderValue(value, false);
      if (rangeValue === null) return false;
      return rangeValue.start !== null;
    }
    default:
      return false;
  }
}

const FORBIDDEN_REQUEST_HEADER_NAMES: ReadonlySet<string> = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

const METHOD_OVERRIDE_HEADER_NAMES: ReadonlySet<string> = new Set([
  'x-http-method',
  'x-http-method-override',
  'x-method-override',
]);

/**
 * Fetch "forbidden request-header" (https://fetch.spec.whatwg.org/#forbidden-request-header,
 * legacy id `#forbidden-header-name`), a (name, value) test:
 * 1. name byte-case-insensitively one of `Accept-Charset`, `Accept-Encoding`,
 *    `Access-Control-Request-Headers`, `Access-Control-Request-Method`, `Connection`,
 *    `Content-Length`, `Cookie`, `Cookie2`, `Date`, `DNT`, `Expect`, `Host`, `Keep-Alive`, `Origin`,
 *    `Referer`, `Set-Cookie`, `TE`, `Trailer`, `Transfer-Encoding`, `Upgrade`, `Via` → true;
 * 2. byte-lowercased name starts with `proxy-` or `sec-` → true;
 * 3. name is `X-HTTP-Method`, `X-HTTP-Method-Override` or `X-Method-Override` and some element of
 *    "get, decode, and split"(value) (comma list, quoted strings respected, elements trimmed) is a
 *    forbidden method (`CONNECT`/`TRACE`/`TRACK`, case-insensitive) → true;
 * 4. false.
 * Checklist B.13.
 */
export function isForbiddenRequestHeader(name: string, value: string): boolean {
  const lower = byteLowercase(name);
  if (FORBIDDEN_REQUEST_HEADER_NAMES.has(lower)) return true;
  if (lower.startsWith('proxy-') || lower.startsWith('sec-')) return true;
  if (METHOD_OVERRIDE_HEADER_NAMES.has(lower)) {
    for (const method of getDecodeSplit(value)) {
      if (isForbiddenMethod(method)) return true;
    }
  }
  return false;
}

/**
 * Fetch "forbidden response-header name" (https://fetch.spec.whatwg.org/#forbidden-response-header-name):
 * `Set-Cookie`, `Set-Cookie2` (byte-case-insensitive). Checklist B.14.
 */
export function isForbiddenResponseHeaderName(name: string): boolean {
  const lower = byteLowercase(name);
  return lower === 'set-cookie' || lower === 'set-cookie2';
}

/**
 * Fetch "no-CORS-safelisted request-header name"
 * (https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header-name): `Accept`,
 * `Accept-Language`, `Content-Language`, `Content-Type`. Checklist B.12.
 */
export function isNoCorsSafelistedRequestHeaderName(name: string): boolean {
  switch (byteLowercase(name)) {
    case 'accept':
    case 'accept-language':
    case 'content-language':
    case 'content-type':
      return true;
    default:
      return false;
  }
}

/**
 * Fetch "no-CORS-safelisted request-header" (https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header):
 * a no-CORS-safelisted request-header name whose (name, value) is a CORS-safelisted
 * request-header. Checklist B.12 / C.20.
 */
export function isNoCorsSafelistedRequestHeader(name: string, value: string): boolean {
  return isNoCorsSafelistedRequestHeaderName(name) && isCorsSafelistedRequestHeader(name, value);
}

/**
 * Fetch "privileged no-CORS request-header name"
 * (https://fetch.spec.whatwg.org/#privileged-no-cors-request-header-name): `Range`. Checklist B.12.
 */
export function isPrivilegedNoCorsRequestHeaderName(name: string): boolean {
  return byteCaseInsensitiveEquals(name, 'range');
}

/**
 * Fetch "CORS non-wildcard request-header name"
 * (https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name): `Authorization`
 * (not covered by `*` in `Access-Control-Allow-Headers` per spec). Checklist B.11.
 */
export function isCorsNonWildcardRequestHeaderName(name: string): boolean {
  return byteCaseInsensitiveEquals(name, 'authorization');
}

/**
 * Fetch "request-body-header name" (https://fetch.spec.whatwg.org/#request-body-header-name):
 * `Content-Encoding`, `Content-Language`, `Content-Location`, `Content-Type` (removed when a
 * redirect turns the request into a GET). Checklist B.16.
 */
export function isRequestBodyHeaderName(name: string): boolean {
  switch (byteLowercase(name)) {
    case 'content-encoding':
    case 'content-language':
    case 'content-location':
    case 'content-type':
      return true;
    default:
      return false;
  }
}

/**
 * Fetch "get" (https://fetch.spec.whatwg.org/#concept-header-list-get): the values of all headers
 * whose name byte-case-insensitively matches `name`, in order, joined by `", "` (0x2C 0x20); null
 * if there is none. Checklist A.6.
 */
export function getHeader(headers: readonly HeaderPair[], name: string): string | null {
  let result: string | null = null;
  for (const [n, v] of headers) {
    if (byteCaseInsensitiveEquals(n, name)) result = result === null ? v : `${result}, ${v}`;
  }
  return result;
}

/**
 * Combine same-name headers (byte-case-insensitive) into one entry whose value is the values
 * joined by `", "`, at the position of the first occurrence and with its name casing — the result
 * of repeatedly applying Fetch header-list "combine"
 * (https://fetch.spec.whatwg.org/#concept-header-list-combine). Models how Chromium and WebKit
 * (and XHR `setRequestHeader`) store duplicate request headers. Returns new arrays; the input is
 * not modified. Checklist A.6 / B.10 (DEV-C, DEV-W).
 */
export function combineHeaders(headers: readonly HeaderPair[]): HeaderPair[] {
  const out: HeaderPair[] = [];
  const indexByLower = new Map<string, number>();
  for (const [name, value] of headers) {
    const lower = byteLowercase(name);
    const idx = indexByLower.get(lower);
    if (idx === undefined) {
      indexByLower.set(lower, out.length);
      out.push([name, value]);
    } else {
      const entry = out[idx] as HeaderPair;
      entry[1] = `${entry[1]}, ${value}`;
    }
  }
  return out;
}

/**
 * Fetch "convert header names to a sorted-lowercase set"
 * (https://fetch.spec.whatwg.org/#convert-header-names-to-a-sorted-lowercase-set): byte-lowercase,
 * deduplicate, sort by "byte less than". Checklist B.10.
 */
export function toSortedLowercaseSet(names: Iterable<string>): string[] {
  return [...new Set([...names].map(byteLowercase))].sort(compareBytes);
}

/** Browser-dependent knobs of `corsUnsafeRequestHeaderNames`. */
export interface UnsafeNamesOptions {
  /**
   * Combine same-name entries into one `"a, b"` value (at the first occurrence) before testing
   * (Chromium, WebKit). When false each entry is tested separately (spec, Firefox).
   */
  combineDuplicates: boolean;
  /**
   * Apply the 1024-byte total limit over safelisted values (spec, Chromium, WebKit; not Firefox).
   */
  enforceTotalLimit: boolean;
  /**
   * Extra, non-spec safelisted headers of a browser profile (e.g. Chromium's `save-data: on`).
   * Called with the byte-lowercased name, only for values of at most 128 bytes (the length limit
   * applies to every safelisted header, as in Chromium's `IsCorsSafelistedHeader`) that the spec
   * test rejected. Such headers count toward the 1024-byte total.
   */
  extraSafelisted?: (lowerName: string, value: string) => boolean;
  /**
   * Values a browser refuses although the spec safelists them (e.g. Firefox: a non-ASCII byte in
   * `Accept`; all three: a `Range` number beyond 64 bits). Called with the byte-lowercased name
   * for entries the spec test accepted.
   */
  extraUnsafe?: (lowerName: string, value: string) => boolean;
}

/**
 * Fetch "CORS-unsafe request-header names" (https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names):
 * names of entries that are not CORS-safelisted request-headers; if the summed value length of the
 * safelisted entries exceeds 1024 (and `enforceTotalLimit`), those names too. Returned as a
 * byte-lowercased, deduplicated list sorted by byte order ("convert header names to a
 * sorted-lowercase set"), ready for `Access-Control-Request-Headers` (join with `,`).
 *
 * `headers` are the request's author headers (forbidden headers already dropped by the Headers
 * API); values are expected to be normalized. Checklist B.10 (with DEV-C/DEV-W/DEV-F options).
 */
export function corsUnsafeRequestHeaderNames(headers: readonly HeaderPair[], options: UnsafeNamesOptions): string[] {
  const list = options.combineDuplicates ? combineHeaders(headers) : headers;
  const unsafeNames: string[] = [];
  const potentiallyUnsafeNames: string[] = [];
  let safelistValueSize = 0;
  for (const [name, value] of list) {
    let safe = isCorsSafelistedRequestHeader(name, value);
    if (safe && options.extraUnsafe !== undefined && options.extraUnsafe(byteLowercase(name), value)) safe = false;
    if (!safe && options.extraSafelisted !== undefined && value.length <= 128) {
      safe = options.extraSafelisted(byteLowercase(name), value);
    }
    if (safe) {
      potentiallyUnsafeNames.push(name);
      safelistValueSize += value.length;
    } else {
      unsafeNames.push(name);
    }
  }
  if (options.enforceTotalLimit && safelistValueSize > 1024) {
    unsafeNames.push(...potentiallyUnsafeNames);
  }
  return toSortedLowercaseSet(unsafeNames);
}

const SAFELISTED_RESPONSE_HEADER_NAMES: ReadonlySet<string> = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]);

/**
 * Fetch "CORS-safelisted response-header name", given a list `exposed`
 * (https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name): byte-case-insensitively
 * `Cache-Control`, `Content-Language`, `Content-Length`, `Content-Type`, `Expires`,
 * `Last-Modified`, `Pragma`, or any item of `exposed` that is not a forbidden response-header name
 * (`Set-Cookie`, `Set-Cookie2`). A `*` in `exposed` is literal here (the wildcard is expanded by
 * the caller, checklist D.25). Checklist B.15.
 */
export function isCorsSafelistedResponseHeaderName(name: string, exposed: readonly string[]): boolean {
  const lower = byteLowercase(name);
  if (SAFELISTED_RESPONSE_HEADER_NAMES.has(lower)) return true;
  if (isForbiddenResponseHeaderName(lower)) return false;
  return exposed.some((item) => byteLowercase(item) === lower);
}
