// `corsight check` against Debian's nginx (`nginx-light`, installed by .ci/run) in front of a
// node:http backend: the usual CORS snippet with `always`, the same snippet without `always` (error
// responses lose the headers), and nginx adding Access-Control-Allow-Origin on top of the app's.
// nginx runs as a non-daemon child with its own prefix and config in a temp dir on a free loopback
// port. Without nginx the tests are skipped with a message — except under CI, where they fail.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkJson, codes, findingCodes, freePort, startServer, type TestServer } from '../support/check-helpers.js';

const NGINX = '/usr/sbin/nginx';
const ORIGIN = 'http://localhost:3000';
const have = existsSync(NGINX);

if (!have && process.env['CI']) {
  test('nginx is installed (CI)', () => assert.fail(`${NGINX} is missing: .ci/run must apt-get install nginx-light`));
}
if (!have && !process.env['CI']) {
  process.stderr.write(`\n  SKIPPED: nginx integration tests — ${NGINX} not found (apt-get install -y nginx-light)\n\n`);
}

/** The snippet most CORS tutorials give for nginx, as a location block. */
function snippet(prefix: string, always: boolean): string {
  const a = always ? ' always' : '';
  return `
    location ${prefix} {
      if ($request_method = 'OPTIONS') {
        add_header 'Access-Control-Allow-Origin' '${ORIGIN}';
        add_header 'Access-Control-Allow-Methods' 'GET, POST, PUT, DELETE, OPTIONS';
        add_header 'Access-Control-Allow-Headers' 'Authorization, Content-Type';
        add_header 'Access-Control-Max-Age' 86400;
        add_header 'Content-Length' 0;
        return 204;
      }
      add_header 'Access-Control-Allow-Origin' '${ORIGIN}'${a};
      add_header 'Vary' 'Origin'${a};
      proxy_pass http://backend/api/;
    }`;
}

function waitForPort(port: number, child: ChildProcess, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null) return reject(new Error(`nginx exited with ${child.exitCode}`));
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(); });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > until) reject(new Error('nginx did not start listening'));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

describe('nginx (Debian nginx-light) in front of a node backend', { skip: have ? false : `${NGINX} not found` }, () => {
  let backend: TestServer;
  let nginx: ChildProcess;
  let dir: string;
  let url: string;
  let stderr = '';
  before(async () => {
    backend = await startServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/api/items') { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('[]'); return; }
      if (path === '/api/fail') { res.writeHead(500, { 'Content-Type': 'application/json' }); res.end('{"error":"db"}'); return; }
      if (path === '/api/app-cors') {
        // The application adds its own CORS header too.
        res.writeHead(200, { 'Access-Control-Allow-Origin': req.headers.origin ?? '*', 'Content-Type': 'application/json' });
        res.end('{}');
        return;
      }
      res.writeHead(404); res.end();
    });
    const port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'corsight-nginx-'));
    mkdirSync(join(dir, 'tmp'));
    writeFileSync(join(dir, 'nginx.conf'), `
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  upstream backend { server 127.0.0.1:${backend.port}; }
  server {
    listen 127.0.0.1:${port};
    ${snippet('/always/', true)}
    ${snippet('/no-always/', false)}
    location /double/ {
      add_header 'Access-Control-Allow-Origin' '${ORIGIN}' always;
      proxy_pass http://backend/api/;
    }
  }
}
`);
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off; master_process off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    nginx.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    await waitForPort(port, nginx).catch((e: Error) => { throw new Error(`${e.message}: ${stderr}`); });
    url = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx.once('exit', r));
      nginx.kill('SIGTERM');
      await exited;
    }
    await backend?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the snippet with always: preflighted PUT allowed; a 500 stays readable', async () => {
    const ok = await checkJson([`${url}/always/items`, '--origin', ORIGIN, '-X', 'PUT', '-H', 'Content-Type: application/json', '-H', 'Authorization: Bearer t', '--data', '{}']);
    assert.equal(ok.code, 0);
    assert.equal(ok.doc.exchanges[0]!.response!.status, 204);
    const fail = await checkJson([`${url}/always/fail`, '--origin', ORIGIN]);
    assert.equal(fail.code, 0, 'with always, the page reads the 500');
    assert.equal(fail.doc.browsers['chromium']!.runs[0]!.status, 500);
  });

  test('without always: 2xx fine, the 500 loses Access-Control-Allow-Origin', async () => {
    const ok = await checkJson([`${url}/no-always/items`, '--origin', ORIGIN]);
    assert.equal(ok.code, 0);
    const fail = await checkJson([`${url}/no-always/fail`, '--origin', ORIGIN]);
    assert.equal(fail.code, 1);
    assert.deepEqual(codes(fail.doc), { chromium: 'MISSING_ALLOW_ORIGIN_HEADER', firefox: 'MISSING_ALLOW_ORIGIN_HEADER', webkit: 'MISSING_ALLOW_ORIGIN_HEADER' });
    assert.deepEqual(findingCodes(fail.doc), ['ERROR_STATUS_WITHOUT_CORS']);
    assert.equal(fail.doc.findings[0]!.title, 'your server answered 500, the browser reports it as a CORS error');
    const missing = await checkJson([`${url}/no-always/nope`, '--origin', ORIGIN]);
    assert.equal(missing.doc.findings[0]!.title, 'your server answered 404, the browser reports it as a CORS error');
  });

  test('nginx and the app both add Access-Control-Allow-Origin', async () => {
    const r = await checkJson([`${url}/double/app-cors`, '--origin', ORIGIN]);
    assert.equal(r.code, 1);
    assert.equal(codes(r.doc)['chromium'], 'MULTIPLE_ALLOW_ORIGIN_VALUES');
    assert.deepEqual(findingCodes(r.doc), ['MULTIPLE_ALLOW_ORIGIN']);
    const acao = r.doc.exchanges[0]!.response!.headers.filter(([n]) => n.toLowerCase() === 'access-control-allow-origin');
    assert.equal(acao.length, 2);
  });
});

