// `--fix-for STACK` on check and har: the configuration that fixes what the real answers show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { cli, startServer } from './support/check-helpers.js';

const HAR = fileURLToPath(new URL('./har/chromium-failures.har', import.meta.url));

test('har --fix-for: one configuration per distinct CORS failure, from the replayed request', async () => {
  const r = await cli(['har', HAR, '--fix-for', 'express']);
  assert.equal(r.code, 1, r.err);
  const blocks = r.out.split('── express fix for entry ').length - 1;
  assert.ok(blocks >= 3, `${blocks} fixes`);
  assert.match(r.out, /cors\(/);
  const j = await cli(['har', HAR, '--fix-for', 'nginx', '--json']);
  const doc = JSON.parse(j.out) as { fixes: { scenario: string; fix: { stack: string } | null }[] };
  assert.ok(doc.fixes.length >= 3);
  assert.ok(doc.fixes.every((f) => f.fix === null || f.fix.stack === 'nginx'));
});

test('check --fix-for: the stack config that allows the probed request; none when nothing is blocked', async () => {
  const server = await startServer((req, res) => {
    if (req.method === 'OPTIONS') res.writeHead(204, { 'Access-Control-Allow-Origin': 'http://localhost:3000', 'Access-Control-Allow-Methods': 'GET' }).end();
    else res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('ok');
  });
  try {
    const blocked = await cli(['check', `${server.url}/api`, '--origin', 'http://localhost:3000', '-X', 'DELETE', '--fix-for', 'fastapi']);
    assert.equal(blocked.code, 1, blocked.err);
    const fix = blocked.out.split('── fastapi fix ──')[1] ?? '';
    assert.match(fix, /CORSMiddleware/, 'the FastAPI configuration follows the check');
    assert.match(fix, /http:\/\/localhost:3000/);
    assert.match(fix, /allow_methods=\[[^\]]*"DELETE"/);
    const ok = await cli(['check', `${server.url}/api`, '--origin', 'http://localhost:3000', '--fix-for', 'fastapi']);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /nothing is blocked: no fastapi fix needed/);
  } finally {
    await server.close();
  }
});
