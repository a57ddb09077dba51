import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePolicy, PolicyError, validatePolicyConfig, type PolicyConfig, type PolicyProblem } from './index.js';

function problems(cfg: unknown): PolicyProblem[] {
  const r = validatePolicyConfig(cfg);
  return r.ok ? [] : r.problems;
}
const codes = (cfg: unknown) => problems(cfg).map((p) => p.code);

// [config, expected codes (in order), expected suggestion of the first problem]
const REJECTED: Array<[string, unknown, string[], string?]> = [
  ['not an object', 'https://a.example', ['INVALID_CONFIG']],
  ['no origins', {}, ['NO_ORIGINS']],
  ['empty origins', { origins: [] }, ['NO_ORIGINS']],
  ['typo in option name', { origin: ['https://a.example'], origins: ['https://a.example'] }, ['UNKNOWN_OPTION'], 'origins'],
  ['* with credentials', { origins: ['*'], credentials: true }, ['WILDCARD_ORIGIN_WITH_CREDENTIALS']],
  ['* not alone', { origins: ['*', 'https://a.example'] }, ['WILDCARD_ORIGIN_NOT_ALONE']],
  ['null origin', { origins: ['null'] }, ['NULL_ORIGIN']],
  ['trailing slash', { origins: ['https://a.example/'] }, ['NON_CANONICAL_ORIGIN'], 'https://a.example'],
  ['path', { origins: ['https://a.example/app'] }, ['NON_CANONICAL_ORIGIN'], 'https://a.example'],
  ['upper case', { origins: ['HTTPS://App.Example.com'] }, ['NON_CANONICAL_ORIGIN'], 'https://app.example.com'],
  ['default port', { origins: ['https://a.example:443'] }, ['NON_CANONICAL_ORIGIN'], 'https://a.example'],
  ['default http port', { origins: ['http://localhost:80'] }, ['NON_CANONICAL_ORIGIN'], 'http://localhost'],
  ['IDN', { origins: ['https://bücher.example'] }, ['NON_CANONICAL_ORIGIN'], 'https://xn--bcher-kva.example'],
  ['wildcard upper case', { origins: ['https://*.Example.com'] }, ['NON_CANONICAL_ORIGIN'], 'https://*.example.com'],
  ['no scheme', { origins: ['app.example.com'] }, ['INVALID_ORIGIN'], 'https://app.example.com'],
  ['mid-label wildcard', { origins: ['https://*example.com'] }, ['INVALID_ORIGIN']],
  ['inner wildcard', { origins: ['https://a.*.example.com'] }, ['INVALID_ORIGIN']],
  ['wildcard over IP', { origins: ['https://*.127.0.0.1'] }, ['INVALID_ORIGIN']],
  ['public suffix .com', { origins: ['https://*.com'] }, ['PUBLIC_SUFFIX_WILDCARD']],
  ['public suffix github.io', { origins: ['https://*.github.io'] }, ['PUBLIC_SUFFIX_WILDCARD']],
  ['public suffix co.uk', { origins: ['https://*.co.uk'] }, ['PUBLIC_SUFFIX_WILDCARD']],
  ['insecure with credentials', { origins: ['http://app.example.com'], credentials: true }, ['INSECURE_ORIGIN_WITH_CREDENTIALS'], 'https://app.example.com'],
  ['invalid method', { origins: ['https://a.example'], methods: ['GET POST'] }, ['INVALID_METHOD']],
  ['forbidden method', { origins: ['https://a.example'], methods: ['TRACE', 'connect'] }, ['FORBIDDEN_METHOD', 'FORBIDDEN_METHOD']],
  ['lower-case standard method', { origins: ['https://a.example'], methods: ['put'] }, ['NON_CANONICAL_METHOD'], 'PUT'],
  ['invalid header name', { origins: ['https://a.example'], requestHeaders: ['x foo', 'x:y'] }, ['INVALID_HEADER_NAME', 'INVALID_HEADER_NAME']],
  ['forbidden request header', { origins: ['https://a.example'], requestHeaders: ['Cookie', 'sec-foo', 'proxy-x'] }, ['FORBIDDEN_REQUEST_HEADER_NAME', 'FORBIDDEN_REQUEST_HEADER_NAME', 'FORBIDDEN_REQUEST_HEADER_NAME']],
  ['forbidden response header', { origins: ['https://a.example'], exposeHeaders: ['Set-Cookie'] }, ['FORBIDDEN_RESPONSE_HEADER_NAME']],
  ['expose * with credentials', { origins: ['https://a.example'], credentials: true, exposeHeaders: ['*'] }, ['WILDCARD_EXPOSE_WITH_CREDENTIALS']],
  ['maxAge too big', { origins: ['https://a.example'], maxAge: 86401 }, ['INVALID_MAX_AGE'], '7200'],
  ['maxAge negative', { origins: ['https://a.example'], maxAge: -1 }, ['INVALID_MAX_AGE'], '0'],
  ['maxAge fraction', { origins: ['https://a.example'], maxAge: 1.5 }, ['INVALID_MAX_AGE']],
  ['maxAge string', { origins: ['https://a.example'], maxAge: '600' }, ['INVALID_MAX_AGE']],
  ['credentials not boolean', { origins: ['https://a.example'], credentials: 'yes' }, ['INVALID_TYPE']],
  ['origins not array', { origins: 'https://a.example' }, ['INVALID_TYPE']],
];

