import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { Ajv2020 } from 'ajv/dist/2020.js';

import { FAILURE_CODES } from '../codes.js';
import type { Scenario } from '../types.js';
import {
  API_VALUES,
  CREDENTIALS_VALUES,
  MODE_VALUES,
  REDIRECT_VALUES,
  SCENARIO_SCHEMA_ID,
  applyDefaults,
  formatValidationError,
  validateScenario,
  validateScenarioFile,
  type ValidationError,
} from './validate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCHEMA_PATH = join(ROOT, 'docs', 'scenario.schema.json');

/**
 * A deep copy of `base` with changes: keys are dotted paths (`request.method`), a value of
 * `undefined` deletes the key.
 */
function variant(base: object, changes: Record<string, unknown>): unknown {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let target = copy;
    for (const key of keys) target = target[key] as Record<string, unknown>;
    if (value === undefined) delete target[last];
    else target[last] = value;
  }
  return copy;
}

function errorsOf(value: unknown): [string, string][] {
  const r = validateScenario(value);
  return r.ok ? [] : r.errors.map((e) => [e.path, e.message]);
}

function fileErrorsOf(value: unknown): [string, string][] {
  const r = validateScenarioFile(value);
  return r.ok ? [] : r.errors.map((e) => [e.path, e.message]);
}

// ---------------------------------------------------------------------------------------------
// Fixtures

const ISSUE_EXAMPLE = {
  name: 'put-with-json',
  page: 'http://127.0.0.1:8001/run.html',
  request: {
    api: 'fetch',
    url: 'http://127.0.0.1:8002/orders',
    method: 'PUT',
    headers: [['Content-Type', 'application/json']],
    credentials: 'same-origin',
    mode: 'cors',
    redirect: 'follow',
    body: '{}',
  },
  server: [
    {
      method: 'OPTIONS',
      url: 'http://127.0.0.1:8002/orders',
      status: 204,
      headers: [
        ['Access-Control-Allow-Origin', '{{origin}}'],
        ['Access-Control-Allow-Methods', 'PUT'],
      ],
    },
    { url: 'http://127.0.0.1:8002/orders', status: 200, headers: [['Access-Control-Allow-Origin', '*']] },
  ],
  repeat: { count: 2, intervalMs: 1500 },
};

const MINIMAL = { page: 'http://localhost:3000/', request: { url: 'http://localhost:8080/api' } };

const FULL_EXPECT = {
  all: {
    outcome: 'blocked',
    status: null,
    type: null,
    exposedHeaders: [],
    jsError: 'TypeError: Failed to fetch',
    code: 'MISSING_ALLOW_ORIGIN_HEADER',
    preflight: false,
    sentCount: 1,
    sent: [{ method: 'GET', url: 'http://localhost:8080/api', headers: [['Origin', 'http://localhost:3000'], ['Cookie', null]] }],
    preflightCached: false,
  },
  chromium: { console: ['Access to fetch at ... has been blocked by CORS policy'] },
  firefox: { console: [], runs: [{ outcome: 'blocked', status: 0 }, { code: null, type: 'cors' }] },
  webkit: { status: 200, type: 'opaqueredirect', outcome: 'opaque' },
  spec: { console: [], runs: [{ console: [] }] },
};

