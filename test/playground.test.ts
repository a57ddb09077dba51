// The playground's pure parts, in Node: presets, share links, the sequence diagram.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { validateScenario, simulate, type Scenario } from '../src/engine/index.js';
import { diagnoseScenario } from '../src/diagnose/report.js';
import { examplePresets, SEED_PRESETS } from '../playground/src/presets.js';
import { decodeScenario, encodeScenario } from '../playground/src/share.js';
import { buildDiagram } from '../playground/src/diagram.js';
import { describeDiagram, esc, renderDiagramSvg, wrap } from '../playground/src/diagram-svg.js';

const examples: Record<string, Scenario> = Object.fromEntries(readdirSync('examples').filter((f) => f.endsWith('.json'))
  .map((f) => [`../../examples/${f}`, JSON.parse(readFileSync(`examples/${f}`, 'utf8')) as Scenario]));

test('the seed presets cover every case of the seed article, each valid and showing the failure its title names', () => {
  assert.deepEqual(SEED_PRESETS.map((p) => p.id), [
    'no-acao', 'options-404', 'authorization-not-allowed', 'delete-not-allowed', 'wildcard-with-credentials',
    'www-mismatch', 'error-without-cors', 'redirect-other-host', 'correct',
  ]);
  for (const p of SEED_PRESETS) {
    assert.equal(validateScenario(p.scenario).ok, true, p.id);
    const run = simulate(p.scenario, ['chromium']).browsers.chromium!.runs[0]!;
    assert.equal(run.failure?.code ?? null, p.shows, p.id);
  }
});

test('the blocked seed presets have a verified fix (but the credentialed login redirect: none is safe); the correct one is allowed everywhere', () => {
  for (const p of SEED_PRESETS) {
    const d = diagnoseScenario(p.scenario);
    const runs = Object.values(d.browsers).map((b) => b.runs[0]!);
    if (p.shows === null) assert.ok(runs.every((r) => r.outcome === 'allowed' && r.fix === null), p.id);
    else if (p.id === 'redirect-other-host') {
      // Only `Access-Control-Allow-Origin: null` + credentials would pass after the tainting hop: never proposed.
      assert.ok(runs.every((r) => r.fix === null || !r.fix.verified), p.id);
      assert.match(runs[0]!.cause!.text, /avoid the cross-origin redirect/);
    } else assert.equal(runs.find((r) => r.fix)?.fix?.verified, true, p.id);
  }
});

test('every bundled example becomes a preset, in file order, with a title', () => {
  const presets = examplePresets(examples);
  assert.equal(presets.length, Object.keys(examples).length);
  assert.ok(presets.length >= 8);
  assert.equal(presets[0]!.id, 'example-01-get-missing-allow-origin');
  assert.equal(presets[0]!.title, 'Get missing allow origin');
  for (const p of presets) assert.equal(validateScenario(p.scenario).ok, true, p.id);
});

