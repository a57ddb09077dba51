// HAR files recorded from real browsers (scripts/record-har.ts against scripts/har-site.ts):
// every cross-origin call of the page is found, paired and judged as the table says, and the
// replay agrees with what the recording browser did.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeHarFile } from '../src/io/har-file.js';
import type { HarFinding } from '../src/analyze/har-judge.js';
import { diagnoseScenario } from '../src/diagnose/report.js';

type Row = [path: string, method: string, chromium: string | null, preflight: string, hops: number];

/** One row per call of the page: the code in Chromium (null = allowed), the preflight pairing, hops. */
const EXPECTED: Row[] = [
  ['/ok', 'PUT', null, 'recorded', 1],
  ['/ok?simple=1', 'GET', null, 'not-needed', 1],
  ['/no-acao', 'GET', 'MISSING_ALLOW_ORIGIN_HEADER', 'not-needed', 1],
  ['/options-404', 'POST', 'PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER', 'recorded', 1],
  ['/auth', 'GET', 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE', 'recorded', 1],
  ['/items/1', 'DELETE', 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE', 'recorded', 1],
  ['/wildcard', 'GET', 'WILDCARD_ORIGIN_NOT_ALLOWED', 'not-needed', 1],
  ['/www', 'GET', 'ALLOW_ORIGIN_MISMATCH', 'not-needed', 1],
  ['/error', 'GET', 'MISSING_ALLOW_ORIGIN_HEADER', 'not-needed', 1],
  ['/redirect', 'GET', 'MISSING_ALLOW_ORIGIN_HEADER', 'not-needed', 2],
  ['/no-acao?xhr=1', 'GET', 'MISSING_ALLOW_ORIGIN_HEADER', 'not-needed', 1],
];

async function findings(file: string): Promise<{ list: HarFinding[]; summary: Awaited<ReturnType<typeof analyzeHarFile>> }> {
  const list: HarFinding[] = [];
  const summary = await analyzeHarFile(file, ['chromium', 'firefox', 'webkit', 'spec'], (f) => list.push(f));
  return { list, summary };
}

const pathOf = (url: string): string => {
  const u = new URL(url);
  return u.pathname + u.search;
};

test('Chromium 156 (CDP Network events, DevTools HAR shape): every call judged as recorded', async () => {
  const { list, summary } = await findings('test/har/chromium-failures.har');
  assert.equal(summary.recorder, 'chromium');
  assert.deepEqual(list.map((f) => [pathOf(f.url), f.method, f.result.browsers.chromium!.runs[0]!.code, f.hops[0]!.preflight.pairing, f.hops.length]), EXPECTED);
  // Chromium marks every blocked call with net::ERR_FAILED: the replay agrees on all of them.
  assert.deepEqual(list.map((f) => f.agrees), EXPECTED.map(() => true));
  assert.equal(summary.stats.sameOrigin, 3);
  assert.deepEqual(summary.stats.notCors, { image: 1 });
  assert.equal(summary.stats.preflights, 4);
  const wildcard = list.find((f) => f.url.endsWith('/wildcard'))!;
  assert.equal(wildcard.credentialsSource, 'inferred');
  const redirect = list.find((f) => f.url.endsWith('/redirect'))!;
  assert.match(redirect.hops[0]!.redirectTo ?? '', /^http:\/\/other\.test:\d+\/login\?next=%2Fredirect$/);
});

test('Firefox ESR 153 (its own netmonitor HAR export): same calls; blocked responses recorded as answered', async () => {
  const { list, summary } = await findings('test/har/firefox-failures.har');
  assert.equal(summary.recorder, 'firefox');
  // Firefox's HAR cannot show credentials: '*' with credentials looks like a plain allowed GET.
  const expected = EXPECTED.map((r): Row => (r[0] === '/wildcard' ? [r[0], r[1], null, r[3], r[4]] : r));
  assert.deepEqual(list.map((f) => [pathOf(f.url), f.method, f.result.browsers.firefox!.runs[0]!.code, f.hops[0]!.preflight.pairing, f.hops.length]), expected);
  // Where Firefox recorded no answer (preflight failures) the replay agrees; answered-but-blocked is not claimed.
  for (const f of list) {
    if (f.recorded.outcome === 'failed') assert.equal(f.agrees, true, f.url);
    else assert.notEqual(f.agrees, false, f.url);
  }
});

test('fixtures: cached diagnoses equal fresh ones for every finding', async () => {
  for (const file of ['test/har/chromium-failures.har', 'test/har/firefox-failures.har']) {
    const { list } = await findings(file);
    for (const f of list) assert.deepEqual(f.result, diagnoseScenario(f.scenario), `${file} ${f.url}`);
  }
});
