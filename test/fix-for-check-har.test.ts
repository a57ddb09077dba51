// `--fix-for STACK` on check and har: the configuration that fixes what the real answers show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/corsight.js', import.meta.url));
const HAR = fileURLToPath(new URL('./har/chromium-failures.har', import.meta.url));

function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (c) => { out += c; });
    p.stderr.on('data', (c) => { err += c; });
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

test('har --fix-for: one configuration per distinct CORS failure, from the replayed request', async () => {
  const r = await run(['har', HAR, '--fix-for', 'express']);
  assert.equal(r.code, 1, r.err);
  const blocks = r.out.split('── express fix for entry ').length - 1;
  assert.ok(blocks >= 3, `${blocks} fixes`);
  assert.match(r.out, /cors\(/);
  const j = await run(['har', HAR, '--fix-for', 'nginx', '--json']);
  const doc = JSON.parse(j.out) as { fixes: { scenario: string; fix: { stack: string } | null }[] };
  assert.ok(doc.fixes.length >= 3);
  assert.ok(doc.fixes.every((f) => f.fix === null || f.fix.stack === 'nginx'));
});

test('check --fix-for: the stack config that allows the probed request; none when nothing is blocked', async () => {
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') res.writeHead(204, { 'Access-Control-Allow-Origin': 'http://localhost:3000', 'Access-Control-Allow-Methods': 'GET' }).end();
    else res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api`;
  try {
    const blocked = await run(['check', url, '--origin', 'http://localhost:3000', '-X', 'DELETE', '--fix-for', 'fastapi']);
    assert.equal(blocked.code, 1, blocked.err);
    assert.match(blocked.out, /── fastapi fix ──/);
    assert.match(blocked.out, /allow_origins=\[?"?http:\/\/localhost:3000|http:\/\/localhost:3000/);
    assert.match(blocked.out, /DELETE/);
    const ok = await run(['check', url, '--origin', 'http://localhost:3000', '--fix-for', 'fastapi']);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /nothing is blocked: no fastapi fix needed/);
  } finally {
    server.close();
  }
});
