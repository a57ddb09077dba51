import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { serveStatic } from './static-server.js';

function get(url: string, method = 'GET', rawPath?: string): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((ok, fail) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: rawPath ?? u.pathname, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => ok({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('serves the built page on 127.0.0.1 with content types; never outside its root; GET/HEAD only', async () => {
  const root = mkdtempSync(join(tmpdir(), 'corsight-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(root, '..', 'corsight-secret.txt'), 'secret');
  const s = await serveStatic({ root });
  try {
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await get(s.url);
    assert.equal(index.status, 200);
    assert.equal(index.type, 'text/html; charset=utf-8');
    assert.match(index.body, /<title>t<\/title>/);
    assert.equal((await get(`${s.url}assets/a.js`)).type, 'text/javascript; charset=utf-8');
    assert.equal((await get(`${s.url}missing.js`)).status, 404);
    assert.equal((await get(s.url, 'GET', '/../corsight-secret.txt')).status, 404);
    assert.equal((await get(s.url, 'GET', '/%2e%2e/corsight-secret.txt')).status, 404);
    assert.equal((await get(s.url, 'POST')).status, 405);
    assert.equal((await get(s.url, 'HEAD')).body, '');
  } finally {
    await s.close();
  }
});

test('refuses to bind anything but loopback', async () => {
  await assert.rejects(serveStatic({ root: tmpdir(), host: '0.0.0.0' }), /loopback only/);
  await assert.rejects(serveStatic({ root: tmpdir(), host: '192.168.1.10' }), /loopback only/);
});
