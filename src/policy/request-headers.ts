/**
 * `Access-Control-Request-Headers` in one bounded pass (Fetch § CORS-preflight fetch step 7.8
 * is the browser's side: it compares each name it sent with the response's
 * `Access-Control-Allow-Headers`). Browsers send a sorted, lower-case, comma-separated list
 * (Fetch "convert header names to a sorted-lowercase set"); proxies and Node may join repeated
 * lines with ", ". Anything beyond the caps or outside the grammar is refused without further work.
 */

/** Longest ACRH value considered (bytes). */
export const MAX_REQUEST_HEADERS_LENGTH = 4096;
/** Most elements (empty ones included) considered. */
export const MAX_REQUEST_HEADERS_ELEMENTS = 64;

/** RFC 9110 tchar lookup table for ASCII. */
const TCHAR = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;
for (const ch of "!#$%&'*+-.^_`|~") TCHAR[ch.charCodeAt(0)] = 1;

/** Whether `s` is an RFC 9110 token (non-empty, tchar only). */
export function isTokenString(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || TCHAR[c] === 0) return false;
  }
  return true;
}

export type RequestHeadersVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly why: 'too-long' | 'too-many' | 'malformed' }
  | { readonly ok: false; readonly why: 'not-allowed'; readonly name: string };

export const ACRH_OK: RequestHeadersVerdict = Object.freeze({ ok: true });
const TOO_LONG: RequestHeadersVerdict = Object.freeze({ ok: false, why: 'too-long' });
const TOO_MANY: RequestHeadersVerdict = Object.freeze({ ok: false, why: 'too-many' });
const MALFORMED: RequestHeadersVerdict = Object.freeze({ ok: false, why: 'malformed' });

/**
 * Checks every name of an ACRH value against `allowed` (lower-case names) in one pass.
 * `allowAny`: names not in `allowed` pass too, except those in `byNameOnly` (Authorization).
 */
export function checkRequestHeaders(
  value: string,
  allowed: ReadonlySet<string>,
  allowAny: boolean,
  byNameOnly: ReadonlySet<string>,
): RequestHeadersVerdict {
  const n = value.length;
  if (n > MAX_REQUEST_HEADERS_LENGTH) return TOO_LONG;
  let count = 0;
  let i = 0;
  while (i <= n) {
    // OWS before the element
    let c = i < n ? value.charCodeAt(i) : -1;
    while (c === 0x20 || c === 0x09) c = ++i < n ? value.charCodeAt(i) : -1;
    const start = i;
    let lower = true;
    while (c >= 0 && c < 128 && TCHAR[c] === 1) {
      if (c >= 0x41 && c <= 0x5a) lower = false;
      c = ++i < n ? value.charCodeAt(i) : -1;
    }
    const end = i;
    while (c === 0x20 || c === 0x09) c = ++i < n ? value.charCodeAt(i) : -1;
    if (c !== 0x2c /* , */ && c !== -1) return MALFORMED;
    if (++count > MAX_REQUEST_HEADERS_ELEMENTS) return TOO_MANY;
    if (end > start) {
      let name = value.slice(start, end);
      if (!lower) name = name.toLowerCase();
      if (!allowed.has(name) && (!allowAny || byNameOnly.has(name))) return { ok: false, why: 'not-allowed', name };
    }
    i++; // past the comma (or past the end)
  }
  return ACRH_OK;
}
