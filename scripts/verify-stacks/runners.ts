/**
 * How to run each stack's generated configuration on a real server on loopback: the files to
 * write (the generated snippet plus a minimal app honouring the probe's contract), the command,
 * and how to know it is up. Each runner returns null when its server is not installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { RenderedFix } from '../../src/fixgen/index.js';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
/** Work files live under node_modules so generated JS resolves the project's packages. */
export const WORK = path.join(ROOT, 'node_modules', '.cache', 'corsight-verify');
const PY = '/usr/bin/python3';

export interface Started {
  url: string;
  stop(): Promise<void>;
  log(): string;
}

export interface Runner {
  stack: string;
  /** What must be installed (Debian package or npm); null when available. */
  missing(): string | null;
  /** Error paths this server can produce (default /missing and /error). */
  errorPaths?: string[];
  start(fix: RenderedFix, dir: string, port: number): Promise<Started>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function waitForPort(port: number, child: ChildProcess, logs: () => string, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (child.exitCode !== null) return reject(new Error(`exited with ${child.exitCode}: ${logs().slice(-800)}`));
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => { sock.destroy(); resolve(); });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() - t0 > timeoutMs) reject(new Error(`not listening after ${timeoutMs} ms: ${logs().slice(-800)}`));
        else setTimeout(tick, 50);
      });
    };
    tick();
  });
}

/** Spawns a server process and waits until it accepts connections on `port`. */
export async function spawnServer(cmd: string, args: string[], port: number, opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Started> {
  let out = '';
  const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { resolve(); }
      setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 3000).unref();
    });
  };
  try {
    await waitForPort(port, child, () => out, opts.timeoutMs ?? 20000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `http://127.0.0.1:${port}`, stop, log: () => out };
}

const has = (bin: string): boolean => existsSync(bin);
const pyHas = (mod: string): boolean => spawnSync(PY, ['-c', `import ${mod}`], { stdio: 'ignore' }).status === 0;
const file = (fix: RenderedFix, i = 0): string => fix.files[i]!.content;
function write(dir: string, name: string, content: string): string {
  const p = path.join(dir, name);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
}

// ---------------------------------------------------------------- servers

/**
 * The application behind a proxy: /api 200, /error 500, else 404 — and, like many backends, its
 * own `Access-Control-Allow-Origin: *`, which the proxy configuration must hide (two values = blocked).
 */
async function upstream(): Promise<{ port: number; close(): Promise<void> }> {
  const s = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'content-length');
    if (path === '/api') res.writeHead(200, { 'X-Request-Id': '1' }).end('ok');
    else res.writeHead(path === '/error' ? 500 : 404).end('error');
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return { port: (s.address() as net.AddressInfo).port, close: () => new Promise((r) => { s.closeAllConnections(); s.close(() => r()); }) };
}

/** Chains an in-process upstream's shutdown after the server's. */
function withUpstream(started: Started, up: { close(): Promise<void> }): Started {
  return { ...started, stop: async () => { await started.stop(); await up.close(); } };
}

const nginx: Runner = {
  stack: 'nginx',
  missing: () => (has('/usr/sbin/nginx') ? null : 'not installed: nginx-light'),
  errorPaths: ['/missing', '/error', '/denied'],
  async start(fix, dir, port) {
    const up = await upstream();
    write(dir, 'cors-maps.conf', file(fix, 0));
    write(dir, 'cors.conf', file(fix, 1));
    mkdirSync(path.join(dir, 'www'), { recursive: true });
    const conf = write(dir, 'nginx.conf', `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log stderr warn;
events {}
http {
    access_log off;
    client_body_temp_path ${dir}/tmp-body;
    proxy_temp_path ${dir}/tmp-proxy;
    fastcgi_temp_path ${dir}/tmp-fastcgi;
    uwsgi_temp_path ${dir}/tmp-uwsgi;
    scgi_temp_path ${dir}/tmp-scgi;
    include ${dir}/cors-maps.conf;
    server {
        listen 127.0.0.1:${port};
        root ${dir}/www;
        include ${dir}/cors.conf;
        # The app behind the proxy answers /api and its own 500 (with its own CORS header).
        location = /api { proxy_pass http://127.0.0.1:${up.port}; }
        location = /error { proxy_pass http://127.0.0.1:${up.port}; }
        # nginx's own error.
        location = /denied { return 403; }
    }
}
`);
    return withUpstream(await spawnServer('/usr/sbin/nginx', ['-c', conf, '-p', dir, '-e', 'stderr'], port), up);
  },
};

