// `npm run bench:middleware [-- --json] [-- --quick]`: corsight's adapters against each framework's
// usual CORS package and against no CORS at all, in-process (no sockets), on six cases; then an
// end-to-end loopback load (autocannon) on node:http, bare vs corsight. Figures are printed, never
// asserted. With --json the last line is one JSON object:
//   { "geomeanVsCors", "slowerThanPeer": [...], "cases": [{ framework, case, corsightOpsPerSec, peerOpsPerSec, bareOpsPerSec }], ... }
import { fork } from 'node:child_process';
import { IncomingMessage, ServerResponse, type RequestListener } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Socket } from 'node:net';
import autocannon from 'autocannon';
import corsPkg from 'cors';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCorsPkg from '@fastify/cors';
import Koa from 'koa';
import koaCorsPkg from '@koa/cors';
import { Hono } from 'hono';
import { cors as honoCorsPkg } from 'hono/cors';
import { corsight as nodeCorsight } from '../dist/middleware/node.js';
import { corsight as expressCorsight } from '../dist/middleware/express.js';
import fastifyCorsight from '../dist/middleware/fastify.js';
import { corsight as koaCorsight } from '../dist/middleware/koa.js';
import { hono as honoCorsight } from '../dist/middleware/fetch.js';
import type { PolicyConfig } from '../dist/policy/index.js';

const JSON_OUT = process.argv.includes('--json');
const QUICK = process.argv.includes('--quick');
const SLICE_CPU_MS = QUICK ? 20 : 40; // CPU time per sample
const SAMPLES = QUICK ? 5 : 21;
const log = (s = ''): void => { if (!JSON_OUT) console.log(s); else process.stderr.write(`${s}\n`); };

// ---------- configs: the same policy in every package's terms ----------
const ALLOWED = 'https://app.example.com';
const MANY = Array.from({ length: 1000 }, (_, i) => `https://app${i}.example.com`);
const METHODS = ['PUT', 'DELETE'];
const HEADERS = ['content-type', 'x-a'];
const EXPOSE = ['x-request-id'];

function policy(origins: string[]): PolicyConfig {
  return { origins, credentials: true, methods: METHODS, requestHeaders: HEADERS, exposeHeaders: EXPOSE, maxAge: 600 };
}
const corsOpts = (origins: string[]) => ({ origin: origins, credentials: true, methods: ['GET', 'HEAD', 'POST', ...METHODS], allowedHeaders: HEADERS, exposedHeaders: EXPOSE, maxAge: 600 });
const koaCorsOpts = (origins: string[]) => ({
  origin: (ctx: Koa.Context) => { const o = ctx.get('Origin'); return origins.includes(o) ? o : ''; },
  credentials: true, allowMethods: ['GET', 'HEAD', 'POST', ...METHODS], allowHeaders: HEADERS, exposeHeaders: EXPOSE, maxAge: 600,
});
const honoCorsOpts = (origins: string[]) => ({ origin: origins, credentials: true, allowMethods: ['GET', 'HEAD', 'POST', ...METHODS], allowHeaders: HEADERS, exposeHeaders: EXPOSE, maxAge: 600 });

// ---------- cases ----------
interface Case { name: string; method: string; headers: Record<string, string>; many?: boolean }
const CASES: Case[] = [
  { name: 'no Origin', method: 'GET', headers: {} },
  { name: 'allowed simple request', method: 'GET', headers: { origin: ALLOWED } },
  { name: 'allowed preflight', method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type,x-a' } },
  { name: 'disallowed origin', method: 'GET', headers: { origin: 'https://evil.example' } },
  { name: '1,000 configured origins', method: 'GET', headers: { origin: MANY[999]! }, many: true },
  { name: 'malicious ACRH (10,000 commas)', method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'PUT', 'access-control-request-headers': ','.repeat(10000) } },
];

type Variant = 'corsight' | 'peer' | 'bare';
type Runner = () => unknown; // sync, or a promise

/** CPU time (user + system) this process has used, in seconds. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Ops per CPU-second of one sample of `n` operations. The machine is shared (other jobs compete
 * for its 2 cores, load average often > 10), so wall-clock rates mostly measure the scheduler;
 * the CPU time this process actually got is what the code costs.
 */
