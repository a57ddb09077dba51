// Root-cause findings from observed exchanges: a table of observations (as a probe or a HAR file
// would record them) and the finding codes each must produce — and must not produce.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HeaderPair, ScenarioRequest } from '../engine/index.js';
import type { Exchange, Observation } from './exchange.js';
import { findingText } from '../render/findings.js';
import { findingsOf, isOriginNearMiss, type FindingCode } from './findings.js';

const PAGE = 'http://localhost:3000/';
const API = 'http://127.0.0.1:8080/api/items';
const O: HeaderPair = ['Origin', 'http://localhost:3000'];

function x(method: string, url: string, reqHeaders: HeaderPair[], status: number, resHeaders: HeaderPair[], preflight = false): Exchange {
  return { request: { method, url, headers: reqHeaders }, response: { status, headers: resHeaders }, preflight };
}
const pre = (status: number, h: HeaderPair[], acrh?: string): Exchange =>
  x('OPTIONS', API, [O, ['Access-Control-Request-Method', 'PUT'], ...(acrh ? [['Access-Control-Request-Headers', acrh] as HeaderPair] : [])], status, h, true);

interface Row {
  name: string;
  request?: Partial<ScenarioRequest>;
  exchanges: Exchange[];
  reflection?: { of: number; exchange: Exchange };
  expect: FindingCode[];
}

