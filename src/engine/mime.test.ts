import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMimeType, type MimeType } from './mime.js';

/**
 * MIME Sniffing "serialize a MIME type" (https://mimesniff.spec.whatwg.org/#serialize-a-mime-type),
 * test-only, so rows can be transcribed verbatim from WPT mime-types.json.
 */
function serialize(m: MimeType): string {
  let out = m.essence;
  for (const [name, rawValue] of m.parameters) {
    let value = rawValue;
    if (value === '' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(value)) {
      value = `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
    }
    out += `;${name}=${value}`;
  }
  return out;
}

const WPT = 'WPT mimesniff/mime-types/resources/mime-types.json';
const TOKEN_ALL = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvxyz";
const TOKEN_ALL_LOWER = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvxyz";
let latin1 = '';
for (let c = 0x80; c <= 0xff; c++) latin1 += String.fromCharCode(c);
const ASCII_PRINTABLE = " !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
const DIGITS_130 = '0123456789'.repeat(13);

const serializedRows: Array<{ input: string; output: string | null; source: string }> = [
  // Basics
  { input: 'text/html;charset=gbk', output: 'text/html;charset=gbk', source: WPT },
  { input: 'TEXT/HTML;CHARSET=GBK', output: 'text/html;charset=GBK', source: WPT },
  // Legacy comment syntax
  { input: 'text/html;charset=gbk(', output: 'text/html;charset="gbk("', source: WPT },
  { input: 'text/html;x=(;charset=gbk', output: 'text/html;x="(";charset=gbk', source: WPT },
  // Duplicate parameter
  { input: 'text/html;charset=gbk;charset=windows-1255', output: 'text/html;charset=gbk', source: WPT },
  { input: 'text/html;charset=gbk;CHARSET=windows-1255', output: 'text/html;charset=gbk', source: 'MIME Sniffing 11.10 (names lower-cased before the exists test)' },
  // Spaces
  { input: 'text/html;charset =gbk', output: 'text/html', source: WPT },
  { input: 'text/html ;charset=gbk', output: 'text/html;charset=gbk', source: WPT },
  { input: 'text/html; charset=gbk', output: 'text/html;charset=gbk', source: WPT },
  { input: 'text/html;charset= gbk', output: 'text/html;charset=" gbk"', source: WPT },
  // Single quotes are a token, not a delimiter
  { input: "text/html;charset='gbk'", output: "text/html;charset='gbk'", source: WPT },
  { input: "text/html;charset='gbk", output: "text/html;charset='gbk", source: WPT },
  { input: "text/html;charset=gbk'", output: "text/html;charset=gbk'", source: WPT },
  // Invalid parameters
  { input: 'text/html;test;charset=gbk', output: 'text/html;charset=gbk', source: WPT },
  { input: 'text/html;test=;charset=gbk', output: 'text/html;charset=gbk', source: WPT },
  { input: "text/html;';charset=gbk", output: 'text/html;charset=gbk', source: WPT },
  { input: 'text/html;";charset=gbk', output: 'text/html;charset=gbk', source: WPT },
  { input: 'text/html ; ; charset=gbk', output: 'text/html;charset=gbk', source: WPT },
  { input: 'text/html;;;;charset=gbk', output: 'text/html;charset=gbk', source: WPT },
  // Double quotes
  { input: 'text/html;charset="gbk"', output: 'text/html;charset=gbk', source: WPT },
  { input: 'text/html;charset="gbk', output: 'text/html;charset=gbk', source: WPT },
  { input: 'text/html;charset=gbk"', output: 'text/html;charset="gbk\\""', source: WPT },
  { input: 'text/html;charset=" gbk"', output: 'text/html;charset=" gbk"', source: WPT },
  { input: 'text/html;charset="\\ gbk"', output: 'text/html;charset=" gbk"', source: WPT },
  { input: 'text/html;charset="\\g\\b\\k"', output: 'text/html;charset=gbk', source: WPT },
  { input: 'text/html;charset="gbk"x', output: 'text/html;charset=gbk', source: WPT },
  { input: 'text/html;charset="shift_jis"iso-2022-jp', output: 'text/html;charset=shift_jis', source: 'MIME Sniffing example-mime-type-parser-trailing-garbage' },
  { input: 'text/html;charset=""', output: 'text/html;charset=""', source: 'MIME Sniffing 11.8 (empty quoted value is kept)' },
  // Unexpected code points
  { input: 'text/html;charset={gbk}', output: 'text/html;charset="{gbk}"', source: WPT },
  // Parameter name longer than 127
  { input: `text/html;${DIGITS_130}=x;charset=gbk`, output: `text/html;${DIGITS_130}=x;charset=gbk`, source: WPT },
  // type/subtype longer than 127
  { input: `${DIGITS_130}/${DIGITS_130}`, output: `${DIGITS_130}/${DIGITS_130}`, source: WPT },
  // Valid
  {
    input: `${TOKEN_ALL}/${TOKEN_ALL};${TOKEN_ALL}=${TOKEN_ALL}`,
    output: `${TOKEN_ALL_LOWER}/${TOKEN_ALL_LOWER};${TOKEN_ALL_LOWER}=${TOKEN_ALL}`,
    source: WPT,
  },
  { input: `x/x;x="${ASCII_PRINTABLE}${latin1}"`, output: `x/x;x="${ASCII_PRINTABLE}${latin1}"`, source: WPT },
  // End-of-file handling
  { input: 'x/x;test', output: 'x/x', source: WPT },
  { input: 'x/x;test="\\', output: 'x/x;test="\\\\"', source: WPT },
  // Latin1
  { input: 'text/html;test=\u00ff;charset=gbk', output: 'text/html;test="\u00ff";charset=gbk', source: WPT },
  // >Latin1
  { input: 'x/x;test=\ufffd;x=x', output: 'x/x;x=x', source: WPT },
  // Failure
  { input: '', output: null, source: WPT },
  { input: '\t', output: null, source: WPT },
  { input: 'bogus', output: null, source: WPT },
  { input: 'bogus/', output: null, source: WPT },
  { input: 'bogus/ ', output: null, source: WPT },
  { input: 'bogus/bogus/;', output: null, source: WPT },
  { input: '</>', output: null, source: WPT },
  { input: '(/)', output: null, source: WPT },
  { input: 'text/html(;doesnot=matter', output: null, source: WPT },
  { input: '{/}', output: null, source: WPT },
  { input: '\u0100/\u0100', output: null, source: WPT },
  // Extra edge cases from the algorithm text
  { input: ' \t\r\ntext/plain\r\n\t ', output: 'text/plain', source: 'MIME Sniffing step 1 (HTTP whitespace trimmed)' },
  { input: '\u000ctext/plain', output: null, source: 'MIME Sniffing step 1 (FF is not HTTP whitespace)' },
  { input: 'text/plain\u000c', output: null, source: 'MIME Sniffing step 8/9 (FF not trimmed, not a token)' },
  { input: 'text/plain\u000b', output: null, source: 'WPT cors-safelisted-request-header (VT)' },
  { input: 'text /plain', output: null, source: 'WPT cors-safelisted-request-header (space before /)' },
  { input: 'text/ plain', output: null, source: 'MIME Sniffing step 7/9 (leading space kept in subtype)' },
  { input: 'text\t/\tplain', output: null, source: 'WPT cors-safelisted-request-header' },
  { input: 'text/plain ;x=y', output: 'text/plain;x=y', source: 'MIME Sniffing step 8' },
  { input: 'text/plain\t;x=y', output: 'text/plain;x=y', source: 'MIME Sniffing step 8' },
  { input: 'text/plain;', output: 'text/plain', source: 'WPT cors-safelisted-request-header' },
  { input: 'text/plain;garbage', output: 'text/plain', source: 'WPT cors-safelisted-request-header' },
  { input: 'text/plain,', output: null, source: 'WPT cors-safelisted-request-header' },
  { input: ',text/plain', output: null, source: 'WPT cors-safelisted-request-header' },
  { input: 'text/plain,text/plain', output: null, source: 'WPT cors-safelisted-request-header' },
  { input: 'text/plain,x/x', output: null, source: 'WPT cors-safelisted-request-header' },
  { input: '/plain', output: null, source: 'MIME Sniffing step 4 (empty type)' },
  { input: 'text/', output: null, source: 'MIME Sniffing step 9 (empty subtype)' },
  { input: 'text/;x=y', output: null, source: 'MIME Sniffing step 9 (empty subtype)' },
  { input: 'text', output: null, source: 'MIME Sniffing step 5' },
  { input: 'a/b/c', output: null, source: 'MIME Sniffing step 9 (/ not a token code point)' },
  { input: 'Text/Plain;Charset=UTF-8', output: 'text/plain;charset=UTF-8', source: 'MIME Sniffing step 10/11.4 (value case kept)' },
  { input: 'text/plain;x=y  ;z=w', output: 'text/plain;x=y;z=w', source: 'MIME Sniffing 11.9.2 (trailing ws removed)' },
  { input: 'text/plain;x="a;b";y=c', output: 'text/plain;x="a;b";y=c', source: 'MIME Sniffing 11.8 (; inside quotes)' },
  { input: 'text/plain;x="a\\"b"', output: 'text/plain;x="a\\"b"', source: 'MIME Sniffing 11.8 (escaped quote)' },
  { input: 'text/plain;x=a\u0001b', output: 'text/plain', source: 'MIME Sniffing 11.10 (control code not a quoted-string token code point)' },
  { input: 'text/plain;x="\u0001"', output: 'text/plain', source: 'MIME Sniffing 11.10' },
  { input: 'text/plain;x=a\tb', output: 'text/plain;x="a\tb"', source: 'MIME Sniffing 11.10 (TAB allowed)' },
  { input: 'text/plain;x\u00e9=1', output: 'text/plain', source: 'MIME Sniffing 11.10 (name must be token)' },
  { input: 'text/plain;=1', output: 'text/plain', source: 'MIME Sniffing 11.10 (empty name)' },
  { input: 'text/plain;x=', output: 'text/plain', source: 'MIME Sniffing 11.6 (EOF after =)' },
  { input: 'application/x-www-form-urlencoded;\u007f', output: 'application/x-www-form-urlencoded', source: 'WPT cors-safelisted-request-header (DEL param ignored by the parser)' },
  { input: 'multipart/form-data;"', output: 'multipart/form-data', source: 'WPT cors-safelisted-request-header' },
  { input: 'text/plain;garbage\u0001\u0002', output: 'text/plain', source: 'WPT cors-safelisted-request-header' },
];

describe('parseMimeType (MIME Sniffing #parse-a-mime-type)', () => {
  for (const r of serializedRows) {
    test(`${JSON.stringify(r.input).slice(0, 80)} → ${JSON.stringify(r.output)?.slice(0, 60)} (${r.source})`, () => {
      const m = parseMimeType(r.input);
      if (r.output === null) {
        assert.equal(m, null);
      } else {
        assert.notEqual(m, null);
        assert.equal(serialize(m as MimeType), r.output);
      }
    });
  }

  test('record fields: type, subtype, essence, parameters (MIME Sniffing #mime-type-representation)', () => {
    const m = parseMimeType('  Multipart/Form-Data ; Boundary="a b" ; x=1 ; boundary=dup ');
    assert.ok(m);
    assert.equal(m.type, 'multipart');
    assert.equal(m.subtype, 'form-data');
    assert.equal(m.essence, 'multipart/form-data');
    assert.deepEqual([...m.parameters], [
      ['boundary', 'a b'],
      ['x', '1'],
    ]);
  });
});
