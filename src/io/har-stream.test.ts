// The streaming HAR scanner: same entries as JSON.parse at every chunk size, and one precise line
// (what, byte offset, JSON path) for every kind of malformed file.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HarFormatError, HarScanner, readHarStream } from './har-stream.js';

const tmp = mkdtempSync(join(tmpdir(), 'corsight-har-stream-'));
function file(name: string, content: string): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

async function collect(path: string, chunkSize?: number): Promise<{ pages: unknown[]; entries: unknown[]; version: string | null }> {
  const pages: unknown[] = [];
  const entries: unknown[] = [];
  const h = await readHarStream(path, { page: (p) => pages.push(p), entry: (e) => entries.push(e) }, { chunkSize });
  return { pages, entries, version: h.version };
}

const FIXTURES = ['test/har/chromium-failures.har', 'test/har/firefox-failures.har'];

for (const f of FIXTURES) {
  test(`${f}: the streamed entries equal JSON.parse's, at chunk sizes 13 and 64 KiB`, async () => {
    const whole = JSON.parse(readFileSync(f, 'utf8')) as { log: { entries: unknown[]; pages: unknown[] } };
    for (const size of [13, 65536]) {
      const got = await collect(f, size);
      assert.equal(got.version, '1.2');
      assert.deepEqual(got.entries, whole.log.entries, `chunk size ${size}`);
      assert.deepEqual(got.pages, whole.log.pages);
    }
  });
}

test('strings with escaped quotes, backslashes, brackets and multi-byte text cross chunk boundaries', async () => {
  const entry = { request: { url: 'http://a.test/"]}\\', headers: [{ name: 'X', value: '\\"{[é😀' }] }, response: { status: 200, headers: [] } };
  const doc = JSON.stringify({ log: { version: '1.2', creator: { name: 'x' }, entries: [entry, entry] } }, null, 1);
  const p = file('escapes.har', doc);
  for (const size of [1, 2, 3, 5]) assert.deepEqual((await collect(p, size)).entries, [entry, entry]);
});

test('pages after entries, unknown members, a BOM and empty arrays are read', async () => {
  const p = file('order.har', '\uFEFF{"log":{"_x":{"a":[1,{"b":"]"}]},"entries":[{"n":1}],"comment":"c","pages":[{"id":"p"}],"version":"1.2","creator":{}}}');
  const got = await collect(p, 3);
  assert.deepEqual(got.entries, [{ n: 1 }]);
  assert.deepEqual(got.pages, [{ id: 'p' }]);
  const empty = file('empty-entries.har', '{"log":{"version":"1.2","creator":{},"pages":[],"entries":[]}}');
  assert.deepEqual((await collect(empty)).entries, []);
});

