// HAR entries → cross-origin requests → verdicts: hand-made edge cases as a table, plus the
// query-string diagnosis cache checked against uncached diagnoses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseScenario } from '../diagnose/report.js';
import { HarEntryError, recordFromEntry, type HarPage } from './har-types.js';
import { HarPairing, type PairingStats } from './har-pairing.js';
import { harNoteText } from '../render/har-notes.js';
import { DiagnosisCache, judgeChain, recorderOf, type HarFinding, type Recorder } from './har-judge.js';

const notesOf = (f: HarFinding): string => f.notes.map(harNoteText).join(' ');

const PAGE = 'http://app.test/';
const API = 'http://api.test';
type H = [string, string][];

interface E {
  method?: string;
  url: string;
  type?: string | null;
  req?: H;
  status?: number;
  res?: H;
  error?: string;
  redirectURL?: string;
  cookies?: { name: string; value: string }[];
  pageref?: string | null;
  fromCache?: string;
  failureText?: string;
}

/** A Chrome-DevTools-shaped entry. */
function entry(e: E): Record<string, unknown> {
  const out: Record<string, unknown> = {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    request: { method: e.method ?? 'GET', url: e.url, httpVersion: 'HTTP/1.1', headers: (e.req ?? []).map(([name, value]) => ({ name, value })), cookies: e.cookies ?? [], queryString: [], headersSize: -1, bodySize: 0 },
    response: {
      status: e.status ?? 200, statusText: '', httpVersion: 'HTTP/1.1', headers: (e.res ?? []).map(([name, value]) => ({ name, value })), cookies: [],
      content: { size: 0, mimeType: 'x-unknown' }, redirectURL: e.redirectURL ?? '', headersSize: -1, bodySize: 0, _error: e.error ?? null,
      ...(e.failureText !== undefined ? { _failureText: e.failureText } : {}),
    },
    cache: {}, timings: {}, time: 1,
  };
  if (e.type !== null) out['_resourceType'] = e.type ?? 'fetch';
  if (e.pageref !== null) out['pageref'] = e.pageref ?? 'page_1';
  if (e.fromCache !== undefined) out['_fromCache'] = e.fromCache;
  return out;
}

const ORIGIN: [string, string] = ['Origin', 'http://app.test'];
const ACAO: [string, string] = ['Access-Control-Allow-Origin', 'http://app.test'];

function run(entries: Record<string, unknown>[], recorder: Recorder = 'chromium', pages: HarPage[] = [{ id: 'page_1', title: PAGE }]): { findings: HarFinding[]; stats: PairingStats } {
  const findings: HarFinding[] = [];
  const cache = new DiagnosisCache();
  const p = new HarPairing(new Map(pages.map((pg) => [pg.id, pg])), (c) => findings.push(judgeChain(c, { browsers: ['chromium', 'firefox', 'webkit'], recorder, cache })));
  entries.forEach((e, i) => p.add(recordFromEntry(e, i)));
  p.finish();
  return { findings, stats: p.stats };
}

const code = (f: HarFinding, b: 'chromium' | 'firefox' | 'webkit' = 'chromium'): string | null => f.result.browsers[b]!.runs[0]!.code;
const outcome = (f: HarFinding, b: 'chromium' | 'firefox' | 'webkit' = 'chromium'): string => f.result.browsers[b]!.runs[0]!.outcome;

interface Case {
  name: string;
  entries: E[];
  recorder?: Recorder;
  pages?: HarPage[];
  check(r: { findings: HarFinding[]; stats: PairingStats }): void;
}

const PREFLIGHT = (url: string, method: string, headers: string | null, res: H, status = 204): E => ({
  method: 'OPTIONS', url, type: 'preflight', status, res,
  req: [ORIGIN, ['Access-Control-Request-Method', method], ...(headers !== null ? [['Access-Control-Request-Headers', headers] as [string, string]] : [])],
});

