// Unit tests of the fix generators: policy validation, origin regexes, per-stack invariants.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { snippetsForFix } from './snippets.js';
import { allowlistRegex, FixgenError, lookalikeOrigins, normalizePolicy, parseOrigin, policyForScenario, renderPolicy, sampleOrigins, STACKS } from './index.js';

const REP = {
  origins: ['https://app.example.com', 'https://*.example.com', 'http://localhost:*'],
  credentials: true, methods: ['PUT', 'GET'], requestHeaders: ['Content-Type', 'authorization'], exposeHeaders: ['X-Request-Id'], maxAge: 7200,
};

test('normalizePolicy: defaults and normalization', () => {
  const p = normalizePolicy(REP);
  assert.deepEqual(p.methods, ['GET', 'HEAD', 'POST', 'PUT']);
  assert.deepEqual(p.extraMethods, ['PUT']);
  assert.deepEqual(p.requestHeaders, ['content-type', 'authorization']);
  assert.deepEqual(p.exact, ['https://app.example.com']);
  assert.deepEqual(p.patterns.map((r) => r.kind), ['subdomain', 'anyport']);
  assert.equal(normalizePolicy({ origins: ['https://a.example'] }).maxAge, undefined);
  // As compilePolicy: methods byte-exact (a page sending `patch` sends it lower-case), OPTIONS kept.
  assert.deepEqual(normalizePolicy({ origins: ['https://a.example'], methods: ['OPTIONS', 'patch'] }).methods, ['GET', 'HEAD', 'POST', 'OPTIONS', 'patch']);
});

// Each refused with the policy compiler's code (the full parity check is test/fixgen/policy-parity.test.ts).
const INVALID: [string, unknown, string[]][] = [
  ['* with credentials', { origins: ['*'], credentials: true }, ['WILDCARD_ORIGIN_WITH_CREDENTIALS']],
  ['null origin', { origins: ['null'] }, ['NULL_ORIGIN']],
  ['trailing slash', { origins: ['https://app.example.com/'] }, ['NON_CANONICAL_ORIGIN']],
  ['upper case', { origins: ['https://App.example.com'] }, ['NON_CANONICAL_ORIGIN']],
  ['public-suffix wildcard', { origins: ['https://*.github.io'] }, ['PUBLIC_SUFFIX_WILDCARD']],
  ['insecure origin with credentials', { origins: ['http://app.example.com'], credentials: true }, ['INSECURE_ORIGIN_WITH_CREDENTIALS']],
  ['wildcard inside a label', { origins: ['https://a*.example.com'] }, ['INVALID_ORIGIN']],
  ['empty origins', { origins: [] }, ['NO_ORIGINS']],
  ['no origins', {}, ['NO_ORIGINS']],
  ['* with others', { origins: ['*', 'https://a.example'] }, ['WILDCARD_ORIGIN_NOT_ALONE']],
  ['lower-case standard method', { origins: ['https://a.example'], methods: ['put'] }, ['NON_CANONICAL_METHOD']],
  ['forbidden method', { origins: ['https://a.example'], methods: ['TRACE'] }, ['FORBIDDEN_METHOD']],
  ['forbidden request header', { origins: ['https://a.example'], requestHeaders: ['cookie'] }, ['FORBIDDEN_REQUEST_HEADER_NAME']],
  ['* expose with credentials', { origins: ['https://a.example'], credentials: true, exposeHeaders: ['*'] }, ['WILDCARD_EXPOSE_WITH_CREDENTIALS']],
  ['max-age range', { origins: ['https://a.example'], maxAge: 86401 }, ['INVALID_MAX_AGE']],
  ['debug type', { origins: ['https://a.example'], debug: 'yes' }, ['INVALID_TYPE']],
  ['unknown option', { origins: ['https://a.example'], allowOrigin: 'x' }, ['UNKNOWN_OPTION']],
  ['not an object', ['https://a.example'], ['INVALID_CONFIG']],
];
for (const [name, input, codes] of INVALID) {
  test(`normalizePolicy rejects with the compiler's problem: ${name}`, () => {
    assert.throws(() => normalizePolicy(input), (e: unknown) => e instanceof FixgenError && assert.deepEqual(e.problems.map((p) => p.code), codes) === undefined && /^corsight: /.test(e.message));
  });
}