/** Valid single scenarios. */
const VALID: [string, unknown][] = [
  ['the issue example', ISSUE_EXAMPLE],
  ['empty method (fetch rejects it; the simulation reports it)', { page: 'http://127.0.0.1:8001/', request: { url: 'http://127.0.0.1:8002/x', method: '' } }],
  ['minimal', MINIMAL],
  ['route with requestHeaders (a 304 for a revalidation)', {
    page: 'http://127.0.0.1:8001/', request: { url: 'http://127.0.0.1:8002/x' },
    server: [
      { url: 'http://127.0.0.1:8002/x', requestHeaders: [['If-None-Match', '"v1"'], ['X-Absent', null]], status: 304, headers: [['ETag', '"v1"']] },
      { url: 'http://127.0.0.1:8002/x', headers: [['ETag', '"v1"'], ['Cache-Control', 'max-age=0']] },
    ],
  }],
  ['relative request url', { page: 'http://localhost:3000/app/', request: { url: '../api?x=1' } }],
  ['invalid request url (engine reports it)', { page: 'http://a.test/', request: { url: 'http://[::1' } }],
  ['empty request url', { page: 'http://a.test/', request: { url: '' } }],
  ['forbidden method TRACE', { page: 'http://a.test/', request: { url: '/x', method: 'TRACE' } }],
  ['lower-case method', { page: 'http://a.test/', request: { url: '/x', method: 'patch' } }],
  ['bad header syntax is not judged', {
    page: 'http://a.test/',
    request: { url: '/x', headers: [['', ''], ['Bad Name', 'line\nbreak'], ['Cookie', 'a=b'], ['X', 'a'], ['X', 'b']] },
  }],
  ['xhr withCredentials', { page: 'https://app.test/', request: { api: 'xhr', url: 'https://api.test/', credentials: 'include', mode: 'cors', redirect: 'follow' } }],
  ['xhr same-origin credentials', { page: 'https://app.test/', request: { api: 'xhr', url: '/x', credentials: 'same-origin' } }],
  ['fetch navigate mode (fetch throws)', { page: 'http://a.test/', request: { url: '/x', mode: 'navigate' } }],
  ['every enum value', { page: 'http://a.test/', request: { url: '/x', credentials: 'omit', mode: 'no-cors', redirect: 'manual' } }],
  ['stream body with duplex', { page: 'http://a.test/', request: { url: '/x', method: 'POST', body: 'x', bodyStream: true, duplex: 'half' } }],
  ['stream body without duplex (fetch throws)', { page: 'http://a.test/', request: { url: '/x', method: 'POST', body: 'x', bodyStream: true } }],
  ['body with GET (fetch throws)', { page: 'http://a.test/', request: { url: '/x', body: '' } }],
  ['data: page (opaque origin)', { page: 'data:text/html,<script>fetch("http://a.test/")</script>', request: { url: 'http://a.test/' } }],
  ['file: page', { page: 'file:///home/me/index.html', request: { url: 'http://a.test/' } }],
  ['about:blank page', { page: 'about:blank', request: { url: 'http://a.test/' } }],
  ['https page with port and userinfo', { page: 'https://u:p@app.test:8443/p?q#f', request: { url: 'x' } }],
  ['empty server', { ...MINIMAL, server: [] }],
  ['route edge statuses', {
    ...MINIMAL,
    server: [
      { url: 'https://a.test/', status: 100 },
      { url: 'HTTP://A.TEST/x#frag', status: 599, method: 'get', body: '' },
      { url: 'http://a.test/r', status: 302, headers: [['Location', '/x']] },
    ],
  }],
  ['repeat bounds', { ...MINIMAL, repeat: { count: 100, intervalMs: 0 } }],
  ['repeat count 1', { ...MINIMAL, repeat: { intervalMs: 86_400_000, count: 1 } }],
  ['repeat.requests for the later runs', {
    ...MINIMAL,
    repeat: { count: 3, intervalMs: 500, requests: [{ url: 'http://localhost:8080/api', method: 'DELETE' }, { api: 'xhr', url: '/x', credentials: 'include' }] },
  }],
  ['repeat.requests shorter than the later runs, empty', { ...MINIMAL, repeat: { count: 3, intervalMs: 0, requests: [] } }],
  ['all metadata', { ...MINIMAL, name: '', description: 'd', source: 'fetch.bs#cors-check', tags: ['a', 'b', 'a'] }],
  ['$schema key', { $schema: SCENARIO_SCHEMA_ID, ...MINIMAL }],
  ['page headers', { ...MINIMAL, pageHeaders: [['Cross-Origin-Embedder-Policy', 'require-corp'], ['Set-Cookie', 'a=1']] }],
  ['full expect', { ...MINIMAL, expect: FULL_EXPECT }],
  ['empty expect objects', { ...MINIMAL, expect: { all: {}, spec: {} } }],
];

