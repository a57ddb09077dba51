import { parseSingleRangeHeaderValue } from '../range.js';

/**
 * Request-header rules the real browsers share where they depart from the spec (observed in the
 * conformance suite; see conformance/NOTES.md).
 */

const INT64_MAX = 9223372036854775807n;

/**
 * `Range` numbers are parsed into 64-bit integers by all three browsers: a value beyond
 * 2^63 − 1 fails to parse, so the header is not safelisted (spec: unbounded). Observed:
 * `bytes=0-99999999999999999999` preflights in Chromium 156, Firefox ESR 153 and WebKitGTK 2.50.
 */
export function rangeOverflows(lowerName: string, value: string): boolean {
  if (lowerName !== 'range') return false;
  return (value.match(/[0-9]+/g) ?? []).some((digits) => BigInt(digits) > INT64_MAX);
}

/**
 * WebKit compares the `bytes` unit of `Range` case-insensitively (observed: `Bytes=0-` sends no
 * preflight in WebKitGTK 2.50, while Chromium and Firefox preflight).
 */
export function webkitRangeUnitCaseInsensitive(lowerName: string, value: string): boolean {
  if (lowerName !== 'range' || !/^bytes=/i.test(value) || value.startsWith('bytes=')) return false;
  const r = parseSingleRangeHeaderValue(`bytes=${value.slice(6)}`, false);
  return r !== null && r.start !== null && !rangeOverflows(lowerName, value);
}

/**
 * Chromium re-serializes a `Range` request header it can parse (net::HttpUtil::ParseRangeHeader):
 * unit lower-cased, whitespace and empty list elements removed. Observed: `bytes= 0-500`,
 * `Bytes=0-`, `bytes=,0-500` reach the server as `bytes=0-500`, `bytes=0-`, `bytes=0-500`.
 */
export function chromiumWireRange(value: string): string {
  const compact = value.replace(/[ \t]+/g, '');
  const m = /^bytes=(.*)$/i.exec(compact);
  if (m === null) return value;
  const items = m[1]!.split(',').filter((x) => x !== '');
  if (items.length === 0 || !items.every((x) => /^[0-9]*-[0-9]*$/.test(x) && x !== '-')) return value;
  return `bytes=${items.join(',')}`;
}