test('a share link round-trips any scenario, non-ASCII included, and is URL-safe', () => {
  const s: Scenario = { ...SEED_PRESETS[2]!.scenario, description: 'Ünïcødé — 日本語 ✓', request: { ...SEED_PRESETS[2]!.scenario.request, body: '{"a":"+/="}' } };
  const hash = encodeScenario(s);
  assert.match(hash, /^s=[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeScenario(`#${hash}`), { ok: true, scenario: s });
  for (const p of SEED_PRESETS) assert.deepEqual(decodeScenario(encodeScenario(p.scenario)), { ok: true, scenario: p.scenario });
});

test('a damaged or invalid share link is an error, not a scenario; no link is null', () => {
  assert.equal(decodeScenario(''), null);
  assert.equal(decodeScenario('#results'), null);
  const bad = decodeScenario('#s=%%%');
  assert.equal(bad?.ok, false);
  const notJson = decodeScenario(`#s=${btoa('{nope').replace(/=+$/, '')}`);
  assert.deepEqual(notJson, { ok: false, error: 'the shared link is damaged (not JSON)' });
  const invalid = decodeScenario(encodeScenario({ page: 'not a url', request: { url: 'http://a.test/' } } as Scenario));
  assert.equal(invalid?.ok, false);
  assert.match((invalid as { error: string }).error, /\$\.page/);
});

test('diagram: a failed preflight is drawn with its request headers, the 404 answer, the missing header and the stop', () => {
  const s = SEED_PRESETS[1]!.scenario; // OPTIONS 404
  const d = buildDiagram(s, 'chromium', diagnoseScenario(s, ['chromium']).browsers.chromium!.runs);
  assert.deepEqual(d.lanes.map((l) => l.sub), ['http://localhost:3000', 'Chromium', 'http://localhost:8080']);
  assert.deepEqual(d.steps.map((st) => st.kind), ['call', 'request', 'response', 'stop', 'result']);
  const req = d.steps[1] as Extract<typeof d.steps[number], { kind: 'request' }>;
  assert.equal(req.tag, 'preflight');
  assert.equal(req.label, 'OPTIONS /api/orders/7');
  assert.deepEqual(req.headers.filter((x) => x.mark === 'cors').map((x) => `${x.name}: ${x.value}`), [
    'Access-Control-Request-Method: PUT', 'Access-Control-Request-Headers: content-type', 'Origin: http://localhost:3000',
  ]);
  const res = d.steps[2] as Extract<typeof d.steps[number], { kind: 'response' }>;
  assert.equal(res.label, '404');
  assert.equal(res.fault, true);
  assert.deepEqual(res.headers, [{ name: 'Access-Control-Allow-Origin', value: '(missing)', mark: 'fault' }]);
  assert.deepEqual(d.steps[3], { kind: 'stop', code: 'PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER', text: (d.steps[3] as { text: string }).text });
  assert.deepEqual(d.steps[4], { kind: 'result', label: 'TypeError: Failed to fetch', ok: false });
});

test('diagram: a redirect to another host adds its lane, tags the followed request, and shows Origin: null', () => {
  const s = SEED_PRESETS[7]!.scenario;
  const d = buildDiagram(s, 'chromium', diagnoseScenario(s, ['chromium']).browsers.chromium!.runs);
  assert.deepEqual(d.lanes.map((l) => l.sub), ['http://localhost:3000', 'Chromium', 'http://localhost:8080', 'http://login.localhost:9000']);
  const requests = d.steps.filter((st) => st.kind === 'request');
  assert.deepEqual(requests.map((r) => [r.lane, r.tag]), [['http://localhost:8080', 'request'], ['http://login.localhost:9000', 'redirected']]);
  assert.ok(requests[1]!.headers.some((x) => x.name === 'Origin' && x.value === 'null'));
  const responses = d.steps.filter((st) => st.kind === 'response');
  assert.deepEqual(responses.map((r) => [r.label, r.fault]), [['302', false], ['200', true]]);
  assert.ok(responses[0]!.headers.some((x) => x.name === 'Location' && x.mark === 'cors'));
});

test('diagram: a wrong header value is marked as the fault; {{origin}} is resolved as the engine does', () => {
  const s = SEED_PRESETS[5]!.scenario; // www mismatch
  const d = buildDiagram(s, 'firefox', diagnoseScenario(s, ['firefox']).browsers.firefox!.runs);
  const res = d.steps.find((st) => st.kind === 'response')!;
  assert.deepEqual(res.headers.filter((x) => x.mark === 'fault'), [{ name: 'Access-Control-Allow-Origin', value: 'https://example.com', mark: 'fault' }]);
  const echo = examples['../../examples/07-preflighted-put-allowed.json']!;
  const d2 = buildDiagram(echo, 'chromium', diagnoseScenario(echo, ['chromium']).browsers.chromium!.runs);
  assert.deepEqual(d2.steps.filter((st) => st.kind === 'divider').map((st) => st.label), ['Run 1', 'Run 2 (+1000 ms)']);
  const acao = d2.steps.filter((st) => st.kind === 'response').flatMap((r) => r.headers).filter((x) => x.name === 'Access-Control-Allow-Origin');
  assert.ok(acao.length >= 2 && acao.every((x) => x.value === 'http://localhost:3000' && x.mark === 'cors'));
  assert.ok(d2.steps.some((st) => st.kind === 'note'), 'the second run uses the cached preflight');
});

test('diagram SVG: accessible name and description, every text escaped', () => {
  const s: Scenario = {
    page: 'http://a.test/', request: { url: 'http://b.test/<x>&"', headers: [['X-Evil', '<script>alert(1)</script>']] },
    server: [{ url: 'http://b.test/<x>&"', headers: [['Access-Control-Allow-Origin', '</text><script>']] }],
  };
  const svg = renderDiagramSvg(buildDiagram(s, 'chromium', diagnoseScenario(s, ['chromium']).browsers.chromium!.runs), 'What happens in <Chromium>');
  assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="seq-title seq-desc"/);
  assert.match(svg, /<title id="seq-title">What happens in &lt;Chromium&gt;<\/title>/);
  assert.doesNotMatch(svg, /<script|<x>/);
  assert.equal(esc('<&">'), '&lt;&amp;&quot;&gt;');
  assert.deepEqual(wrap('one two three four', 9), ['one two', 'three', 'four']);
  assert.match(describeDiagram(buildDiagram(SEED_PRESETS[0]!.scenario, 'chromium', diagnoseScenario(SEED_PRESETS[0]!.scenario, ['chromium']).browsers.chromium!.runs)),
    /The browser stops: MISSING_ALLOW_ORIGIN_HEADER\./);
});

test('diagram: the request header the preflight refused is marked next to the response header that refused it', () => {
  for (const [id, requestHeader, responseHeader] of [
    ['authorization-not-allowed', 'Access-Control-Request-Headers', 'Access-Control-Allow-Headers'],
    ['delete-not-allowed', 'Access-Control-Request-Method', 'Access-Control-Allow-Methods'],
  ] as const) {
    const s = SEED_PRESETS.find((p) => p.id === id)!.scenario;
    const runs = diagnoseScenario(s, ['webkit']).browsers.webkit!.runs;
    const failures = simulate(s, ['webkit']).browsers.webkit!.runs.map((r) => r.failure);
    const d = buildDiagram(s, 'webkit', runs, failures);
    const faults = d.steps.flatMap((st) => (st.kind === 'request' || st.kind === 'response' ? st.headers.filter((x) => x.mark === 'fault').map((x) => `${st.kind} ${x.name}`) : []));
    assert.deepEqual(faults, [`request ${requestHeader}`, `response ${responseHeader}`], id);
    // Without the engine's failures only the response side is known.
    assert.deepEqual(buildDiagram(s, 'webkit', runs).steps.flatMap((st) => (st.kind === 'request' ? st.headers.filter((x) => x.mark === 'fault') : [])), []);
  }
});