/** Invalid single scenarios with the exact errors, in order. */
const INVALID: [string, unknown, [string, string][]][] = [
  ['a string', 'hello', [['$', 'expected an object, got string']]],
  ['null', null, [['$', 'expected an object, got null']]],
  ['an array', [MINIMAL], [['$', 'expected an object, got array']]],
  ['empty object', {}, [['$.page', 'required'], ['$.request', 'required']]],
  ['typo in request key', variant(MINIMAL, { 'request.methd': 'PUT' }), [
    ['$.request.methd', 'unknown key "methd" (did you mean "method"?)'],
  ]],
  ['wrong case key', variant(MINIMAL, { 'request.Method': 'PUT' }), [
    ['$.request.Method', 'unknown key "Method" (did you mean "method"?)'],
  ]],
  ['unknown key without suggestion', variant(MINIMAL, { 'request.flavour': 'x' }), [
    ['$.request.flavour', 'unknown key "flavour"'],
  ]],
  ['withCredentials', variant(MINIMAL, { 'request.withCredentials': true }), [
    ['$.request.withCredentials', 'unknown key "withCredentials" (use "credentials": "include")'],
  ]],
  ['unmodeled fetch option', variant(MINIMAL, { 'request.integrity': 'sha256-x' }), [
    ['$.request.integrity', 'unknown key "integrity" (not modeled by scenario v1)'],
  ]],
  ['cache mode outside the enum', variant(MINIMAL, { 'request.cache': 'no-cache-please' }), [
    ['$.request.cache', 'must be one of "default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"'],
  ]],
  ['fetch options with xhr', variant(MINIMAL, { 'request.api': 'xhr', 'request.cache': 'reload', 'request.referrerPolicy': 'no-referrer' }), [
    ['$.request.cache', 'not available with api "xhr" (a fetch() option)'],
    ['$.request.referrerPolicy', 'not available with api "xhr" (a fetch() option)'],
  ]],
  ['stream body options with xhr', variant(MINIMAL, { 'request.api': 'xhr', 'request.method': 'POST', 'request.body': 'x', 'request.bodyStream': true, 'request.duplex': 'half' }), [
    ['$.request.bodyStream', 'not available with api "xhr" (a fetch() option)'],
    ['$.request.duplex', 'not available with api "xhr" (a fetch() option)'],
  ]],
  ['bodyStream without body', variant(MINIMAL, { 'request.method': 'POST', 'request.bodyStream': true }), [
    ['$.request.bodyStream', 'needs "body" (the stream yields the body as one chunk)'],
  ]],
  ['duplex outside the enum', variant(MINIMAL, { 'request.duplex': 'full' }), [
    ['$.request.duplex', 'must be one of "half"'],
  ]],
  ['bodyStream not a boolean', variant(MINIMAL, { 'request.bodyStream': 'yes', 'request.body': 'x' }), [
    ['$.request.bodyStream', 'expected a boolean, got string'],
  ]],
  ['uploadListeners with fetch', variant(MINIMAL, { 'request.uploadListeners': true }), [
    ['$.request.uploadListeners', 'only available with api "xhr"'],
  ]],
  ['request key at top level', variant(MINIMAL, { method: 'PUT' }), [
    ['$.method', 'unknown key "method" (did you mean "request.method"?)'],
  ]],
  ['routes instead of server', variant(MINIMAL, { routes: [] }), [
    ['$.routes', 'unknown key "routes" (did you mean "server"?)'],
  ]],
  ['top-level typo', variant(MINIMAL, { descripton: 'x', tag: ['a'] }), [
    ['$.descripton', 'unknown key "descripton" (did you mean "description"?)'],
    ['$.tag', 'unknown key "tag" (did you mean "tags"?)'],
  ]],
  ['key needing quotes in the path', variant(MINIMAL, { 'my key': 1 }), [
    ['$["my key"]', 'unknown key "my key"'],
  ]],
  ['__proto__ key from JSON', JSON.parse('{"page":"http://a.test/","request":{"url":"/"},"__proto__":{"x":1}}'), [
    ['$.__proto__', 'unknown key "__proto__"'],
  ]],
  ['api wrong case', variant(MINIMAL, { 'request.api': 'XHR' }), [
    ['$.request.api', 'must be one of "fetch", "xhr" (did you mean "xhr"?)'],
  ]],
  ['api unknown', variant(MINIMAL, { 'request.api': 'axios' }), [
    ['$.request.api', 'must be one of "fetch", "xhr"'],
  ]],
  ['api not a string', variant(MINIMAL, { 'request.api': 1 }), [
    ['$.request.api', 'must be one of "fetch", "xhr"'],
  ]],
  ['mode typo', variant(MINIMAL, { 'request.mode': 'nocors' }), [
    ['$.request.mode', 'must be one of "cors", "no-cors", "same-origin", "navigate" (did you mean "no-cors"?)'],
  ]],
  ['credentials typo', variant(MINIMAL, { 'request.credentials': 'includes' }), [
    ['$.request.credentials', 'must be one of "omit", "same-origin", "include" (did you mean "include"?)'],
  ]],
  ['redirect boolean', variant(MINIMAL, { 'request.redirect': true }), [
    ['$.request.redirect', 'must be one of "follow", "error", "manual"'],
  ]],
  ['url missing', variant(MINIMAL, { 'request.url': undefined }), [['$.request.url', 'required']]],
  ['url not a string', variant(MINIMAL, { 'request.url': 42 }), [['$.request.url', 'expected a string, got number']]],
  ['url null', variant(MINIMAL, { 'request.url': null }), [['$.request.url', 'expected a string, got null']]],
  ['route method empty', variant(MINIMAL, { server: [{ method: '', url: 'http://127.0.0.1:8002/x' }] }), [['$.server[0].method', 'must not be empty']]],
  ['route requestHeaders wrong shapes', variant(MINIMAL, {
    server: [{ url: 'http://127.0.0.1:8002/x', requestHeaders: [['If-None-Match', 1], ['If-Match'], 'x'] }, { url: 'http://127.0.0.1:8002/x', requestHeaders: {} }],
  }), [
    ['$.server[0].requestHeaders[0][1]', 'expected a string or null, got number'],
    ['$.server[0].requestHeaders[1]', 'expected a [name, value] pair, got an array of 1 item'],
    ['$.server[0].requestHeaders[2]', 'expected a [name, value] pair, got string'],
    ['$.server[1].requestHeaders', 'expected an array of [name, value] pairs, got object'],
  ]],
  ['route condition under another name', variant(MINIMAL, { server: [{ url: 'http://127.0.0.1:8002/x', when: [] }] }), [
    ['$.server[0].when', 'unknown key "when" (did you mean "requestHeaders"?)'],
  ]],
  ['method not a string', variant(MINIMAL, { 'request.method': ['GET'] }), [['$.request.method', 'expected a string, got array']]],
  ['body not a string', variant(MINIMAL, { 'request.body': { a: 1 } }), [['$.request.body', 'expected a string, got object']]],
  ['header value a number', variant(MINIMAL, { 'request.headers': [['X-Count', 1]] }), [
    ['$.request.headers[0][1]', 'expected a string, got number'],
  ]],
  ['page header value a number', variant(MINIMAL, { pageHeaders: [['Cross-Origin-Embedder-Policy', 'require-corp'], ['X-N', 1]] }), [
    ['$.pageHeaders[1][1]', 'expected a string, got number'],
  ]],
  ['page headers as an object', variant(MINIMAL, { pageHeaders: { 'Cross-Origin-Embedder-Policy': 'require-corp' } }), [
    ['$.pageHeaders', 'expected an array of [name, value] pairs, got object'],
  ]],
  ['header name null', variant(MINIMAL, { 'request.headers': [['A', 'b'], [null, 'x']] }), [
    ['$.request.headers[1][0]', 'expected a string, got null'],
  ]],
  ['headers as an object', variant(MINIMAL, { 'request.headers': { 'Content-Type': 'text/plain' } }), [
    ['$.request.headers', 'expected an array of [name, value] pairs, got object'],
  ]],
  ['header pair shapes', variant(MINIMAL, { 'request.headers': ['X-A: 1', ['X-B'], ['X-C', '1', '2'], []] }), [
    ['$.request.headers[0]', 'expected a [name, value] pair, got string'],
    ['$.request.headers[1]', 'expected a [name, value] pair, got an array of 1 item'],
    ['$.request.headers[2]', 'expected a [name, value] pair, got an array of 3 items'],
    ['$.request.headers[3]', 'expected a [name, value] pair, got an array of 0 items'],
  ]],
  ['request not an object', variant(MINIMAL, { request: ['http://a.test/'] }), [
    ['$.request', 'expected an object, got array'],
  ]],
  ['request a string', variant(MINIMAL, { request: 'http://a.test/' }), [
    ['$.request', 'expected an object, got string'],
  ]],
  ['xhr with fetch-only options', variant(MINIMAL, { request: { api: 'xhr', url: '/x', mode: 'no-cors', redirect: 'manual', credentials: 'omit' } }), [
    ['$.request.mode', '"no-cors" is not available with api "xhr" (XMLHttpRequest always uses "cors")'],
    ['$.request.redirect', '"manual" is not available with api "xhr" (XMLHttpRequest always follows redirects)'],
    ['$.request.credentials', '"omit" is not available with api "xhr" (use "include" for withCredentials = true, "same-origin" for false)'],
  ]],
  ['xhr with an invalid mode gets only the enum error', variant(MINIMAL, { request: { api: 'xhr', url: '/x', mode: 'corss' } }), [
    ['$.request.mode', 'must be one of "cors", "no-cors", "same-origin", "navigate" (did you mean "cors"?)'],
  ]],
  ['page missing', { request: { url: '/x' } }, [['$.page', 'required']]],
  ['page host:port without scheme', variant(MINIMAL, { page: 'localhost:3000' }), [
    ['$.page', 'expected an absolute URL, got "localhost:3000" (did you mean "http://localhost:3000"?)'],
  ]],
  ['page host:port/path without scheme', variant(MINIMAL, { page: 'example.com:8080/app' }), [
    ['$.page', 'expected an absolute URL, got "example.com:8080/app" (did you mean "http://example.com:8080/app"?)'],
  ]],
  ['page relative', variant(MINIMAL, { page: '/run.html' }), [
    ['$.page', 'expected an absolute URL (with a scheme, e.g. "http:"), got "/run.html"'],
  ]],
  ['page IP without scheme', variant(MINIMAL, { page: '127.0.0.1:8001/run.html' }), [
    ['$.page', 'expected an absolute URL, got "127.0.0.1:8001/run.html" (did you mean "http://127.0.0.1:8001/run.html"?)'],
  ]],
  ['page not a string', variant(MINIMAL, { page: { origin: 'http://a.test' } }), [
    ['$.page', 'expected a string, got object'],
  ]],
  ['server not an array', variant(MINIMAL, { server: { url: 'http://a.test/' } }), [
    ['$.server', 'expected an array, got object'],
  ]],
  ['route not an object', variant(MINIMAL, { server: ['http://a.test/'] }), [
    ['$.server[0]', 'expected an object, got string'],
  ]],
  ['route problems', variant(MINIMAL, {
    server: [
      { url: 'http://a.test/', status: 200 },
      { method: '', status: 700, statusCode: 200, headers: [['A', true]] },
      { url: '/orders', status: 200.5, body: 1 },
      { url: 'ftp://a.test/', status: '200', path: '/x' },
      { url: 'http://a.test/', status: 99, methods: ['GET'] },
    ],
  }), [
    ['$.server[1].method', 'must not be empty'],
    ['$.server[1].status', 'must be from 100 to 599, got 700'],
    ['$.server[1].statusCode', 'unknown key "statusCode" (did you mean "status"?)'],
    ['$.server[1].headers[0][1]', 'expected a string, got boolean'],
    ['$.server[1].url', 'required'],
    ['$.server[2].url', 'expected an absolute http:// or https:// URL, got "/orders"'],
    ['$.server[2].status', 'expected an integer, got 200.5'],
    ['$.server[2].body', 'expected a string, got number'],
    ['$.server[3].url', 'expected an absolute http:// or https:// URL, got "ftp://a.test/"'],
    ['$.server[3].status', 'expected an integer, got string'],
    ['$.server[3].path', 'unknown key "path" (did you mean "url"?)'],
    ['$.server[4].status', 'must be from 100 to 599, got 99'],
    ['$.server[4].methods', 'unknown key "methods" (did you mean "method"?)'],
  ]],
  ['repeat problems', variant(MINIMAL, { repeat: { count: 0, intervalMs: -1, interval: 5 } }), [
    ['$.repeat.count', 'must be from 1 to 100, got 0'],
    ['$.repeat.intervalMs', 'must be at least 0, got -1'],
    ['$.repeat.interval', 'unknown key "interval" (did you mean "intervalMs"?)'],
  ]],
  ['repeat count too large, interval missing', variant(MINIMAL, { repeat: { count: 101 } }), [
    ['$.repeat.count', 'must be from 1 to 100, got 101'],
    ['$.repeat.intervalMs', 'required'],
  ]],
  ['repeat not an object', variant(MINIMAL, { repeat: 2 }), [['$.repeat', 'expected an object, got number']]],
  ['repeat.requests problems', variant(MINIMAL, {
    repeat: { count: 4, intervalMs: 0, requests: [{ method: 'PUT' }, { url: '/x', mode: 'CORS', methd: 'GET' }, 'x'] },
  }), [
    ['$.repeat.requests[0].url', 'required'],
    ['$.repeat.requests[1].mode', 'must be one of "cors", "no-cors", "same-origin", "navigate" (did you mean "cors"?)'],
    ['$.repeat.requests[1].methd', 'unknown key "methd" (did you mean "method"?)'],
    ['$.repeat.requests[2]', 'expected an object, got string'],
  ]],
  ['repeat.requests not an array', variant(MINIMAL, { repeat: { count: 2, intervalMs: 0, requests: { url: '/x' } } }), [
    ['$.repeat.requests', 'expected an array, got object'],
  ]],
  ['repeat.requests xhr rules', variant(MINIMAL, { repeat: { count: 2, intervalMs: 0, requests: [{ api: 'xhr', url: '/x', mode: 'no-cors' }] } }), [
    ['$.repeat.requests[0].mode', '"no-cors" is not available with api "xhr" (XMLHttpRequest always uses "cors")'],
  ]],
  ['repeat non-integers', variant(MINIMAL, { repeat: { count: '2', intervalMs: 1.5 } }), [
    ['$.repeat.count', 'expected an integer, got string'],
    ['$.repeat.intervalMs', 'expected an integer, got 1.5'],
  ]],
  ['metadata types', variant(MINIMAL, { name: 1, description: null, source: [], tags: ['a', 2] }), [
    ['$.name', 'expected a string, got number'],
    ['$.description', 'expected a string, got null'],
    ['$.source', 'expected a string, got array'],
    ['$.tags[1]', 'expected a string, got number'],
  ]],
  ['tags a string', variant(MINIMAL, { tags: 'cors' }), [['$.tags', 'expected an array, got string']]],
  ['$schema not a string', variant(MINIMAL, { '$schema': 1 }), [['$.$schema', 'expected a string, got number']]],
  ['expect not an object', variant(MINIMAL, { expect: 'blocked' }), [['$.expect', 'expected an object, got string']]],
  ['expect with run fields at its top', variant(MINIMAL, { expect: { outcome: 'blocked' } }), [
    ['$.expect.outcome', 'unknown key "outcome" (run expectations go under "all", "chromium", "firefox", "webkit" or "spec")'],
  ]],
  ['expect browser names', variant(MINIMAL, { expect: { chrome: {}, safari: {}, edge: {}, ie: {} } }), [
    ['$.expect.chrome', 'unknown key "chrome" (did you mean "chromium"?)'],
    ['$.expect.safari', 'unknown key "safari" (did you mean "webkit"?)'],
    ['$.expect.edge', 'unknown key "edge" (did you mean "chromium"?)'],
    ['$.expect.ie', 'unknown key "ie" (expected "all", "chromium", "firefox", "webkit" or "spec")'],
  ]],
  ['expect field problems', variant(MINIMAL, {
    expect: {
      all: { outcom: 'blocked', outcome: 'block', status: 42, type: 'cros', exposedHeaders: 'x', jsError: 1 },
      chromium: { code: 'MISSING_ALLOW_ORIGIN', console: [1], preflight: 'yes', sentCount: -1, preflightCached: null },
      firefox: { code: 5, status: '200', sent: [{ method: 1, headers: [['Origin', 1]], body: 'x' }] },
      webkit: { runs: [{ runs: [] }, 'x'], status: 1.5 },
      spec: { console: ['x'], runs: [{ console: ['y'] }] },
    },
  }), [
    ['$.expect.all.outcom', 'unknown key "outcom" (did you mean "outcome"?)'],
    ['$.expect.all.outcome', 'must be one of "allowed", "opaque", "blocked", "rejected" (did you mean "blocked"?)'],
    ['$.expect.all.status', 'must be 0 or from 100 to 599, got 42'],
    ['$.expect.all.type', 'must be one of "basic", "cors", "opaque", "opaqueredirect" or null (did you mean "cors"?)'],
    ['$.expect.all.exposedHeaders', 'expected an array, got string'],
    ['$.expect.all.jsError', 'expected a string or null, got number'],
    ['$.expect.chromium.code', 'unknown failure code "MISSING_ALLOW_ORIGIN" (see src/engine/codes.ts)'],
    ['$.expect.chromium.console[0]', 'expected a string, got number'],
    ['$.expect.chromium.preflight', 'expected a boolean, got string'],
    ['$.expect.chromium.sentCount', 'must be at least 0, got -1'],
    ['$.expect.chromium.preflightCached', 'expected a boolean, got null'],
    ['$.expect.firefox.code', 'expected a failure code or null, got number'],
    ['$.expect.firefox.status', 'expected an integer or null, got string'],
    ['$.expect.firefox.sent[0].method', 'expected a string, got number'],
    ['$.expect.firefox.sent[0].headers[0][1]', 'expected a string or null, got number'],
    ['$.expect.firefox.sent[0].body', 'unknown key "body"'],
    ['$.expect.webkit.runs[0].runs', 'unknown key "runs" ("runs" cannot be nested)'],
    ['$.expect.webkit.runs[1]', 'expected an object, got string'],
    ['$.expect.webkit.status', 'expected an integer or null, got 1.5'],
    ['$.expect.spec.console', 'must be empty: the spec profile writes no console lines'],
    ['$.expect.spec.runs[0].console', 'must be empty: the spec profile writes no console lines'],
  ]],
  ['failure code typo with a suggestion', variant(MINIMAL, { expect: { all: { code: 'ALLOW_ORIGIN_MISMATCHH' } } }), [
    ['$.expect.all.code', 'unknown failure code "ALLOW_ORIGIN_MISMATCHH" (did you mean "ALLOW_ORIGIN_MISMATCH"?)'],
  ]],
  ['all errors at once, in document order then missing keys', {
    name: 'many',
    requst: { url: '/x' },
    page: 'localhost',
    server: [{ url: 'http://a.test/', status: 0 }],
    repeat: { count: 1, intervalMs: 0, extra: true },
  }, [
    ['$.requst', 'unknown key "requst" (did you mean "request"?)'],
    ['$.page', 'expected an absolute URL (with a scheme, e.g. "http:"), got "localhost"'],
    ['$.server[0].status', 'must be from 100 to 599, got 0'],
    ['$.repeat.extra', 'unknown key "extra"'],
    ['$.request', 'required'],
  ]],
  ['long values are shortened in messages', variant(MINIMAL, { page: `/${'a'.repeat(100)}` }), [
    ['$.page', `expected an absolute URL (with a scheme, e.g. "http:"), got "/${'a'.repeat(66)}..."`],
  ]],
];