async function sample(run: Runner, isAsync: boolean, n: number): Promise<number> {
  const start = cpuSeconds();
  if (isAsync) for (let i = 0; i < n; i++) await run();
  else {
    // In chunks, letting the work each request defers (nextTick callbacks, 'end'/'finish' events)
    // run inside the timed window: otherwise it piles up and is paid by whichever sample follows.
    for (let i = 0; i < n; i += CHUNK) {
      const m = Math.min(CHUNK, n - i);
      for (let j = 0; j < m; j++) run();
      await new Promise((r) => setImmediate(r));
    }
  }
  await new Promise((r) => setImmediate(r));
  return n / Math.max(cpuSeconds() - start, 1e-6);
}
const CHUNK = 64;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/**
 * The three variants sampled interleaved; each gets the median of its samples, and the
 * corsight/peer ratio is the median of the per-round ratios (paired: slow drifts of the machine's
 * load cancel out).
 */
async function measureAll(runners: Record<Variant, Runner>): Promise<Record<Variant, number> & { ratio: number }> {
  const variants = Object.keys(runners) as Variant[];
  const isAsync: Partial<Record<Variant, boolean>> = {};
  const size: Partial<Record<Variant, number>> = {};
  for (const v of variants) {
    const first = runners[v]();
    isAsync[v] = first instanceof Promise;
    if (first instanceof Promise) await first;
    // Calibrate a sample to about SLICE_CPU_MS of CPU time (and warm up the JIT on the way).
    let n = 50;
    for (;;) {
      const rate = await sample(runners[v], isAsync[v]!, n);
      if (n / rate >= SLICE_CPU_MS / 1000 || n > 5e6) { size[v] = Math.max(50, Math.round((rate * SLICE_CPU_MS) / 1000)); break; }
      n *= 4;
    }
  }
  // Warm-up rounds (JIT, heap growth), then measured rounds in rotating order.
  for (let round = 0; round < 3; round++) for (const v of variants) await sample(runners[v], isAsync[v]!, size[v]!);
  const got: Record<Variant, number[]> = { corsight: [], peer: [], bare: [] };
  for (let round = 0; round < SAMPLES; round++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(round + k) % variants.length]!;
      got[v].push(await sample(runners[v], isAsync[v]!, size[v]!));
    }
  }
  const ratios = got.corsight.map((c, i) => c / got.peer[i]!);
  return { corsight: median(got.corsight), peer: median(got.peer), bare: median(got.bare), ratio: median(ratios) };
}

// ---------- node:http: the listener called directly with a fresh ServerResponse per request ----------
const APP_BODY = 'ok';
function nodeListener(v: Variant, origins: string[]): RequestListener {
  const end = (res: ServerResponse) => { res.setHeader('x-request-id', '1'); res.end(APP_BODY); };
  if (v === 'corsight') { const c = nodeCorsight(policy(origins)); return (req, res) => { if (!c(req, res)) end(res); }; }
  if (v === 'peer') { const c = corsPkg(corsOpts(origins)); return (req, res) => c(req, res, () => end(res)); }
  return (_req, res) => end(res);
}
/**
 * A request listener called in-process with a fresh `IncomingMessage` and `ServerResponse` per
 * request (no socket I/O: the response is serialized into the ServerResponse's buffer). Express and
 * Koa apps are request listeners too (`app`, `app.callback()`); Koa's returns a promise.
 */
function listenerRunner(listener: (req: IncomingMessage, res: ServerResponse) => unknown, c: Case): Runner {
  const socket = new Socket();
  const headers = { host: 'api.example.com', ...c.headers };
  return () => {
    const req = new IncomingMessage(socket);
    req.method = c.method;
    req.url = '/r';
    req.headers = { ...headers };
    req.complete = true;
    req.push(null); // no body
    const res = new ServerResponse(req);
    return listener(req, res) ?? res;
  };
}
const nodeRunner = listenerRunner;

// ---------- Express, Koa (request listeners), Fastify (its own in-process inject), Hono (app.fetch) ----------
function expressApp(v: Variant, origins: string[]) {
  const app = express();
  if (v === 'corsight') app.use(expressCorsight(policy(origins)));
  if (v === 'peer') app.use(corsPkg(corsOpts(origins)));
  app.all('/r', (_req, res) => { res.setHeader('x-request-id', '1'); res.send(APP_BODY); });
  return app;
}
function koaApp(v: Variant, origins: string[]) {
  const app = new Koa();
  if (v === 'corsight') app.use(koaCorsight(policy(origins)) as unknown as Koa.Middleware);
  if (v === 'peer') app.use(koaCorsPkg(koaCorsOpts(origins)));
  app.use((ctx) => { ctx.set('x-request-id', '1'); ctx.body = APP_BODY; });
  return app.callback();
}
async function fastifyApp(v: Variant, origins: string[]): Promise<FastifyInstance> {
  const app = Fastify();
  if (v === 'corsight') await app.register(fastifyCorsight, policy(origins));
  if (v === 'peer') await app.register(fastifyCorsPkg, corsOpts(origins));
  app.all('/r', async (_req, reply) => { reply.header('x-request-id', '1'); return APP_BODY; });
  await app.ready();
  return app;
}
function honoApp(v: Variant, origins: string[]) {
  const app = new Hono();
  if (v === 'corsight') app.use('*', honoCorsight(policy(origins)) as never);
  if (v === 'peer') app.use('*', honoCorsPkg(honoCorsOpts(origins)));
  app.all('/r', (c) => { c.header('x-request-id', '1'); return c.text(APP_BODY); });
  return app;
}

