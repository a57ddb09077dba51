// `corsight fix` and `--fix-for` as users meet them: output, --json shape, one-line errors, exit codes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, tempDir } from '../support/check-helpers.js';
import { STACKS } from '../../src/fixgen/index.js';

const { file } = tempDir('corsight-fix-');

test('fix --list: every stack, one a line; --json: ids, groups, titles', async () => {
  const r = await cli(['fix', '--list']);
  assert.equal(r.code, 0);
  assert.equal(r.out.trim().split('\n').length, STACKS.length);
  assert.match(r.out, /^nginx\s+server\s+nginx$/m);
  const j = JSON.parse((await cli(['fix', '--list', '--json'])).out) as { id: string }[];
  assert.deepEqual(j.map((s) => s.id), STACKS.map((s) => s.id));
});

test('fix --stack with flags prints the files, where they go, assumptions and pitfalls', async () => {
  const r = await cli(['fix', '--stack', 'nginx', '--origin', 'https://app.example.com', '--origin', 'https://*.example.com', '--credentials', '--methods', 'PUT,DELETE', '--headers', 'authorization', '--expose', 'x-request-id', '--max-age', '600']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  assert.match(r.out, /^nginx {2}\(--stack nginx\)$/m);
  assert.match(r.out, /^where: /m);
  assert.match(r.out, /"~\^https:\/\/\[a-z0-9-\]\+\(\?:\\\.\[a-z0-9-\]\+\)\*\\\.example\\\.com\$" \$http_origin;/);
  assert.match(r.out, /allowed "GET, HEAD, POST, PUT, DELETE";/);
  assert.match(r.out, /allowed "600";/);
  assert.match(r.out, /^avoids:$/m);
  assert.doesNotMatch(r.out, /\u001b\[/);
});

test('fix --policy FILE --json: the RenderedFix data', async () => {
  const p = file('policy.json', JSON.stringify({ origins: ['https://app.example.com'], requestHeaders: ['content-type'] }));
  const r = await cli(['fix', '--stack', 'fastapi', '--policy', p, '--json']);
  assert.equal(r.code, 0, r.err);
  const fix = JSON.parse(r.out) as { stack: string; title: string; files: { path: string; language: string; content: string }[]; assumptions: string[]; placement: string; pitfalls: string[]; warnings: string[]; policy: unknown };
  assert.equal(fix.stack, 'fastapi');
  assert.equal(fix.files[0]!.language, 'python');
  assert.match(fix.files[0]!.content, /allow_origins=\["https:\/\/app\.example\.com"\]/);
  assert.deepEqual(fix.policy, { origins: ['https://app.example.com'], methods: ['GET', 'HEAD', 'POST'], requestHeaders: ['content-type'] });
  // Flags are layered over the file.
  const r2 = await cli(['fix', '--stack', 'express', '--policy', p, '--origin', 'http://localhost:*', '--json']);
  assert.deepEqual((JSON.parse(r2.out) as { policy: { origins: string[] } }).policy.origins, ['https://app.example.com', 'http://localhost:*']);
});

test('fix --markdown: fenced files', async () => {
  const r = await cli(['fix', '--stack', 'caddy', '--origin', 'https://a.example', '--markdown']);
  assert.match(r.out, /^### Caddy\n/);
  assert.match(r.out, /```caddyfile\n/);
});

const BAD: [string[], RegExp][] = [
  [['fix', '--origin', 'https://a.example'], /--stack needs a stack/],
  [['fix', '--stack', 'cobol', '--origin', 'https://a.example'], /unknown stack 'cobol'/],
  [['fix', '--stack', 'nginx'], /needs a policy: --policy FILE\.json or at least one --origin/],
  [['fix', '--stack', 'nginx', '--origin', '*', '--credentials'], /^corsight: origins: "\*" with credentials: true would let every site read .* \[WILDCARD_ORIGIN_WITH_CREDENTIALS\]$/m],
  [['fix', '--stack', 'nginx', '--origin', 'https://a.example/'], /it has a trailing slash.*; use "https:\/\/a\.example" \[NON_CANONICAL_ORIGIN\]$/m],
  [['fix', '--stack', 'nginx', '--origin', 'https://a.example', '--max-age', 'soon'], /--max-age needs a number/],
  [['fix', '--stack', 'nginx', '--policy', '/nonexistent/p.json'], /cannot read policy file '\/nonexistent\/p\.json': ENOENT/],
  [['fix', '--stack', 'nginx', '--policy', file('broken.json', '{"origins": [')], /is not a JSON policy object/],
  [['fix', '--stack', 'nginx', '--policy', file('array.json', '["https://a.example"]')], /is not a JSON policy object/],
  [['fix', 'nginx'], /takes no positional arguments/],
];
for (const [argv, re] of BAD) {
  test(`fix bad input → one line, exit 2: ${argv.slice(1).join(' ')}`, async () => {
    const r = await cli(argv);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, re);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /^corsight: /);
  });
}

const BLOCKED = JSON.stringify({
  name: 'put-with-auth', page: 'https://app.example.com/', request: { url: 'https://api.example.com/x', method: 'PUT', headers: [['Authorization', 'Bearer t']], credentials: 'include' },
  server: [{ url: 'https://api.example.com/x' }],
});
const ALLOWED = JSON.stringify({ name: 'ok', page: 'http://a.test/', request: { url: 'http://b.test/x' }, server: [{ url: 'http://b.test/x', headers: [['Access-Control-Allow-Origin', '*']] }] });

test('simulate --fix-for: the minimal policy of the blocked scenario, rendered for the stack', async () => {
  const r = await cli(['simulate', '--fix-for', 'express', file('blocked.json', BLOCKED)]);
  assert.equal(r.code, 1);
  assert.match(r.out, /── fix for put-with-auth ──/);
  assert.match(r.out, /origin: \[\n {4}'https:\/\/app\.example\.com',\n {2}\],/);
  assert.match(r.out, /credentials: true,/);
  assert.match(r.out, /methods: \['GET', 'HEAD', 'POST', 'PUT'\],/);
  assert.match(r.out, /allowedHeaders: \['authorization'\]/);
  const j = JSON.parse((await cli(['simulate', '--json', '--fix-for', 'nginx', file('b2.json', BLOCKED)])).out) as { results: unknown[]; fixes: { scenario: string; fix: { stack: string; policy: unknown } }[] };
  assert.equal(j.results.length, 1);
  assert.equal(j.fixes[0]!.fix.stack, 'nginx');
  assert.deepEqual(j.fixes[0]!.fix.policy, { origins: ['https://app.example.com'], credentials: true, methods: ['GET', 'HEAD', 'POST', 'PUT'], requestHeaders: ['authorization'] });
  const ok = await cli(['simulate', '--fix-for', 'nginx', file('ok.json', ALLOWED)]);
  assert.equal(ok.code, 0);
  assert.match(ok.out, /nothing is blocked: no nginx fix needed/);
  const opaque = JSON.stringify({ name: 'from-file', page: 'file:///tmp/page.html', request: { url: 'https://api.example.com/x' }, server: [{ url: 'https://api.example.com/x' }] });
  const o = await cli(['simulate', '--fix-for', 'nginx', file('opaque.json', opaque)]);
  assert.equal(o.code, 1);
  assert.match(o.out, /no nginx configuration fixes this: the page 'file:\/\/\/tmp\/page\.html' has no http\(s\) origin/);
  const bad = await cli(['simulate', '--fix-for', 'cobol', file('ok2.json', ALLOWED)]);
  assert.equal(bad.code, 2);
});

test('explain --fix-for: origin, method and header from the console message', async () => {
  const msg = "Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.";
  const r = await cli(['explain', '--fix-for', 'django', msg]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /CORS_ALLOWED_ORIGINS = \["https:\/\/app\.example\.com"\]/);
  assert.match(r.out, /CORS_ALLOW_HEADERS = \["x-api-key"\]/);
  const j = JSON.parse((await cli(['explain', '--json', '--fix-for', 'go', msg])).out) as { messages: unknown[]; fix: { stack: string } };
  assert.equal(j.fix.stack, 'go');
  // Firefox names no origin: the user must say it.
  const ff = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/x. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.';
  const noOrigin = await cli(['explain', '--fix-for', 'nginx', ff]);
  assert.equal(noOrigin.code, 2);
  assert.match(noOrigin.err, /add --origin/);
  assert.equal((await cli(['explain', '--fix-for', 'nginx', '--origin', 'https://app.example.com', ff])).code, 0);
  assert.equal((await cli(['explain', '--fix-for', 'nginx', 'MISSING_ALLOW_ORIGIN_HEADER'])).code, 2);
});