/**
 * Rejected by the hand-written validator only: JSON Schema cannot run the WHATWG URL parser, so
 * the schema checks the shape (`scheme:`) and the validator also parses the URL; nor can it bound
 * `repeat.requests` by `repeat.count`.
 */
const VALIDATOR_ONLY: [string, unknown, [string, string][]][] = [
  ['page "http://"', variant(MINIMAL, { page: 'http://' }), [['$.page', 'not a valid URL: "http://"']]],
  ['page with a space in the host', variant(MINIMAL, { page: 'http://my app.test/' }), [
    ['$.page', 'not a valid URL: "http://my app.test/"'],
  ]],
  ['route url with a bad port', variant(MINIMAL, { server: [{ url: 'http://a.test:99999/' }] }), [
    ['$.server[0].url', 'not a valid URL: "http://a.test:99999/"'],
  ]],
  ['repeat.requests longer than the later runs', variant(MINIMAL, { repeat: { count: 2, intervalMs: 0, requests: [{ url: '/a' }, { url: '/b' }] } }), [
    ['$.repeat.requests', 'has 2 requests, more than the 1 later run of count 2'],
  ]],
];

/** Whole files (one scenario or an array). */
const VALID_FILES: [string, unknown][] = [
  ['one object', ISSUE_EXAMPLE],
  ['an array of one', [MINIMAL]],
  ['an array of three', [MINIMAL, ISSUE_EXAMPLE, { ...MINIMAL, name: 'x' }]],
];

