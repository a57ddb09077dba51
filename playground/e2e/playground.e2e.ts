/**
 * The playground in real Chromium (Debian's /usr/bin/chromium via playwright-core): presets,
 * editing, verdicts and exact console lines per browser (compared with the engine run in Node on
 * the same scenario), the fix, a shared link, explain, the HAR seam, keyboard use, axe-core,
 * offline after the first load. Screenshots of the main views go to playground/screenshots/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REAL_BROWSERS, type Scenario } from '../../src/engine/index.js';
import { diagnoseScenario } from '../../src/diagnose/report.js';
import { SEED_PRESETS } from '../src/presets.js';
import { choosePreset, consoleLines, startHarness, SHOTS, verdict, type Harness } from './harness.js';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const WORDS = { allowed: 'Allowed', opaque: 'Opaque response', blocked: 'Blocked', rejected: 'Throws before sending' } as const;

/** What the page must show for a browser: the engine's verdict word + code, and its console lines. */
function expected(s: Scenario, b: (typeof REAL_BROWSERS)[number]): { verdict: string; console: string[] } {
  const run = diagnoseScenario(s).browsers[b]!.runs[0]!;
  return { verdict: `${WORDS[run.outcome]}${run.code ? ` ${run.code}` : ''}`, console: run.console };
}