const apache: Runner = {
  stack: 'apache',
  missing: () => (has('/usr/sbin/apache2') ? null : 'not installed: apache2'),
  errorPaths: ['/missing', '/error', '/denied'],
  async start(fix, dir, port) {
    const up = await upstream();
    const www = path.join(dir, 'www');
    mkdirSync(www, { recursive: true });
    chmodSync(dir, 0o755);
    write(dir, 'cors.conf', file(fix));
    const m = '/usr/lib/apache2/modules';
    const conf = write(dir, 'httpd.conf', `ServerRoot ${dir}
ServerName localhost
Listen 127.0.0.1:${port}
PidFile ${dir}/httpd.pid
ErrorLog ${dir}/error.log
LogLevel warn
LoadModule mpm_event_module ${m}/mod_mpm_event.so
LoadModule authz_core_module ${m}/mod_authz_core.so
LoadModule headers_module ${m}/mod_headers.so
LoadModule setenvif_module ${m}/mod_setenvif.so
LoadModule rewrite_module ${m}/mod_rewrite.so
LoadModule mime_module ${m}/mod_mime.so
LoadModule proxy_module ${m}/mod_proxy.so
LoadModule proxy_http_module ${m}/mod_proxy_http.so
TypesConfig /etc/mime.types
DocumentRoot ${www}
<Directory ${www}>
    Require all granted
</Directory>
<Location /denied>
    Require all denied
</Location>
<VirtualHost 127.0.0.1:${port}>
    DocumentRoot ${www}
    Include ${dir}/cors.conf
    # The app behind the proxy answers /api and its own 500 (with its own CORS header).
    ProxyPass /api http://127.0.0.1:${up.port}/api
    ProxyPass /error http://127.0.0.1:${up.port}/error
</VirtualHost>
`);
    return withUpstream(await spawnServer('/usr/sbin/apache2', ['-f', conf, '-DFOREGROUND'], port, { env: { APACHE_RUN_DIR: dir, APACHE_LOCK_DIR: dir } }), up);
  },
};

const caddy: Runner = {
  stack: 'caddy',
  missing: () => (has('/usr/bin/caddy') ? null : 'not installed: caddy'),
  errorPaths: ['/missing', '/error', '/denied'],
  async start(fix, dir, port) {
    const up = await upstream();
    mkdirSync(path.join(dir, 'www'), { recursive: true });
    const site = file(fix).split('\n').filter((l) => !l.startsWith('# Inside your site block')).join('\n');
    const conf = write(dir, 'Caddyfile', `{
	admin off
	auto_https off
}

http://127.0.0.1:${port} {
${site}
	# The app behind the proxy answers /api and its own 500 (with its own CORS header).
	reverse_proxy /api 127.0.0.1:${up.port}
	reverse_proxy /error 127.0.0.1:${up.port}
	# Caddy's own error.
	error /denied 403
	root * ${dir}/www
	file_server
}
`);
    return withUpstream(await spawnServer('/usr/bin/caddy', ['run', '--config', conf, '--adapter', 'caddyfile'], port, { env: { HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir } }), up);
  },
};

// ---------------------------------------------------------------- Node frameworks

const nodeApp = (stack: string, routes: string, listen: string): Runner => ({
  stack,
  missing: () => null,
  async start(fix, dir, port) {
    const main = write(dir, 'app.mjs', `${file(fix)}\n// ---- verification app (probe contract) ----\n${routes}\n${listen.replace(/PORT/g, String(port))}\n`);
    return spawnServer(process.execPath, [main], port, { cwd: dir });
  },
});

/**
 * `corsight/<sub>` as this package exports it (package.json `exports`, built into dist/), or why
 * not: the middleware is another branch until merged.
 */
function corsightExport(sub: string): { file: string } | { missing: string } {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { exports?: Record<string, { import?: string }> };
  const target = pkg.exports?.[`./${sub}`]?.import;
  if (target === undefined) return { missing: `corsight middleware not in this tree (no "corsight/${sub}" export) — not run-verified yet` };
  const f = path.join(ROOT, target);
  if (!existsSync(f)) return { missing: `${target} not built (npm run build)` };
  return { file: f };
}

