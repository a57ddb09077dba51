// The live check behind `npm start`'s playground: only the page served with the token may ask.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { serveStatic } from '../src/io/static-server.js';
import { announceLiveCheck, liveCheckHandler } from '../src/cli/live-check.js';
import type { Scenario } from '../src/engine/index.js';

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text === '' ? null : JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('token, origin, host and body are checked before anything is probed', async () => {
  const root = mkdtempSync(join(tmpdir(), 'corsight-lc-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  const asked: Scenario[] = [];
  let own = '';
  const s = await serveStatic({
    root, index: (html) => announceLiveCheck(html, 'T0K'),
    api: (req, res) => liveCheckHandler(own, 'T0K', async (sc) => { asked.push(sc); return { name: 'ok', browsers: {} }; })(req, res),
  });
  own = new URL(s.url).origin;
  try {
    const index = await fetch(s.url).then((r) => r.text());
    assert.match(index, /<head><meta name="corsight-live-check" content="\/api\/check" data-token="T0K">/);
    const api = `${own}/api/check`;
    const good = JSON.stringify({ page: 'http://localhost:3000/', request: { url: 'http://127.0.0.1:9/x' } });
    const json = { 'Content-Type': 'application/json' };
    assert.equal((await post(api, { ...json, Origin: own }, good)).status, 403, 'no token');
    assert.equal((await post(api, { ...json, Origin: own, 'X-Corsight-Token': 'nope' }, good)).status, 403, 'wrong token');
    assert.equal((await post(api, { ...json, Origin: 'http://evil.example', 'X-Corsight-Token': 'T0K' }, good)).status, 403, 'another origin');
    assert.equal((await post(api, { ...json, Origin: own, 'X-Corsight-Token': 'T0K', Host: 'rebind.example' }, good)).status, 403, 'another Host');
    assert.equal(asked.length, 0, 'nothing probed for refused requests');
    const bad = await post(api, { ...json, Origin: own, 'X-Corsight-Token': 'T0K' }, JSON.stringify({ page: 'http://localhost:3000/', request: { method: 'GET' } }));
    assert.equal(bad.status, 400);
    assert.match(String((bad.json as { error: string }).error), /\$\.request/);
    assert.equal((await post(api, { ...json, Origin: own, 'X-Corsight-Token': 'T0K' }, 'x'.repeat(70000))).status, 413);
    const ok = await post(api, { ...json, Origin: own, 'X-Corsight-Token': 'T0K' }, good);
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.json, { name: 'ok', browsers: {} });
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.request.url, 'http://127.0.0.1:9/x');
  } finally {
    await s.close();
  }
});