const CASES: Case[] = [
  {
    name: 'Chrome order: the preflight entry after its request is paired with it',
    entries: [
      { method: 'PUT', url: `${API}/a`, req: [ORIGIN, ['Content-Type', 'application/json']], res: [ACAO] },
      PREFLIGHT(`${API}/a`, 'PUT', 'content-type', [ACAO, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type']]),
    ],
    check: ({ findings }) => {
      assert.equal(findings.length, 1);
      assert.deepEqual(findings[0]!.hops[0]!.preflight, { pairing: 'recorded', entry: 1, status: 204, error: null });
      assert.equal(outcome(findings[0]!), 'allowed');
      assert.equal(findings[0]!.agrees, true);
    },
  },
  {
    name: 'a preflight written before its request (no resource types) is paired too',
    recorder: 'firefox',
    entries: [
      { ...PREFLIGHT(`${API}/a`, 'DELETE', null, [ACAO, ['Access-Control-Allow-Methods', 'GET']]), type: null },
      { method: 'DELETE', url: `${API}/a`, type: null, req: [ORIGIN], status: 0 },
    ],
    check: ({ findings }) => {
      assert.equal(findings.length, 1);
      assert.equal(findings[0]!.hops[0]!.preflight.entry, 0);
      assert.equal(code(findings[0]!), 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE');
      assert.equal(code(findings[0]!, 'firefox'), 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE');
      assert.equal(findings[0]!.agrees, true);
    },
  },
  {
    name: 'no preflight recorded for a request that needs one and went out: a cached preflight',
    entries: [{ method: 'PUT', url: `${API}/c`, req: [ORIGIN, ['X-Custom', '1']], res: [ACAO] }],
    check: ({ findings }) => {
      assert.equal(findings[0]!.hops[0]!.preflight.pairing, 'cached');
      assert.equal(outcome(findings[0]!), 'allowed');
      assert.match(notesOf(findings[0]!), /cached preflight/);
    },
  },
  {
    name: 'a simple request needs no preflight; a missing ACAO is diagnosed with the header fix',
    entries: [{ url: `${API}/n`, req: [ORIGIN], error: 'net::ERR_FAILED' }],
    check: ({ findings }) => {
      const f = findings[0]!;
      assert.equal(f.hops[0]!.preflight.pairing, 'not-needed');
      assert.equal(code(f), 'MISSING_ALLOW_ORIGIN_HEADER');
      assert.equal(f.recorded.outcome, 'failed');
      assert.equal(f.agrees, true);
      const fix = f.result.browsers.chromium!.runs[0]!.fix!;
      assert.deepEqual(fix.changes[0], { kind: 'set-header', route: { method: 'GET', url: `${API}/n` }, name: 'Access-Control-Allow-Origin', value: 'http://app.test', was: null });
    },
  },
  {
    name: 'a network error is not a CORS failure',
    entries: [{ url: `${API}/down`, req: [ORIGIN], status: 0, error: 'net::ERR_CONNECTION_REFUSED' }],
    check: ({ findings }) => {
      assert.equal(findings[0]!.recorded.outcome, 'network-error');
      assert.equal(findings[0]!.agrees, null);
      assert.match(notesOf(findings[0]!), /network failure, not a CORS failure/);
    },
  },
  {
    name: 'page origin: the HAR page, else the Origin header, else the Referer',
    pages: [],
    entries: [
      { url: `${API}/o`, req: [ORIGIN], res: [ACAO], pageref: null },
      { url: `${API}/r`, req: [['Referer', 'http://app.test/some/page']], res: [ACAO], pageref: null },
    ],
    check: ({ findings }) => {
      assert.deepEqual(findings.map((f) => [f.pageSource, f.page]), [['origin-header', 'http://app.test/'], ['referer', 'http://app.test/some/page']]);
    },
  },
  {
    name: 'same-origin requests, non-CORS subresources and other schemes are counted, not judged',
    entries: [
      { url: 'http://app.test/same', req: [] },
      { url: `${API}/s.js`, type: 'script', req: [] },
      { url: `${API}/i.png`, type: 'image', req: [] },
      { url: 'data:text/plain,hi', req: [] },
      { url: `${API}/pic.png`, type: null, req: [] },
    ],
    check: ({ findings, stats }) => {
      assert.equal(findings.length, 0);
      assert.equal(stats.sameOrigin, 1);
      assert.deepEqual(stats.notCors, { script: 1, image: 1, 'no resource type, no Origin header': 1 });
      assert.equal(stats.otherScheme, 1);
    },
  },
  {
    name: 'a redirect chain is one request; its target without ACAO is blocked with Origin: null',
    entries: [
      { url: `${API}/r?x=1`, req: [ORIGIN], status: 302, res: [ACAO, ['Location', 'http://other.test/login?y=2']], redirectURL: 'http://other.test/login?y=2' },
      { url: 'http://other.test/login?y=2', req: [['Origin', 'null']], res: [], error: 'net::ERR_FAILED' },
    ],
    check: ({ findings }) => {
      assert.equal(findings.length, 1);
      const f = findings[0]!;
      assert.deepEqual(f.hops.map((h) => [h.entry, h.status, h.redirectTo]), [[0, 302, 'http://other.test/login?y=2'], [1, 200, null]]);
      assert.equal(code(f), 'MISSING_ALLOW_ORIGIN_HEADER');
      const sent = f.result.browsers.chromium!.runs[0]!.sent;
      assert.deepEqual(sent.map((s) => [s.url, s.headers.find(([n]) => n === 'Origin')?.[1]]), [[`${API}/r?x=1`, 'http://app.test'], ['http://other.test/login?y=2', 'null']]);
    },
  },
  {
    name: 'a redirect whose target is not in the HAR is reported as such',
    entries: [{ url: `${API}/r`, req: [ORIGIN], status: 301, res: [['Location', 'https://api.test/r']], redirectURL: 'https://api.test/r', error: 'net::ERR_FAILED' }],
    check: ({ findings }) => {
      assert.equal(code(findings[0]!), 'MISSING_ALLOW_ORIGIN_HEADER');
      assert.match(notesOf(findings[0]!), /redirect to https:\/\/api\.test\/r is not followed in the HAR/);
    },
  },
  {
    name: 'a preflight whose request is not in the HAR becomes a finding of its own',
    entries: [PREFLIGHT(`${API}/p`, 'PATCH', 'authorization', [], 404)],
    check: ({ findings }) => {
      assert.equal(findings.length, 1);
      assert.equal(findings[0]!.method, 'PATCH');
      assert.deepEqual(findings[0]!.scenario.request.headers, [['authorization', 'x']]);
      assert.ok(['PREFLIGHT_INVALID_STATUS', 'PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER'].includes(code(findings[0]!)!));
      assert.match(notesOf(findings[0]!), /only the preflight is in the HAR/);
    },
  },
  {
    name: 'cookies sent mean credentials: include; `*` is then refused',
    entries: [{ url: `${API}/w`, req: [ORIGIN, ['Cookie', 'sid=1']], cookies: [{ name: 'sid', value: '1' }], res: [['Access-Control-Allow-Origin', '*']], error: 'net::ERR_FAILED' }],
    check: ({ findings }) => {
      assert.deepEqual([findings[0]!.credentials, findings[0]!.credentialsSource], ['include', 'cookies']);
      assert.equal(code(findings[0]!), 'WILDCARD_ORIGIN_NOT_ALLOWED');
    },
  },
  {
    name: 'a failure only credentials explain is judged with credentials: include (inferred)',
    entries: [{ url: `${API}/w`, req: [ORIGIN], res: [['Access-Control-Allow-Origin', '*']], error: 'net::ERR_FAILED' }],
    check: ({ findings }) => {
      assert.deepEqual([findings[0]!.credentials, findings[0]!.credentialsSource], ['include', 'inferred']);
      assert.equal(findings[0]!.agrees, true);
    },
  },
  {
    name: 'served from cache, Playwright-style -1 status, DevTools "Disable cache" headers ignored',
    entries: [
      { url: `${API}/cached`, req: [ORIGIN, ['Cache-Control', 'no-cache'], ['Pragma', 'no-cache']], res: [ACAO], fromCache: 'disk' },
      { url: `${API}/pw`, req: [ORIGIN], status: -1, failureText: 'net::ERR_FAILED' },
    ],
    check: ({ findings }) => {
      assert.equal(findings[0]!.hops[0]!.fromCache, 'disk');
      assert.equal(findings[0]!.hops[0]!.preflight.pairing, 'not-needed');
      assert.equal(outcome(findings[0]!), 'allowed');
      assert.deepEqual([findings[1]!.recorded.status, findings[1]!.recorded.error], [0, 'net::ERR_FAILED']);
      // No answer recorded for a simple request: judged as an answer without CORS headers, and said so.
      assert.equal(code(findings[1]!), 'MISSING_ALLOW_ORIGIN_HEADER');
      assert.equal(findings[1]!.result.browsers.chromium!.runs[0]!.cause!.text.includes('(status 200)'), true);
      assert.match(notesOf(findings[1]!), /holds no answer .* judged as an answer without CORS headers/);
    },
  },
  {
    name: 'a sanitized export (no Authorization) and HTTP/2 pseudo-headers: the preflight says what the page sent',
    entries: [
      { url: `${API}/me`, req: [[':method', 'GET'], [':authority', 'api.test'], [':path', '/me'], ['Accept', 'application/json'], ORIGIN], status: 0, error: 'net::ERR_FAILED' },
      PREFLIGHT(`${API}/me`, 'GET', 'authorization', [ACAO, ['Access-Control-Allow-Headers', 'content-type']]),
    ],
    check: ({ findings }) => {
      const f = findings[0]!;
      assert.deepEqual(f.scenario.request.headers, [['Accept', 'application/json'], ['authorization', 'x']]);
      assert.equal(code(f), 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE');
      assert.match(notesOf(f), /the preflight asked for authorization, which the recorded request lacks/);
    },
  },
  {
    name: 'Firefox records blocked responses as answered: no disagreement is claimed',
    recorder: 'firefox',
    entries: [{ url: `${API}/n`, type: null, req: [ORIGIN] }],
    check: ({ findings }) => {
      assert.equal(outcome(findings[0]!, 'firefox'), 'blocked');
      assert.equal(findings[0]!.agrees, null);
    },
  },
  {
    name: 'Firefox records answered responses alike whether allowed or blocked: no agreement is claimed either',
    recorder: 'firefox',
    entries: [{ url: `${API}/a`, type: null, req: [ORIGIN], res: [ACAO] }],
    check: ({ findings }) => {
      assert.equal(outcome(findings[0]!, 'firefox'), 'allowed');
      assert.equal(findings[0]!.agrees, null);
      assert.match(notesOf(findings[0]!), /cannot confirm that it was allowed/);
    },
  },
];

for (const c of CASES) test(c.name, () => c.check(run(c.entries.map(entry), c.recorder ?? 'chromium', c.pages)));

test('malformed entries: the JSON path of the first problem', () => {
  const bad: [unknown, RegExp][] = [
    ['x', /^\$\.log\.entries\[3\]: expected an object, got string$/],
    [{ response: { status: 200, headers: [] } }, /^\$\.log\.entries\[3\]\.request: missing$/],
    [{ request: { method: 'GET', headers: [] }, response: { status: 200, headers: [] } }, /\.request\.url: missing$/],
    [{ request: { method: 'GET', url: 'http://a/', headers: {} }, response: { status: 200, headers: [] } }, /\.request\.headers: expected an array of \{ name, value \}, got an object$/],
    [{ request: { method: 'GET', url: 'http://a/', headers: [{ name: 'A' }] }, response: { status: 200, headers: [] } }, /\.request\.headers\[0\]: value: expected a string, got undefined$/],
    [{ request: { method: 'GET', url: 'http://a/', headers: [] }, response: { status: '200', headers: [] } }, /\.response\.status: expected a number, got string$/],
    [{ request: { method: 'GET', url: 'http://a/', headers: [] }, response: { status: 200 } }, /\.response\.headers: missing$/],
  ];
  for (const [e, re] of bad) assert.throws(() => recordFromEntry(e, 3), (err: unknown) => err instanceof HarEntryError && re.test(err.message));
});

test('recorder: DevTools, Firefox, Safari and tools naming the browser', () => {
  assert.equal(recorderOf({ name: 'WebInspector', version: '537.36' }, undefined), 'chromium');
  assert.equal(recorderOf({ name: 'Firefox' }, { name: 'Firefox' }), 'firefox');
  assert.equal(recorderOf({ name: 'WebKit Web Inspector' }, undefined), 'webkit');
  assert.equal(recorderOf({ name: 'Playwright' }, { name: 'chromium' }), 'chromium');
  assert.equal(recorderOf({ name: 'Charles Proxy' }, undefined), null);
});

test('the diagnosis cache (paths and queries as placeholders) gives exactly the uncached diagnosis', () => {
  const cache = new DiagnosisCache();
  const scenarios = [
    { page: PAGE, request: { url: `${API}/a?id=1&b="x"`, method: 'PUT', headers: [['X-A', '1']] as H }, server: [{ method: 'OPTIONS', url: `${API}/a?id=1&b="x"`, status: 204, headers: [ACAO] as H }] },
    { page: PAGE, request: { url: `${API}/a?id=2` }, server: [{ url: `${API}/a?id=2`, status: 302, headers: [ACAO, ['Location', 'http://OTHER.test/l?id=2']] as H }, { url: 'http://other.test/l?id=2', headers: [] as H }] },
    { page: PAGE, request: { url: `${API}/a?id=3` }, server: [{ url: `${API}/a?id=3`, status: 302, headers: [ACAO, ['Location', '/l?id=3']] as H }] },
    { page: PAGE, request: { url: `${API}/items/7/../8`, method: 'DELETE' }, server: [{ method: 'OPTIONS', url: `${API}/items/8`, status: 204, headers: [ACAO, ['Access-Control-Allow-Methods', 'DELETE']] as H }] },
    { page: PAGE, request: { url: `${API}/a b/{c}`, method: 'PATCH' }, server: [{ url: `${API}/a%20b/%7Bc%7D`, status: 204, headers: [ACAO] as H }] },
    { page: PAGE, request: { url: `${API}/x/y?z=1` }, server: [{ url: `${API}/x/y?z=1`, status: 307, headers: [ACAO, ['Location', 'http://api.test/x/y?z=1&again=1']] as H }, { url: 'http://api.test/x/y?z=1&again=1', headers: [['Access-Control-Allow-Origin', 'null']] as H }] },
  ];
  for (let round = 0; round < 2; round++) {
    for (const s of scenarios) assert.deepEqual(cache.diagnose({ ...s, name: 'n' }, ['chromium', 'firefox', 'webkit', 'spec']), diagnoseScenario({ ...s, name: 'n' }));
  }
});