const INVALID_FILES: [string, unknown, [string, string][]][] = [
  ['an empty array', [], [['$', 'expected at least one scenario, got an empty array']]],
  ['a string', 'scenario.json', [['$', 'expected a scenario object or an array of scenarios, got string']]],
  ['a number', 3, [['$', 'expected a scenario object or an array of scenarios, got number']]],
  ['null', null, [['$', 'expected a scenario object or an array of scenarios, got null']]],
  ['errors in array items', [MINIMAL, { page: 'http://a.test/' }, 'x', variant(MINIMAL, { 'request.mode': 'CORS' })], [
    ['$[1].request', 'required'],
    ['$[2]', 'expected an object, got string'],
    ['$[3].request.mode', 'must be one of "cors", "no-cors", "same-origin", "navigate" (did you mean "cors"?)'],
  ]],
  ['nested arrays', [[MINIMAL]], [['$[0]', 'expected an object, got array']]],
  ['one invalid object', { page: 1, request: {} }, [['$.page', 'expected a string, got number'], ['$.request.url', 'required']]],
];

// ---------------------------------------------------------------------------------------------

describe('validateScenario: valid scenarios', () => {
  for (const [title, value] of VALID) {
    it(title, () => {
      const r = validateScenario(value);
      assert.deepEqual(r.ok ? [] : r.errors, []);
      assert.ok(r.ok);
      assert.equal(r.scenario, value, 'returns the input');
    });
  }

  it('treats undefined properties as absent (JS callers)', () => {
    assert.deepEqual(errorsOf({ page: 'http://a.test/', request: { url: '/', method: undefined }, server: undefined }), []);
    assert.deepEqual(errorsOf({ page: 'http://a.test/', request: { url: undefined } }), [['$.request.url', 'required']]);
  });
});

