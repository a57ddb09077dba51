// HAR files recorded from real Chromium 156 and Firefox ESR 153 against the demo API
// (`npm run har:record:demo` = scripts/record-har.ts --demo): every demo endpoint's request, made
// by a page on the endpoint's own page origin as its `check` describes, is found in the recording
// and judged the way the demo's own check judges the live endpoint today (the same code for the
// recording browser), and the replay agrees with what the recording browser's page saw
// (test/har/demo-page-results.json, written by the recorder from the page's fetch results).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { HarFinding } from '../src/analyze/har-judge.js';
import { runCheckInput } from '../src/cli/check.js';
import { diagnoseScenario } from '../src/diagnose/report.js';
import { DEMO_ENDPOINTS, startDemoServer, type DemoServer } from '../src/io/demo-server.js';
import { analyzeHarFile } from '../src/io/har-file.js';

type Recorder = 'chromium' | 'firefox';
type Verdict = { outcome: string; code: string | null };

const FILES: Record<Recorder, string> = { chromium: 'test/har/demo-chromium.har', firefox: 'test/har/demo-firefox.har' };
const PAGE_RESULTS = JSON.parse(readFileSync('test/har/demo-page-results.json', 'utf8')) as Record<
  Recorder, { browser: string; pages: { page: string; results: [id: string, result: number | string][] }[] }
>;

async function findingsOf(file: string): Promise<{ byId: Map<string, HarFinding>; summary: Awaited<ReturnType<typeof analyzeHarFile>> }> {
  const list: HarFinding[] = [];
  const summary = await analyzeHarFile(file, ['chromium', 'firefox', 'webkit', 'spec'], (f) => list.push(f));
  const byId = new Map<string, HarFinding>();
  for (const f of list) {
    const m = /^\/api\/([a-z0-9-]+)$/.exec(new URL(f.url).pathname);
    assert.ok(m, `a cross-origin call that is not a demo endpoint: ${f.url}`);
    assert.ok(!byId.has(m[1]!), `${m[1]} recorded twice`);
    byId.set(m[1]!, f);
  }
  return { byId, summary };
}

/** What the demo's own check (`corsight demo`, the live probe) says for each endpoint, per browser. */
let demoSays: Map<string, Record<Recorder, Verdict>>;
let demo: DemoServer;

before(async () => {
  demo = await startDemoServer();
  demoSays = new Map();
  for (const e of DEMO_ENDPOINTS) {
    const c = e.check;
    const request = {
      api: 'fetch' as const, url: demo.urlOf(e), method: c.method,
      ...(c.headers ? { headers: c.headers } : {}), ...(c.data !== undefined ? { body: c.data } : {}),
      ...(c.credentials ? { credentials: c.credentials } : {}),
    };
    const report = await runCheckInput({ page: `${c.origin}/`, request, browsers: ['chromium', 'firefox'], timeoutMs: 5000, insecure: false });
    const v = (b: Recorder): Verdict => ({ outcome: report.browsers[b]!.runs[0]!.outcome, code: report.browsers[b]!.runs[0]!.code });
    demoSays.set(e.id, { chromium: v('chromium'), firefox: v('firefox') });
  }
});

after(async () => {
  await demo.close();
});

/** The page's own fetch result per endpoint: a status, or the TypeError it rejected with. */
function pageSaw(b: Recorder): Map<string, { page: string; result: number | string }> {
  const out = new Map<string, { page: string; result: number | string }>();
  for (const p of PAGE_RESULTS[b].pages) for (const [id, result] of p.results) out.set(id, { page: p.page, result });
  return out;
}

