import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePolicy, type CorsDecision } from './index.js';

const P = compilePolicy({
  origins: ['https://app.example.com', 'https://*.example.com', 'http://localhost:*', 'https://*.api.test:8443'],
  credentials: true, methods: ['PUT', 'PATCH'], requestHeaders: ['content-type', 'x-trace'], exposeHeaders: ['x-request-id'], maxAge: 600,
});
const h = (d: CorsDecision) => Object.fromEntries(d.headers.map(([n, v]) => [n.toLowerCase(), v]));

const ORIGINS: Array<[string, boolean]> = [
  ['https://app.example.com', true],
  ['https://a.example.com', true],
  ['https://a.b.example.com', true],
  ['https://example.com', false], // one label or more
  ['https://evilexample.com', false],
  ['https://example.com.evil.test', false],
  ['http://a.example.com', false],
  ['https://a.example.com:444', false],
  ['https://A.example.com', false],
  ['https://a..example.com', false],
  ['https://.example.com', false],
  ['https://a.example.com.', false],
  ['https://a.example.com/', false],
  ['http://localhost', true],
  ['http://localhost:3000', true],
  ['http://localhost:03000', false],
  ['http://localhost:99999', false],
  ['http://localhost:80', false],
  ['https://localhost:3000', false],
  ['https://x.api.test:8443', true],
  ['https://x.api.test', false],
  ['null', false],
  ['', false],
  ['https://app.example.com, https://evil.test', false],
  ['https://app.example.com\r\nx: y', false],
  ['https://a.example.com\u0000', false],
  ['https://ä.example.com', false],
];
for (const [origin, allowed] of ORIGINS) {
  test(`origin ${JSON.stringify(origin)} → ${allowed ? 'allowed' : 'refused'}`, () => {
    assert.equal(P.allowsOrigin(origin), allowed);
    const a = P.decide('GET', origin, null, null);
    assert.equal(a.kind, 'actual');
    assert.equal(a.vary, 'Origin');
    assert.equal(h(a)['access-control-allow-origin'], allowed ? origin : undefined);
    const p = P.decide('OPTIONS', origin, 'PUT', null);
    assert.equal(p.status, allowed ? 204 : 403);
  });
}

test('allowed actual request: ACAO, ACAC, ACEH, Vary: Origin; precomputed and frozen for exact origins', () => {
  const d = P.decide('POST', 'https://app.example.com', null, null);
  assert.deepEqual(h(d), { 'access-control-allow-origin': 'https://app.example.com', 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'x-request-id' });
  assert.equal(d, P.decide('POST', 'https://app.example.com', null, null));
  assert.ok(Object.isFrozen(d.headers) && Object.isFrozen(d.headers[0]));
  assert.throws(() => (d.headers as unknown as string[][]).push(['x', 'y']));
});

test('no Origin: Vary: Origin only', () => {
  const d = P.decide('GET', null, null, null);
  assert.deepEqual(d.headers, []);
  assert.equal(d.vary, 'Origin');
});

test('OPTIONS without ACRM passes through as an actual request', () => {
  assert.equal(P.decide('OPTIONS', 'https://app.example.com', null, null).kind, 'actual');
  assert.equal(P.decide('OPTIONS', null, 'PUT', null).kind, 'actual');
  assert.equal(P.decide('GET', 'https://app.example.com', 'PUT', null).kind, 'actual');
});

