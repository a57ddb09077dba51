// The verification probe judges real servers: a correct hand-written server passes, the classic
// broken ones fail on exactly the checks they should; and the npm stacks' generated configs pass
// when run on their real frameworks (the rest runs in `npm run verify:stacks`).
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, test } from 'node:test';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Scenario } from '../../src/engine/index.js';
import { policyForScenario, renderPolicy } from '../../src/fixgen/index.js';
import type { PolicyConfig } from '../../src/policy/config.js';
import { browserExchange, probe } from '../../scripts/verify-stacks/probe.js';
import { freePort, RUNNERS, WORK } from '../../scripts/verify-stacks/runners.js';

const POLICY: PolicyConfig = {
  origins: ['https://app.example.com', 'https://*.example.org'],
  credentials: true,
  methods: ['PUT'],
  requestHeaders: ['authorization'],
  exposeHeaders: ['X-Request-Id'],
  maxAge: 600,
};
const ALLOWED = /^(?:https:\/\/app\.example\.com|https:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\.example\.org)$/;

type Flavor = 'good' | 'reflect-any' | 'drops-on-error' | 'reflects-headers';

/** A hand-written CORS server; each flavor but 'good' has one classic bug. */
function server(flavor: Flavor): Promise<{ url: string; close(): Promise<void> }> {
  const s = http.createServer((req, res) => {
    const origin = req.headers.origin;
    const ok = origin !== undefined && (flavor === 'reflect-any' || ALLOWED.test(origin));
    const path = (req.url ?? '/').split('?')[0];
    const isError = path !== '/api';
    res.setHeader('Vary', 'Origin');
    if (ok && !(flavor === 'drops-on-error' && isError)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id');
    }
    if (req.method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined) {
      if (ok) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT');
        const asked = req.headers['access-control-request-headers'];
        res.setHeader('Access-Control-Allow-Headers', flavor === 'reflects-headers' && asked ? asked : 'authorization');
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.writeHead(ok ? 204 : 403).end();
      return;
    }
    if (path === '/api') res.writeHead(200, { 'X-Request-Id': '1' }).end('ok');
    else res.writeHead(path === '/error' ? 500 : 404).end('error');
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: () => new Promise((r) => s.close(() => r())),
  })));
}

async function failingChecks(flavor: Flavor): Promise<string[]> {
  const srv = await server(flavor);
  try {
    const checks = await probe(srv.url, POLICY);
    assert.ok(checks.length > 20);
    return checks.filter((c) => !c.ok).map((c) => c.name);
  } finally {
    await srv.close();
  }
}

test('probe: a correct server passes every check', async () => {
  assert.deepEqual(await failingChecks('good'), []);
});

test('probe: a server reflecting any origin fails on every look-alike origin', async () => {
  const failed = await failingChecks('reflect-any');
  assert.ok(failed.length >= 8, failed.join('\n'));
  assert.ok(failed.every((n) => n.startsWith('refused ')), failed.join('\n'));
  assert.ok(failed.some((n) => n.includes('https://app.example.com.evil.net')));
});

test('probe: a server dropping CORS headers on 404/500 fails the error-response checks', async () => {
  const failed = await failingChecks('drops-on-error');
  assert.ok(failed.length > 0);
  assert.ok(failed.every((n) => /GET \/(missing|error) \((404|500)\) keeps CORS headers/.test(n)), failed.join('\n'));
});

test('probe: a server reflecting requested headers fails the unlisted-header check', async () => {
  const failed = await failingChecks('reflects-headers');
  assert.ok(failed.length > 0);
  assert.ok(failed.every((n) => n.endsWith('unlisted header refused')), failed.join('\n'));
});

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

for (const stack of ['express', 'fastify', 'koa', 'hono', 'cloudflare-workers']) {
  test(`run-verified: ${stack}'s generated config on the real framework`, async () => {
    const runner = RUNNERS[stack]!;
    const dir = path.join(WORK, `test-${stack}`);
    mkdirSync(dir, { recursive: true });
    dirs.push(dir);
    const srv = await runner.start(renderPolicy(POLICY, stack), dir, await freePort());
    try {
      const failed = (await probe(srv.url, POLICY)).filter((c) => !c.ok);
      assert.deepEqual(failed, []);
    } finally {
      await srv.stop();
    }
  });
}

// End to end: `--fix-for` derives a policy from a blocked example; the Express config rendered from
// it, run on real Express, makes that very request pass in all three browser profiles.
for (const example of ['01-get-missing-allow-origin.json', '02-json-post-missing-allow-headers.json', '03-credentials-with-wildcard-origin.json', '05-authorization-with-wildcard-allow-headers.json']) {
  test(`--fix-for express fixes examples/${example} on real Express`, async () => {
    const scenario = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'examples', example), 'utf8')) as Scenario;
    const policy = policyForScenario(scenario);
    const dir = path.join(WORK, `test-fixfor-${example}`);
    mkdirSync(dir, { recursive: true });
    dirs.push(dir);
    const srv = await RUNNERS['express']!.start(renderPolicy(policy, 'express'), dir, await freePort());
    try {
      const r = scenario.request;
      const got = await browserExchange(srv.url, {
        origin: new URL(scenario.page).origin,
        method: (r.method ?? 'GET').toUpperCase(),
        path: '/api',
        headers: r.headers ?? [],
        credentials: r.credentials === 'include',
      });
      assert.deepEqual(got.outcomes, { chromium: 'allowed', firefox: 'allowed', webkit: 'allowed' });
    } finally {
      await srv.stop();
    }
  });
}
