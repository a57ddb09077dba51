// The CLI as users meet it: exit codes, one-line errors (never a stack trace), --json shape, colors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, tempDir } from './support/check-helpers.js';

const { dir: tmp, file } = tempDir('corsight-cli-');

const ALLOWED = JSON.stringify({
  name: 'ok', page: 'http://a.test/', request: { url: 'http://b.test/x' },
  server: [{ url: 'http://b.test/x', headers: [['Access-Control-Allow-Origin', '*']] }],
});
const BLOCKED = JSON.stringify({ name: 'no-acao', page: 'http://a.test/', request: { url: 'http://b.test/x' }, server: [{ url: 'http://b.test/x' }] });

test('simulate: exit 0 when allowed in every browser, 1 when blocked in one', async () => {
  assert.equal((await cli(['simulate', file('ok.json', ALLOWED)])).code, 0);
  assert.equal((await cli(['simulate', file('blocked.json', BLOCKED)])).code, 1);
});

test('simulate --json: one element per file with the documented run fields', async () => {
  const r = await cli(['simulate', '--json', '--browser', 'chromium', file('b2.json', BLOCKED)]);
  const doc = JSON.parse(r.out) as { file: string; name: string; browsers: Record<string, { runs: Record<string, unknown>[] }> }[];
  assert.equal(doc.length, 1);
  assert.equal(doc[0]!.name, 'no-acao');
  assert.deepEqual(Object.keys(doc[0]!.browsers), ['chromium']);
  const runItem = doc[0]!.browsers['chromium']!.runs[0]!;
  for (const k of ['outcome', 'status', 'type', 'exposedHeaders', 'jsError', 'code', 'console', 'sent', 'cause', 'fix']) {
    assert.ok(k in runItem, `run has ${k}`);
  }
  assert.equal(runItem['code'], 'MISSING_ALLOW_ORIGIN_HEADER');
  assert.deepEqual(runItem['console'], [
    "Access to fetch at 'http://b.test/x' from origin 'http://a.test' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
  ]);
});

test('bad input: one line on stderr, exit 2, for every kind of mistake', async () => {
  const cases: [string[], RegExp][] = [
    [['simulate', join(tmp, 'missing.json')], /missing\.json: no such file/],
    [['simulate', file('bad.json', '{ "page": ')], /bad\.json: invalid JSON/],
    [['simulate', file('schema.json', JSON.stringify({ page: 'http://a.test/', request: { url: 1, methd: 'GET' } }))], /\$\.request\.url: expected a string/],
    [['simulate', '--browser', 'opera', file('ok2.json', ALLOWED)], /unknown browser 'opera'/],
    [['simulate'], /needs at least one scenario FILE/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['simulate', '--nope', 'x.json'], /Unknown option '--nope'/],
  ];
  for (const [argv, re] of cases) {
    const r = await cli(argv);
    assert.equal(r.code, 2, `${argv.join(' ')} exits 2`);
    assert.match(r.err, re);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});

test('schema errors are all reported, each with its JSON path', async () => {
  const r = await cli(['simulate', file('many.json', JSON.stringify({ page: 3, request: { url: 'x', mode: 'sideways' }, extra: 1 }))]);
  assert.equal(r.code, 2);
  assert.match(r.err, /\$\.page/);
  assert.match(r.err, /\$\.request\.mode/);
  assert.match(r.err, /\$\.extra/);
});

test('colors: ANSI on a terminal, none with NO_COLOR or when piped', async () => {
  const f = file('c.json', BLOCKED);
  assert.match((await cli(['simulate', f], {}, true)).out, /\u001b\[/);
  assert.doesNotMatch((await cli(['simulate', f], { NO_COLOR: '1' }, true)).out, /\u001b\[/);
  assert.doesNotMatch((await cli(['simulate', f], {}, false)).out, /\u001b\[/);
});

test('human output shows the verdict, the browser words and a literal help: header line', async () => {
  const r = await cli(['simulate', '--browser', 'firefox', file('h.json', BLOCKED)]);
  assert.match(r.out, /firefox\s+blocked/);
  assert.match(r.out, /Reason: CORS header ‘Access-Control-Allow-Origin’ missing\)\. Status code: 200\./);
  assert.match(r.out, /help: add to the response to http:\/\/b\.test\/x:\n\s+Access-Control-Allow-Origin: http:\/\/a\.test/);
});

test('the installed bin runs (npx corsight --help)', () => {
  const r = spawnSync(process.execPath, ['bin/corsight.js', '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /corsight simulate FILE/);
});

test('explain: a pasted Chromium message gives browser, meaning and the literal header', async () => {
  const msg = "Access to fetch at 'http://localhost:8080/api' from origin 'http://localhost:3000' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'http://localhost:3000/' that is not equal to the supplied origin. Have the server send the header with a valid value.";
  const r = await cli(['explain', msg]);
  assert.equal(r.code, 0);
  assert.match(r.out, /Chromium/);
  assert.match(r.out, /trailing slash/);
  assert.match(r.out, /Access-Control-Allow-Origin: http:\/\/localhost:3000\n/);
});

test('explain: Firefox and Safari pastes are recognized; --json carries the code', async () => {
  const ff = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://localhost:8080/api. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.';
  const j = JSON.parse((await cli(['explain', '--json', ff])).out) as { messages: { browser: string; code: string }[] };
  assert.deepEqual(j.messages.map((m) => [m.browser, m.code]), [['firefox', 'MISSING_ALLOW_ORIGIN_HEADER']]);
  const safari = '[Error] Preflight response is not successful. Status code: 403';
  const s = await cli(['explain', safari]);
  assert.equal(s.code, 0);
  assert.match(s.out, /Safari/);
  assert.match(s.out, /PREFLIGHT_INVALID_STATUS/);
});

test('explain: unknown text is one line, exit 2; a code prints its long explanation', async () => {
  const r = await cli(['explain', 'the build failed for unrelated reasons']);
  assert.equal(r.code, 2);
  assert.equal(r.err.trim().split('\n').length, 1);
  assert.match(r.err, /not a CORS message corsight knows/);
  const c = await cli(['explain', 'PREFLIGHT_INVALID_STATUS']);
  assert.equal(c.code, 0);
  assert.match(c.out, /^PREFLIGHT_INVALID_STATUS: /);
  const bad = await cli(['explain', 'NOT_A_CODE']);
  assert.equal(bad.code, 2);
});