describe('validateScenario: invalid scenarios', () => {
  for (const [title, value, expected] of [...INVALID, ...VALIDATOR_ONLY]) {
    it(title, () => {
      assert.deepEqual(errorsOf(value), expected);
    });
  }

  it('does not judge NaN or Infinity as integers', () => {
    assert.deepEqual(errorsOf({ ...MINIMAL, repeat: { count: Number.NaN, intervalMs: Infinity } }), [
      ['$.repeat.count', 'expected an integer, got NaN'],
      ['$.repeat.intervalMs', 'expected an integer, got Infinity'],
    ]);
  });
});

describe('validateScenarioFile', () => {
  for (const [title, value] of VALID_FILES) {
    it(`accepts ${title}`, () => {
      const r = validateScenarioFile(value);
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.scenarios, Array.isArray(value) ? value : [value]);
    });
  }
  for (const [title, value, expected] of INVALID_FILES) {
    it(`rejects ${title}`, () => {
      assert.deepEqual(fileErrorsOf(value), expected);
    });
  }
});

describe('formatValidationError', () => {
  it('joins path and message', () => {
    const e: ValidationError = { path: '$.request.mode', message: 'must be one of "cors", "no-cors"' };
    assert.equal(formatValidationError(e), '$.request.mode: must be one of "cors", "no-cors"');
  });
  it('formats real errors', () => {
    const r = validateScenarioFile([MINIMAL, { page: 'http://a.test/', request: { url: '/', methd: 'PUT' } }]);
    assert.ok(!r.ok);
    assert.deepEqual(r.errors.map(formatValidationError), [
      '$[1].request.methd: unknown key "methd" (did you mean "method"?)',
    ]);
  });
});

