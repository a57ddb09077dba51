// `corsight check` against real framework servers on loopback: Express 5 with the `cors` package
// configured as the usual tutorials do (and with the classic mistakes), Fastify 5 with
// @fastify/cors. Expectations are what the browsers do with those servers' real answers.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import cors from 'cors';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCors from '@fastify/cors';
import { checkJson, codes, findingCodes, listenOn, type TestServer } from '../support/check-helpers.js';

const ORIGIN = 'http://localhost:3000';
const ALL = (code: string | null) => ({ chromium: code, firefox: code, webkit: code });

describe('Express 5 + cors', () => {
  let srv: TestServer;
  before(async () => {
    const app = express();
    app.set('env', 'test'); // no stack traces of the deliberate errors on stderr
    app.use(express.json());
    // 1. Right: an allowlist with credentials, for the whole /good router.
    const good = express.Router();
    good.use(cors({ origin: [ORIGIN], credentials: true }));
    good.get('/items', (_req, res) => { res.json([]); });
    good.delete('/items/:id', (_req, res) => { res.status(204).end(); });
    good.post('/fail', () => { throw new Error('database unavailable'); });
    app.use('/good', good);
    // 2. Mistake: the origin copied from the address bar (trailing slash).
    app.get('/slash', cors({ origin: 'http://localhost:3000/' }), (_req, res) => { res.json([]); });
    // 3. Mistake: cors() defaults (origin *) with a credentialed fetch.
    app.get('/star', cors(), (_req, res) => { res.json({ user: 'ada' }); });
    // 4. Mistake: cors() on the PUT route only — OPTIONS falls to Express's automatic handler.
    app.put('/route-only', cors({ origin: ORIGIN }), (_req, res) => { res.json({ ok: true }); });
    // 5. Mistake: allowedHeaders without Authorization.
    const narrow = cors({ origin: ORIGIN, allowedHeaders: ['Content-Type'] });
    app.options('/narrow', narrow);
    app.get('/narrow', narrow, (_req, res) => { res.json({}); });
    // 6. Mistake: authentication before cors — the preflight has no token and gets 401.
    const auth: express.RequestHandler = (req, res, next) => {
      if (req.headers.authorization === undefined) { res.status(401).json({ error: 'unauthorized' }); return; }
      next();
    };
    app.use('/secured', auth, cors({ origin: ORIGIN }), (_req, res) => { res.json({}); });
    // 7. Mistake: an error thrown before cors runs (cors registered after a failing middleware).
    app.use('/late', (_req, _res, next) => next(new Error('boom')), cors({ origin: ORIGIN }));
    srv = await listenOn(http.createServer(app));
  });
  after(() => srv.close());

  test('allowlist + credentials: GET and preflighted DELETE allowed (exit 0)', async () => {
    const get = await checkJson([`${srv.url}/good/items`, '--origin', ORIGIN, '--credentials', 'include']);
    assert.equal(get.code, 0);
    const del = await checkJson([`${srv.url}/good/items/1`, '--origin', ORIGIN, '-X', 'DELETE', '--credentials', 'include']);
    assert.equal(del.code, 0);
    assert.deepEqual(codes(del.doc), ALL(null));
    assert.deepEqual(del.doc.exchanges.filter((x) => !x.unsent).map((x) => x.request.method), ['OPTIONS', 'DELETE']);
  });

  test('allowlisted origin from elsewhere: no ACAO (the cors package omits it)', async () => {
    const r = await checkJson([`${srv.url}/good/items`, '--origin', 'https://evil.example']);
    assert.deepEqual(codes(r.doc), ALL('MISSING_ALLOW_ORIGIN_HEADER'));
  });

  test('a thrown error: Express keeps the CORS headers on its 500 (the middleware ran first)', async () => {
    const r = await checkJson([`${srv.url}/good/fail`, '--origin', ORIGIN, '-H', 'Content-Type: application/json', '--data', '{}', '--credentials', 'include']);
    assert.equal(r.code, 0, 'the page can read the 500');
    assert.equal(r.doc.browsers['chromium']!.runs[0]!.status, 500);
  });

  test('trailing slash in the configured origin: mismatch, near-miss finding', async () => {
    const r = await checkJson([`${srv.url}/slash`, '--origin', ORIGIN]);
    assert.equal(r.code, 1);
    assert.deepEqual(codes(r.doc), ALL('ALLOW_ORIGIN_MISMATCH'));
    assert.deepEqual(findingCodes(r.doc), ['ALLOW_ORIGIN_NEAR_MISS']);
    assert.match(r.doc.findings[0]!.title, /trailing slash/);
  });

  test('cors() defaults with credentials: wildcard refused', async () => {
    const r = await checkJson([`${srv.url}/star`, '--origin', ORIGIN, '--credentials', 'include']);
    assert.deepEqual(codes(r.doc), ALL('WILDCARD_ORIGIN_NOT_ALLOWED'));
    assert.deepEqual(findingCodes(r.doc), ['WILDCARD_WITH_CREDENTIALS']);
  });

  test('cors() on the route only: the automatic OPTIONS answer has no CORS headers', async () => {
    const r = await checkJson([`${srv.url}/route-only`, '--origin', ORIGIN, '-X', 'PUT', '-H', 'Content-Type: application/json', '--data', '{}']);
    assert.equal(r.code, 1);
    assert.equal(codes(r.doc)['chromium'], 'PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER');
    assert.deepEqual(findingCodes(r.doc), ['PREFLIGHT_NOT_HANDLED']);
    const unsent = r.doc.exchanges[r.doc.unsent!]!;
    assert.equal(unsent.response!.status, 200, 'the PUT itself works: probed anyway');
  });

  test('allowedHeaders without Authorization', async () => {
    const r = await checkJson([`${srv.url}/narrow`, '--origin', ORIGIN, '-H', 'Authorization: Bearer t']);
    assert.deepEqual(codes(r.doc), ALL('HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE'));
  });

  test('auth before cors: the preflight gets 401', async () => {
    const r = await checkJson([`${srv.url}/secured`, '--origin', ORIGIN, '-H', 'Authorization: Bearer t']);
    assert.equal(r.code, 1);
    assert.deepEqual(findingCodes(r.doc), ['PREFLIGHT_REJECTED_BY_AUTH']);
  });

  test('an error before cors runs: "your server answered 500"', async () => {
    const r = await checkJson([`${srv.url}/late`, '--origin', ORIGIN]);
    assert.deepEqual(codes(r.doc), ALL('MISSING_ALLOW_ORIGIN_HEADER'));
    assert.deepEqual(findingCodes(r.doc), ['ERROR_STATUS_WITHOUT_CORS']);
    assert.equal(r.doc.findings[0]!.title, 'your server answered 500, the browser reports it as a CORS error');
  });
});

