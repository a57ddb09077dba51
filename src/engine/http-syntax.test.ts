import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  byteCaseInsensitiveEquals,
  byteLowercase,
  byteUppercase,
  collectHttpQuotedString,
  compareBytes,
  getDecodeSplit,
  isByteString,
  isHeaderName,
  isHeaderValue,
  isHttpNewline,
  isHttpQuotedStringTokenCodePoint,
  isHttpTabOrSpace,
  isHttpWhitespace,
  isTchar,
  isToken,
  normalizeHeaderValue,
  parseTokenList,
  splitHeaderList,
  trimHttpTabOrSpace,
  trimHttpWhitespace,
  trimTrailingHttpWhitespace,
} from './http-syntax.js';

const RFC9110 = 'RFC 9110 §5.6.2 tchar';
const TCHAR_SPECIALS = "!#$%&'*+-.^_`|~";

describe('isTchar: every code unit 0x00-0x1FF', () => {
  // source: RFC 9110 §5.6.2 — tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
  // "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
  for (let c = 0; c <= 0x1ff; c++) {
    const ch = String.fromCharCode(c);
    const expected = /^[0-9A-Za-z]$/.test(ch) || TCHAR_SPECIALS.includes(ch);
    test(`0x${c.toString(16)} → ${expected} (${RFC9110})`, () => {
      assert.equal(isTchar(c), expected);
    });
  }
});

describe('isToken / isHeaderName', () => {
  const rows: Array<{ input: string; expected: boolean; source: string }> = [
    { input: '', expected: false, source: 'RFC 9110 token = 1*tchar (non-empty)' },
    { input: 'x-foo', expected: true, source: RFC9110 },
    { input: 'X-Foo', expected: true, source: RFC9110 },
    { input: TCHAR_SPECIALS, expected: true, source: RFC9110 },
    { input: '0123456789', expected: true, source: RFC9110 },
    { input: 'GE T', expected: false, source: 'checklist H.50 ACAM `PUT, GE T`' },
    { input: 'bad header', expected: false, source: 'checklist H.50 ACAH `x-foo, bad header`' },
    { input: 'a:b', expected: false, source: RFC9110 },
    { input: 'a,b', expected: false, source: RFC9110 },
    { input: 'a"b', expected: false, source: RFC9110 },
    { input: 'a/b', expected: false, source: RFC9110 },
    { input: 'a\tb', expected: false, source: RFC9110 },
    { input: 'a\u007f', expected: false, source: RFC9110 },
    { input: '\u00e9', expected: false, source: RFC9110 },
    { input: 'a(b)', expected: false, source: RFC9110 },
    { input: '{x}', expected: false, source: RFC9110 },
    { input: '*', expected: true, source: RFC9110 },
  ];
  for (const r of rows) {
    test(`${JSON.stringify(r.input)} → ${r.expected} (${r.source})`, () => {
      assert.equal(isToken(r.input), r.expected);
      assert.equal(isHeaderName(r.input), r.expected);
    });
  }
});

describe('whitespace predicates', () => {
  // source: Fetch #http-tab-or-space, #http-newline-byte, #http-whitespace
  const rows: Array<{ c: number; tabOrSpace: boolean; newline: boolean; ws: boolean }> = [
    { c: 0x09, tabOrSpace: true, newline: false, ws: true },
    { c: 0x20, tabOrSpace: true, newline: false, ws: true },
    { c: 0x0a, tabOrSpace: false, newline: true, ws: true },
    { c: 0x0d, tabOrSpace: false, newline: true, ws: true },
    { c: 0x0b, tabOrSpace: false, newline: false, ws: false }, // VT is not HTTP whitespace
    { c: 0x0c, tabOrSpace: false, newline: false, ws: false }, // FF is ASCII but not HTTP whitespace
    { c: 0x00, tabOrSpace: false, newline: false, ws: false },
    { c: 0xa0, tabOrSpace: false, newline: false, ws: false },
    { c: 0x41, tabOrSpace: false, newline: false, ws: false },
  ];
  for (const r of rows) {
    test(`0x${r.c.toString(16)} (Fetch #http-whitespace)`, () => {
      assert.equal(isHttpTabOrSpace(r.c), r.tabOrSpace);
      assert.equal(isHttpNewline(r.c), r.newline);
      assert.equal(isHttpWhitespace(r.c), r.ws);
    });
  }
});

