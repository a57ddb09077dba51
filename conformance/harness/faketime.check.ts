/**
 * Self-check of the pure parts of the faked-clock lane (faketime.ts):
 *   node --import tsx conformance/harness/faketime.check.ts
 */
import assert from 'node:assert/strict';
import { descendants, faketimeEnv, offsetText, parseStat, planGap, preloadSummary, type ProcEntry } from './faketime.js';
import { prepareScenarios } from './prepare.js';
import type { LoadedScenario } from './load.js';

let checks = 0;
const check = (what: string, fn: () => void): void => {
  fn();
  checks++;
  if (process.env.VERBOSE) process.stdout.write(`ok ${what}\n`);
};

check('planGap: jump + real wait = interval, real wait ≥ settle', () => {
  for (const interval of [150000, 700000, 1200000, 7300000, 86500000, 2500, 1000, 0]) {
    const g = planGap(interval, 2500);
    assert.equal(g.jumpSeconds * 1000 + g.realWaitMs, interval);
    assert.ok(g.jumpSeconds >= 0 && Number.isInteger(g.jumpSeconds));
    if (interval >= 2500) assert.ok(g.realWaitMs >= 2500 && g.realWaitMs < 3500, `${interval}: ${g.realWaitMs}`);
  }
  assert.deepEqual(planGap(700000, 2500), { jumpSeconds: 697, realWaitMs: 3000 });
  assert.deepEqual(planGap(1000, 2500), { jumpSeconds: 0, realWaitMs: 1000 });
});

check('offsetText: libfaketime relative offset, whole seconds only', () => {
  assert.equal(offsetText(0), '+0\n');
  assert.equal(offsetText(86497), '+86497\n');
  assert.throws(() => offsetText(1.5));
  assert.throws(() => offsetText(-1));
});

check('faketimeEnv: guard before libfaketime, inherited preload kept last', () => {
  const env = faketimeEnv('/tmp/x.rc', '/tmp/guard.so', '/lib/ft.so', undefined);
  assert.equal(env.LD_PRELOAD, '/tmp/guard.so:/lib/ft.so');
  assert.equal(env.FAKETIME_TIMESTAMP_FILE, '/tmp/x.rc');
  assert.equal(env.FAKETIME_CACHE_DURATION, '1');
  assert.equal(faketimeEnv('/f', '/g.so', '/ft.so', '/other.so').LD_PRELOAD, '/g.so:/ft.so:/other.so');
});

check('parseStat: comm with spaces and parentheses', () => {
  assert.deepEqual(parseStat('123 (Web Content) S 45 123 123 0'), { ppid: 45, comm: 'Web Content' });
  assert.deepEqual(parseStat('9 (a) b)) R 1 9 9'), { ppid: 1, comm: 'a) b)' });
  assert.equal(parseStat('garbage'), null);
});

check('descendants and preloadSummary: the whole tree under the roots, nothing else', () => {
  const t: ProcEntry[] = [
    { pid: 10, ppid: 1, comm: 'chromium', preloaded: true },
    { pid: 11, ppid: 10, comm: 'zygote', preloaded: true },
    { pid: 12, ppid: 11, comm: 'renderer', preloaded: true },
    { pid: 13, ppid: 10, comm: 'network', preloaded: false },
    { pid: 20, ppid: 1, comm: 'other', preloaded: false },
  ];
  const d = descendants(t, [10]);
  assert.deepEqual(d.map((p) => p.pid), [10, 11, 12, 13]);
  assert.deepEqual(preloadSummary(d), { processes: 4, preloaded: 3, without: ['network[13]'] });
  assert.deepEqual(descendants(t, [99]), []);
});

check('prepareScenarios: waiting beyond --max-wait goes to the faked lane only when it is on', () => {
  const s = (intervalMs: number): LoadedScenario => ({
    file: 'x.json',
    scenario: { name: `r${intervalMs}`, page: 'http://127.0.0.1:8001/', request: { url: 'http://127.0.0.1:8002/a', method: 'PUT' }, repeat: { count: 2, intervalMs } },
  });
  const items = [s(1500), s(700000)];
  const on = prepareScenarios(items, false, 120000, 'on');
  assert.equal(on[0]?.faked, undefined);
  assert.equal(on[1]?.faked, true);
  assert.equal(on[1]?.unsupported, undefined);
  for (const mode of ['off', 'missing'] as const) {
    const p = prepareScenarios(items, false, 120000, mode);
    assert.equal(p[1]?.faked, undefined);
    assert.match(p[1]?.unsupported ?? '', /700 s of real waiting.*faked-clock lane is (off|unavailable)/);
  }
});

process.stdout.write(`faketime.check: ${checks} checks passed\n`);
