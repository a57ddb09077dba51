// The request headers as each browser puts them on the wire, in its order: recorded 2026-11-24
// with Debian's Chromium 156, Firefox ESR 153.7 and WebKitGTK 2.50.6 (test/check/record-wire-headers.ts;
// page http://localhost:41061/, API http://127.0.0.1:46619), for
// fetch(`${api}/x`, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-A': '1' }, body: '{}' })
// then fetch(`${api}/g`). Accept-Language is left out (the recording harness pins `en-US`;
// a user's browser sends its locale's list); Chromium ran headless (`HeadlessChrome/156` in its
// User-Agent, where a desktop Chromium says `Chrome/156`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserId, HeaderPair } from '../engine/index.js';
import type { Exchange, Observation } from './exchange.js';
import { nextProbe } from './probe-plan.js';

const PAGE = 'http://localhost:41061/';
const API = 'http://127.0.0.1:46619';

const RECORDED: Record<Exclude<BrowserId, 'spec'>, { preflight: string[]; put: string[]; get: string[] }> = {
  chromium: {
    preflight: [
      'Host: 127.0.0.1:46619', 'Connection: keep-alive', 'Accept: */*', 'Access-Control-Request-Method: PUT',
      'Access-Control-Request-Headers: content-type,x-a', 'Origin: http://localhost:41061',
      'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      'Sec-Fetch-Mode: cors', 'Sec-Fetch-Site: cross-site', 'Sec-Fetch-Dest: empty', 'Referer: http://localhost:41061/',
      'Accept-Encoding: gzip, deflate, br, zstd',
    ],
    put: [
      'Host: 127.0.0.1:46619', 'Connection: keep-alive', 'Content-Length: 2', 'sec-ch-ua-platform: "Linux"',
      'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      'sec-ch-ua: "Not:A-Brand";v="8", "Chromium";v="156"', 'Content-Type: application/json', 'X-A: 1', 'sec-ch-ua-mobile: ?0',
      'Accept: */*', 'Origin: http://localhost:41061', 'Sec-Fetch-Site: cross-site', 'Sec-Fetch-Mode: cors', 'Sec-Fetch-Dest: empty',
      'Referer: http://localhost:41061/', 'Accept-Encoding: gzip, deflate, br, zstd',
    ],
    get: [
      'Host: 127.0.0.1:46619', 'Connection: keep-alive', 'sec-ch-ua-platform: "Linux"',
      'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      'sec-ch-ua: "Not:A-Brand";v="8", "Chromium";v="156"', 'sec-ch-ua-mobile: ?0', 'Accept: */*', 'Origin: http://localhost:41061',
      'Sec-Fetch-Site: cross-site', 'Sec-Fetch-Mode: cors', 'Sec-Fetch-Dest: empty', 'Referer: http://localhost:41061/',
      'Accept-Encoding: gzip, deflate, br, zstd',
    ],
  },
  firefox: {
    preflight: [
      'Host: 127.0.0.1:46619', 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'Accept: */*',
      'Accept-Encoding: gzip, deflate, br, zstd', 'Access-Control-Request-Method: PUT', 'Access-Control-Request-Headers: content-type,x-a',
      'Referer: http://localhost:41061/', 'Origin: http://localhost:41061', 'Connection: keep-alive', 'Sec-Fetch-Dest: empty',
      'Sec-Fetch-Mode: cors', 'Sec-Fetch-Site: cross-site', 'Priority: u=4',
    ],
    put: [
      'Host: 127.0.0.1:46619', 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'Accept: */*',
      'Accept-Encoding: gzip, deflate, br, zstd', 'Referer: http://localhost:41061/', 'Content-Type: application/json', 'X-A: 1',
      'Content-Length: 2', 'Origin: http://localhost:41061', 'Connection: keep-alive', 'Sec-Fetch-Dest: empty', 'Sec-Fetch-Mode: cors',
      'Sec-Fetch-Site: cross-site', 'Priority: u=4',
    ],
    get: [
      'Host: 127.0.0.1:46619', 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'Accept: */*',
      'Accept-Encoding: gzip, deflate, br, zstd', 'Referer: http://localhost:41061/', 'Origin: http://localhost:41061',
      'Connection: keep-alive', 'Sec-Fetch-Dest: empty', 'Sec-Fetch-Mode: cors', 'Sec-Fetch-Site: cross-site', 'Priority: u=4',
    ],
  },
  webkit: {
    preflight: [
      'Origin: http://localhost:41061', 'Access-Control-Request-Method: PUT', 'Referer: http://localhost:41061/',
      'Access-Control-Request-Headers: content-type,x-a',
      'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15', 'Accept: */*',
      'Accept-Encoding: gzip, deflate', 'Connection: Keep-Alive', 'Host: 127.0.0.1:46619', 'Sec-Fetch-Mode: cors',
      'Sec-Fetch-Dest: empty', 'Sec-Fetch-Site: cross-site',
    ],
    put: [
      'Content-Type: application/json', 'Origin: http://localhost:41061', 'Referer: http://localhost:41061/', 'Accept: */*',
      'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
      'Content-Length: 2', 'Accept-Encoding: gzip, deflate', 'Connection: Keep-Alive', 'Host: 127.0.0.1:46619',
      'Sec-Fetch-Dest: empty', 'Sec-Fetch-Mode: cors', 'Sec-Fetch-Site: cross-site', 'X-A: 1',
    ],
    get: [
      'Origin: http://localhost:41061', 'Referer: http://localhost:41061/', 'Accept: */*',
      'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
      'Accept-Encoding: gzip, deflate', 'Connection: Keep-Alive', 'Host: 127.0.0.1:46619', 'Sec-Fetch-Dest: empty',
      'Sec-Fetch-Mode: cors', 'Sec-Fetch-Site: cross-site',
    ],
  },
};

const lines = (h: readonly HeaderPair[]): string[] => h.filter(([n]) => n.toLowerCase() !== 'accept-language').map(([n, v]) => `${n}: ${v}`);
const answered = (method: string, url: string, headers: HeaderPair[], preflight: boolean): Exchange =>
  ({ request: { method, url, headers: [] }, response: { status: preflight ? 204 : 200, headers }, preflight });

for (const browser of ['chromium', 'firefox', 'webkit'] as const) {
  test(`wire headers of ${browser}: exactly the recorded preflight, PUT and GET, in order`, () => {
    const put: Observation = {
      page: PAGE, request: { url: `${API}/x`, method: 'PUT', headers: [['Content-Type', 'application/json'], ['X-A', '1']], body: '{}' }, exchanges: [],
    };
    const pre = nextProbe(put, browser)!;
    assert.deepEqual(lines(pre.headers), RECORDED[browser].preflight);
    put.exchanges.push(answered('OPTIONS', `${API}/x`, [
      ['Access-Control-Allow-Origin', 'http://localhost:41061'], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type, x-a'],
    ], true));
    assert.deepEqual(lines(nextProbe(put, browser)!.headers), RECORDED[browser].put);
    const get: Observation = { page: PAGE, request: { url: `${API}/g` }, exchanges: [] };
    assert.deepEqual(lines(nextProbe(get, browser)!.headers), RECORDED[browser].get);
  });
}