test('every preset shows each browser\'s verdict and exact console lines, side by side', async () => {
  const { page, errors, context } = await h.open();
  const ids = await page.locator('[data-testid="preset"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  const examples = readdirSync(fileURLToPath(new URL('../../examples/', import.meta.url))).filter((f) => f.endsWith('.json'));
  assert.equal(ids.length, SEED_PRESETS.length + examples.length);
  for (const p of SEED_PRESETS) {
    await choosePreset(page, p.id);
    for (const b of REAL_BROWSERS) {
      const want = expected(p.scenario, b);
      assert.equal(await verdict(page, b), want.verdict, `${p.id} ${b}`);
      assert.deepEqual(await consoleLines(page, b), want.console, `${p.id} ${b} console`);
    }
    if (['options-404', 'authorization-not-allowed', 'redirect-other-host', 'correct', 'www-mismatch'].includes(p.id)) {
      await page.screenshot({ path: `${SHOTS}preset-${p.id}.png`, fullPage: true });
    }
  }
  for (const f of examples) {
    const s = JSON.parse(readFileSync(fileURLToPath(new URL(`../../examples/${f}`, import.meta.url)), 'utf8')) as Scenario;
    await choosePreset(page, `example-${f.replace(/\.json$/, '')}`);
    for (const b of REAL_BROWSERS) assert.equal(await verdict(page, b), expected(s, b).verdict, `${f} ${b}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('editing the scenario re-simulates live (and nothing leaves the page): add the missing header, break it, make it a preflight', async () => {
  const { page, errors, context, requests } = await h.open();
  await choosePreset(page, 'no-acao');
  for (const b of REAL_BROWSERS) assert.equal(await verdict(page, b), 'Blocked MISSING_ALLOW_ORIGIN_HEADER');

  await page.getByRole('button', { name: '+ Add route 1 response header' }).click();
  const name = page.getByLabel('Route 1 response header 2 name');
  await assert.doesNotReject(name.waitFor());
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Route 1 response header 2 name', 'focus moves to the new row');
  await page.keyboard.type('Access-Control-Allow-Origin');
  await page.getByLabel('Route 1 response header 2 value').fill('http://localhost:3000');
  for (const b of REAL_BROWSERS) await page.waitForFunction((br) => document.querySelector(`[data-testid="verdict-${br}"]`)?.textContent === 'Allowed', b);
  await page.screenshot({ path: `${SHOTS}edit-allowed.png`, fullPage: false });

  await page.getByLabel('Route 1 response header 2 value').fill('http://localhost:3000/');
  await page.waitForFunction(() => document.querySelector('[data-testid="verdict-chromium"]')?.textContent?.startsWith('Blocked'));
  assert.equal(await verdict(page, 'chromium'), 'Blocked ALLOW_ORIGIN_MISMATCH');
  assert.match((await consoleLines(page, 'chromium'))[0]!, /has a value 'http:\/\/localhost:3000\/' that is not equal to the supplied origin/);

  // A DELETE needs a preflight; once the only route answers GET alone, the preflight gets the default 404.
  await page.getByLabel('Route 1 response header 2 value').fill('http://localhost:3000');
  await page.locator('#req-method').fill('DELETE');
  await page.waitForFunction(() => document.querySelector('[data-testid="verdict-chromium"]')?.textContent?.includes('METHOD'));
  assert.equal(await verdict(page, 'chromium'), 'Blocked METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE', 'a route without a method answers the OPTIONS too');
  await page.getByTestId('route-method-1').fill('GET');
  await page.waitForFunction(() => document.querySelector('[data-testid="verdict-webkit"]')?.textContent?.includes('INVALID_STATUS'));
  assert.equal(await verdict(page, 'webkit'), 'Blocked PREFLIGHT_INVALID_STATUS');
  assert.equal(await verdict(page, 'chromium'), 'Blocked PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER');
  assert.match(await page.locator('#diagram svg').innerHTML(), /OPTIONS \/api\/products/);

  // Back to a route for any method: the preflight reaches it and lacks Access-Control-Allow-Methods.
  await page.getByTestId('route-method-1').fill('');
  await page.waitForFunction(() => document.querySelector('[data-testid="verdict-chromium"]')?.textContent?.includes('METHOD'));

  // The verified fix, applied from the page.
  await page.getByTestId('apply-fix').click();
  for (const b of REAL_BROWSERS) await page.waitForFunction((br) => document.querySelector(`[data-testid="verdict-${br}"]`)?.textContent === 'Allowed', b);
  assert.equal(await page.locator('.route').count(), 1);
  assert.equal(await page.getByLabel('Route 1 response header 3 name').inputValue(), 'Access-Control-Allow-Methods');
  assert.equal(await page.getByLabel('Route 1 response header 3 value').inputValue(), 'DELETE');
  assert.equal(await page.locator('.fix h3').innerText(), 'Nothing to fix');

  // Nothing about the scenario left the page: only GETs of the page's own files, never a scenario URL.
  assert.ok(requests.length > 0);
  for (const r of requests) assert.match(r, new RegExp(`^GET ${h.server.url.replace(/[.]/g, '\\.')}`), r);

  // The scenario as JSON (the CLI's file format): edit it there and load it back.
  await page.locator('#json-panel summary').click();
  const json = JSON.parse(await page.locator('#scenario-json').inputValue()) as Scenario;
  assert.equal(json.request.method, 'DELETE');
  json.request.method = 'PATCH';
  await page.locator('#scenario-json').fill(JSON.stringify(json));
  await page.getByRole('button', { name: 'Load this JSON' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="verdict-chromium"]')?.textContent?.includes('METHOD'));
  assert.equal(await page.locator('#req-method').inputValue(), 'PATCH');
  await page.locator('#scenario-json').fill('{"page": 1}');
  await page.getByRole('button', { name: 'Load this JSON' }).click();
  assert.match(await page.locator('#json-status').innerText(), /Not a valid scenario: \$\.page/);

  // An invalid URL does not simulate; the page says where the problem is.
  await page.locator('#page-url').fill('not a url');
  await page.locator('#problems').waitFor();
  assert.match(await page.locator('#problems').innerText(), /\$\.page/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a shared link carries the scenario in its hash and opens it elsewhere', async () => {
  const first = await h.open('', { permissions: ['clipboard-read', 'clipboard-write'] });
  await choosePreset(first.page, 'www-mismatch');
  await first.page.locator('#page-url').fill('https://shop.example.com/cart');
  assert.equal(await first.page.locator('#preset').inputValue(), '', 'an edited preset is the user\'s own scenario');
  await first.page.locator('.fix-list .copy').first().click();
  assert.equal(await first.page.evaluate(() => navigator.clipboard.readText()), 'Access-Control-Allow-Origin: https://shop.example.com');
  await first.page.getByRole('button', { name: 'Copy share link' }).click();
  await first.page.getByText('Link copied').waitFor();
  const link = await first.page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#s=[A-Za-z0-9_-]+$/);
  assert.equal(link, await first.page.evaluate(() => location.href), 'the address bar holds the same link');
  await first.context.close();

  const second = await h.open(new URL(link).hash);
  assert.equal(await second.page.locator('#page-url').inputValue(), 'https://shop.example.com/cart');
  assert.equal(await second.page.locator('#req-url').inputValue(), 'https://api.example.com/cart');
  assert.equal(await verdict(second.page, 'firefox'), 'Blocked ALLOW_ORIGIN_MISMATCH');
  assert.equal(await second.page.locator('#preset').inputValue(), '', 'an edited scenario is not a preset');
  await second.page.screenshot({ path: `${SHOTS}shared-link.png` });

  // An unmodified preset's link selects that preset; a damaged link says so and falls back.
  const s = SEED_PRESETS.find((p) => p.id === 'delete-not-allowed')!.scenario;
  const { encodeScenario } = await import('../src/share.js');
  await second.page.goto(`${h.server.url}#${encodeScenario(s)}`);
  await second.page.waitForFunction(() => (document.getElementById('preset') as HTMLSelectElement).value === 'delete-not-allowed');
  const broken = await h.open('#s=eyJub3Q');
  assert.match(await broken.page.locator('#share-status').innerText(), /damaged/);
  assert.deepEqual([...second.errors, ...broken.errors], []);
  await second.context.close();
  await broken.context.close();
});

test('pasting a console error explains it: browser, code, values and the header line to send', async () => {
  const { page, errors, context } = await h.open();
  const line = "Access to fetch at 'http://localhost:8080/api/users' from origin 'http://localhost:3000' has been blocked by CORS policy: Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.";
  await page.getByLabel('Paste what the browser console printed').fill(`${line}\n[Error] Fetch API cannot load http://localhost:8080/api/users due to access control checks.`);
  const items = page.getByTestId('explained');
  await items.first().waitFor();
  assert.equal(await items.count(), 2);
  const first = await items.first().innerText();
  assert.match(first, /Chromium \(Chrome, Edge, Opera…\)/);
  assert.match(first, /HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE/);
  assert.match(first, /Access-Control-Allow-Headers: authorization/);
  assert.match(await items.nth(1).innerText(), /WebKit|Safari/);
  await page.locator('#explain-h').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}explain.png`, fullPage: true });

  await page.getByLabel('Paste what the browser console printed').fill('Uncaught ReferenceError: x is not defined');
  await page.getByTestId('explain-none').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a dropped HAR file is read locally: replayed through the HAR analysis when built in, otherwise the page says it is coming and shows no verdict', async () => {
  const { page, errors, context } = await h.open();
  const har = { log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [{ request: { method: 'GET', url: 'http://localhost:8080/x', headers: [{ name: 'Origin', value: 'http://localhost:3000' }] }, response: { status: 200, headers: [] } }] } };
  await page.locator('#har-file').setInputFiles({ name: 'session.har', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(har)) });
  const built = readdirSync(fileURLToPath(new URL('../../src/analyze/', import.meta.url))).some((f) => /^har.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
  if (built) {
    await page.locator('#har-out li button').first().click();
    await page.waitForFunction(() => (document.getElementById('req-url') as HTMLInputElement).value === 'http://localhost:8080/x');
  } else {
    await page.getByTestId('har-coming').waitFor();
    assert.match(await page.getByTestId('har-coming').innerText(), /session\.har: a HAR with 1 entry.*coming/s);
  }
  await page.locator('#har-file').setInputFiles({ name: 'broken.har', mimeType: 'application/json', buffer: Buffer.from('{"log":') });
  await page.getByText('broken.har is not JSON').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard: skip link, preset choice, adding and removing routes, and the diagram\'s browser switch work without a mouse', async () => {
  const { page, errors, context } = await h.open();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the results');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'results-h');

  await page.locator('#preset').focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => (document.getElementById('preset') as HTMLSelectElement).value === 'options-404');

  // Routes by keyboard: adding focuses the new route's URL; removing returns focus to the add buttons.
  await page.getByRole('button', { name: '+ Preflight answer', exact: true }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'route-url-3');
  assert.match(await page.locator('.route').nth(2).innerText(), /Route 3 · preflight answer/);
  await page.getByRole('button', { name: 'Remove route 3', exact: true }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.route').count(), 2);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '+ Preflight answer');

  await page.locator('#db-chromium').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#diagram title')?.textContent === 'What happens in Firefox');
  // Focus stays on the switch (also across the re-render a pending edit may still cause).
  await page.waitForFunction(() => document.activeElement?.id === 'db-firefox', null, { timeout: 3000 });
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#diagram title')?.textContent === 'What happens in Safari / WebKit');
  assert.match(await page.locator('#diagram desc').textContent() ?? '', /PREFLIGHT_INVALID_STATUS/);
  await page.locator('.diagram-section').screenshot({ path: `${SHOTS}diagram-webkit.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe-core finds no accessibility violations (WCAG 2.1 A/AA and best practices) in the main views', async () => {
  const axe = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');
  const context = await h.browser.newContext({ viewport: { width: 1440, height: 1000 }, bypassCSP: true });
  const page = await context.newPage();
  const report: string[] = [];
  const views: [string, () => Promise<void>][] = [
    ['options-404', async () => { await page.selectOption('#preset', 'options-404'); }],
    ['correct, scenario JSON open', async () => { await page.selectOption('#preset', 'correct'); await page.locator('#json-panel summary').click(); }],
    ['explain', async () => {
      await page.locator('#explain-input').fill("Access to fetch at 'http://localhost:8080/a' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
      await page.getByTestId('explained').first().waitFor();
    }],
    ['invalid', async () => { await page.locator('#page-url').fill('nope'); await page.locator('#problems').waitFor(); }],
  ];
  await page.goto(h.server.url);
  await page.waitForSelector('[data-testid="verdict-chromium"]');
  await page.addScriptTag({ content: axe });
  for (const [name, setup] of views) {
    await setup();
    await page.waitForTimeout(100);
    const violations = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } })
        .axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    for (const v of violations) report.push(`${name}: ${v.impact} ${v.id} at ${v.targets.join(', ')}`);
  }
  await context.close();
  assert.deepEqual(report, []);
});