test('allowed preflight: 204 answering what was asked', () => {
  const d = P.decide('OPTIONS', 'https://a.example.com', 'PATCH', 'content-type,x-trace');
  assert.equal(d.status, 204);
  assert.deepEqual(h(d), {
    'access-control-allow-origin': 'https://a.example.com', 'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'PATCH', 'access-control-allow-headers': 'content-type,x-trace', 'access-control-max-age': '600',
  });
  assert.equal(d.vary, 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
  assert.equal(h(P.decide('OPTIONS', 'https://a.example.com', 'GET', 'X-Trace , content-type'))['access-control-allow-headers'], 'X-Trace , content-type');
});

const REFUSED: Array<[string, string, string | null, string]> = [
  ['method not listed', 'DELETE', null, 'method'],
  ['method case', 'patch', null, 'method'],
  ['forbidden method', 'TRACE', null, 'method'],
  ['method not a token', 'PU T', null, 'malformed'],
  ['header not listed', 'PUT', 'content-type,x-other', 'headers'],
  ['authorization not listed', 'PUT', 'authorization', 'headers'],
  ['ACRH with CR/LF', 'PUT', 'content-type\r\nx: y', 'malformed'],
  ['ACRH non-ASCII', 'PUT', 'x-träce', 'malformed'],
  ['ACRH too long', 'PUT', 'a'.repeat(5000), 'malformed'],
  ['ACRH 10,000 commas', 'PUT', ','.repeat(10000), 'malformed'],
  ['ACRH too many elements', 'PUT', Array(65).fill('x-trace').join(','), 'malformed'],
];
for (const [name, acrm, acrh, reason] of REFUSED) {
  test(`refused preflight: ${name}`, () => {
    const d = P.decide('OPTIONS', 'https://app.example.com', acrm, acrh);
    assert.equal(d.status, 403);
    assert.deepEqual(d.headers, []);
    assert.equal(d.refusal?.reason, reason);
    assert.match(d.refusal!.message, /^corsight: refused preflight: /);
    assert.doesNotMatch(d.refusal!.message, /[\r\n]/);
  });
}

test('Authorization only by name: `*` request headers do not cover it', () => {
  const any = compilePolicy({ origins: ['https://a.test'], requestHeaders: ['*'] });
  assert.equal(any.decide('OPTIONS', 'https://a.test', 'GET', 'x-anything,content-type').status, 204);
  assert.equal(any.decide('OPTIONS', 'https://a.test', 'GET', 'authorization').status, 403);
  const named = compilePolicy({ origins: ['https://a.test'], requestHeaders: ['*', 'Authorization'] });
  assert.equal(named.decide('OPTIONS', 'https://a.test', 'GET', 'authorization,x-y').status, 204);
});

test('any origin without credentials: ACAO * always, no Vary: Origin', () => {
  const p = compilePolicy({ origins: ['*'], methods: ['*'] });
  assert.deepEqual(h(p.decide('GET', null, null, null)), { 'access-control-allow-origin': '*' });
  assert.equal(p.decide('GET', 'https://x.test', null, null).vary, null);
  const pf = p.decide('OPTIONS', 'null', 'DELETE', null);
  assert.equal(pf.status, 204);
  assert.equal(h(pf)['access-control-allow-origin'], '*');
  assert.equal(pf.vary, 'Access-Control-Request-Method, Access-Control-Request-Headers');
  assert.equal(p.decide('OPTIONS', 'https://x.test', 'CONNECT', null).status, 403);
});

test('any origin with credentials (dangerously) reflects only well-formed origins', () => {
  const p = compilePolicy({ origins: ['*'], credentials: true, dangerouslyAllowAnyOriginWithCredentials: true });
  assert.equal(h(p.decide('GET', 'https://x.test:8080', null, null))['access-control-allow-origin'], 'https://x.test:8080');
  for (const bad of ['https://x.test\r\nset-cookie: a', 'null', 'https://X.test', 'x', 'https://x.test/']) {
    assert.deepEqual(p.decide('GET', bad, null, null).headers, [], bad);
  }
});

test('debug mode: a refused preflight gets a 204 that still fails in the browser, with the reason', () => {
  const p = compilePolicy({ origins: ['https://a.test'], credentials: true, methods: ['PUT'], requestHeaders: ['x-a'], debug: true });
  const o = p.decide('OPTIONS', 'https://evil.test', 'PUT', null);
  assert.equal(o.status, 204);
  assert.deepEqual(o.headers, []);
  assert.match(o.refusal!.message, /origin "https:\/\/evil.test" is not allowed/);
  const m = p.decide('OPTIONS', 'https://a.test', 'DELETE', null);
  assert.equal(h(m)['access-control-allow-methods'], 'GET, HEAD, POST, PUT');
  const hd = p.decide('OPTIONS', 'https://a.test', 'PUT', 'x-b');
  assert.deepEqual(h(hd), { 'access-control-allow-origin': 'https://a.test', 'access-control-allow-credentials': 'true', 'access-control-allow-methods': 'PUT', 'access-control-allow-headers': 'x-a' });
});

test('handle() reads Node header objects and Fetch Headers', () => {
  const d1 = P.handle('OPTIONS', { origin: 'https://app.example.com', 'access-control-request-method': 'PUT' });
  assert.equal(d1.status, 204);
  const d2 = P.handle('OPTIONS', new Headers({ origin: 'https://app.example.com', 'access-control-request-method': 'PUT' }));
  assert.equal(d2.status, 204);
  const d3 = P.handle('GET', { origin: ['https://app.example.com', 'https://app.example.com'] });
  assert.deepEqual(d3.headers, []);
});