describe('isHttpQuotedStringTokenCodePoint', () => {
  // source: MIME Sniffing #http-quoted-string-token-code-point: U+0009, U+0020-U+007E, U+0080-U+00FF
  const rows: Array<[number, boolean]> = [
    [0x00, false],
    [0x08, false],
    [0x09, true],
    [0x0a, false],
    [0x1f, false],
    [0x20, true],
    [0x22, true],
    [0x7e, true],
    [0x7f, false],
    [0x80, true],
    [0xff, true],
    [0x100, false],
    [0xfffd, false],
  ];
  for (const [c, expected] of rows) {
    test(`0x${c.toString(16)} → ${expected} (MIME Sniffing)`, () => {
      assert.equal(isHttpQuotedStringTokenCodePoint(c), expected);
    });
  }
});

describe('isByteString', () => {
  // source: WebIDL ByteString
  const rows: Array<[string, boolean]> = [
    ['', true],
    ['abc', true],
    ['\u00ff', true],
    ['\u0100', false],
    ['\u20ac', false],
    ['a\ud83d\ude00', false],
  ];
  for (const [input, expected] of rows) {
    test(`${JSON.stringify(input)} → ${expected} (WebIDL ByteString)`, () => {
      assert.equal(isByteString(input), expected);
    });
  }
});

describe('isHeaderValue', () => {
  // source: Fetch #header-value (checklist A.5)
  const rows: Array<[string, boolean]> = [
    ['', true],
    ['abc', true],
    ['a b', true],
    ['a\tb', true],
    [' abc', false],
    ['abc ', false],
    ['\tabc', false],
    ['abc\t', false],
    [' ', false],
    ['a\u0000b', false],
    ['a\nb', false],
    ['a\rb', false],
    ['\nabc', false], // contains LF
    ['a\u000bb', true], // VT is allowed by the header value definition
    ['\u000babc\u000c', true], // VT/FF are not tab-or-space
    ['a\u007fb', true],
    ['\u00ff', true],
  ];
  for (const [input, expected] of rows) {
    test(`${JSON.stringify(input)} → ${expected} (Fetch #header-value)`, () => {
      assert.equal(isHeaderValue(input), expected);
    });
  }
});

describe('normalizeHeaderValue / trim helpers', () => {
  // source: Fetch #concept-header-value-normalize (checklist A.5)
  const rows: Array<{ input: string; normalized: string; tabOrSpace: string; trailing: string }> = [
    { input: '', normalized: '', tabOrSpace: '', trailing: '' },
    { input: 'abc', normalized: 'abc', tabOrSpace: 'abc', trailing: 'abc' },
    { input: ' \t\r\nabc \r\n\t', normalized: 'abc', tabOrSpace: '\r\nabc \r\n', trailing: ' \t\r\nabc' },
    { input: '  a  b  ', normalized: 'a  b', tabOrSpace: 'a  b', trailing: '  a  b' },
    { input: '\u000babc\u000b', normalized: '\u000babc\u000b', tabOrSpace: '\u000babc\u000b', trailing: '\u000babc\u000b' },
    { input: '\u000cabc\u000c', normalized: '\u000cabc\u000c', tabOrSpace: '\u000cabc\u000c', trailing: '\u000cabc\u000c' },
    { input: '\u00a0abc\u00a0', normalized: '\u00a0abc\u00a0', tabOrSpace: '\u00a0abc\u00a0', trailing: '\u00a0abc\u00a0' },
    { input: ' \t \r\n', normalized: '', tabOrSpace: '\r\n', trailing: '' },
  ];
  for (const r of rows) {
    test(`${JSON.stringify(r.input)} (Fetch normalize / HTTP whitespace)`, () => {
      assert.equal(normalizeHeaderValue(r.input), r.normalized);
      assert.equal(trimHttpWhitespace(r.input), r.normalized);
      assert.equal(trimHttpTabOrSpace(r.input), r.tabOrSpace);
      assert.equal(trimTrailingHttpWhitespace(r.input), r.trailing);
    });
  }
});