describe('Fastify 5 + @fastify/cors', () => {
  let app: FastifyInstance;
  let url: string;
  before(async () => {
    app = Fastify();
    await app.register(async (scope) => {
      await scope.register(fastifyCors, { origin: [ORIGIN], credentials: true, methods: ['GET', 'PUT', 'DELETE'] });
      scope.get('/items', async () => []);
      scope.delete('/items/:id', async (_req, reply) => reply.code(204).send());
    }, { prefix: '/good' });
    await app.register(async (scope) => {
      // The plugin's defaults: reflect any origin; methods GET,HEAD,POST only.
      await scope.register(fastifyCors, { origin: true });
      scope.get('/items', async () => []);
      scope.delete('/items/:id', async (_req, reply) => reply.code(204).send());
    }, { prefix: '/defaults' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const a = app.server.address();
    url = `http://127.0.0.1:${typeof a === 'object' && a !== null ? a.port : 0}`;
  });
  after(() => app.close());

  test('allowlist: preflighted DELETE with credentials allowed', async () => {
    const r = await checkJson([`${url}/good/items/1`, '--origin', ORIGIN, '-X', 'DELETE', '--credentials', 'include']);
    assert.equal(r.code, 0);
    assert.deepEqual(findingCodes(r.doc), []);
  });

  test('origin: true reflects any origin (with Vary: Origin): allowed, warned', async () => {
    const r = await checkJson([`${url}/defaults/items`, '--origin', ORIGIN]);
    assert.equal(r.code, 0);
    assert.deepEqual(findingCodes(r.doc), ['REFLECTS_ANY_ORIGIN']);
  });

  test('the default methods leave DELETE out', async () => {
    const r = await checkJson([`${url}/defaults/items/1`, '--origin', ORIGIN, '-X', 'DELETE']);
    assert.equal(r.code, 1);
    assert.deepEqual(codes(r.doc), ALL('METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE'));
  });
});
