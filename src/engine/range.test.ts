import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSingleRangeHeaderValue, type SingleRange } from './range.js';

const SPEC = 'Fetch #simple-range-header-value';
const WPT = 'WPT cors/cors-safelisted-request-header.any.js';

interface Row {
  input: string;
  /** Result with allowWhitespace = false. */
  strict: SingleRange | null;
  /** Result with allowWhitespace = true. */
  lax: SingleRange | null;
  source: string;
}

const r = (start: number | null, end: number | null): SingleRange => ({ start, end });
const BIG_START = `1${'0'.repeat(60)}`;
const BIG_END = `2${'0'.repeat(60)}`;

const rows: Row[] = [
  // WPT range values (the parse part; safelisting is tested in request-headers.test.ts)
  { input: '100-200', strict: null, lax: null, source: WPT },
  { input: 'MB=100-200', strict: null, lax: null, source: WPT },
  { input: 'bytes=100-200', strict: r(100, 200), lax: r(100, 200), source: WPT },
  { input: 'bytes =100-200', strict: null, lax: r(100, 200), source: WPT },
  { input: 'bytes\t=100-200', strict: null, lax: r(100, 200), source: WPT },
  { input: 'bytes=  100-200', strict: null, lax: r(100, 200), source: WPT },
  { input: 'bytes=\t\t100-200', strict: null, lax: r(100, 200), source: WPT },
  { input: 'bytes= \t100-200', strict: null, lax: r(100, 200), source: WPT },
  { input: 'bytes=100 -200', strict: null, lax: r(100, 200), source: WPT },
  { input: 'bytes=100\t-200', strict: null, lax: r(100, 200), source: WPT },
  { input: 'bytes=100- 200', strict: null, lax: r(100, 200), source: WPT },
  { input: 'bytes=100-\t200', strict: null, lax: r(100, 200), source: WPT },
  { input: 'bytes=100-200hello', strict: null, lax: null, source: WPT },
  { input: 'bytes=abc-def', strict: null, lax: null, source: WPT },
  { input: 'bytes=100-200,300-400', strict: null, lax: null, source: WPT },
  { input: 'bytes=-200', strict: r(null, 200), lax: r(null, 200), source: WPT },
  { input: 'bytes=200-', strict: r(200, null), lax: r(200, null), source: WPT },
  { input: 'bytes=200-100', strict: null, lax: null, source: WPT },
  { input: `bytes=${BIG_START}-${BIG_END}`, strict: r(1e60, 2e60), lax: r(1e60, 2e60), source: WPT },
  { input: 'bytes 100-200', strict: null, lax: null, source: WPT },
  { input: 'bytes = 100-200', strict: null, lax: r(100, 200), source: WPT },
  { input: ',bytes=100-200', strict: null, lax: null, source: WPT },
  { input: 'bytes=,100-200', strict: null, lax: null, source: WPT },
  // Algorithm edges
  { input: 'bytes=0-', strict: r(0, null), lax: r(0, null), source: `${SPEC} note` },
  { input: 'bytes=-500', strict: r(null, 500), lax: r(null, 500), source: `${SPEC} note` },
  { input: 'bytes=0-500', strict: r(0, 500), lax: r(0, 500), source: 'checklist B.7' },
  { input: 'bytes=-', strict: null, lax: null, source: `${SPEC} step 17 (both null)` },
  { input: 'bytes= - ', strict: null, lax: null, source: `${SPEC} step 17 (both null)` },
  { input: 'bytes=5-5', strict: r(5, 5), lax: r(5, 5), source: `${SPEC} step 18 (equal is fine)` },
  { input: 'bytes=6-5', strict: null, lax: null, source: `${SPEC} step 18` },
  { input: 'bytes=007-10', strict: r(7, 10), lax: r(7, 10), source: `${SPEC} (leading zeros, decimal)` },
  { input: 'bytes=10-009', strict: null, lax: null, source: `${SPEC} step 18 (10 > 9)` },
  { input: 'bytes=9-0010', strict: r(9, 10), lax: r(9, 10), source: `${SPEC} step 18 (9 < 10 despite string order)` },
  { input: `bytes=${BIG_END}-${BIG_START}`, strict: null, lax: null, source: `${SPEC} step 18 (huge, start > end)` },
  { input: `bytes=9-${'0'.repeat(40)}1`, strict: null, lax: null, source: `${SPEC} step 18 (9 > 1 with 40 leading zeros)` },
  { input: 'bytes=99999999999999999-100000000000000000', strict: r(Number('99999999999999999'), 1e17), lax: r(Number('99999999999999999'), 1e17), source: `${SPEC} (beyond 2^53: BigInt compare)` },
  { input: 'bytes=100000000000000001-100000000000000000', strict: null, lax: null, source: `${SPEC} (beyond 2^53: equal as doubles, BigInt says start > end)` },
  { input: 'Bytes=0-1', strict: null, lax: null, source: `${SPEC} step 2 (case-sensitive)` },
  { input: 'BYTES=0-1', strict: null, lax: null, source: `${SPEC} step 2 (case-sensitive)` },
  { input: 'bytes', strict: null, lax: null, source: `${SPEC} step 5 (EOF)` },
  { input: 'bytes=', strict: null, lax: null, source: `${SPEC} step 11 (EOF)` },
  { input: 'bytes=0', strict: null, lax: null, source: `${SPEC} step 11` },
  { input: 'bytes=0-1 ', strict: null, lax: null, source: `${SPEC} step 16 (trailing space even with allowWhitespace)` },
  { input: ' bytes=0-1', strict: null, lax: null, source: `${SPEC} step 2 (leading space)` },
  { input: 'bytes=0--1', strict: null, lax: null, source: `${SPEC} step 16` },
  { input: 'bytes=+1-2', strict: null, lax: null, source: `${SPEC} (ASCII digits only)` },
  { input: 'bytes=1.5-2', strict: null, lax: null, source: `${SPEC} (ASCII digits only)` },
  { input: 'bytes=\u0661-2', strict: null, lax: null, source: `${SPEC} (ASCII digits only, not Arabic-Indic)` },
  { input: 'bytes\u000b=0-1', strict: null, lax: null, source: `${SPEC} (only tab-or-space skipped)` },
  { input: 'bytes=0-1\n', strict: null, lax: null, source: `${SPEC} step 16` },
  { input: 'bytesx=0-1', strict: null, lax: null, source: `${SPEC} step 5` },
];

describe('parseSingleRangeHeaderValue', () => {
  for (const row of rows) {
    test(`${JSON.stringify(row.input).slice(0, 70)} (${row.source})`, () => {
      assert.deepEqual(parseSingleRangeHeaderValue(row.input, false), row.strict, 'allowWhitespace=false');
      assert.deepEqual(parseSingleRangeHeaderValue(row.input, true), row.lax, 'allowWhitespace=true');
    });
  }
  test('values past Number range become Infinity but still compare exactly (judgement call)', () => {
    const huge = '9'.repeat(400);
    assert.deepEqual(parseSingleRangeHeaderValue(`bytes=1-${huge}`, false), { start: 1, end: Infinity });
    assert.equal(parseSingleRangeHeaderValue(`bytes=${huge}9-${huge}`, false), null);
  });
});