describe('applyDefaults', () => {
  it('fills every default of a minimal scenario', () => {
    assert.deepEqual(applyDefaults(MINIMAL as Scenario), {
      page: 'http://localhost:3000/',
      request: {
        api: 'fetch',
        url: 'http://localhost:8080/api',
        method: 'GET',
        headers: [],
        credentials: 'same-origin',
        mode: 'cors',
        redirect: 'follow',
      },
      server: [],
      repeat: { count: 1, intervalMs: 0 },
    });
  });

  it('keeps given values, metadata and bodies; fills route defaults', () => {
    const s = {
      $schema: SCENARIO_SCHEMA_ID,
      name: 'n',
      tags: ['t'],
      expect: { all: { outcome: 'allowed' } },
      page: 'http://a.test/',
      request: { api: 'xhr', url: '/x', method: 'POST', headers: [['A', '1']], credentials: 'include', body: '' },
      server: [{ url: 'http://a.test/x' }, { method: 'POST', url: 'http://a.test/x', status: 201, headers: [['B', '2']], body: 'ok' }],
      repeat: { count: 3, intervalMs: 10 },
    } as const;
    const n = applyDefaults(s as unknown as Scenario);
    assert.deepEqual(n, {
      name: 'n',
      tags: ['t'],
      expect: { all: { outcome: 'allowed' } },
      page: 'http://a.test/',
      request: { api: 'xhr', url: '/x', method: 'POST', headers: [['A', '1']], credentials: 'include', mode: 'cors', redirect: 'follow', body: '' },
      server: [
        { url: 'http://a.test/x', status: 200, headers: [] },
        { method: 'POST', url: 'http://a.test/x', status: 201, headers: [['B', '2']], body: 'ok' },
      ],
      repeat: { count: 3, intervalMs: 10 },
    });
    assert.ok(!('body' in applyDefaults(MINIMAL as Scenario).request), 'no body stays no body');
    assert.ok(!('method' in n.server[0]!), 'a route without method matches any method');
  });

  it('fills the request defaults of repeat.requests', () => {
    const n = applyDefaults({ ...MINIMAL, repeat: { count: 2, intervalMs: 5, requests: [{ url: '/d', method: 'DELETE' }] } } as Scenario);
    assert.deepEqual(n.repeat, {
      count: 2,
      intervalMs: 5,
      requests: [{ api: 'fetch', url: '/d', method: 'DELETE', headers: [], credentials: 'same-origin', mode: 'cors', redirect: 'follow' }],
    });
  });

  it('returns a new object and copies header lists', () => {
    const s = JSON.parse(JSON.stringify(ISSUE_EXAMPLE)) as Scenario;
    const before = JSON.stringify(s);
    const n = applyDefaults(s);
    n.request.headers[0]![1] = 'text/plain';
    n.request.headers.push(['X', 'y']);
    n.server[0]!.headers.pop();
    n.repeat.count = 9;
    assert.equal(JSON.stringify(s), before, 'the input is not modified');
    assert.notEqual(n.request, s.request);
  });
});

// ---------------------------------------------------------------------------------------------
// The JSON Schema and the hand-written validator agree

interface SchemaNode {
  [keyword: string]: unknown;
  properties?: Record<string, SchemaNode>;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  $ref?: string;
}
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as SchemaNode & { $defs: Record<string, SchemaNode> };
/** `schema.$defs[def].properties[prop]`, which must exist. */
function schemaProp(def: string, prop: string): SchemaNode {
  const node = schema.$defs[def]?.properties?.[prop];
  assert.ok(node, `$defs.${def}.properties.${prop}`);
  return node;
}
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addSchema(schema);
const schemaFile = ajv.getSchema(SCENARIO_SCHEMA_ID)!;
const schemaScenario = ajv.getSchema(`${SCENARIO_SCHEMA_ID}#/$defs/scenario`)!;

function jsonFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** The ```json blocks of docs/scenario-format.md. */
function docExamples(): [string, unknown][] {
  const md = readFileSync(join(ROOT, 'docs', 'scenario-format.md'), 'utf8');
  return [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m, i): [string, unknown] => [
    `docs/scenario-format.md json block #${i + 1}`,
    JSON.parse(m[1]!),
  ]);
}