test('works offline once loaded (service worker), and fits on a phone', async () => {
  const { page, errors, context } = await h.open();
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null || document.getElementById('offline')?.textContent !== '');
  await page.getByText('Cached for offline use').waitFor();
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid="verdict-chromium"]');
  await choosePreset(page, 'delete-not-allowed');
  assert.equal(await verdict(page, 'chromium'), 'Blocked METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE');
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await context.close();

  const phone = await h.open('', { width: 390, height: 844 });
  await choosePreset(phone.page, 'wildcard-with-credentials');
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`);
  await phone.page.screenshot({ path: `${SHOTS}phone.png` });
  await phone.page.evaluate(() => document.querySelector('.route')!.scrollIntoView({ block: 'start' }));
  await phone.page.screenshot({ path: `${SHOTS}phone-routes.png` });
  await phone.page.evaluate(() => document.getElementById('results-h')!.scrollIntoView({ block: 'start' }));
  await phone.page.screenshot({ path: `${SHOTS}phone-results.png` });
  await phone.context.close();
  assert.ok(existsSync(`${SHOTS}phone.png`));
});

test('live check seam: offered only when the serving page announces it; sends the token and shows the answer in the same view', async () => {
  const plain = await h.open();
  assert.equal(await plain.page.locator('#live').isHidden(), true, 'plain static hosting offers no live check');
  await plain.context.close();

  // Stand-in for `npm start`'s server, speaking the contract in playground/src/live.ts: the real
  // server (here: a scenario whose answer lacks Access-Control-Allow-Origin) judged by the engine.
  const context = await h.browser.newContext({ viewport: { width: 1440, height: 1000 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const seen: { token: string | undefined; body: unknown }[] = [];
  await page.route(h.server.url, async (route) => {
    const res = await route.fetch();
    const html = (await res.text()).replace('<head>', '<head><meta name="corsight-live-check" content="./api/check" data-token="t0k3n">');
    await route.fulfill({ response: res, body: html });
  });
  await page.route(`${h.server.url}api/check`, async (route) => {
    const req = route.request();
    const body = req.postDataJSON() as { page: string; request: Scenario['request'] };
    seen.push({ token: req.headers()['x-corsight-token'], body });
    if (seen.length === 2) return route.fulfill({ status: 502, contentType: 'application/json', body: JSON.stringify({ error: 'connection refused by 127.0.0.1:8080' }) });
    const real: Scenario = { page: body.page, request: body.request, server: [{ url: body.request.url, status: 200, headers: [['Content-Type', 'application/json']] }] };
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(diagnoseScenario(real)) });
  });
  await page.goto(h.server.url);
  await page.waitForSelector('[data-testid="verdict-chromium"]');
  await choosePreset(page, 'correct');
  await page.getByRole('button', { name: 'Check the real server' }).click();
  await page.getByTestId('live-verdict-chromium').waitFor();
  assert.equal(seen[0]!.token, 't0k3n');
  assert.deepEqual(seen[0]!.body, { page: SEED_PRESETS[8]!.scenario.page, request: SEED_PRESETS[8]!.scenario.request });
  assert.equal((await page.getByTestId('live-verdict-firefox').innerText()).replace(/\s+/g, ' '), 'Blocked PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER');
  assert.equal(await verdict(page, 'firefox'), 'Allowed', 'the simulation stays as it was');
  assert.equal(await page.locator('#live-results [data-testid="apply-fix"]').count(), 0, 'a live result cannot be applied to the scenario');
  await page.locator('#live').screenshot({ path: `${SHOTS}live-check.png` });
  await page.getByRole('button', { name: 'Check the real server' }).click();
  await page.getByText('Live check failed: connection refused by 127.0.0.1:8080').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("live check against the demo API through npm start's own server (token, same origin, real probe)", async () => {
  const { startDemoServer } = await import('../../src/io/demo-server.js');
  const { serveStatic } = await import('../../src/io/static-server.js');
  const { announceLiveCheck, liveCheckHandler } = await import('../../src/cli/live-check.js');
  const { encodeScenario } = await import('../src/share.js');
  const demo = await startDemoServer({ port: 0 });
  const token = 'e2e-token';
  let own = '';
  const server = await serveStatic({
    root: fileURLToPath(new URL('../dist/', import.meta.url)),
    index: (html) => announceLiveCheck(html, token),
    api: (req, res) => liveCheckHandler(own, token)(req, res),
  });
  own = new URL(server.url).origin;
  try {
    const endpoint = demo.endpoints.find((e) => e.id === 'delete-not-allowed')!;
    const scenario: Scenario = {
      page: 'http://localhost:3000/', request: { url: demo.urlOf(endpoint), method: 'DELETE' },
      server: [{ method: 'OPTIONS', url: demo.urlOf(endpoint), status: 204, headers: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'DELETE']] }, { url: demo.urlOf(endpoint), headers: [['Access-Control-Allow-Origin', '*']] }],
    };
    const context = await h.browser.newContext({ viewport: { width: 1440, height: 1000 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}#${encodeScenario(scenario)}`);
    await page.waitForSelector('[data-testid="verdict-chromium"]');
    assert.equal(await verdict(page, 'chromium'), 'Allowed', 'the simulated server allows DELETE');
    await page.getByRole('button', { name: 'Check the real server' }).click();
    await page.getByTestId('live-verdict-chromium').waitFor({ timeout: 20000 });
    for (const b of REAL_BROWSERS) {
      assert.equal((await page.getByTestId(`live-verdict-${b}`).innerText()).replace(/\s+/g, ' '), 'Blocked METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE', b);
    }
    await page.locator('#live').screenshot({ path: `${SHOTS}live-check-demo.png` });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await server.close();
    await demo.close();
  }
});