/** The generated corsight snippet with its `corsight/<sub>` imports pointed at this tree's build. */
function withCorsightImports(content: string): string {
  return content.replace(/from 'corsight\/([a-z]+)'/g, (_m, sub: string) => {
    const r = corsightExport(sub);
    if ('missing' in r) throw new Error(r.missing);
    return `from '${pathToFileURL(r.file).href}'`;
  });
}

const corsightApp = (stack: string, sub: string, base: Runner): Runner => ({
  stack,
  missing: () => {
    const r = corsightExport(sub);
    return 'missing' in r ? r.missing : null;
  },
  start: (fix, dir, port) => base.start({ ...fix, files: fix.files.map((f) => ({ ...f, content: withCorsightImports(f.content) })) }, dir, port),
});

/** Replaces a template's handler placeholder with the probe-contract routes (the template must still have it). */
function replacePlaceholder(src: string, placeholder: string, code: string): string {
  if (!src.includes(placeholder)) throw new Error(`the template changed: placeholder not found: ${placeholder.trim()}`);
  return src.replace(placeholder, code);
}

/** node:http → Fetch handler (Hono, Workers code) for Node. */
const FETCH_SERVE = `
import { createServer } from 'node:http';
function serveFetch(handler, port) {
  createServer(async (req, res) => {
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    const request = new Request('http://127.0.0.1:' + port + req.url, { method: req.method, headers });
    const response = await handler(request);
    const out = [];
    response.headers.forEach((v, k) => out.push(k, v));
    res.writeHead(response.status, out);
    res.end(Buffer.from(await response.arrayBuffer()));
  }).listen(port, '127.0.0.1');
}`;

const express = nodeApp('express',
  `app.all('/api', (req, res) => { res.set('X-Request-Id', '1').send('ok'); });
app.get('/error', () => { throw new Error('boom'); });`,
  `app.listen(PORT, '127.0.0.1');`);

const fastify = nodeApp('fastify',
  `app.all('/api', async (req, reply) => { reply.header('X-Request-Id', '1'); return 'ok'; });
app.get('/error', async () => { throw new Error('boom'); });`,
  `await app.listen({ port: PORT, host: '127.0.0.1' });`);

const koa = nodeApp('koa',
  `app.silent = true;
app.use(async (ctx) => {
  if (ctx.path === '/api') { ctx.set('X-Request-Id', '1'); ctx.body = 'ok'; }
  else if (ctx.path === '/error') throw new Error('boom');
});`,
  `app.listen(PORT, '127.0.0.1');`);

const hono = nodeApp('hono',
  `app.all('/api', (c) => { c.header('X-Request-Id', '1'); return c.text('ok'); });
app.get('/error', () => { throw new Error('boom'); });
app.onError((err, c) => c.text('Internal Server Error', 500));
${FETCH_SERVE}`,
  `serveFetch((r) => app.fetch(r), PORT);`);

const cloudflare: Runner = {
  stack: 'cloudflare-workers',
  missing: () => null,
  async start(fix, dir, port) {
    const placeholder = "  // ... your handler (or: return fetch(request) to pass through to your origin)\n  return new Response('ok');";
    const src = file(fix);
    if (!src.includes(placeholder)) throw new Error('the worker template changed: handler placeholder not found');
    const worker = src.replace(placeholder, `  const path = new URL(request.url).pathname;
  if (path === '/api') return new Response('ok', { headers: { 'X-Request-Id': '1' } });
  if (path === '/error') throw new Error('boom');
  return new Response('not found', { status: 404 });`);
    write(dir, 'worker.mjs', worker);
    const main = write(dir, 'serve.mjs', `import worker from './worker.mjs';\n${FETCH_SERVE}\nserveFetch((r) => worker.fetch(r, {}, {}), ${port});\n`);
    return spawnServer(process.execPath, [main], port, { cwd: dir });
  },
};