/** Nanoseconds of CPU per `policy.decide` call for each case (median of 21 samples). */
async function measureDecisions(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of CASES) {
    const p = nodeCorsight(policy(c.many ? MANY : [ALLOWED, 'https://admin.example.com'])).policy;
    const h = c.headers;
    const args = [c.method, h.origin ?? null, h['access-control-request-method'] ?? null, h['access-control-request-headers'] ?? null] as const;
    let sink = 0;
    const run = () => { sink += p.decide(...args).headers.length; };
    const rates: number[] = [];
    for (let i = 0; i < 24; i++) rates.push(await sample(run, false, 200_000));
    out[c.name] = 1e9 / median(rates.slice(3));
    if (sink < 0) log(String(sink));
  }
  return out;
}

interface Row { framework: string; case: string; corsightOpsPerSec: number; peerOpsPerSec: number; bareOpsPerSec: number; ratioVsPeer: number }

async function runFramework(framework: string, peerName: string, make: (v: Variant, c: Case) => Promise<Runner>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of CASES) {
    const ops = await measureAll({ bare: await make('bare', c), peer: await make('peer', c), corsight: await make('corsight', c) });
    rows.push({ framework, case: c.name, corsightOpsPerSec: Math.round(ops.corsight), peerOpsPerSec: Math.round(ops.peer), bareOpsPerSec: Math.round(ops.bare), ratioVsPeer: Number(ops.ratio.toFixed(3)) });
    log(`${framework.padEnd(9)} ${c.name.padEnd(32)} corsight ${fmt(ops.corsight)}  ${peerName.padEnd(13)} ${fmt(ops.peer)}  bare ${fmt(ops.bare)}  ×${ops.ratio.toFixed(2)} (paired)`);
  }
  return rows;
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(11);