describe('byte case helpers', () => {
  // source: Infra #byte-lowercase / #byte-uppercase / #byte-case-insensitive (ASCII only)
  const rows: Array<{ input: string; lower: string; upper: string }> = [
    { input: 'Content-Type', lower: 'content-type', upper: 'CONTENT-TYPE' },
    { input: 'abc-XYZ_09', lower: 'abc-xyz_09', upper: 'ABC-XYZ_09' },
    { input: '\u00c0\u00e0', lower: '\u00c0\u00e0', upper: '\u00c0\u00e0' }, // Latin-1 letters untouched
    { input: '\u212a', lower: '\u212a', upper: '\u212a' }, // KELVIN SIGN is not folded to k
    { input: '\u017f', lower: '\u017f', upper: '\u017f' }, // LONG S is not folded to S
    { input: '@[`{', lower: '@[`{', upper: '@[`{' }, // neighbours of A-Z / a-z
  ];
  for (const r of rows) {
    test(`${JSON.stringify(r.input)} (Infra byte-lowercase/uppercase)`, () => {
      assert.equal(byteLowercase(r.input), r.lower);
      assert.equal(byteUppercase(r.input), r.upper);
    });
  }
  const eqRows: Array<[string, string, boolean]> = [
    ['Authorization', 'authorization', true],
    ['AUTHORIZATION', 'authorization', true],
    ['authorizatio', 'authorization', false],
    ['trac\u212a', 'track', false], // String#toLowerCase would say true
    ['po\u017ft', 'POST', false], // String#toUpperCase would say true
    ['', '', true],
  ];
  for (const [a, b, expected] of eqRows) {
    test(`${JSON.stringify(a)} ~ ${JSON.stringify(b)} → ${expected} (Infra byte-case-insensitive)`, () => {
      assert.equal(byteCaseInsensitiveEquals(a, b), expected);
    });
  }
  test('compareBytes sorts by byte order (Infra byte less than)', () => {
    assert.deepEqual(['x-b', 'X-A', 'x-a', 'a', '-', '~', '0'].sort(compareBytes), ['-', '0', 'X-A', 'a', 'x-a', 'x-b', '~']);
    assert.equal(compareBytes('a', 'a'), 0);
    assert.equal(compareBytes('ab', 'a'), 1);
    assert.equal(compareBytes('a', 'ab'), -1);
  });
});

describe('collectHttpQuotedString', () => {
  // source: Fetch #collect-an-http-quoted-string, example table (example-http-quoted-string)
  const rows: Array<{ input: string; position: number; raw: string; extracted: string; end: number; source: string }> = [
    { input: '"\\', position: 0, raw: '"\\', extracted: '\\', end: 2, source: 'Fetch example row 1' },
    { input: '"Hello" World', position: 0, raw: '"Hello"', extracted: 'Hello', end: 7, source: 'Fetch example row 2' },
    { input: '"Hello \\\\ World\\""', position: 0, raw: '"Hello \\\\ World\\""', extracted: 'Hello \\ World"', end: 18, source: 'Fetch example row 3' },
    { input: 'x="abc";y', position: 2, raw: '"abc"', extracted: 'abc', end: 7, source: 'Fetch algorithm (start offset)' },
    { input: '"unterminated', position: 0, raw: '"unterminated', extracted: 'unterminated', end: 13, source: 'Fetch algorithm (EOF break)' },
    { input: '""', position: 0, raw: '""', extracted: '', end: 2, source: 'Fetch algorithm' },
    { input: '"a\\"b"c', position: 0, raw: '"a\\"b"', extracted: 'a"b', end: 6, source: 'Fetch algorithm (escaped quote)' },
  ];
  for (const r of rows) {
    test(`${JSON.stringify(r.input)}@${r.position} (${r.source})`, () => {
      assert.deepEqual(collectHttpQuotedString(r.input, r.position), { value: r.raw, position: r.end });
      assert.deepEqual(collectHttpQuotedString(r.input, r.position, true), { value: r.extracted, position: r.end });
    });
  }
  test('throws when not at a quote (Fetch assert step 3)', () => {
    assert.throws(() => collectHttpQuotedString('abc', 0));
  });
});

describe('getDecodeSplit', () => {
  // source: Fetch #header-value-get-decode-and-split and its example table
  // (example-header-list-get-decode-split); combined values as "get" would produce them.
  const rows: Array<{ input: string; expected: string[]; source: string }> = [
    { input: 'nosniff,', expected: ['nosniff', ''], source: 'Fetch example `A: nosniff,`' },
    { input: 'nosniff, ', expected: ['nosniff', ''], source: 'Fetch example `A: nosniff` + `A:`' },
    { input: '', expected: [''], source: 'Fetch example `A:`' },
    { input: 'text/html;", x/x', expected: ['text/html;", x/x'], source: 'Fetch example' },
    { input: 'text/html;", x/x', expected: ['text/html;", x/x'], source: 'Fetch example (two headers)' },
    { input: 'x/x;test="hi",y/y', expected: ['x/x;test="hi"', 'y/y'], source: 'Fetch example' },
    { input: 'x/x;test="hi", y/y', expected: ['x/x;test="hi"', 'y/y'], source: 'Fetch example (two headers)' },
    { input: 'x / x,,,1', expected: ['x / x', '', '', '1'], source: 'Fetch example' },
    { input: 'x / x, ,, 1', expected: ['x / x', '', '', '1'], source: 'Fetch example (three headers)' },
    { input: '"1,2", 3', expected: ['"1,2"', '3'], source: 'Fetch example' },
    { input: ' TRACE ,\tGET\t', expected: ['TRACE', 'GET'], source: 'Fetch algorithm (tab-or-space trim)' },
    { input: '"x,TRACE,y"', expected: ['"x,TRACE,y"'], source: 'Fetch algorithm (quoted comma)' },
  ];
  for (const r of rows) {
    test(`${JSON.stringify(r.input)} (${r.source})`, () => {
      assert.deepEqual(getDecodeSplit(r.input), r.expected);
    });
  }
});