/** Malformed files: the error names what is wrong and where. */
const MALFORMED: [name: string, content: string, message: RegExp][] = [
  ['empty file', '', /empty file/],
  ['not JSON', 'hello', /not a HAR file: expected a JSON object, found 'h' \(at byte 0, \$\)/],
  ['an array', '[1]', /expected a JSON object, found an array/],
  ['no log', '{"foo":1}', /no "log"/],
  ['log not an object', '{"log":[]}', /log must be an object, found an array/],
  ['entries not an array', '{"log":{"version":"1.2","entries":{}}}', /log\.entries must be an array, found an object \(at byte 34, \$\.log\.entries\)/],
  ['entries missing', '{"log":{"version":"1.2","pages":[]}}', /log\.entries is missing/],
  ['entry not an object', '{"log":{"version":"1.2","entries":[{},"x"]}}', /log\.entries\[1\] must be an object, found a string/],
  ['entry with invalid JSON inside', '{"log":{"version":"1.2","entries":[{"a":1},{"request":{"url":tru}}]}}', /invalid JSON in \$\.log\.entries\[1\]: .* \(at byte \d+\)/],
  ['truncated inside an entry', '{"log":{"version":"1.2","entries":[{"a":1},{"request":{"url":"http://a', /^truncated file: it ends at byte 70 inside log\.entries\[1\], which starts at byte 43$/],
  ['truncated after entries', '{"log":{"version":"1.2","entries":[{"a":1}]', /^truncated file: it ends at byte 43 inside log$/],
  ['trailing comma in entries', '{"log":{"version":"1.2","entries":[{},]}}', /trailing comma before '\]' in log\.entries \(at byte 38, \$\.log\.entries\[1\]\)/],
  ['missing comma', '{"log":{"version":"1.2" "entries":[]}}', /expected ',' or '}' after property "version", found '"' \(at byte 24/],
  ['garbage after the document', '{"log":{"version":"1.2","entries":[]}} x', /unexpected 'x' after the end of the HAR document/],
  ['version not a string', '{"log":{"version":1.2,"entries":[]}}', /log\.version must be a string, got number 1\.2/],
];

for (const [name, content, message] of MALFORMED) {
  test(`malformed: ${name}`, async () => {
    const p = file(`${name.replace(/\W+/g, '-')}.har`, content);
    for (const size of [1, 4096]) {
      await assert.rejects(collect(p, size), (e: unknown) => {
        assert.ok(e instanceof HarFormatError, `HarFormatError, got ${String(e)}`);
        assert.match(e.message, message);
        assert.ok(!e.message.includes('\n'), 'one line');
        return true;
      });
    }
  });
}

test('byte offsets count UTF-8 bytes, not UTF-16 code units', () => {
  const s = new HarScanner({});
  // "é" is 2 bytes, "😀" 4: the bad token is at byte 2 + 1 + 2 + 4 + 2 = ...
  const text = '{"log":{"comment":"é😀","version":"1.2","entries":[] x';
  assert.throws(() => {
    s.push(text);
    s.finish();
  }, (e: unknown) => e instanceof HarFormatError && e.offset === Buffer.byteLength(text.slice(0, text.indexOf('x'))));
});

test('skipEntries: a pages-only pass parses no entry', async () => {
  const p = file('skip.har', '{"log":{"version":"1.2","entries":[{"a":1},{"b":[1,2,"]"]}],"pages":[{"id":"x"}]}}');
  const entries: unknown[] = [];
  const pages: unknown[] = [];
  await readHarStream(p, { entry: (e) => entries.push(e), page: (pg) => pages.push(pg) }, { skipEntries: true, chunkSize: 2 });
  assert.deepEqual(entries, []);
  assert.deepEqual(pages, [{ id: 'x' }]);
});

test('strings over 1 MiB inside an entry (response bodies) are dropped while reading, escapes and all', async () => {
  // Backslash runs and escaped quotes land on every chunk boundary at some chunk size.
  const body = `${'a\\"b\\\\'.repeat(200000)}\\\\`; // 1.2 M characters of JSON-escaped text
  const big = { request: { url: 'http://a.test/big' }, response: { status: 200, content: { size: 3, text: 'PLACEHOLDER', mimeType: 'text/plain' }, after: ['x', { y: '"]}' }] } };
  const small = { request: { url: 'http://a.test/next' }, response: { content: { text: 'kept' } } };
  const doc = JSON.stringify({ log: { version: '1.2', creator: {}, entries: [big, small] } }).replace('"PLACEHOLDER"', `"${body}"`);
  const p = file('huge-string.har', doc);
  const expected = [{ ...big, response: { ...big.response, content: { ...big.response.content, text: '' } } }, small];
  for (const size of [4093, 65536, 1 << 20, 4 << 20]) assert.deepEqual((await collect(p, size)).entries, expected, `chunk size ${size}`);
  // Truncated inside the dropped string: the error still names the entry and where it starts.
  const cut = file('huge-truncated.har', doc.slice(0, 1150000));
  await assert.rejects(collect(cut, 65536), { message: 'truncated file: it ends at byte 1150000 inside log.entries[0], which starts at byte 48' });
});