/** Checks schema and validator agree, allowing only the URL-parsing difference. */
function assertAgree(value: unknown, file: boolean, label: string): void {
  const schemaOk = (file ? schemaFile : schemaScenario)(value) as boolean;
  const ours = file ? validateScenarioFile(value) : validateScenario(value);
  if (schemaOk === ours.ok) return;
  const errors = ours.ok ? [] : ours.errors;
  const urlOnly = schemaOk && errors.length > 0 && errors.every((e) =>
    e.message.startsWith('not a valid URL') || (e.path.endsWith('.repeat.requests') && e.message.includes('later run')));
  assert.ok(urlOnly, `${label}: schema says ${schemaOk ? 'valid' : 'invalid'} (${ajv.errorsText((file ? schemaFile : schemaScenario).errors)}), validator says ${ours.ok ? 'valid' : JSON.stringify(errors)}`);
}

describe('docs/scenario.schema.json', () => {
  it('is a draft 2020-12 schema with the v1 $id, and compiles in strict mode', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.$id, 'https://corsight.dev/schema/scenario-v1.json');
    assert.equal(typeof schemaFile, 'function');
    assert.equal(typeof schemaScenario, 'function');
  });

  it('lists the same enums and defaults as the validator', () => {
    assert.deepEqual(schemaProp('request', 'api').enum, API_VALUES);
    assert.deepEqual(schemaProp('request', 'credentials').enum, CREDENTIALS_VALUES);
    assert.deepEqual(schemaProp('request', 'mode').enum, MODE_VALUES);
    assert.deepEqual(schemaProp('request', 'redirect').enum, REDIRECT_VALUES);
    const d = applyDefaults(MINIMAL as Scenario);
    for (const key of ['api', 'method', 'headers', 'credentials', 'mode', 'redirect'] as const) {
      assert.deepEqual(schemaProp('request', key).default, d.request[key], key);
    }
    assert.deepEqual(schemaProp('scenario', 'server').default, d.server);
    assert.deepEqual(schema.$defs.repeat?.default, d.repeat);
    assert.equal(schemaProp('route', 'status').default, 200);
    assert.deepEqual(schemaProp('route', 'headers').default, []);
  });

  it('lists every failure code of src/engine/codes.ts', () => {
    assert.deepEqual(
      schema.$defs.expectCode?.enum,
      [null, ...FAILURE_CODES],
      'update $defs.expectCode.enum in docs/scenario.schema.json to match FAILURE_CODES',
    );
  });

  it('has a description on every property of the format', () => {
    for (const def of ['scenario', 'request', 'route', 'repeat']) {
      for (const [key, prop] of Object.entries(schema.$defs[def]?.properties ?? {})) {
        const described = typeof prop.description === 'string' || typeof prop.$ref === 'string';
        assert.ok(described, `${def}.${key}`);
      }
    }
  });

  describe('agrees with the validator on every fixture', () => {
    it('valid and invalid scenarios', () => {
      for (const [title, value] of VALID) {
        assert.equal(schemaScenario(value), true, `${title}: ${ajv.errorsText(schemaScenario.errors)}`);
      }
      for (const [title, value] of INVALID) {
        assert.equal(schemaScenario(value), false, title);
      }
    });

    it('files', () => {
      for (const [title, value] of VALID_FILES) assert.equal(schemaFile(value), true, title);
      for (const [title, value] of INVALID_FILES) assert.equal(schemaFile(value), false, title);
      for (const [title, value] of [...VALID, ...INVALID]) assertAgree(value, true, title);
    });

    it('URL parsing and the repeat.requests bound are the only differences (schema accepts, validator rejects)', () => {
      for (const [title, value] of VALIDATOR_ONLY) {
        assert.equal(schemaScenario(value), true, title);
        assert.equal(validateScenario(value).ok, false, title);
        assertAgree(value, false, title);
      }
    });

    it('the examples of docs/scenario-format.md (all valid)', () => {
      const blocks = docExamples();
      assert.ok(blocks.length >= 4);
      for (const [label, value] of blocks) {
        assert.deepEqual(fileErrorsOf(value), [], label);
        assertAgree(value, true, label);
      }
    });

    const files = [...jsonFilesUnder(join(ROOT, 'examples')), ...jsonFilesUnder(join(ROOT, 'test', 'scenarios'))];
    it(`JSON files under examples/ and test/scenarios/ (${files.length} found)`, (t) => {
      for (const path of files) {
        let value: unknown;
        try {
          value = JSON.parse(readFileSync(path, 'utf8'));
        } catch (err) {
          t.diagnostic(`skipped ${path}: ${(err as Error).message}`);
          continue;
        }
        assertAgree(value, true, path);
      }
    });
  });
});

describe('examples/', () => {
  const files = jsonFilesUnder(join(ROOT, 'examples'));
  it('holds bundled demo scenarios', () => {
    assert.ok(files.length >= 6, `${files.length} examples`);
  });
  for (const path of files) {
    it(`${path.slice(ROOT.length)} is a valid scenario with a description, without expect`, () => {
      const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
      assert.deepEqual(fileErrorsOf(value), []);
      for (const s of (Array.isArray(value) ? value : [value]) as Scenario[]) {
        assert.ok((s.description ?? '').length > 40, 'a real description');
        assert.equal(s.expect, undefined);
      }
    });
  }
});
