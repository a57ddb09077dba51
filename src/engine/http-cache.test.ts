import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpCache, isFresh, isStorable, modeForPageConditionals, updateStoredHeaders, validationHeaders } from './http-cache.js';
import { requestHeadersMatch } from './server.js';
import type { HeaderPair } from './types.js';

const res = (status: number, headers: HeaderPair[]) => ({ status, headers, route: null });

test('only a GET 200 whose server states Cache-Control without no-store is stored', () => {
  assert.equal(isStorable('GET', res(200, [['Cache-Control', 'max-age=0']])), true);
  assert.equal(isStorable('GET', res(200, [])), false);
  assert.equal(isStorable('GET', res(200, [['Cache-Control', 'no-store']])), false);
  assert.equal(isStorable('POST', res(200, [['Cache-Control', 'max-age=60']])), false);
  assert.equal(isStorable('GET', res(404, [['Cache-Control', 'max-age=60']])), false);
});

test('freshness: max-age in seconds of virtual time; no-cache is always stale', () => {
  const cache = new HttpCache();
  cache.put('u', res(200, [['Cache-Control', 'max-age=2']]), 1000);
  const stored = cache.get('u')!;
  assert.equal(isFresh(stored, 2999), true);
  assert.equal(isFresh(stored, 3000), false);
  assert.equal(isFresh({ ...stored, headers: [['Cache-Control', 'max-age=60, no-cache']] }, 1000), false);
  assert.equal(isFresh({ ...stored, headers: [['Cache-Control', 'max-age=abc']] }, 1000), false);
});

test('validators: If-None-Match from ETag, If-Modified-Since from Last-Modified, none without them', () => {
  const stored = { status: 200, route: null, storedAt: 0, headers: [['ETag', '"v1"'], ['Last-Modified', 'Tue, 01 Sep 2026 10:00:00 GMT']] as HeaderPair[] };
  assert.deepEqual(validationHeaders(stored), [['If-None-Match', '"v1"'], ['If-Modified-Since', 'Tue, 01 Sep 2026 10:00:00 GMT']]);
  assert.deepEqual(validationHeaders({ ...stored, headers: [['Cache-Control', 'max-age=0']] }), []);
});

test('a 304 replaces stored fields by name and adds new ones, except the names never updated', () => {
  const stored: HeaderPair[] = [['Access-Control-Allow-Origin', '*'], ['Access-Control-Expose-Headers', 'X-A'], ['ETag', '"v1"']];
  const notModified: HeaderPair[] = [['access-control-expose-headers', 'X-A, X-B'], ['X-New', '1'], ['ETag', '"v2"']];
  assert.deepEqual(updateStoredHeaders(stored, notModified, ['etag']), [
    ['Access-Control-Allow-Origin', '*'], ['ETag', '"v1"'], ['access-control-expose-headers', 'X-A, X-B'], ['X-New', '1'],
  ]);
  assert.deepEqual(updateStoredHeaders(stored, notModified, [])[1], ['access-control-expose-headers', 'X-A, X-B']);
});

test('page-set conditional headers turn cache mode default into the browser\'s mode (checklist #70)', () => {
  assert.deepEqual(modeForPageConditionals('default', [['if-none-match', '"v1"']], 'no-store'), { conditional: true, mode: 'no-store' });
  assert.deepEqual(modeForPageConditionals('default', [['If-Modified-Since', 'x']], 'no-cache'), { conditional: true, mode: 'no-cache' });
  assert.deepEqual(modeForPageConditionals('reload', [['If-Match', 'x']], 'no-store'), { conditional: true, mode: 'reload' });
  assert.deepEqual(modeForPageConditionals('default', [['X-Custom', '1']], 'no-store'), { conditional: false, mode: 'default' });
});

test('route requestHeaders: exact combined value, null for absent, names case-insensitive', () => {
  const route = { url: 'http://a.test/', requestHeaders: [['If-None-Match', '"v1"'], ['X-Absent', null]] as [string, string | null][] };
  assert.equal(requestHeadersMatch(route, [['if-none-match', '"v1"']]), true);
  assert.equal(requestHeadersMatch(route, [['if-none-match', '"v2"']]), false);
  assert.equal(requestHeadersMatch(route, []), false);
  assert.equal(requestHeadersMatch(route, [['If-None-Match', '"v1"'], ['x-absent', '']]), false);
  assert.equal(requestHeadersMatch({ url: 'http://a.test/', requestHeaders: [['X', 'a, b']] }, [['X', 'a'], ['x', 'b']]), true);
});
