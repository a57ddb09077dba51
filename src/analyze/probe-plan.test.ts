// The probe plan: the engine decides each next request from the answers observed so far.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HeaderPair } from '../engine/index.js';
import type { Exchange, Observation } from './exchange.js';
import { nextProbe, unsentActualRequest } from './probe-plan.js';
import { secFetchSite, refererFor, browserWireHeaders } from './wire-headers.js';

const PAGE = 'http://localhost:3000/';
const API = 'http://127.0.0.1:8080/x';

function answered(method: string, url: string, status: number, headers: HeaderPair[], preflight = false): Exchange {
  return { request: { method, url, headers: [] }, response: { status, headers }, preflight };
}
const h = (hs: HeaderPair[], n: string): string | undefined => hs.find(([k]) => k.toLowerCase() === n.toLowerCase())?.[1];

test('a preflighted PUT: first the OPTIONS (ACRH sorted, lower-cased), then the PUT, then nothing', () => {
  const o: Observation = {
    page: PAGE, request: { url: API, method: 'PUT', headers: [['X-Zeta', '1'], ['Content-Type', 'application/json'], ['X-Alpha', '2']], body: '{}' }, exchanges: [],
  };
  const p1 = nextProbe(o, 'chromium')!;
  assert.equal(p1.method, 'OPTIONS');
  assert.equal(p1.preflight, true);
  assert.equal(p1.body, null);
  assert.equal(h(p1.headers, 'Access-Control-Request-Method'), 'PUT');
  assert.equal(h(p1.headers, 'Access-Control-Request-Headers'), 'content-type,x-alpha,x-zeta');
  assert.equal(h(p1.headers, 'Origin'), 'http://localhost:3000');
  assert.equal(h(p1.headers, 'Sec-Fetch-Mode'), 'cors');
  assert.equal(h(p1.headers, 'X-Zeta'), undefined, 'page headers never go on the preflight');
  assert.equal(h(p1.headers, 'Cookie'), undefined);
  o.exchanges.push(answered('OPTIONS', API, 204, [
    ['Access-Control-Allow-Origin', 'http://localhost:3000'], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type, x-alpha, x-zeta'],
  ], true));
  const p2 = nextProbe(o, 'chromium')!;
  assert.equal(p2.method, 'PUT');
  assert.equal(p2.body, '{}');
  assert.equal(h(p2.headers, 'X-Zeta'), '1');
  o.exchanges.push(answered('PUT', API, 200, [['Access-Control-Allow-Origin', 'http://localhost:3000']]));
  assert.equal(nextProbe(o, 'chromium'), null);
});

test('a failed preflight ends the browser\'s requests; the actual request is planned separately', () => {
  const o: Observation = { page: PAGE, request: { url: API, method: 'DELETE' }, exchanges: [answered('OPTIONS', API, 404, [], true)] };
  assert.equal(nextProbe(o, 'firefox'), null);
  const u = unsentActualRequest(o, 'firefox')!;
  assert.equal(u.method, 'DELETE');
  assert.equal(u.preflight, false);
  assert.equal(h(u.headers, 'Origin'), 'http://localhost:3000');
});

test('after a cross-origin redirect the next hop carries Origin: null', () => {
  const other = 'http://127.0.0.2:9000/y';
  const o: Observation = {
    page: PAGE, request: { url: API }, exchanges: [answered('GET', API, 302, [['Location', other], ['Access-Control-Allow-Origin', '*']])],
  };
  const p = nextProbe(o, 'chromium')!;
  assert.equal(p.url, other);
  assert.equal(h(p.headers, 'Origin'), 'null');
  // WebKit drops Sec-Fetch-* on a redirected request.
  const w = nextProbe(o, 'webkit')!;
  assert.equal(h(w.headers, 'Sec-Fetch-Mode'), undefined);
});

test('wire headers: Sec-Fetch-Site, Referer, trustworthiness', () => {
  assert.equal(secFetchSite('http://localhost:3000/', ['http://localhost:3000/a']), 'same-origin');
  assert.equal(secFetchSite('https://app.example.com/', ['https://api.example.com/a']), 'same-site');
  assert.equal(secFetchSite('https://app.example.com/', ['https://api.example.com/a', 'https://cdn.other.net/b']), 'cross-site');
  assert.equal(refererFor('https://example.com/page#x', 'http://api.example.net/'), null, 'no referrer on a downgrade');
  assert.equal(refererFor('https://example.com/page', 'https://api.example.net/'), 'https://example.com/');
  const notTrustworthy = browserWireHeaders({ browser: 'chromium', page: PAGE, chain: ['http://api.example.net/'], preflight: false }, []);
  assert.equal(h(notTrustworthy, 'Sec-Fetch-Site'), undefined, 'Sec-Fetch-* only to potentially trustworthy URLs');
  const ff = browserWireHeaders({ browser: 'firefox', page: PAGE, chain: [API], preflight: true }, [['Accept', '*/*']]);
  assert.equal(h(ff, 'Priority'), 'u=4');
  assert.equal(h(ff, 'Accept'), undefined, 'engine headers are not duplicated');
  assert.match(h(ff, 'User-Agent')!, /Firefox\/153\.0/);
});