for (const [name, cfg, expected, suggestion] of REJECTED) {
  test(`rejects: ${name}`, () => {
    const ps = problems(cfg);
    assert.deepEqual(ps.map((p) => p.code), expected);
    for (const p of ps) {
      assert.equal(typeof p.option, 'string');
      assert.equal(typeof p.reason, 'string');
    }
    if (suggestion !== undefined) assert.equal(ps[0]!.suggestion, suggestion);
    assert.throws(() => compilePolicy(cfg as PolicyConfig), (e: unknown) => e instanceof PolicyError && e.message.startsWith('corsight:') && e.problems.length === expected.length);
  });
}

test('every problem is reported together', () => {
  const ps = problems({ origins: ['*', 'null', 'https://A.example/'], credentials: true, methods: ['TRACE'], requestHeaders: ['cookie'], maxAge: 1e6, bogus: 1 });
  assert.deepEqual(new Set(ps.map((p) => p.code)), new Set(['UNKNOWN_OPTION', 'WILDCARD_ORIGIN_NOT_ALONE', 'WILDCARD_ORIGIN_WITH_CREDENTIALS', 'NULL_ORIGIN', 'NON_CANONICAL_ORIGIN', 'FORBIDDEN_METHOD', 'FORBIDDEN_REQUEST_HEADER_NAME', 'INVALID_MAX_AGE']));
  const err = (() => { try { compilePolicy({ origins: ['https://A.example/'], maxAge: 1e6 }); } catch (e) { return e as PolicyError; } return null; })();
  assert.ok(err);
  for (const line of err.message.split('\n')) assert.match(line.trim(), /^corsight:/);
  assert.match(err.message, /Chromium at 7200 s, Firefox at 86400 s, WebKit at 600 s/);
});

test('dangerously* switches allow the risky ones', () => {
  assert.deepEqual(codes({ origins: ['*'], credentials: true, dangerouslyAllowAnyOriginWithCredentials: true }), []);
  assert.deepEqual(codes({ origins: ['null'], dangerouslyAllowNullOrigin: true }), []);
  assert.deepEqual(codes({ origins: ['https://*.github.io'], dangerouslyAllowPublicSuffixWildcards: true }), []);
  assert.deepEqual(codes({ origins: ['http://app.example.com'], credentials: true, dangerouslyAllowInsecureOrigins: true }), []);
});

test('accepts the canonical shapes', () => {
  for (const o of ['https://app.example.com', 'https://*.example.com', 'http://localhost:*', 'http://localhost:3000', 'http://127.0.0.1:8080',
    'http://[::1]:*', 'https://*.example.co.uk', 'https://*.corsight.github.io', 'https://*.example.com:8443', 'http://*.localhost:*', 'chrome-extension://abcdefghijklmnop']) {
    assert.deepEqual(codes({ origins: [o], credentials: true }), [], o);
  }
});

test('toJSON round-trips and is frozen', () => {
  const cfg: PolicyConfig = { origins: ['https://app.example.com', 'https://*.example.com', 'http://localhost:*'], credentials: true,
    methods: ['GET', 'POST', 'PUT'], requestHeaders: ['Content-Type', 'authorization'], exposeHeaders: ['X-Request-Id'], maxAge: 7200 };
  const p = compilePolicy(cfg);
  const json = p.toJSON();
  assert.deepEqual(json, { ...cfg, requestHeaders: ['content-type', 'authorization'], exposeHeaders: ['x-request-id'] });
  assert.deepEqual(compilePolicy(json).toJSON(), json);
  assert.deepEqual(JSON.parse(JSON.stringify(p)), json);
  assert.ok(Object.isFrozen(p) && Object.isFrozen(p.config) && Object.isFrozen(p.config.origins));
  json.origins = ['https://evil.example'];
  assert.equal(p.allowsOrigin('https://evil.example'), false);
});