test('normalizePolicy reports every problem together, with the compiler\'s message', () => {
  try {
    normalizePolicy({ origins: ['https://A.example', 'null'], maxAge: -1, methods: ['CONNECT'] });
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof FixgenError);
    assert.deepEqual(e.problems.map((p) => p.code), ['NON_CANONICAL_ORIGIN', 'NULL_ORIGIN', 'FORBIDDEN_METHOD', 'INVALID_MAX_AGE']);
    assert.match(e.message, /^corsight: invalid CORS policy \(4 problems\)\n {2}corsight: origins: "https:\/\/A\.example"/);
  }
});

test('options the compiler accepts and fixgen used to refuse: `*` lists, dangerously* switches, debug', () => {
  const p = normalizePolicy({ origins: ['*'], methods: ['*'], requestHeaders: ['*'], exposeHeaders: ['*', 'ETag'], debug: true });
  assert.deepEqual([p.anyMethod, p.anyRequestHeader, p.anyExposeHeader, p.debug], [true, true, true, true]);
  assert.deepEqual(p.methods, ['GET', 'HEAD', 'POST']);
  assert.deepEqual(p.exposeHeaders, ['ETag']);
  assert.deepEqual(p.config, { origins: ['*'], methods: ['*', 'GET', 'HEAD', 'POST'], requestHeaders: ['*'], exposeHeaders: ['*', 'ETag'], debug: true });
  const n = normalizePolicy({ origins: ['null', 'https://*.github.io', 'http://app.example.com'], credentials: true, dangerouslyAllowNullOrigin: true, dangerouslyAllowPublicSuffixWildcards: true, dangerouslyAllowInsecureOrigins: true });
  assert.equal(n.allowNull, true);
  assert.deepEqual(n.rules.map((r) => r.kind), ['subdomain', 'exact']);
  assert.deepEqual(n.config.origins, ['null', 'https://*.github.io', 'http://app.example.com']);
});