const ROWS: Row[] = [
  { name: 'OPTIONS 404', exchanges: [pre(404, [])], expect: ['PREFLIGHT_NOT_HANDLED'] },
  { name: 'OPTIONS 401 (auth before CORS)', exchanges: [pre(401, [['WWW-Authenticate', 'Bearer']])], expect: ['PREFLIGHT_REJECTED_BY_AUTH'] },
  { name: 'automatic OPTIONS 200 with Allow', exchanges: [pre(200, [['Allow', 'GET,HEAD,PUT']])], expect: ['PREFLIGHT_NOT_HANDLED'] },
  {
    name: 'preflight 204 without CORS, the PUT with them',
    exchanges: [pre(204, []), x('PUT', API, [O], 200, [['Access-Control-Allow-Origin', 'http://localhost:3000']])],
    expect: ['PREFLIGHT_WITHOUT_CORS'],
  },
  {
    name: 'CORS only on the preflight',
    exchanges: [pre(204, [['Access-Control-Allow-Origin', 'http://localhost:3000'], ['Access-Control-Allow-Methods', 'PUT']]), x('PUT', API, [O], 200, [])],
    expect: ['CORS_ONLY_ON_PREFLIGHT'],
  },
  { name: 'OPTIONS 405 with Allow', exchanges: [pre(405, [['Allow', 'GET, PUT']])], expect: ['PREFLIGHT_NOT_HANDLED'] },
  {
    name: 'CORS on the preflight, 500 without on the actual request',
    exchanges: [pre(204, [['Access-Control-Allow-Origin', 'http://localhost:3000'], ['Access-Control-Allow-Methods', 'PUT']]), x('PUT', API, [O], 500, [])],
    expect: ['ERROR_STATUS_WITHOUT_CORS'],
  },
  { name: '404 on a simple GET without CORS', exchanges: [x('GET', API, [O], 404, [])], expect: ['ERROR_STATUS_WITHOUT_CORS'] },
  { name: '200 without CORS is the engine\'s job, no finding', exchanges: [x('GET', API, [O], 200, [])], expect: [] },
  { name: '500 with CORS headers: fine for CORS', exchanges: [x('GET', API, [O], 500, [['Access-Control-Allow-Origin', '*']])], expect: [] },
  { name: 'trailing slash', exchanges: [x('GET', API, [O], 200, [['Access-Control-Allow-Origin', 'http://localhost:3000/']])], expect: ['ALLOW_ORIGIN_NEAR_MISS'] },
  { name: 'https instead of http', exchanges: [x('GET', API, [O], 200, [['Access-Control-Allow-Origin', 'https://localhost:3000']])], expect: ['ALLOW_ORIGIN_NEAR_MISS'] },
  { name: 'another port', exchanges: [x('GET', API, [O], 200, [['Access-Control-Allow-Origin', 'http://localhost:5173']])], expect: ['ALLOW_ORIGIN_NEAR_MISS'] },
  { name: 'another host is no near miss', exchanges: [x('GET', API, [O], 200, [['Access-Control-Allow-Origin', 'http://example.com']])], expect: [] },
  {
    name: 'www', exchanges: [x('GET', API, [['Origin', 'https://example.com']], 200, [['Access-Control-Allow-Origin', 'https://www.example.com']])],
    expect: ['ALLOW_ORIGIN_NEAR_MISS'],
  },
  {
    name: 'two ACAO lines', exchanges: [x('GET', API, [O], 200, [['Access-Control-Allow-Origin', 'http://localhost:3000'], ['access-control-allow-origin', 'http://localhost:3000']])],
    expect: ['MULTIPLE_ALLOW_ORIGIN'],
  },
  {
    name: 'ACAO with a list', exchanges: [x('GET', API, [O], 200, [['Access-Control-Allow-Origin', 'http://localhost:3000, http://localhost:3001']])],
    expect: ['MULTIPLE_ALLOW_ORIGIN'],
  },
  {
    name: '* with credentials', request: { credentials: 'include' },
    exchanges: [x('GET', API, [O], 200, [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true']])],
    expect: ['WILDCARD_WITH_CREDENTIALS'],
  },
  { name: '* without credentials is fine', exchanges: [x('GET', API, [O], 200, [['Access-Control-Allow-Origin', '*']])], expect: [] },
  {
    name: 'redirect to a login page on another host',
    exchanges: [x('GET', API, [O], 302, [['Location', 'https://sso.example.com/login?next=/api']])],
    expect: ['REDIRECT_TO_LOGIN'],
  },
  {
    name: 'redirect to another origin', exchanges: [x('GET', API, [O], 307, [['Location', 'http://127.0.0.1:9090/api/items']])],
    expect: ['REDIRECT_CROSS_ORIGIN'],
  },
  { name: 'same-origin redirect', exchanges: [x('GET', API, [O], 301, [['Location', '/api/items/']])], expect: [] },
  {
    name: 'http→https', exchanges: [x('GET', API, [O], 301, [['Location', 'https://127.0.0.1:8080/api/items']])],
    expect: ['REDIRECT_HTTP_TO_HTTPS'],
  },
  { name: 'redirected preflight', exchanges: [pre(301, [['Location', 'http://127.0.0.1:8080/api/items/']])], expect: ['REDIRECTED_PREFLIGHT'] },
  {
    name: 'Authorization only by *', request: { headers: [['Authorization', 'Bearer t']] },
    exchanges: [pre(204, [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Headers', '*']], 'authorization')],
    expect: ['AUTHORIZATION_ONLY_BY_WILDCARD'],
  },
  {
    name: 'Authorization listed by name', request: { headers: [['Authorization', 'Bearer t']] },
    exchanges: [pre(204, [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Headers', '*, Authorization']], 'authorization')],
    expect: [],
  },
  {
    name: 'reflects any origin, no Vary',
    exchanges: [x('GET', API, [O], 200, [['Access-Control-Allow-Origin', 'http://localhost:3000']])],
    reflection: { of: 0, exchange: x('GET', API, [['Origin', 'https://evil.example']], 200, [['Access-Control-Allow-Origin', 'https://evil.example']]) },
    expect: ['REFLECTS_ANY_ORIGIN', 'REFLECTED_ORIGIN_WITHOUT_VARY'],
  },
  {
    name: 'allowlist with Vary: Origin',
    exchanges: [x('GET', API, [O], 200, [['Access-Control-Allow-Origin', 'http://localhost:3000'], ['Vary', 'Accept-Encoding, Origin']])],
    reflection: { of: 0, exchange: x('GET', API, [['Origin', 'https://evil.example']], 200, [['Vary', 'Accept-Encoding, Origin']]) },
    expect: [],
  },
  {
    name: 'allowlist without Vary',
    exchanges: [x('GET', API, [O], 200, [['Access-Control-Allow-Origin', 'http://localhost:3000']])],
    reflection: { of: 0, exchange: x('GET', API, [['Origin', 'https://evil.example']], 200, []) },
    expect: ['REFLECTED_ORIGIN_WITHOUT_VARY'],
  },
  {
    name: 'a fixed ACAO needs no Vary',
    exchanges: [x('GET', API, [O], 200, [['Access-Control-Allow-Origin', 'http://localhost:3000']])],
    reflection: { of: 0, exchange: x('GET', API, [['Origin', 'https://evil.example']], 200, [['Access-Control-Allow-Origin', 'http://localhost:3000']]) },
    expect: [],
  },
];

for (const row of ROWS) {
  test(`findings: ${row.name}`, () => {
    const o: Observation = { page: PAGE, request: { url: API, method: 'PUT', ...row.request }, exchanges: row.exchanges };
    const got = findingsOf(o, row.reflection ? { reflection: row.reflection } : {}).map((f) => f.code);
    assert.deepEqual([...got].sort(), [...row.expect].sort());
  });
}

test('findings: the 500 title says what the server answered', () => {
  const o: Observation = { page: PAGE, request: { url: API }, exchanges: [x('GET', API, [O], 503, [])] };
  assert.equal(findingText(findingsOf(o)[0]!).title, 'your server answered 503, the browser reports it as a CORS error');
});

test('isOriginNearMiss: scheme, www, port, slash, case — not other hosts or lists', () => {
  const o = 'http://localhost:3000';
  assert.ok(isOriginNearMiss('http://localhost:3000/', o));
  assert.ok(isOriginNearMiss('HTTP://LOCALHOST:3000', o));
  assert.ok(isOriginNearMiss('https://localhost:3000', o));
  assert.ok(isOriginNearMiss('http://localhost:3001', o));
  assert.ok(isOriginNearMiss('http://www.localhost:3000', o));
  assert.ok(!isOriginNearMiss(o, o));
  assert.ok(!isOriginNearMiss('*', o));
  assert.ok(!isOriginNearMiss('http://example.com', o));
  assert.ok(!isOriginNearMiss('http://localhost:3000, http://a.test', o));
});
