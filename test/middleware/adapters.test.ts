// Every adapter on its real framework (loopback for node:http, Express 4/5, Fastify 5, Koa 2/3;
// in-process for Hono and the fetch wrapper): preflights, pass-through OPTIONS, actual requests,
// Vary appending, and the framework's error paths (thrown errors, 404s, 401/400 from middleware
// that runs before the route), debug mode and atomic reconfiguration.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FRAMEWORKS, startApp, type App } from './apps.js';
import type { PolicyConfig } from '../../src/policy/config.js';

const CONFIG: PolicyConfig = {
  origins: ['https://app.example.com', 'https://*.example.com'], credentials: true,
  methods: ['PUT'], requestHeaders: ['content-type', 'x-trace'], exposeHeaders: ['x-request-id'], maxAge: 600,
};
const APP = 'https://app.example.com';
const VARY_TOKENS = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
/** Frameworks whose test app sets `Vary: Accept-Encoding` in a layer that runs before CORS (see apps.ts). */
const EARLIER_VARY: ReadonlySet<string> = new Set(['node', 'express5', 'express4', 'fastify', 'koa3', 'koa2']);

for (const fw of FRAMEWORKS) {
  describe(`adapter: ${fw}`, () => {
    let app: App;
    const logs: string[] = [];
    before(async () => { app = await startApp(fw, CONFIG, (l) => logs.push(l)); });
    after(async () => { await app.close(); });

    test('allowed preflight: 204 with ACAO, ACAC, ACAM, ACAH, Max-Age and Vary; the app is not called', async () => {
      const r = await app.send('OPTIONS', '/ok', [['Origin', 'https://a.example.com'], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type,x-trace']]);
      assert.equal(r.status, 204);
      assert.equal(r.headers['access-control-allow-origin'], 'https://a.example.com');
      assert.equal(r.headers['access-control-allow-credentials'], 'true');
      assert.equal(r.headers['access-control-allow-methods'], 'PUT');
      assert.equal(r.headers['access-control-allow-headers'], 'content-type,x-trace');
      assert.equal(r.headers['access-control-max-age'], '600');
      assert.ok(['origin', 'access-control-request-method', 'access-control-request-headers'].every((t) => VARY_TOKENS(r.headers.vary).includes(t)), r.headers.vary);
      // Where an earlier layer set `Vary: Accept-Encoding` before CORS runs, it is kept, not replaced.
      if (EARLIER_VARY.has(fw)) assert.ok(VARY_TOKENS(r.headers.vary).includes('accept-encoding'), r.headers.vary);
      assert.equal(r.raw.filter(([n]) => n.toLowerCase() === 'vary').length, 1, 'one Vary line');
      assert.equal(r.body, '');
    });

    test('preflight to a path with no route is answered too', async () => {
      const r = await app.send('OPTIONS', '/nowhere', [['Origin', APP], ['Access-Control-Request-Method', 'PUT']]);
      assert.equal(r.status, 204);
      assert.equal(r.headers['access-control-allow-origin'], APP);
    });

    test('refused preflight: 403 without CORS headers', async () => {
      for (const hs of [
        [['Origin', 'https://evil.test'], ['Access-Control-Request-Method', 'PUT']],
        [['Origin', APP], ['Access-Control-Request-Method', 'DELETE']],
        [['Origin', APP], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'authorization']],
        [['Origin', APP], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', ','.repeat(10000)]],
      ] as Array<Array<[string, string]>>) {
        const r = await app.send('OPTIONS', '/ok', hs);
        assert.equal(r.status, 403, JSON.stringify(hs).slice(0, 100));
        assert.deepEqual(Object.keys(r.headers).filter((k) => k.startsWith('access-control-')), []);
      }
      assert.deepEqual(logs, [], 'no log lines outside debug mode');
    });

    test('OPTIONS without Access-Control-Request-Method reaches the app (with CORS headers)', async () => {
      const r = await app.send('OPTIONS', '/opt', [['Origin', APP]]);
      assert.equal(r.status, 200);
      assert.equal(r.body, 'app-options');
      assert.equal(r.headers['access-control-allow-origin'], APP);
    });

    test('allowed actual request: ACAO, ACAC, ACEH; Vary: Origin appended to the existing Vary', async () => {
      const r = await app.send('GET', '/ok', [['Origin', APP]]);
      assert.equal(r.status, 200);
      assert.equal(r.body, 'ok');
      assert.equal(r.headers['access-control-allow-origin'], APP);
      assert.equal(r.headers['access-control-allow-credentials'], 'true');
      assert.equal(r.headers['access-control-expose-headers'], 'x-request-id');
      assert.deepEqual(VARY_TOKENS(r.headers.vary).sort(), ['accept-encoding', 'origin']);
      assert.equal(r.raw.filter(([n]) => n.toLowerCase() === 'access-control-allow-origin').length, 1);
    });

    test('disallowed origin and no origin: no ACAO, still Vary: Origin', async () => {
      for (const hs of [[['Origin', 'https://evil.test']], []] as Array<Array<[string, string]>>) {
        const r = await app.send('GET', '/ok', hs);
        assert.equal(r.status, 200);
        assert.equal(r.headers['access-control-allow-origin'], undefined);
        assert.ok(VARY_TOKENS(r.headers.vary).includes('origin'));
      }
    });

    const errorCases: Array<[string, string, string, number, string?]> = [
      ['a thrown error', 'GET', '/throw', 500],
      ['a 404', 'GET', '/missing', 404],
      ['a 401 from an auth check before the route', 'GET', '/auth', 401],
      ['a 400 from the body parser', 'POST', '/json', 400, '{not json'],
    ];
    for (const [name, method, path, status, body] of errorCases) {
      test(`error path: ${name} carries the CORS headers`, async () => {
        const hs: Array<[string, string]> = [['Origin', APP]];
        if (body !== undefined) hs.push(['Content-Type', 'application/json']);
        const r = await app.send(method, path, hs, body);
        assert.equal(r.status, status);
        assert.equal(r.headers['access-control-allow-origin'], APP);
        assert.equal(r.headers['access-control-allow-credentials'], 'true');
        assert.ok(VARY_TOKENS(r.headers.vary).includes('origin'), `Vary: ${r.headers.vary}`);
      });
    }

    test('reconfigure swaps the policy atomically (an invalid config keeps the old one)', async () => {
      assert.throws(() => app.cors.reconfigure({ origins: ['https://*.com'] }), /^PolicyError: corsight:|corsight:/);
      assert.equal((await app.send('GET', '/ok', [['Origin', 'https://new.test']])).headers['access-control-allow-origin'], undefined);
      app.cors.reconfigure({ ...CONFIG, origins: [...CONFIG.origins, 'https://new.test'] });
      assert.equal((await app.send('GET', '/ok', [['Origin', 'https://new.test']])).headers['access-control-allow-origin'], 'https://new.test');
      assert.ok(app.cors.policy.allowsOrigin('https://new.test'));
      app.cors.reconfigure({ ...CONFIG, debug: true });
      const r = await app.send('OPTIONS', '/ok', [['Origin', APP], ['Access-Control-Request-Method', 'DELETE']]);
      assert.equal(r.status, 204, 'debug mode answers refused preflights with 204');
      assert.equal(r.headers['access-control-allow-methods'], 'GET, HEAD, POST, PUT');
      assert.equal(logs.length, 1);
      assert.match(logs[0]!, /^corsight: refused preflight: method "DELETE" is not allowed/);
      app.cors.reconfigure(CONFIG);
    });
  });
}