test('null origin: rendered as an exact origin only where the stack compares Origin itself, else a warning', () => {
  const policy = { origins: ['https://app.example.com', 'null'], dangerouslyAllowNullOrigin: true };
  const nginx = renderPolicy(policy, 'nginx');
  assert.match(nginx.files[0]!.content, /^ {4}"null" \$http_origin;$/m);
  assert.match(nginx.warnings.join('\n'), /"null" \(dangerouslyAllowNullOrigin\) is rendered/);
  const express = renderPolicy(policy, 'express').files[0]!.content;
  assert.match(express, /'null',/);
  const worker = renderPolicy(policy, 'cloudflare-workers').files[0]!.content;
  assert.match(worker, /new Set\(\['null', 'https:\/\/app\.example\.com'\]\)/);
  for (const id of ['s3', 'gcs', 'aws-apigw', 'django', 'spring', 'rails', 'laravel', 'traefik']) {
    const fix = renderPolicy(policy, id);
    assert.ok(!fix.files.some((f) => /["']null["']/.test(f.content)), `${id} renders null`);
    assert.match(fix.warnings.join('\n'), /"null" \(dangerouslyAllowNullOrigin\) is not rendered/, id);
  }
  // corsight's middleware gets the policy as written (it compiles the same config).
  assert.match(renderPolicy(policy, 'corsight-express').files[0]!.content, /origins: \['null', 'https:\/\/app\.example\.com'\],\n.*\n {2}dangerouslyAllowNullOrigin: true,/);
});

test('`*` lists, any origin with credentials and debug: narrowed with a warning outside corsight', () => {
  const policy = { origins: ['*'], credentials: true, dangerouslyAllowAnyOriginWithCredentials: true, methods: ['*', 'PUT'], requestHeaders: ['*'], debug: true };
  const nginx = renderPolicy(policy, 'nginx');
  const c = nginx.files.map((f) => f.content).join('\n');
  assert.doesNotMatch(c, /add_header Access-Control-Allow-Credentials/);
  assert.match(c, /allowed "GET, HEAD, POST, PUT";/);
  const w = nginx.warnings.join('\n');
  for (const re of [/credentials are not rendered/, /methods: "\*" is not rendered/, /requestHeaders: "\*" is not rendered/, /debug: true is not rendered/]) assert.match(w, re);
  const mw = renderPolicy(policy, 'corsight-node');
  assert.match(mw.files[0]!.content, /methods: \['\*', 'GET', 'HEAD', 'POST', 'PUT'\],\n {2}requestHeaders: \['\*'\],\n {2}debug: true,\n {2}dangerouslyAllowAnyOriginWithCredentials: true,/);
  assert.deepEqual(mw.warnings.length, 1);
  assert.match(mw.warnings[0]!, /development only/);
  assert.deepEqual(nginx.policy, mw.policy);
});

test('origin regex: allows every sample, refuses every look-alike', () => {
  for (const origins of [REP.origins, ['http://[::1]:8080'], ['https://*.a-b.example.co.uk', 'http://127.0.0.1:*']]) {
    const p = normalizePolicy({ origins });
    const re = new RegExp(allowlistRegex(p.rules));
    for (const r of p.rules) for (const o of sampleOrigins(r)) assert.ok(re.test(o), `${o} should match ${re}`);
    const refused = lookalikeOrigins(p);
    assert.ok(refused.length >= 3);
    for (const o of refused) assert.ok(!re.test(o), `${o} should not match ${re}`);
  }
  const sub = new RegExp(allowlistRegex(normalizePolicy({ origins: ['https://*.example.com'] }).rules));
  for (const bad of ['https://example.com', 'https://.example.com', 'https://a.example.com.evil.net', 'https://aexample.com', 'http://a.example.com', 'https://a.example.com:8443']) {
    assert.ok(!sub.test(bad), bad);
  }
});

test('renderPolicy: every stack renders every policy shape, with placement, assumptions and pitfalls', () => {
  const policies = [REP, { origins: ['*'] }, { origins: ['https://a.example'] }, { origins: ['https://*.example.com'], credentials: true, methods: [] }];
  assert.ok(STACKS.length >= 25, `${STACKS.length} stacks`);
  for (const s of STACKS) {
    for (const p of policies) {
      const fix = renderPolicy(p, s.id);
      assert.equal(fix.stack, s.id);
      assert.ok(fix.files.length > 0 && fix.files.every((f) => f.path && f.language && f.content.trim()), s.id);
      assert.ok(fix.placement.length > 10 && fix.assumptions.length > 0 && fix.pitfalls.length > 0, s.id);
      assert.ok(!fix.files.some((f) => /undefined|\[object Object\]|NaN/.test(f.content)), `${s.id}: ${fix.files[0]!.content}`);
    }
  }
});

test('renderPolicy: unknown stack and invalid policy are one-line FixgenErrors; aliases resolve', () => {
  assert.throws(() => renderPolicy(REP, 'cobol'), /unknown stack 'cobol' \(one of: .*nginx/);
  assert.throws(() => renderPolicy({ origins: ['*'], credentials: true }, 'nginx'), (e: unknown) => e instanceof FixgenError && e.problems[0]!.code === 'WILDCARD_ORIGIN_WITH_CREDENTIALS');
  assert.equal(renderPolicy(REP, 'starlette').stack, 'fastapi');
  assert.equal(renderPolicy(REP, 'HTTPD').stack, 'apache');
});

test('nginx: every add_header has `always`, none inside `if`; disallowed origins map to ""', () => {
  const fix = renderPolicy(REP, 'nginx');
  const all = fix.files.map((f) => f.content).join('\n');
  const adds = all.split('\n').filter((l) => /^\s*add_header /.test(l));
  assert.ok(adds.length >= 6);
  for (const l of adds) assert.match(l, / always;$/);
  assert.doesNotMatch(all, /if \([^)]*\) \{[^}]*add_header/);
  assert.match(all, /map \$http_origin \$cors_allow_origin \{\n {4}default "";/);
});

test('apache: every header set is `Header always`; the allowlist is one anchored SetEnvIf', () => {
  const c = renderPolicy(REP, 'apache').files[0]!.content;
  for (const l of c.split('\n').filter((x) => /^Header (set|merge|append)/.test(x))) assert.fail(`not always: ${l}`);
  assert.match(c, /^SetEnvIf Origin "\^\(.*\)\$" CORS_ALLOW_ORIGIN=\$1$/m);
  assert.match(c, /Header always merge Vary "Origin"/);
});

test('package defaults that reflect or over-allow are always overridden', () => {
  const none = { origins: ['https://a.example'] };
  assert.match(renderPolicy(none, 'express').files[0]!.content, /allowedHeaders: \[\]/);
  assert.match(renderPolicy(none, 'fastify').files[0]!.content, /allowedHeaders: \[\]/);
  assert.match(renderPolicy(none, 'koa').files[0]!.content, /ctx\.remove\('Access-Control-Allow-Headers'\)/);
  assert.match(renderPolicy(none, 'hono').files[0]!.content, /headers\.delete\('Access-Control-Allow-Headers'\)/);
  assert.match(renderPolicy(none, 'flask').files[0]!.content, /allow_headers=\[\]/);
  assert.match(renderPolicy(none, 'django').files[0]!.content, /CORS_ALLOW_HEADERS = \[\]/);
  assert.match(renderPolicy(none, 'fastapi').files[0]!.content, /max_age=5,/);
  assert.match(renderPolicy(none, 'rails').files[0]!.content, /max_age: 5/);
  assert.doesNotMatch(renderPolicy(none, 'spring').files[0]!.content, /setMaxAge/);
  assert.deepEqual(renderPolicy(none, 'go').warnings.length, 1);
});

test('JS generators emit regex literals that compile and match exactly the policy', () => {
  for (const id of ['express', 'koa', 'hono', 'nextjs', 'cloudflare-workers', 'netlify', 'fastify', 'nestjs']) {
    const c = renderPolicy(REP, id).files[0]!.content;
    const lits = [...c.matchAll(/\/(\^.*?\$)\//g)].map((m) => new RegExp(m[1]!.replace(/\\\//g, '/')));
    assert.ok(lits.length > 0, id);
    assert.ok(lits.some((re) => re.test('https://a.b.example.com')), id);
    assert.ok(lits.every((re) => !re.test('https://example.com.evil.net')), id);
  }
});

test('platforms that cannot express a pattern say so', () => {
  assert.equal(renderPolicy(REP, 'aws-apigw').warnings.length, 2);
  assert.equal(renderPolicy(REP, 'gcs').warnings.length, 3);
  assert.match(renderPolicy({ origins: ['https://a.example'], methods: ['PATCH'] }, 's3').warnings.join(' '), /dropped PATCH/);
  assert.deepEqual(renderPolicy(REP, 's3').warnings, []);
  assert.equal(renderPolicy({ origins: ['https://a.example'] }, 'netlify').files[0]!.path, '_headers');
  assert.equal(renderPolicy(REP, 'netlify').files[0]!.path, 'netlify/edge-functions/cors.ts');
});

test('policyForScenario: page origin, unsafe method, CORS-unsafe header names, credentials', () => {
  assert.deepEqual(
    policyForScenario({ page: 'https://app.example.com/page', request: { url: 'https://api.example.com/x', method: 'put', headers: [['Authorization', 'Bearer t'], ['Content-Type', 'application/json'], ['Accept', 'x']], credentials: 'include' } }),
    { origins: ['https://app.example.com'], credentials: true, methods: ['PUT'], requestHeaders: ['authorization', 'content-type'] },
  );
  assert.deepEqual(policyForScenario({ page: 'http://localhost:3000/', request: { url: 'http://api.test/x', headers: [['Content-Type', 'text/plain']] } }), { origins: ['http://localhost:3000'] });
  assert.throws(() => policyForScenario({ page: 'file:///tmp/a.html', request: { url: 'http://api.test/x' } }), /no http\(s\) origin/);
});

test('origin shapes the policy compiler accepts: subdomain with a port, subdomain on any port, extension origins', () => {
  const p = normalizePolicy({ origins: ['https://*.example.com:8443', 'http://*.localhost:*', 'chrome-extension://abcdefgh'] });
  assert.deepEqual(p.rules.map((r) => r.kind), ['subdomain', 'subdomain', 'exact']);
  const re = new RegExp(allowlistRegex(p.rules));
  for (const ok of ['https://a.example.com:8443', 'http://app.localhost', 'http://app.localhost:3000', 'chrome-extension://abcdefgh']) assert.ok(re.test(ok), ok);
  for (const bad of ['https://a.example.com', 'https://a.example.com:9443', 'http://localhost:3000', 'chrome-extension://other']) assert.ok(!re.test(bad), bad);
  assert.match(renderPolicy(p.config, 'spring').files[0]!.content, /"https:\/\/\*\.example\.com:8443", "http:\/\/\*\.localhost:\[\*\]"/);
  assert.match(renderPolicy(p.config, 's3').warnings.join(' '), /one `\*` per origin/);
  assert.throws(() => normalizePolicy({ origins: ['https://*.127.0.0.1'] }), /INVALID_ORIGIN/);
  assert.deepEqual(parseOrigin('https://*.example.com:8443'), p.rules[0]);
  assert.match(String(parseOrigin('https://App.example.com')), /use "https:\/\/app\.example\.com" \[NON_CANONICAL_ORIGIN\]/);
});

test('derived policies for credentialed http: pages carry dangerouslyAllowInsecureOrigins, and the fix warns', () => {
  const policy = policyForScenario({ page: 'http://intranet.example/app', request: { url: 'https://api.example.com/x', credentials: 'include' } });
  assert.deepEqual(policy, { origins: ['http://intranet.example'], credentials: true, dangerouslyAllowInsecureOrigins: true });
  assert.deepEqual(policyForScenario({ page: 'http://localhost:3000/', request: { url: 'https://api.example.com/x', credentials: 'include' } }), { origins: ['http://localhost:3000'], credentials: true });
  const fix = renderPolicy(policy, 'nginx');
  assert.match(fix.warnings.join('\n'), /credentials are allowed to the insecure origin http:\/\/intranet\.example \(dangerouslyAllowInsecureOrigins\)/);
  assert.match(renderPolicy(policy, 'corsight-koa').files[0]!.content, /dangerouslyAllowInsecureOrigins: true,/);
  assert.deepEqual(renderPolicy({ origins: ['http://localhost:*'], credentials: true, dangerouslyAllowInsecureOrigins: true }, 'nginx').warnings, []);
});

test('snippetsForFix: no snippets (not an exception) for a request the policy compiler refuses to allow', () => {
  const s = { page: 'https://app.example.com/', request: { url: 'https://api.example.com/x', method: 'TRACE' } };
  assert.deepEqual(snippetsForFix(s, { changes: [{ kind: 'response' }] } as unknown as Parameters<typeof snippetsForFix>[1]), []);
});
