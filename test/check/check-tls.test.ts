// `corsight check` over TLS on loopback: a self-signed certificate (a test-only fixture, never
// trusted) is a network error without --insecure; with it the probe works, and an http→https
// redirect is named.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { checkJson, cli, startServer, type TestServer } from '../support/check-helpers.js';

const ORIGIN = 'http://localhost:3000';
const FIX = join(import.meta.dirname, 'fixtures');
let tls: https.Server;
let tlsUrl: string;
let plain: TestServer;

before(async () => {
  tls = https.createServer({ key: readFileSync(join(FIX, 'loopback-self-signed.key')), cert: readFileSync(join(FIX, 'loopback-self-signed.crt')) }, (req, res) => {
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*' });
    res.end('{}');
    req.resume();
  });
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', () => r()));
  tlsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  plain = await startServer((_req, res) => {
    res.writeHead(301, { Location: `${tlsUrl}/items`, 'Access-Control-Allow-Origin': '*' });
    res.end();
  });
});
after(async () => {
  tls.closeAllConnections();
  await new Promise((r) => tls.close(r));
  await plain.close();
});

test('self-signed certificate: a TLS network error (exit 2) naming --insecure', async () => {
  const r = await cli(['check', `${tlsUrl}/items`, '--origin', ORIGIN]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^corsight: network error, not a CORS error: TLS error with 127\.0\.0\.1:\d+: .*--insecure skips certificate checks\n$/);
});

test('--insecure: the probe goes through', async () => {
  const r = await checkJson([`${tlsUrl}/items`, '--origin', ORIGIN, '-k']);
  assert.equal(r.code, 0);
});

test('http→https redirect: followed as the browser does, named', async () => {
  const r = await checkJson([`${plain.url}/items`, '--origin', ORIGIN, '--insecure']);
  // The https hop twice: WebKit's copy carries no Sec-Fetch-* after the redirect.
  assert.deepEqual(r.doc.exchanges.map((x) => x.request.url), [`${plain.url}/items`, `${tlsUrl}/items`, `${tlsUrl}/items`]);
  const origins = r.doc.exchanges.map((x) => x.request.headers.find(([n]) => n === 'Origin')?.[1]);
  assert.deepEqual(origins, [ORIGIN, 'null', 'null']);
  assert.ok(r.doc.findings.some((f) => f.code === 'REDIRECT_HTTP_TO_HTTPS'));
  assert.equal(r.code, 0, 'ACAO * on both hops: allowed');
});