for (const b of ['chromium', 'firefox'] as const) {
  test(`${b}: every demo endpoint recorded once, from its page origin, judged as the demo's check judges it`, async () => {
    const { byId, summary } = await findingsOf(FILES[b]);
    assert.equal(summary.recorder, b);
    assert.deepEqual([...byId.keys()].sort(), DEMO_ENDPOINTS.map((e) => e.id).sort());
    for (const e of DEMO_ENDPOINTS) {
      const f = byId.get(e.id)!;
      assert.equal(new URL(f.page).origin, e.check.origin, `${e.id}: page origin`);
      assert.equal(f.method, e.check.method, `${e.id}: method`);
      const replay = f.result.browsers[b]!.runs[0]!;
      const said = demoSays.get(e.id)![b];
      if (b === 'firefox' && e.id === 'wildcard-credentials') {
        // Firefox's HAR has no trace of `credentials: 'include'` when no cookie is sent: the call
        // replays as a plain GET, which `*` allows. The demo (credentials known) says blocked.
        assert.deepEqual(said, { outcome: 'blocked', code: 'WILDCARD_ORIGIN_NOT_ALLOWED' });
        assert.equal(f.credentialsSource, 'default');
        assert.deepEqual({ outcome: replay.outcome, code: replay.code }, { outcome: 'allowed', code: null });
        continue;
      }
      assert.deepEqual({ outcome: replay.outcome, code: replay.code }, said, `${e.id}: HAR replay vs the demo's check`);
      assert.equal(replay.outcome, e.expect, `${e.id}: as the demo expects`);
    }
  });

  test(`${b}: the replay agrees with what the recording browser's page saw`, async () => {
    const { byId } = await findingsOf(FILES[b]);
    const saw = pageSaw(b);
    assert.deepEqual([...saw.keys()].sort(), DEMO_ENDPOINTS.map((e) => e.id).sort());
    for (const e of DEMO_ENDPOINTS) {
      const f = byId.get(e.id)!;
      const s = saw.get(e.id)!;
      assert.equal(s.page, `${e.check.origin}/`);
      // The page's fetch rejected exactly for the blocked ones (and with the browser's own words).
      const blocked = typeof s.result === 'string';
      assert.equal(blocked, e.expect === 'blocked', `${e.id}: what the page saw`);
      if (blocked) assert.equal(s.result, b === 'chromium' ? 'TypeError: Failed to fetch' : 'TypeError: NetworkError when attempting to fetch resource.');
      const replayBlocked = f.result.browsers[b]!.runs[0]!.outcome === 'blocked';
      if (b === 'firefox' && e.id === 'wildcard-credentials') {
        assert.equal(replayBlocked, false); // the HAR limitation above
        assert.equal(f.agrees, null, 'the HAR judge must not claim agreement it cannot see');
        continue;
      }
      assert.equal(replayBlocked, blocked, `${e.id}: replay vs the page`);
      if (b === 'chromium' || f.recorded.outcome === 'failed') {
        // Chromium's HAR marks every blocked call (`_error: net::ERR_FAILED`), Firefox's only the
        // calls it never got an answer for (preflight failures): there agreement is checked.
        assert.equal(f.agrees, true, e.id);
      } else {
        // An answered entry in Firefox's HAR looks the same whether CORS allowed it or not.
        assert.equal(f.agrees, null, e.id);
      }
    }
  });
}

test('demo fixtures: the redirect is followed to the login host, preflights paired, cached diagnoses fresh', async () => {
  for (const b of ['chromium', 'firefox'] as const) {
    const { byId } = await findingsOf(FILES[b]);
    const redirect = byId.get('redirect-to-login')!;
    assert.equal(redirect.hops.length, 2, b);
    assert.match(redirect.hops[0]!.redirectTo ?? '', /^http:\/\/127\.0\.0\.2:\d+\/login\?next=%2Fapi%2Fredirect-to-login$/, b);
    for (const id of ['options-404', 'authorization-not-allowed', 'delete-not-allowed', 'error-without-cors', 'correct']) {
      assert.equal(byId.get(id)!.hops[0]!.preflight.pairing, 'recorded', `${b} ${id}`);
    }
    for (const f of byId.values()) assert.deepEqual(f.result, diagnoseScenario(f.scenario), `${b} ${f.url}`);
  }
});
