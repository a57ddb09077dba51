/**
 * HTTP syntax primitives used by the CORS engine: tokens, header names/values, HTTP whitespace,
 * quoted strings and comma-separated header lists.
 *
 * Strings here model *byte sequences*: the page hands us JS strings that the Headers API requires
 * to be ByteStrings (every code unit ≤ 0xFF), so one code unit = one byte ("isomorphic decode").
 * Case folding is always ASCII-only (byte-lowercase / byte-uppercase), never
 * `String#toLowerCase`, which would also fold e.g. U+00C0 or U+212A KELVIN SIGN.
 *
 * Pure module: no I/O, no Node or DOM APIs.
 */

/**
 * RFC 9110 §5.6.2 `tchar`: `!#$%&'*+-.^_\`|~`, DIGIT, ALPHA. Identical to MIME Sniffing's
 * "HTTP token code point" (https://mimesniff.spec.whatwg.org/#http-token-code-point).
 * Checklist N (header syntax).
 */
export function isTchar(c: number): boolean {
  if (c >= 0x30 && c <= 0x39) return true; // 0-9
  if (c >= 0x41 && c <= 0x5a) return true; // A-Z
  if (c >= 0x61 && c <= 0x7a) return true; // a-z
  switch (c) {
    case 0x21: // !
    case 0x23: // #
    case 0x24: // $
    case 0x25: // %
    case 0x26: // &
    case 0x27: // '
    case 0x2a: // *
    case 0x2b: // +
    case 0x2d: // -
    case 0x2e: // .
    case 0x5e: // ^
    case 0x5f: // _
    case 0x60: // `
    case 0x7c: // |
    case 0x7e: // ~
      return true;
    default:
      return false;
  }
}

/**
 * RFC 9110 §5.6.2 `token = 1*tchar` (https://www.rfc-editor.org/rfc/rfc9110#section-5.6.2).
 * Also "solely contains HTTP token code points and is non-empty" in MIME Sniffing.
 * Checklist N.
 */
