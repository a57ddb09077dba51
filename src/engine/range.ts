/**
 * Fetch "parse a single range header value" (https://fetch.spec.whatwg.org/#simple-range-header-value).
 * Pure module.
 */
import { isHttpTabOrSpace } from './http-syntax.js';

/** A parsed single byte range; at least one of `start`/`end` is non-null. */
export interface SingleRange {
  start: number | null;
  end: number | null;
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Fetch "parse a single range header value" (https://fetch.spec.whatwg.org/#simple-range-header-value),
 * exactly. Returns null for failure. Checklist B.9.
 *
 * - `value` must start with the case-sensitive `bytes`; then (only if `allowWhitespace`) HTTP
 *   tab-or-space; `=`; (ws); digits (start, may be empty); (ws); `-`; (ws); digits (end, may be
 *   empty); then end of input. Both empty → failure. A `,` (multiple ranges) → failure.
 * - start > end → failure; the comparison uses BigInt on the digit strings, so arbitrarily long
 *   values compare correctly.
 * - The returned numbers are `Number(digits)`: exact up to 2^53, approximated beyond, `Infinity`
 *   past ~1.8e308. Callers only need null-ness (CORS) or small values.
 */
export function parseSingleRangeHeaderValue(value: string, allowWhitespace: boolean): SingleRange | null {
  const data = value;
  if (!data.startsWith('bytes')) return null;
  let position = 5;
  const skipWs = (): void => {
    if (!allowWhitespace) return;
    while (position < data.length && isHttpTabOrSpace(data.charCodeAt(position))) position++;
  };
  const collectDigits = (): string => {
    const start = position;
    while (position < data.length && isAsciiDigit(data.charCodeAt(position))) position++;
    return data.slice(start, position);
  };

  skipWs();
  if (data.charCodeAt(position) !== 0x3d) return null; // "=" (NaN past the end → failure)
  position++;
  skipWs();
  const rangeStart = collectDigits();
  skipWs();
  if (data.charCodeAt(position) !== 0x2d) return null; // "-"
  position++;
  skipWs();
  const rangeEnd = collectDigits();
  if (position < data.length) return null;
  if (rangeStart === '' && rangeEnd === '') return null;
  if (rangeStart !== '' && rangeEnd !== '' && BigInt(rangeStart) > BigInt(rangeEnd)) return null;
  return {
    start: rangeStart === '' ? null : Number(rangeStart),
    end: rangeEnd === '' ? null : Number(rangeEnd),
  };
}