async function main(): Promise<void> {
  log(`corsight middleware benchmark — in-process, Node ${process.version}, ops per CPU-second, median of ${SAMPLES} interleaved samples of ~${SLICE_CPU_MS} ms CPU\n`);
  const rows: Row[] = [];
  const origins = (c: Case) => (c.many ? MANY : [ALLOWED, 'https://admin.example.com']);
  rows.push(...await runFramework('node:http', 'cors', async (v, c) => nodeRunner(nodeListener(v, origins(c)), c)));
  rows.push(...await runFramework('express', 'cors', async (v, c) => listenerRunner(expressApp(v, origins(c)) as never, c)));
  const fastifies: FastifyInstance[] = [];
  rows.push(...await runFramework('fastify', '@fastify/cors', async (v, c) => {
    const app = await fastifyApp(v, origins(c));
    fastifies.push(app);
    const opts = { method: c.method as 'GET', url: '/r', headers: c.headers };
    return async () => await app.inject(opts);
  }));
  for (const f of fastifies) await f.close();
  rows.push(...await runFramework('koa', '@koa/cors', async (v, c) => listenerRunner(koaApp(v, origins(c)), c)));
  rows.push(...await runFramework('hono', 'hono/cors', async (v, c) => {
    const app = honoApp(v, origins(c));
    return () => app.fetch(new Request('http://api.example.com/r', { method: c.method, headers: c.headers }));
  }));

  // The CORS layer's own cost per request: 1/ops(with CORS) − 1/ops(bare).
  const cost = (ops: number, bare: number) => Math.max(1 / ops - 1 / bare, 1e-9);
  const vsCors = rows.filter((r) => r.framework === 'node:http' || r.framework === 'express').map((r) => r.ratioVsPeer);
  const geomeanVsCors = Math.exp(vsCors.reduce((a, x) => a + Math.log(x), 0) / vsCors.length);
  const layer = rows.map((r) => cost(r.peerOpsPerSec, r.bareOpsPerSec) / cost(r.corsightOpsPerSec, r.bareOpsPerSec));
  const layerGeomean = Math.exp(layer.reduce((a, x) => a + Math.log(x), 0) / layer.length);
  const layerVsCors = rows.flatMap((r, i) => (r.framework === 'node:http' || r.framework === 'express' ? [layer[i]!] : []));
  const layerGeomeanVsCors = Math.exp(layerVsCors.reduce((a, x) => a + Math.log(x), 0) / layerVsCors.length);
  // corsight's own decision per case (policy.decide alone, no framework, no headers written).
  const decisionNs = await measureDecisions();
  const slowerThanPeer = rows.filter((r) => r.ratioVsPeer < 1).map((r) => `${r.framework}: ${r.case}`);

  // ---------- end to end: autocannon on loopback, node:http bare vs corsight ----------
  // The server runs in its own process: requests per wall-second (what autocannon sees, noisy on a
  // shared machine) and requests per server CPU-second (what the server code costs).
  log('\nend-to-end (autocannon, loopback node:http server in a child process, allowed simple request, 10 connections):');
  const e2e = { bare: { rps: 0, perCpu: [] as number[] }, corsight: { rps: 0, perCpu: [] as number[] } };
  const duration = QUICK ? 2 : 4;
  for (let round = 0; round < (QUICK ? 2 : 3); round++) {
    for (const v of ['bare', 'corsight'] as const) {
      const child = fork(fileURLToPath(new URL('./e2e-server.mjs', import.meta.url)), [v], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const port = await new Promise<number>((r) => child.once('message', (m) => r((m as { port: number }).port)));
      await autocannon({ url: `http://127.0.0.1:${port}/r`, connections: 10, duration: 1, headers: { origin: ALLOWED } }); // warm-up
      child.send('start');
      const result = await autocannon({ url: `http://127.0.0.1:${port}/r`, connections: 10, duration, headers: { origin: ALLOWED } });
      child.send('report');
      const rep = await new Promise<{ requests: number; cpuSeconds: number }>((r) => child.once('message', (m) => r(m as { requests: number; cpuSeconds: number })));
      child.send('exit');
      await new Promise((r) => child.once('exit', r));
      e2e[v].rps = Math.max(e2e[v].rps, result.requests.average);
      e2e[v].perCpu.push(rep.requests / rep.cpuSeconds);
      log(`  round ${round + 1} ${v.padEnd(9)} ${fmt(result.requests.average)} req/s wall, ${fmt(rep.requests / rep.cpuSeconds)} req per server CPU-second`);
    }
  }
  const perCpu = { bare: median(e2e.bare.perCpu), corsight: median(e2e.corsight.perCpu) };
  const e2eRatio = perCpu.corsight / perCpu.bare;
  log(`  requests per server CPU-second (median): bare ${fmt(perCpu.bare)}, corsight ${fmt(perCpu.corsight)} = ${(e2eRatio * 100).toFixed(1)}% of bare`);
  log(`  best wall-clock req/s: bare ${fmt(e2e.bare.rps)}, corsight ${fmt(e2e.corsight.rps)} = ${((e2e.corsight.rps / e2e.bare.rps) * 100).toFixed(1)}% of bare`);
  log(`\ngeomean vs cors (node:http + express, ops/s ratio): ×${geomeanVsCors.toFixed(2)}`);
  log(`geomean CORS-layer cost, peer / corsight (all frameworks): ×${layerGeomean.toFixed(2)}; vs cors (node:http + express): ×${layerGeomeanVsCors.toFixed(2)}`);
  log(`corsight's decision alone (policy.decide, ns per call): ${CASES.map((c) => `${c.name} ${decisionNs[c.name]!.toFixed(0)}`).join('; ')}`);
  log(`slower than the peer: ${slowerThanPeer.length === 0 ? 'none' : slowerThanPeer.join('; ')}`);
  if (JSON_OUT) {
    console.log(JSON.stringify({
      geomeanVsCors: Number(geomeanVsCors.toFixed(3)), slowerThanPeer, cases: rows,
      layerCostGeomeanVsPeer: Number(layerGeomean.toFixed(3)), layerCostGeomeanVsCors: Number(layerGeomeanVsCors.toFixed(3)),
      decisionNs: Object.fromEntries(Object.entries(decisionNs).map(([k, v]) => [k, Number(v.toFixed(1))])),
      endToEnd: {
        bareRequestsPerCpuSecond: Math.round(perCpu.bare), corsightRequestsPerCpuSecond: Math.round(perCpu.corsight), ratio: Number(e2eRatio.toFixed(4)),
        bareRequestsPerSec: Math.round(e2e.bare.rps), corsightRequestsPerSec: Math.round(e2e.corsight.rps), wallRatio: Number((e2e.corsight.rps / e2e.bare.rps).toFixed(4)),
      },
    }));
  }
}

await main();
