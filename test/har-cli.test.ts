// `corsight har` as users meet it: exit codes, one-line errors, --json shape, --browser, colors,
// and the human report of the recorded Chromium fixture as a golden file (colour off).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, tempDir } from './support/check-helpers.js';

const { dir: tmp, file } = tempDir('corsight-har-cli-');

const CHROMIUM = 'test/har/chromium-failures.har';
const har = (entries: unknown[]): string => JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [{ id: 'page_1', title: 'http://app.test/' }], entries } });
const ALLOWED = har([{
  pageref: 'page_1', _resourceType: 'fetch',
  request: { method: 'GET', url: 'http://api.test/x', headers: [{ name: 'Origin', value: 'http://app.test' }] },
  response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
}]);

test('har: exit 1 when a request is blocked, 0 when all are allowed or there are none', async () => {
  assert.equal((await cli(['har', CHROMIUM])).code, 1);
  const ok = await cli(['har', file('ok.har', ALLOWED)]);
  assert.equal(ok.code, 0);
  assert.match(ok.out, /1 cross-origin request: 1 allowed, 0 blocked/);
  const none = await cli(['har', file('none.har', har([]))]);
  assert.equal(none.code, 0);
  assert.match(none.out, /no cross-origin fetch\/XHR requests in this HAR/);
  const noneJson = JSON.parse((await cli(['har', '--json', file('none2.har', har([]))])).out) as { requests: unknown[] };
  assert.deepEqual(noneJson.requests, []);
  const oneJson = JSON.parse((await cli(['har', '--json', file('ok2.har', ALLOWED)])).out) as { requests: unknown[] };
  assert.equal(oneJson.requests.length, 1);
});

test('har: bad input is one line on stderr and exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [['har'], /har needs exactly one FILE\.har/],
    [['har', join(tmp, 'missing.har')], /missing\.har: no such file$/],
    [['har', tmp], /: is a directory$/],
    [['har', file('trunc.har', ALLOWED.slice(0, 150))], /trunc\.har: truncated file: it ends at byte 150 inside log\.entries\[0\], which starts at byte \d+$/],
    [['har', file('text.har', 'GET / HTTP/1.1')], /text\.har: not a HAR file: expected a JSON object, found 'G' \(at byte 0, \$\)$/],
    [['har', file('v2.har', ALLOWED.replace('"1.2"', '"2.0"'))], /v2\.har: unsupported HAR version '2\.0' at \$\.log\.version/],
    [['har', file('obj.har', '{"log":{"version":"1.2","entries":{}}}')], /log\.entries must be an array, found an object/],
    [['har', file('nourl.har', har([{ request: { method: 'GET', headers: [] }, response: { status: 0, headers: [] } }]))], /nourl\.har: \$\.log\.entries\[0\]\.request\.url: missing$/],
    [['har', '--browser', 'opera', CHROMIUM], /unknown browser 'opera'/],
  ];
  for (const [argv, re] of cases) {
    const r = await cli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.out, '', argv.join(' '));
    assert.match(r.err.trimEnd(), re);
    assert.equal(r.err.trimEnd().split('\n').length, 1, `one line: ${r.err}`);
    assert.doesNotMatch(r.err, /at .*\.ts:\d+/);
  }
});

test('har --json: one object; per request the pairing and the simulate --json per-browser shape', async () => {
  const r = await cli(['har', '--json', '--browser', 'chromium,firefox', CHROMIUM]);
  assert.equal(r.code, 1);
  const doc = JSON.parse(r.out) as Record<string, unknown> & { requests: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(doc), ['file', 'requests', 'har', 'stats', 'summary']);
  assert.deepEqual(doc['har'], { version: '1.2', creator: 'WebInspector 537.36', recordedBy: 'chromium', pages: 1 });
  assert.deepEqual(doc['summary'], { requests: 11, blocked: 9, allowed: 2, agreesWithHar: 11, differsFromHar: 0 });
  assert.equal(doc.requests.length, 11);
  const req = doc.requests.find((x) => String(x['url']).endsWith('/auth'))!;
  for (const k of ['entry', 'method', 'url', 'api', 'resourceType', 'page', 'pageSource', 'credentials', 'credentialsSource', 'hops', 'recorded', 'agrees', 'notes', 'name', 'browsers']) assert.ok(k in req, k);
  const hops = req['hops'] as { preflight: { pairing: string; entry: number } }[];
  assert.equal(hops[0]!.preflight.pairing, 'recorded');
  const browsers = req['browsers'] as Record<string, { runs: Record<string, unknown>[] }>;
  assert.deepEqual(Object.keys(browsers), ['chromium', 'firefox']);
  const run = browsers['chromium']!.runs[0]!;
  for (const k of ['outcome', 'status', 'type', 'exposedHeaders', 'jsError', 'code', 'console', 'sent', 'preflightCached', 'cause', 'fix']) assert.ok(k in run, k);
  assert.equal(run['code'], 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE');
  assert.match((run['console'] as string[])[0]!, /Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response\.$/);
});

test('har: NO_COLOR and pipes give plain text, --color forces ANSI', async () => {
  assert.doesNotMatch((await cli(['har', CHROMIUM], { NO_COLOR: '1' }, true)).out, /\u001b\[/);
  assert.doesNotMatch((await cli(['har', CHROMIUM])).out, /\u001b\[/);
  assert.match((await cli(['har', '--color', CHROMIUM])).out, /\u001b\[31mblocked/);
});

test('har --browser webkit: one verdict column', async () => {
  const r = await cli(['har', '--browser', 'webkit', CHROMIUM]);
  assert.match(r.out, /^ {2}# +METHOD +webkit +HAR +URL +CODE$/m);
  assert.doesNotMatch(r.out, /chromium +blocked/);
});

test('har: the human report of the Chromium fixture (golden file; UPDATE_GOLDEN=1 rewrites it)', async () => {
  const r = await cli(['har', CHROMIUM]);
  const golden = 'test/har/chromium-failures.txt';
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, r.out);
  assert.equal(r.out, readFileSync(golden, 'utf8'));
});
