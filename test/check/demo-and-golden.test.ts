// The demo (`corsight demo`, `npm start`) and golden files of the human output (NO_COLOR).
// Update the golden files after an intended change with: UPDATE_GOLDEN=1 npm test
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startDemoServer, type DemoServer } from '../../src/io/demo-server.js';
import { cli, normalize } from '../support/check-helpers.js';

const GOLDEN = join(import.meta.dirname, 'golden');

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  const text = normalize(actual);
  if (process.env['UPDATE_GOLDEN'] || !existsSync(file)) {
    writeFileSync(file, text);
    if (!process.env['UPDATE_GOLDEN']) assert.fail(`golden file ${name} was missing and has been written; review and commit it`);
    return;
  }
  assert.equal(text, readFileSync(file, 'utf8'), `output differs from test/check/golden/${name} (UPDATE_GOLDEN=1 to accept)`);
}

let demo: DemoServer;
before(async () => { demo = await startDemoServer(); });
after(() => demo.close());

const ep = (id: string) => demo.endpoints.find((e) => e.id === id)!;

test('golden: demo --once (every endpoint checked, diagnoses, summary)', async () => {
  const r = await cli(['demo', '--once', '--port', '0']);
  assert.equal(r.code, 0, r.err);
  golden('demo.txt', r.out);
});

test('golden: check --verbose on the OPTIONS-404 endpoint', async () => {
  const r = await cli(['check', demo.urlOf(ep('options-404')), '--origin', 'http://localhost:3000', '-X', 'PUT', '-H', 'Content-Type: application/json', '--data', '{"name":"mug"}', '--verbose']);
  assert.equal(r.code, 1);
  golden('check-options-404-verbose.txt', r.out);
});

test('golden: check on the correct endpoint, Firefox only', async () => {
  const r = await cli(['check', demo.urlOf(ep('correct')), '--origin', 'http://localhost:3000', '-X', 'PUT', '-H', 'Authorization: Bearer x', '--credentials', 'include', '--browser', 'firefox']);
  assert.equal(r.code, 0);
  golden('check-correct-firefox.txt', r.out);
});

test('demo --json: every endpoint behaves as the demo says; the documented shape', async () => {
  const r = await cli(['demo', '--json', '--port', '0']);
  assert.equal(r.code, 0);
  const doc = JSON.parse(r.out) as { url: string; endpoints: { id: string; command: string; expect: string; asExpected: boolean; result: { browsers: Record<string, unknown>; findings: { code: string }[] } }[] };
  assert.equal(doc.endpoints.length, 9);
  for (const e of doc.endpoints) {
    assert.ok(e.asExpected, e.id);
    assert.deepEqual(Object.keys(e.result.browsers), ['chromium', 'firefox', 'webkit']);
    assert.match(e.command, /^npx corsight check http:\/\/127\.0\.0\.1:\d+\/api\//);
  }
  const finding = (id: string) => doc.endpoints.find((e) => e.id === id)!.result.findings.map((f) => f.code);
  assert.deepEqual(finding('options-404'), ['PREFLIGHT_NOT_HANDLED']);
  assert.deepEqual(finding('error-without-cors'), ['ERROR_STATUS_WITHOUT_CORS']);
  assert.deepEqual(finding('redirect-to-login'), ['REDIRECT_TO_LOGIN']);
  assert.deepEqual(finding('www-mismatch'), ['ALLOW_ORIGIN_NEAR_MISS']);
  assert.deepEqual(finding('wildcard-credentials'), ['WILDCARD_WITH_CREDENTIALS']);
  assert.deepEqual(finding('correct'), []);
});

test('the printed demo commands run as printed and agree with the demo', async () => {
  for (const e of demo.endpoints) {
    const words = demoWords(e.id);
    const r = await cli(words.slice(2)); // drop `npx corsight`
    assert.equal(r.code, e.expect === 'allowed' ? 0 : 1, words.join(' '));
  }
});

/** The command the demo prints for an endpoint, split the way a POSIX shell would. */
function demoWords(id: string): string[] {
  const e = ep(id);
  const words = ['npx', 'corsight', 'check', demo.urlOf(e), '--origin', e.check.origin];
  const defaultMethod = e.check.data !== undefined ? 'POST' : 'GET';
  if (e.check.method !== defaultMethod) words.push('-X', e.check.method);
  for (const [n, v] of e.check.headers ?? []) words.push('-H', `${n}: ${v}`);
  if (e.check.data !== undefined) words.push('--data', e.check.data);
  if (e.check.credentials !== undefined) words.push('--credentials', e.check.credentials);
  return words;
}

test('npm start: the demo keeps serving and exits cleanly on Ctrl-C (SIGINT)', { skip: !existsSync('dist/cli/main.js') && 'needs the build (npm run build)' }, async () => {
  const child = spawn(process.execPath, ['bin/corsight.js', 'demo', '--port', '0'], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`demo not ready: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C stops the demo')) { clearTimeout(t); resolve(); }
    });
  });
  await ready;
  const url = /keeps serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
  const res = await fetch(`${url}/api/correct`, { headers: { Origin: 'http://localhost:3000' } });
  assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:3000');
  await res.arrayBuffer();
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGINT');
  assert.equal(await exit, 0);
  assert.match(out, /demo stopped\./);
});