export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    if (!isTchar(s.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * Fetch "header name" (https://fetch.spec.whatwg.org/#header-name): matches RFC 9110
 * `field-name`, which is `token`. Checklist A.5 / N.
 */
export function isHeaderName(s: string): boolean {
  return isToken(s);
}

/** Fetch "HTTP tab or space" / "HTTP tab or space byte" (https://fetch.spec.whatwg.org/#http-tab-or-space): 0x09, 0x20. Checklist A.5. */
export function isHttpTabOrSpace(c: number): boolean {
  return c === 0x09 || c === 0x20;
}

/** Fetch "HTTP newline byte" (https://fetch.spec.whatwg.org/#http-newline-byte): 0x0A, 0x0D. Checklist A.5. */
export function isHttpNewline(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

/**
 * Fetch "HTTP whitespace" / "HTTP whitespace byte" (https://fetch.spec.whatwg.org/#http-whitespace):
 * TAB, LF, CR, SP (not FF, unlike ASCII whitespace). Checklist A.5.
 */
export function isHttpWhitespace(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0d || c === 0x20;
}

/**
 * MIME Sniffing "HTTP quoted-string token code point"
 * (https://mimesniff.spec.whatwg.org/#http-quoted-string-token-code-point):
 * U+0009, U+0020–U+007E, U+0080–U+00FF. Checklist B.7 (content-type parsing).
 */
export function isHttpQuotedStringTokenCodePoint(c: number): boolean {
  return c === 0x09 || (c >= 0x20 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
}

/**
 * WebIDL `ByteString` precondition (https://webidl.spec.whatwg.org/#idl-ByteString): every code
 * unit ≤ 0xFF. Header names and values given to `Headers`/`setRequestHeader` that fail this make
 * the API throw `TypeError`. Helper for checklist A.5.
 */
export function isByteString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) return false;
  }
  return true;
}

/**
 * Fetch "header value" (https://fetch.spec.whatwg.org/#header-value): no leading or trailing
 * HTTP tab-or-space byte, and no 0x00 (NUL), 0x0A (LF) or 0x0D (CR) anywhere. The empty string is
 * a valid header value. (Whether the string is a ByteString is a separate check, `isByteString`.)
 * Checklist A.5.
 */
export function isHeaderValue(s: string): boolean {
  if (s.length > 0) {
    if (isHttpTabOrSpace(s.charCodeAt(0))) return false;
    if (isHttpTabOrSpace(s.charCodeAt(s.length - 1))) return false;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x00 || c === 0x0a || c === 0x0d) return false;
  }
  return true;
}

/** Remove leading and trailing code units matching `pred`. */
function trimWhere(s: string, pred: (c: number) => boolean): string {
  let start = 0;
  let end = s.length;
  while (start < end && pred(s.charCodeAt(start))) start++;
  while (end > start && pred(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/**
 * Fetch "normalize" a potential header value (https://fetch.spec.whatwg.org/#concept-header-value-normalize):
 * remove leading and trailing HTTP whitespace bytes (TAB, LF, CR, SP). Checklist A.5.
 */
export function normalizeHeaderValue(s: string): string {
  return trimWhere(s, isHttpWhitespace);
}

/** Remove leading and trailing HTTP whitespace (TAB, LF, CR, SP) (https://fetch.spec.whatwg.org/#http-whitespace). Checklist A.5. */
export function trimHttpWhitespace(s: string): string {
  return trimWhere(s, isHttpWhitespace);
}

/** Remove leading and trailing HTTP tab or space (https://fetch.spec.whatwg.org/#http-tab-or-space). Checklist A.5. */
export function trimHttpTabOrSpace(s: string): string {
  return trimWhere(s, isHttpTabOrSpace);
}

/** Remove trailing HTTP whitespace only (used by MIME Sniffing "parse a MIME type" steps 8 and 11.ix.b). */
export function trimTrailingHttpWhitespace(s: string): string {
  let end = s.length;
  while (end > 0 && isHttpWhitespace(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/**
 * Infra "byte-lowercase" / "ASCII lowercase" (https://infra.spec.whatwg.org/#byte-lowercase):
 * only 0x41–0x5A are changed. Checklist A (byte-case-insensitive name comparison).
 */
export function byteLowercase(s: string): string {
  let i = 0;
  while (i < s.length && !(s.charCodeAt(i) >= 0x41 && s.charCodeAt(i) <= 0x5a)) i++;
  if (i === s.length) return s; // fast path: nothing to lower
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) {
      out += String.fromCharCode(c + 0x20);
      changed = true;
    } else {
      out += s[i];
    }
  }
  return changed ? out : s;
}

/**
 * Infra "byte-uppercase" / "ASCII uppercase" (https://infra.spec.whatwg.org/#byte-uppercase):
 * only 0x61–0x7A are changed. Checklist A.3 (method normalization).
 */
export function byteUppercase(s: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) {
      out += String.fromCharCode(c - 0x20);
      changed = true;
    } else {
      out += s[i];
    }
  }
  return changed ? out : s;
}

/**
 * Infra "byte-case-insensitive" match (https://infra.spec.whatwg.org/#byte-case-insensitive):
 * equal after byte-lowercasing both. Checklist A (header names compare this way).
 */
export function byteCaseInsensitiveEquals(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0x41 && x <= 0x5a) x += 0x20;
    if (y >= 0x41 && y <= 0x5a) y += 0x20;
    if (x !== y) return false;
  }
  return true;
}

/**
 * Infra "byte less than" (https://infra.spec.whatwg.org/#byte-less-than) as a sort comparator.
 * For ByteStrings, UTF-16 code-unit order equals byte order. Checklist B.10.
 */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Fetch "collect an HTTP quoted string" (https://fetch.spec.whatwg.org/#collect-an-http-quoted-string).
 * `input[position]` must be U+0022 ("). Returns the collected text (with `extractValue`, the
 * unescaped contents; otherwise the raw code points from the opening quote to the position after
 * the closing quote, inclusive) and the new position. An unterminated string runs to the end of
 * input; a trailing lone backslash is kept literally. Checklist B.7 (MIME parameters).
 */
export function collectHttpQuotedString(
  input: string,
  position: number,
  extractValue = false,
): { value: string; position: number } {
  const positionStart = position;
  let value = '';
  if (input.charCodeAt(position) !== 0x22) {
    throw new Error('collectHttpQuotedString: expected U+0022 at position');
  }
  position++;
  for (;;) {
    const runStart = position;
    while (position < input.length) {
      const c = input.charCodeAt(position);
      if (c === 0x22 || c === 0x5c) break;
      position++;
    }
    value += input.slice(runStart, position);
    if (position >= input.length) break;
    const quoteOrBackslash = input.charCodeAt(position);
    position++;
    if (quoteOrBackslash === 0x5c) {
      if (position >= input.length) {
        value += '\\';
        break;
      }
      value += input[position];
      position++;
    } else {
      break; // closing U+0022
    }
  }
  if (extractValue) return { value, position };
  return { value: input.slice(positionStart, position), position };
}

/**
 * Fetch "get, decode, and split" a header value
 * (https://fetch.spec.whatwg.org/#header-value-get-decode-and-split): split on commas that are
 * outside HTTP quoted strings (quotes are kept in the output), trim HTTP tab-or-space from each
 * element, and **keep** empty elements. Used by the forbidden request-header test (checklist B.13).
 * For CORS token lists use `splitHeaderList`, which drops empties as browsers do.
 */
export function getDecodeSplit(value: string): string[] {
  const input = value;
  let position = 0;
  const values: string[] = [];
  let temporaryValue = '';
  for (;;) {
    const runStart = position;
    while (position < input.length) {
      const c = input.charCodeAt(position);
      if (c === 0x22 || c === 0x2c) break;
      position++;
    }
    temporaryValue += input.slice(runStart, position);
    if (position < input.length && input.charCodeAt(position) === 0x22) {
      const collected = collectHttpQuotedString(input, position);
      temporaryValue += collected.value;
      position = collected.position;
      if (position < input.length) continue;
    }
    values.push(trimHttpTabOrSpace(temporaryValue));
    temporaryValue = '';
    if (position >= input.length) return values;
    // input[position] is U+002C (,)
    position++;
  }
}

/**
 * Split a combined header value into list elements as browsers do for the CORS list headers
 * `Access-Control-Allow-Methods`, `Access-Control-Allow-Headers`, `Access-Control-Expose-Headers`
 * (Fetch "extract header list values", https://fetch.spec.whatwg.org/#extract-header-list-values,
 * with the RFC 9110 §5.6.1 `#rule`, which permits empty elements): split on every comma (no
 * quoted-string handling: these grammars are token lists), trim HTTP tab-or-space from each
 * element and drop empty elements. `",,x-foo,"` → `["x-foo"]`. Checklist H.50 / N.
 */
export function splitHeaderList(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(',')) {
    const trimmed = trimHttpTabOrSpace(part);
    if (trimmed.length > 0) out.push(trimmed);
  }
  return out;
}

/** Result of `parseTokenList`. */
export type TokenListResult = { ok: true; values: string[] } | { ok: false; invalid: string };

/**
 * Parse a `#token` list header (`Access-Control-Allow-Methods = #method`,
 * `Access-Control-Allow-Headers = #field-name`, `Access-Control-Expose-Headers = #field-name`;
 * https://fetch.spec.whatwg.org/#http-new-header-syntax) via Fetch "extract header list values"
 * (https://fetch.spec.whatwg.org/#extract-header-list-values). `value` is the combined value
 * (Fetch "get"), or null when the header is absent → returns null. Elements are split with
 * `splitHeaderList`; every remaining element must be a token, else failure with `invalid` = the
 * first offending (trimmed) element. An empty or all-commas value is a valid empty list.
 * Checklist H.50 / N.
 */
export function parseTokenList(value: string | null): TokenListResult | null {
  if (value === null) return null;
  const values = splitHeaderList(value);
  for (const v of values) {
    if (!isToken(v)) return { ok: false, invalid: v };
  }
  return { ok: true, values };
}
