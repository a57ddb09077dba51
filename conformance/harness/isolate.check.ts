/**
 * Self-check of the pure parts of the harness (no browser needed):
 *   node --import tsx conformance/harness/isolate.check.ts
 */
import assert from 'node:assert/strict';
import { attributeConsole } from './attribute.js';
import { isolateScenario, prefixLocation, prefixUrl, uniqueIdFor, uniqueIdOfPath } from './isolate.js';
import type { ConsoleLine, Scenario } from './types.js';

const P = '/s/7-x';
assert.equal(prefixUrl('http://127.0.0.1:8002/orders', P), 'http://127.0.0.1:8002/s/7-x/orders');
assert.equal(prefixUrl('http://127.0.0.1:8002', P), 'http://127.0.0.1:8002/s/7-x/');
assert.equal(prefixUrl('http://127.0.0.1:8002?q=1', P), 'http://127.0.0.1:8002/s/7-x/?q=1');
assert.equal(prefixUrl('HTTP://User:pw@API.example:80/a/b?c#d', P), 'HTTP://User:pw@API.example:80/s/7-x/a/b?c#d');
assert.equal(prefixUrl('http://h/../x', P), 'http://h/s/7-x/x');
assert.equal(prefixUrl('data:text/plain,hi', P), 'data:text/plain,hi');
assert.equal(prefixUrl('ftp://127.0.0.1/x', P), 'ftp://127.0.0.1/s/7-x/x');
assert.equal(prefixUrl('blob:http://h/uuid', P), 'blob:http://h/uuid');
assert.equal(prefixLocation('http://127.0.0.1:8003/final', 'http://127.0.0.1:8002/start', P), 'http://127.0.0.1:8003/s/7-x/final');
assert.equal(prefixLocation('/b', 'http://127.0.0.1:8002/a', P), '/s/7-x/b');
assert.equal(prefixLocation('b?x=1', 'http://127.0.0.1:8002/dir/a', P), 'b?x=1');
assert.equal(prefixLocation('../b', 'http://127.0.0.1:8002/a', P), '/s/7-x/b');
assert.equal(prefixLocation('//other.example/z', 'http://127.0.0.1:8002/a', P), '//other.example/s/7-x/z');
assert.equal(prefixLocation('', 'http://127.0.0.1:8002/a', P), '');
assert.equal(uniqueIdFor(12, 'Put with JSON!'), '12-put-with-json');
assert.equal(uniqueIdOfPath('/s/12-put/x'), '12-put');
assert.equal(uniqueIdOfPath('/other'), null);

const scenario: Scenario = {
  name: 'x',
  page: 'http://127.0.0.1:8001/run.html',
  request: { url: '/rel?a', headers: [['X-A', '1']] },
  server: [{ url: 'http://127.0.0.1:8001/rel?a', status: 302, headers: [['Location', 'http://127.0.0.1:8002/t']] }],
  repeat: { count: 2, intervalMs: 10 },
};
const before = JSON.stringify(scenario);
const iso = isolateScenario(scenario, '3-y');
assert.equal(JSON.stringify(scenario), before, 'isolateScenario must not mutate its input');
assert.equal(iso.page, scenario.page);
assert.equal(iso.request.url, '/s/3-y/rel?a');
assert.equal(iso.server?.[0]?.url, 'http://127.0.0.1:8001/s/3-y/rel?a');
assert.deepEqual(iso.server?.[0]?.headers, [['Location', 'http://127.0.0.1:8002/s/3-y/t']]);
assert.deepEqual(iso.repeat, scenario.repeat);

// The later runs' own requests (`repeat.requests`) get the same prefix; the input stays unchanged.
const seq: Scenario = {
  name: 'seq',
  page: 'http://127.0.0.1:8001/run.html',
  request: { url: 'http://127.0.0.1:8002/r', method: 'PUT' },
  server: [{ url: 'http://127.0.0.1:8002/r' }],
  repeat: {
    count: 3,
    intervalMs: 10,
    requests: [{ url: 'http://127.0.0.1:8002/r?x', method: 'DELETE', headers: [['X-B', '1']] }, { url: '/rel' }],
  },
};
const seqBefore = JSON.stringify(seq);
const isoSeq = isolateScenario(seq, '4-z');
assert.equal(JSON.stringify(seq), seqBefore, 'isolateScenario must not mutate repeat.requests');
assert.deepEqual(isoSeq.repeat, {
  count: 3,
  intervalMs: 10,
  requests: [{ url: 'http://127.0.0.1:8002/s/4-z/r?x', method: 'DELETE', headers: [['X-B', '1']] }, { url: '/s/4-z/rel' }],
});
assert.notEqual(isoSeq.repeat?.requests?.[0]?.headers, seq.repeat?.requests?.[0]?.headers, 'deep copy');

// Console attribution: URL first, then the synchronous section, WebKit reason line held.
const line = (tab: string, text: string, source = 'javascript', level: ConsoleLine['level'] = 'error'): ConsoleLine => ({ tab, level, source, text });
const known = new Set(['1-a', '2-b']);
const { byScenario, unattributed } = attributeConsole(
  [
    line('t', '__corsight__ begin 1-a 0', 'console-api', 'debug'),
    line('t', 'Refused to set unsafe header "Cookie"'),
    line('t', '__corsight__ end 1-a 0', 'console-api', 'debug'),
    line('t', 'Origin http://x is not allowed by Access-Control-Allow-Origin. Status code: 200', 'security'),
    line('t', 'Fetch API cannot load http://h/s/2-b/z due to access control checks.'),
    line('t', '__corsight__ begin 2-b 1', 'console-api', 'debug'),
    line('t', '__corsight__ end 2-b 1', 'console-api', 'debug'),
    line('t', "Access to fetch at 'http://h/s/2-b/z' …"),
    line('t', 'something else'),
  ],
  known,
);
assert.deepEqual(byScenario.get('1-a')?.[0]?.console, ['Refused to set unsafe header "Cookie"']);
assert.deepEqual(byScenario.get('2-b')?.[0]?.console, [
  'Origin http://x is not allowed by Access-Control-Allow-Origin. Status code: 200',
  'Fetch API cannot load http://h/s/2-b/z due to access control checks.',
]);
assert.deepEqual(byScenario.get('2-b')?.[1]?.console, ["Access to fetch at 'http://h/s/2-b/z' …"]);
assert.deepEqual(unattributed.map((l) => l.text), ['something else']);

process.stdout.write('isolate/attribute self-check: ok\n');