const corsightNodeBase: Runner = {
  stack: 'corsight-node',
  missing: () => null,
  async start(fix, dir, port) {
    const app = replacePlaceholder(file(fix), '  // ... your handler: every response it sends already carries the CORS headers\n', `  const path = req.url.split('?')[0];
  if (path === '/api') { res.setHeader('X-Request-Id', '1'); res.end('ok'); }
  else if (path === '/error') { res.statusCode = 500; res.end('boom'); }
  else { res.statusCode = 404; res.end('not found'); }
`);
    const main = write(dir, 'app.mjs', `${app}\nserver.listen(${port}, '127.0.0.1');\n`);
    return spawnServer(process.execPath, [main], port, { cwd: dir });
  },
};

const corsightFetchBase: Runner = {
  stack: 'corsight-fetch',
  missing: () => null,
  async start(fix, dir, port) {
    const worker = replacePlaceholder(file(fix), "    // ... your handler\n    return new Response('ok');\n", `    const path = new URL(request.url).pathname;
    if (path === '/api') return new Response('ok', { headers: { 'X-Request-Id': '1' } });
    if (path === '/error') throw new Error('boom');
    return new Response('not found', { status: 404 });
`);
    write(dir, 'worker.mjs', worker);
    const main = write(dir, 'serve.mjs', `import worker from './worker.mjs';\n${FETCH_SERVE}\nserveFetch((r) => worker.fetch(r, {}, {}), ${port});\n`);
    return spawnServer(process.execPath, [main], port, { cwd: dir });
  },
};

const corsightRunners = [
  corsightApp('corsight-node', 'node', corsightNodeBase),
  corsightApp('corsight-express', 'express', express),
  corsightApp('corsight-fastify', 'fastify', fastify),
  corsightApp('corsight-koa', 'koa', koa),
  corsightApp('corsight-fetch', 'fetch', corsightFetchBase),
  corsightApp('corsight-hono', 'fetch', hono),
];

// ---------------------------------------------------------------- Python

const fastapi: Runner = {
  stack: 'fastapi',
  missing: () => (pyHas('fastapi') && pyHas('uvicorn') ? null : 'not installed: python3-fastapi python3-uvicorn'),
  async start(fix, dir, port) {
    write(dir, 'main.py', `${file(fix)}
# ---- verification app (probe contract) ----
from fastapi.responses import PlainTextResponse

@app.api_route("/api", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
def api():
    return PlainTextResponse("ok", headers={"X-Request-Id": "1"})

@app.get("/error")
def error():
    raise RuntimeError("boom")
`);
    return spawnServer(PY, ['-m', 'uvicorn', '--app-dir', dir, 'main:application', '--host', '127.0.0.1', '--port', String(port), '--log-level', 'critical'], port, { cwd: dir });
  },
};

const flask: Runner = {
  stack: 'flask',
  missing: () => (pyHas('flask_cors') ? null : 'not installed: python3-flask python3-flask-cors'),
  async start(fix, dir, port) {
    const main = write(dir, 'app.py', `${file(fix)}
# ---- verification app (probe contract) ----
import logging
logging.getLogger("werkzeug").setLevel(logging.ERROR)

@app.route("/api", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
def api():
    return "ok", 200, {"X-Request-Id": "1"}

@app.route("/error")
def error():
    raise RuntimeError("boom")

app.run(host="127.0.0.1", port=${port})
`);
    return spawnServer(PY, [main], port, { cwd: dir });
  },
};

const django: Runner = {
  stack: 'django',
  missing: () => (pyHas('corsheaders') ? null : 'not installed: python3-django python3-django-cors-headers'),
  async start(fix, dir, port) {
    write(dir, 'settings.py', `${file(fix)}
# ---- verification project ----
MIDDLEWARE.append("django.middleware.common.CommonMiddleware")
SECRET_KEY = "verify-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "urls"
USE_TZ = True
LOGGING = {"version": 1, "disable_existing_loggers": True}
`);
    write(dir, 'urls.py', `from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

@csrf_exempt
def api(request):
    r = HttpResponse("ok")
    r["X-Request-Id"] = "1"
    return r

def error(request):
    raise RuntimeError("boom")

urlpatterns = [path("api", api), path("error", error)]
`);
    const main = write(dir, 'serve.py', `import os, sys
sys.path.insert(0, ${JSON.stringify(dir)})
os.environ["DJANGO_SETTINGS_MODULE"] = "settings"
from wsgiref.simple_server import make_server, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
class Quiet(WSGIRequestHandler):
    def log_message(self, *a): pass
make_server("127.0.0.1", ${port}, get_wsgi_application(), handler_class=Quiet).serve_forever()
`);
    return spawnServer(PY, [main], port, { cwd: dir });
  },
};