describe('splitHeaderList', () => {
  const rows: Array<{ input: string; expected: string[]; source: string }> = [
    { input: ',,x-foo,', expected: ['x-foo'], source: 'checklist H.50 [obs] ACAH `,,x-foo,` passes in all three' },
    { input: ' GET ,  DELETE , ', expected: ['GET', 'DELETE'], source: 'checklist H.50 [obs] ACAM passes in all three' },
    { input: '', expected: [], source: 'RFC 9110 #rule allows an empty list' },
    { input: ' , ,\t,', expected: [], source: 'RFC 9110 #rule empty elements' },
    { input: 'a,b', expected: ['a', 'b'], source: 'RFC 9110 #rule' },
    { input: 'a , b', expected: ['a', 'b'], source: 'RFC 9110 OWS around commas' },
    { input: '\ta\t,\tb\t', expected: ['a', 'b'], source: 'HTTP tab or space trimmed' },
    { input: 'PUT, GE T', expected: ['PUT', 'GE T'], source: 'checklist H.50 (inner space kept)' },
    { input: 'x-foo, bad header', expected: ['x-foo', 'bad header'], source: 'checklist H.50' },
    { input: '*', expected: ['*'], source: 'checklist N wildcard' },
    { input: '"a,b"', expected: ['"a', 'b"'], source: 'no quoted-string handling for token lists (judgement call)' },
    { input: 'a\u000b,b', expected: ['a\u000b', 'b'], source: 'only TAB/SP are trimmed' },
  ];
  for (const r of rows) {
    test(`${JSON.stringify(r.input)} (${r.source})`, () => {
      assert.deepEqual(splitHeaderList(r.input), r.expected);
    });
  }
});

describe('parseTokenList', () => {
  type Expected = ReturnType<typeof parseTokenList>;
  const rows: Array<{ input: string | null; expected: Expected; source: string }> = [
    { input: null, expected: null, source: 'Fetch extract header list values: absent → null' },
    { input: '', expected: { ok: true, values: [] }, source: 'RFC 9110 #rule: empty list is valid' },
    { input: ',,x-foo,', expected: { ok: true, values: ['x-foo'] }, source: 'checklist H.50 [obs]' },
    { input: ' GET ,  DELETE , ', expected: { ok: true, values: ['GET', 'DELETE'] }, source: 'checklist H.50 [obs]' },
    { input: 'PUT, GE T', expected: { ok: false, invalid: 'GE T' }, source: 'checklist H.50 [obs] fails in all three' },
    { input: 'x-foo, bad header', expected: { ok: false, invalid: 'bad header' }, source: 'checklist H.50 [obs] fails in all three' },
    { input: 'a, b c, d e', expected: { ok: false, invalid: 'b c' }, source: 'first offending element' },
    { input: 'x-foo, x-bar, *', expected: { ok: true, values: ['x-foo', 'x-bar', '*'] }, source: 'checklist N' },
    { input: 'X-Foo', expected: { ok: true, values: ['X-Foo'] }, source: 'case preserved' },
    { input: 'x-foo;q=1', expected: { ok: false, invalid: 'x-foo;q=1' }, source: 'RFC 9110 token' },
    { input: 'x-\u00e9', expected: { ok: false, invalid: 'x-\u00e9' }, source: 'RFC 9110 token (non-ASCII)' },
    { input: '"x-foo"', expected: { ok: false, invalid: '"x-foo"' }, source: 'RFC 9110 token (quotes)' },
    { input: 'PUT, DELETE, PUT', expected: { ok: true, values: ['PUT', 'DELETE', 'PUT'] }, source: 'duplicates kept' },
  ];
  for (const r of rows) {
    test(`${JSON.stringify(r.input)} (${r.source})`, () => {
      assert.deepEqual(parseTokenList(r.input), r.expected);
    });
  }
});
