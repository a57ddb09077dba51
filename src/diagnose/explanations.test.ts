import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  baseKind, FAILURE_CODES, simulateIn, type FailureCode, type HeaderPair, type RunResult, type Scenario,
} from '../engine/index.js';
import { renderException, renderLog } from './console.js';
import { recognize } from './explain.js';
import { EXPLANATIONS, explanationFor, FIREFOX_KEY_CODES, type Explanation } from './explanations.js';
import { CHROMIUM_EXCEPTIONS, CHROMIUM_LINES } from './messages/chromium.js';

const BROWSERS = ['chromium', 'firefox', 'webkit'] as const;

function camel(code: string): string {
  return code.split('_').map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join('');
}

/** A message template as an anchored regex: `{name}` matches anything. */
function templateRe(t: string): RegExp {
  const parts = t.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

const CHROMIUM_NON_FRAME: RegExp[] = [
  ...Object.values(CHROMIUM_LINES),
  ...Object.values(CHROMIUM_EXCEPTIONS).flatMap((byCode) => Object.values(byCode)),
].map(templateRe);

/** Codes only the spec profile produces (no real browser reaches them, observed). */
const SPEC_ONLY: ReadonlySet<FailureCode> = new Set<FailureCode>(['STREAM_REDIRECT']);

test('every failure code has a complete entry', () => {
  assert.deepEqual(Object.keys(EXPLANATIONS).sort(), [...FAILURE_CODES].sort());
  for (const code of FAILURE_CODES) {
    const e: Explanation = EXPLANATIONS[code];
    assert.equal(e.code, code);
    for (const field of ['title', 'meaning', 'browsers', 'spec'] as const) {
      assert.ok(e[field].trim().length > 0, `${code}.${field} is empty`);
    }
    assert.ok(!e.title.includes('\n'), `${code}.title is one line`);
    assert.ok(e.causes.length > 0 && e.causes.every((c) => c.trim().length > 0), `${code}.causes`);
    assert.ok(e.fix.length > 0 && e.fix.every((f) => f.trim().length > 0), `${code}.fix`);
    assert.match(e.spec, /\bFetch\b|XMLHttpRequest|URL Standard/, `${code}.spec names its spec`);
    assert.match(e.spec, /\(#[\w-]+\)/, `${code}.spec has an anchor`);
    const messages = BROWSERS.map((b) => e.messages[b]).filter((m) => m !== undefined);
    assert.ok(messages.length > 0 || SPEC_ONLY.has(code), `${code} has at least one example message`);
    assert.ok(messages.every((m) => m.trim().length > 0), `${code} has no empty example message`);
  }
});

test('explanationFor accepts codes, lower case, Chromium names and Firefox keys', () => {
  for (const code of FAILURE_CODES) {
    const e = EXPLANATIONS[code];
    assert.equal(explanationFor(code), e, code);
    assert.equal(explanationFor(code.toLowerCase()), e, code.toLowerCase());
    assert.equal(explanationFor(` ${code} `), e, 'surrounding spaces');
    assert.equal(explanationFor(camel(code)), e, camel(code));
    assert.equal(explanationFor(`k${camel(code)}`), e, `k${camel(code)}`);
    assert.equal(explanationFor(`network::mojom::CorsError::k${camel(code)}`), e, 'qualified enum name');
  }
  // Spot checks of real Chromium enum names (cors.mojom), including the `Cors` spelling.
  assert.equal(explanationFor('kMissingAllowOriginHeader')?.code, 'MISSING_ALLOW_ORIGIN_HEADER');
  assert.equal(explanationFor('MissingAllowOriginHeader')?.code, 'MISSING_ALLOW_ORIGIN_HEADER');
  assert.equal(explanationFor('kCorsDisabledScheme')?.code, 'CORS_DISABLED_SCHEME');
  assert.equal(explanationFor('kPreflightInvalidStatus')?.code, 'PREFLIGHT_INVALID_STATUS');
  assert.equal(explanationFor('kInvalidAllowHeadersPreflightResponse')?.code, 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE');
  assert.equal(explanationFor('RedirectContainsCredentials')?.code, 'REDIRECT_CONTAINS_CREDENTIALS');

  for (const [key, code] of Object.entries(FIREFOX_KEY_CODES)) {
    assert.equal(explanationFor(key)?.code, code, key);
    assert.equal(explanationFor(key.toLowerCase())?.code, code, key.toLowerCase());
    assert.equal(explanationFor(key.replace(/\d+$/, ''))?.code, code, `${key} without its version digit`);
    assert.equal(explanationFor(`firefox:${key}`)?.code, code, `firefox:${key}`);
  }
  assert.equal(explanationFor('CORSMissingAllowOrigin2')?.code, 'MISSING_ALLOW_ORIGIN_HEADER');
  assert.equal(explanationFor('CORSPreflightDidNotSucceed')?.code, 'PREFLIGHT_INVALID_STATUS');
  // MDN's page name for CORSMissingAllowCredentials is misspelled.
  assert.equal(explanationFor('CORSMIssingAllowCredentials')?.code, 'INVALID_ALLOW_CREDENTIALS');

  for (const unknown of ['', '   ', 'k', 'NOPE', 'CORSDidNotSucceed2', 'CORSDisabled', 'kInsecureLocalNetwork', 'MISSING_ALLOW']) {
    assert.equal(explanationFor(unknown), null, JSON.stringify(unknown));
  }
});

test('lookup keys do not collide', () => {
  const squashed = FAILURE_CODES.map((c) => c.toLowerCase().replace(/_/g, ''));
  assert.equal(new Set(squashed).size, squashed.length);
  // explanationFor strips a leading `k` (Chromium enum names): no code may start with one.
  assert.ok(squashed.every((s) => !s.startsWith('k')));
});

test('Chromium examples are a CORS frame or one of the non-frame Chromium lines', () => {
  for (const code of FAILURE_CODES) {
    const m = EXPLANATIONS[code].messages.chromium;
    if (m === undefined) continue;
    if (m.startsWith('Access to ')) {
      assert.match(m, /^Access to \S+ at '[^']+' from origin '[^']+' has been blocked by CORS policy: ./, code);
    } else {
      assert.ok(CHROMIUM_NON_FRAME.some((re) => re.test(m)), `${code}: not a Chromium line: ${m}`);
    }
  }
});

test('Firefox examples use its curly quotes; WebKit examples are the reason line(s) then the JS line', () => {
  for (const code of FAILURE_CODES) {
    const { firefox, webkit } = EXPLANATIONS[code].messages;
    if (firefox !== undefined) {
      assert.ok(!firefox.includes('\n'), `${code}: one Firefox line`);
      assert.doesNotMatch(firefox, /'Access-Control|'Origin'|'true'|'\*'/, `${code}: Firefox quotes are ‘ ’`);
    }
    if (webkit !== undefined) {
      const lines = webkit.split('\n');
      // At most two reason lines (no-cors redirect mode: the reason and `Not allowed to request resource`).
      assert.ok(lines.length <= 3, `${code}: at most three WebKit lines`);
      if (lines.length >= 2) {
        assert.match(lines.at(-1)!, /^(?:Fetch API|XMLHttpRequest) cannot load \S+ due to access control checks\.$/, code);
      }
    }
  }
});

/** Where a browser reports a failure under another kind (documented in the entries' `browsers`). */
const REPORTED_AS: Readonly<Partial<Record<FailureCode, FailureCode>>> = {
  INVALID_ALLOW_ORIGIN_VALUE: 'ALLOW_ORIGIN_MISMATCH',
  PREFLIGHT_DISALLOWED_REDIRECT: 'PREFLIGHT_INVALID_STATUS',
};

function related(entry: FailureCode, found: FailureCode): boolean {
  const a = baseKind(entry);
  const b = baseKind(found);
  return a === b || REPORTED_AS[a as FailureCode] === b;
}

test('every example line is recognized as its browser and points to its code', () => {
  for (const code of FAILURE_CODES) {
    for (const b of BROWSERS) {
      const m = EXPLANATIONS[code].messages[b];
      if (m === undefined) continue;
      const lines = m.split('\n');
      const rec = recognize(m);
      assert.equal(rec.length, lines.length, `${code} ${b}: every line is recognized: ${m}`);
      for (const r of rec) {
        assert.equal(r.browser, b, `${code}: ${r.line}`);
        if (r.code === null) continue; // a generic line (companion, or the usual TypeError)
        const candidates = [r.code, ...(r.ambiguous ?? [])];
        assert.ok(candidates.some((c) => related(code, c)), `${code} ${b}: recognized as ${candidates.join('|')}: ${r.line}`);
      }
    }
  }
});

// The examples are exactly what corsight renders for a typical case (page http://localhost:3000).
const PAGE = 'http://localhost:3000/';
const API = 'http://localhost:8080/api';
const acao = (v = 'http://localhost:3000'): HeaderPair => ['Access-Control-Allow-Origin', v];
const preflight = (status: number, ...headers: HeaderPair[]) => [{ method: 'OPTIONS', url: API, status, headers }];
const put = { url: API, method: 'PUT' };
const json = { url: API, method: 'POST', headers: [['Content-Type', 'application/json']] as HeaderPair[], body: '{}' };

const TYPICAL: Readonly<Partial<Record<FailureCode, Scenario>>> = {
  DISALLOWED_BY_MODE: { page: PAGE, request: { url: API, mode: 'same-origin' } },
  WILDCARD_ORIGIN_NOT_ALLOWED: { page: PAGE, request: { url: API, credentials: 'include' }, server: [{ url: API, headers: [acao('*')] }] },
  MISSING_ALLOW_ORIGIN_HEADER: { page: PAGE, request: { url: API }, server: [{ url: API }] },
  MULTIPLE_ALLOW_ORIGIN_VALUES: { page: PAGE, request: { url: API }, server: [{ url: API, headers: [acao(), acao()] }] },
  INVALID_ALLOW_ORIGIN_VALUE: { page: PAGE, request: { url: API }, server: [{ url: API, headers: [acao('')] }] },
  ALLOW_ORIGIN_MISMATCH: { page: PAGE, request: { url: API }, server: [{ url: API, headers: [acao('https://app.example.com')] }] },
  INVALID_ALLOW_CREDENTIALS: { page: PAGE, request: { url: API, credentials: 'include' }, server: [{ url: API, headers: [acao()] }] },
  PREFLIGHT_INVALID_STATUS: { page: PAGE, request: put, server: preflight(405, acao(), ['Access-Control-Allow-Methods', 'PUT']) },
  PREFLIGHT_DISALLOWED_REDIRECT: { page: PAGE, request: put, server: preflight(301, acao(), ['Location', `${API}/`]) },
  PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED: {
    page: PAGE, request: { ...put, credentials: 'include' },
    server: preflight(204, acao('*'), ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Credentials', 'true']),
  },
  PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER: { page: PAGE, request: put, server: preflight(204) },
  PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES: { page: PAGE, request: put, server: preflight(204, acao(), acao(), ['Access-Control-Allow-Methods', 'PUT']) },
  PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE: { page: PAGE, request: put, server: preflight(204, acao(''), ['Access-Control-Allow-Methods', 'PUT']) },
  PREFLIGHT_ALLOW_ORIGIN_MISMATCH: {
    page: PAGE, request: put, server: preflight(204, acao('https://app.example.com'), ['Access-Control-Allow-Methods', 'PUT']),
  },
  PREFLIGHT_INVALID_ALLOW_CREDENTIALS: { page: PAGE, request: { ...put, credentials: 'include' }, server: preflight(204, acao(), ['Access-Control-Allow-Methods', 'PUT']) },
  INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE: { page: PAGE, request: put, server: preflight(204, acao(), ['Access-Control-Allow-Methods', 'GET POST PUT']) },
  INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE: {
    page: PAGE, request: json, server: preflight(204, acao(), ['Access-Control-Allow-Headers', 'Content-Type Authorization']),
  },
  METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE: {
    page: PAGE, request: { url: API, method: 'DELETE' }, server: preflight(204, acao(), ['Access-Control-Allow-Methods', 'GET, POST']),
  },
  HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE: { page: PAGE, request: json, server: preflight(204, acao()) },
  REDIRECT_CONTAINS_CREDENTIALS: {
    page: PAGE, request: { url: API }, server: [{ url: API, status: 302, headers: [acao(), ['Location', 'http://user:secret@localhost:8080/api/v2']] }],
  },
  FORBIDDEN_METHOD: { page: PAGE, request: { url: API, method: 'TRACE' } },
  INVALID_METHOD: { page: PAGE, request: { url: API, method: 'GET,POST' } },
  NO_CORS_METHOD_NOT_ALLOWED: { page: PAGE, request: { url: API, method: 'PUT', mode: 'no-cors' } },
  URL_CONTAINS_CREDENTIALS: { page: PAGE, request: { url: 'http://user:pass@localhost:8080/api' } },
  INVALID_URL: { page: PAGE, request: { url: 'http://localhost:undefined/api' } },
  INVALID_HEADER: { page: PAGE, request: { url: API, headers: [['X-API Key', 'abc123']] } },
  BODY_NOT_ALLOWED: { page: PAGE, request: { url: API, body: 'x' } },
  INVALID_MODE: { page: PAGE, request: { url: API, mode: 'navigate' } },
  ONLY_IF_CACHED_MODE: { page: PAGE, request: { url: API, cache: 'only-if-cached' } },
  STREAM_DUPLEX_REQUIRED: { page: PAGE, request: { url: API, method: 'POST', body: 'x', bodyStream: true } },
  STREAM_MODE_NOT_ALLOWED: { page: PAGE, request: { url: API, method: 'POST', body: 'x', bodyStream: true, duplex: 'half', mode: 'no-cors' } },
  STREAM_UPLOAD_UNSUPPORTED: {
    page: PAGE, request: { url: API, method: 'POST', body: 'x', bodyStream: true, duplex: 'half' },
    server: preflight(204, acao(), ['Access-Control-Allow-Methods', 'POST']),
  },
  STREAM_REDIRECT: {
    page: PAGE, request: { url: API, method: 'POST', body: 'x', bodyStream: true, duplex: 'half' },
    server: [...preflight(204, acao(), ['Access-Control-Allow-Methods', 'POST']), { url: API, status: 307, headers: [acao(), ['Location', '/api/v2']] }],
  },
  INVALID_HTTP_RESPONSE: { page: PAGE, request: { url: API }, server: [{ url: API, headers: [acao(), ['X-Trace', 'a\0b']] }] },
  CACHE_MISS: { page: PAGE, request: { url: `${PAGE}/offline.json`, mode: 'same-origin', cache: 'only-if-cached' } },
  UNSUPPORTED_SCHEME: { page: PAGE, request: { url: 'localhost:8080/api' } },
  REDIRECT_MODE_ERROR: { page: PAGE, request: { url: API, redirect: 'error' }, server: [{ url: API, status: 302, headers: [acao(), ['Location', '/api/v2']] }] },
  TOO_MANY_REDIRECTS: { page: PAGE, request: { url: API }, server: [{ url: API, status: 302, headers: [acao(), ['Location', API]] }] },
  // data: (in Chromium's CORS scheme list): Chromium reports an ftp: or custom-scheme target as CORS_DISABLED_SCHEME.
  INVALID_REDIRECT: { page: PAGE, request: { url: API }, server: [{ url: API, status: 302, headers: [acao(), ['Location', 'data:text/plain,hi']] }] },
  NO_CORS_REDIRECT_MODE: { page: PAGE, request: { url: API, mode: 'no-cors', redirect: 'error' } },
  CORP_NOT_SAME_ORIGIN: { page: PAGE, request: { url: API, mode: 'no-cors' }, server: [{ url: API, headers: [['Cross-Origin-Resource-Policy', 'same-origin']] }] },
  CORP_NOT_SAME_SITE: {
    page: PAGE, request: { url: 'https://localhost:8080/api', mode: 'no-cors' },
    server: [{ url: 'https://localhost:8080/api', headers: [['Cross-Origin-Resource-Policy', 'same-site']] }],
  },
  CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP: {
    page: PAGE, pageHeaders: [['Cross-Origin-Embedder-Policy', 'require-corp']], request: { url: API, mode: 'no-cors' }, server: [{ url: API }],
  },
};

/** Codes the simulator does not produce; their examples are checked by recognition only. */
const NOT_SIMULATED: ReadonlySet<FailureCode> = new Set<FailureCode>(['INVALID_RESPONSE', 'CORS_DISABLED_SCHEME']);

test('examples match what corsight renders for a typical case', () => {
  for (const code of FAILURE_CODES) {
    if (NOT_SIMULATED.has(code)) continue;
    const s = TYPICAL[code];
    assert.ok(s !== undefined, `${code} has a typical scenario`);
    const home = SPEC_ONLY.has(code) ? 'spec' : 'chromium';
    const homeRun: RunResult = simulateIn(s, home).runs[0]!;
    assert.equal(homeRun.failure?.code, code, `${code}: the scenario produces the code in ${home}`);
    for (const b of BROWSERS) {
      const run: RunResult = simulateIn(s, b).runs[0]!;
      if (run.failure === null) {
        // The browser does not fail this way (e.g. WebKit ignores only-if-cached): no example line.
        assert.equal(EXPLANATIONS[code].messages[b as 'chromium'], undefined, `${code} ${b}: no failure, no example`);
        continue;
      }
      // Another failure in this browser (e.g. Firefox sends a stream as text, then fails the CORS
      // check) and no example line for it.
      if (run.failure.code !== code && EXPLANATIONS[code].messages[b] === undefined) continue;
      let rendered: string;
      if (run.logs.length === 0) rendered = renderException(run.exception!);
      else if (b === 'webkit') rendered = run.logs.map(renderLog).join('\n');
      else rendered = renderLog(run.logs[0]!); // the specific line; Firefox's companion lines follow it
      assert.equal(EXPLANATIONS[code].messages[b], rendered, `${code} ${b}`);
    }
  }
});

test('no entry recommends Access-Control-Allow-Origin: null, or * with credentials', () => {
  for (const code of FAILURE_CODES) {
    const e = EXPLANATIONS[code];
    assert.doesNotMatch(JSON.stringify(e), /Access-Control-Allow-Origin:\s*null/i, code);
    for (const f of e.fix) {
      if (/Access-Control-Allow-Credentials:\s*true/i.test(f)) {
        assert.doesNotMatch(f, /Access-Control-Allow-Origin:\s*\*/, `${code}: * together with credentials`);
      }
    }
  }
});