// ---------------------------------------------------------------- Go, Ruby

const go: Runner = {
  stack: 'go',
  missing: () => (has('/usr/bin/go') && existsSync('/usr/share/gocode/src/github.com/rs/cors') ? null : 'not installed: golang-go golang-github-rs-cors-dev'),
  async start(fix, dir, port) {
    write(dir, 'src/verify/cors.go', file(fix));
    write(dir, 'src/verify/main.go', `package main

import "net/http"

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "1")
		w.Write([]byte("ok"))
	})
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	http.ListenAndServe("127.0.0.1:${port}", withCORS(mux))
}
`);
    const bin = path.join(dir, 'verify-go');
    const env = { ...process.env, GOPATH: `${dir}:/usr/share/gocode`, GO111MODULE: 'off', GOCACHE: path.join(WORK, 'gocache'), GOFLAGS: '' };
    const b = spawnSync('/usr/bin/go', ['build', '-o', bin, 'verify'], { cwd: dir, env, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`go build failed: ${(b.stderr || b.stdout).slice(-800)}`);
    return spawnServer(bin, [], port, { cwd: dir });
  },
};

const rails: Runner = {
  stack: 'rails',
  missing: () => (spawnSync('/usr/bin/ruby', ['-e', 'require "rack"; require "rack/cors"; require "webrick"'], { stdio: 'ignore' }).status === 0 ? null : 'not installed: ruby-rack-cors ruby-rack ruby-webrick'),
  async start(fix, dir, port) {
    const main = write(dir, 'server.rb', `require "rack"
require "rack/cors"
require "webrick"

# A stand-in for Rails.application.config.middleware, so the initializer runs verbatim.
module Rails
  Stack = []
  class Middleware
    def insert_before(_index, klass, *args, &block)
      Stack.unshift([klass, args, block])
    end
  end
  Config = Struct.new(:middleware).new(Middleware.new)
  App = Struct.new(:config).new(Config)
  def self.application
    App
  end
end

${file(fix)}

# Like ActionDispatch::ShowExceptions: inner exceptions become a 500 response.
class ShowExceptions
  def initialize(app)
    @app = app
  end
  def call(env)
    @app.call(env)
  rescue StandardError
    [500, { "content-type" => "text/plain" }, ["Internal Server Error"]]
  end
end

endpoint = lambda do |env|
  case env["PATH_INFO"]
  when "/api" then [200, { "content-type" => "text/plain", "x-request-id" => "1" }, ["ok"]]
  when "/error" then raise "boom"
  else [404, { "content-type" => "text/plain" }, ["not found"]]
  end
end

app = Rack::Builder.new do
  Rails::Stack.each { |klass, args, block| use klass, *args, &block }
  use ShowExceptions
  run endpoint
end

Rack::Handler::WEBrick.run(app, Host: "127.0.0.1", Port: ${port}, Logger: WEBrick::Log.new(File::NULL), AccessLog: [])
`);
    return spawnServer('/usr/bin/ruby', [main], port, { cwd: dir });
  },
};

/** Every stack that can run here, by stack id. */
export const RUNNERS: Record<string, Runner> = Object.fromEntries(
  [...corsightRunners, nginx, apache, caddy, express, fastify, koa, hono, cloudflare, fastapi, flask, django, go, rails].map((r) => [r.stack, r]),
);

/** Stacks that cannot run here, and why (README table). */
export const NOT_RUNNABLE: Record<string, string> = {
  nestjs: 'NestJS not installed (uses the `cors` package, verified via express)',
  nextjs: 'Next.js not installed (logic shared with cloudflare-workers, verified there)',
  spring: 'no JDK/Spring here',
  aspnet: 'no .NET here',
  laravel: 'no Laravel/composer here',
  traefik: 'not in Debian 12',
  'aws-apigw': 'hosted service',
  s3: 'hosted service',
  gcs: 'hosted service',
  vercel: 'hosted service',
  netlify: 'hosted service (edge function logic shared with cloudflare-workers)',
};
