/**
 * The same small app on every framework corsight adapts to, for the adapter tests and the oracle:
 *   GET  /ok     200 "ok" with x-request-id (after middleware that set `Vary: Accept-Encoding` before CORS)
 *   GET  /throw  a thrown error (the framework's own error path)
 *   GET  /auth   401 from an auth check that runs before the route (after CORS)
 *   POST /json   the framework's JSON body parser (malformed body → its 400)
 *   OPTIONS /opt the app's own OPTIONS answer (200 "app-options")
 *   anything else: the framework's 404
 * Each `App` answers requests either over loopback (node-based frameworks) or in-process (fetch).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express5 from 'express';
import express4 from 'express4';
import Fastify from 'fastify';
import Koa3 from 'koa';
import Koa2 from 'koa2';
import { Hono } from 'hono';
import { corsight as nodeCors } from '../../src/middleware/node.js';
import { corsight as expressCors } from '../../src/middleware/express.js';
import fastifyCors from '../../src/middleware/fastify.js';
import { corsight as koaCors } from '../../src/middleware/koa.js';
import { corsight as fetchCors, hono as honoCors } from '../../src/middleware/fetch.js';
import type { PolicyConfig } from '../../src/policy/config.js';
import type { Reconfigurable } from '../../src/middleware/live.js';

export interface Reply {
  status: number;
  /** Lower-case name → value (repeated lines joined with ", "). */
  headers: Record<string, string>;
  /** Raw header lines as received. */
  raw: Array<[string, string]>;
  body: string;
}

export interface App {
  send(method: string, path: string, headers?: Array<[string, string]>, body?: string): Promise<Reply>;
  cors: Reconfigurable;
  close(): Promise<void>;
}

export type Framework = 'node' | 'express5' | 'express4' | 'fastify' | 'koa3' | 'koa2' | 'hono' | 'fetch';
export const FRAMEWORKS: readonly Framework[] = ['node', 'express5', 'express4', 'fastify', 'koa3', 'koa2', 'hono', 'fetch'];

function httpSend(port: number) {
  return (method: string, path: string, headers: Array<[string, string]> = [], body?: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const flat: string[] = ['host', `127.0.0.1:${port}`];
      for (const [n, v] of headers) flat.push(n, v);
      if (body !== undefined) flat.push('content-length', String(Buffer.byteLength(body)));
      const req = http.request({ host: '127.0.0.1', port, method, path, headers: flat, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw: Array<[string, string]> = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) raw.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          resolve({ status: res.statusCode ?? 0, headers: joinHeaders(raw), raw, body: Buffer.concat(chunks).toString('latin1') });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
}

function joinHeaders(raw: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [n, v] of raw) {
    const k = n.toLowerCase();
    out[k] = out[k] === undefined ? v : `${out[k]}, ${v}`;
  }
  return out;
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((r) => server.close(() => r()));
}

const silent = (): void => undefined;

async function nodeApp(config: PolicyConfig, log: (l: string) => void): Promise<App> {
  const cors = nodeCors(config, { log });
  const server = http.createServer((req, res) => {
    res.setHeader('Vary', 'Accept-Encoding'); // set by an earlier layer (compression)
    if (cors(req, res)) return;
    try {
      const path = req.url ?? '/';
      if (req.method === 'GET' && path === '/ok') { res.setHeader('x-request-id', '1'); res.end('ok'); return; }
      if (req.method === 'GET' && path === '/throw') throw new Error('boom');
      if (path === '/auth') { res.statusCode = 401; res.end('unauthorized'); return; }
      if (req.method === 'POST' && path === '/json') {
        let body = '';
        req.on('data', (c: Buffer) => { body += c.toString(); });
        req.on('end', () => {
          try { JSON.parse(body); res.end('parsed'); } catch { res.statusCode = 400; res.end('bad json'); }
        });
        return;
      }
      if (req.method === 'OPTIONS' && path === '/opt') { res.end('app-options'); return; }
      res.statusCode = 404;
      res.end('not found');
    } catch {
      res.statusCode = 500;
      res.end('error');
    }
  });
  server.keepAliveTimeout = 1;
  const port = await listen(server);
  return { send: httpSend(port), cors, close: () => closeServer(server) };
}

async function expressApp(config: PolicyConfig, log: (l: string) => void, v: 4 | 5): Promise<App> {
  const express = (v === 5 ? express5 : express4) as typeof express5;
  const app = express();
  app.set('env', 'test'); // finalhandler: no stack traces on stderr
  const cors = expressCors(config, { log });
  app.use((_req, res, next) => { res.setHeader('Vary', 'Accept-Encoding'); next(); });
  app.use(cors);
  app.use(express.json());
  app.get('/ok', (_req, res) => { res.setHeader('x-request-id', '1'); res.send('ok'); });
  app.get('/throw', () => { throw new Error('boom'); });
  app.use('/auth', (_req, res) => { res.status(401).send('unauthorized'); });
  app.post('/json', (_req, res) => { res.send('parsed'); });
  app.options('/opt', (_req, res) => { res.send('app-options'); });
  const server = http.createServer(app);
  const port = await listen(server);
  return { send: httpSend(port), cors, close: () => closeServer(server) };
}

async function fastifyApp(config: PolicyConfig, log: (l: string) => void): Promise<App> {
  const app = Fastify();
  app.addHook('onRequest', async (_req, reply) => { reply.header('vary', 'Accept-Encoding'); });
  await app.register(fastifyCors, { ...config, log });
  app.addHook('onRequest', async (req, reply) => {
    if (req.url === '/auth') { reply.code(401).send('unauthorized'); return reply; }
    return undefined;
  });
  app.get('/ok', async (_req, reply) => { reply.header('x-request-id', '1'); return 'ok'; });
  app.get('/throw', async () => { throw new Error('boom'); });
  app.post('/json', async () => 'parsed');
  app.options('/opt', async () => 'app-options');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const cors = (app as unknown as { corsight: Reconfigurable }).corsight;
  return { send: httpSend(port), cors, close: () => app.close() };
}

async function koaApp(config: PolicyConfig, log: (l: string) => void, v: 2 | 3): Promise<App> {
  const Koa = (v === 3 ? Koa3 : Koa2) as typeof Koa3;
  const app = new Koa();
  app.silent = true;
  const cors = koaCors(config, { log });
  app.use(async (ctx, next) => { ctx.set('Vary', 'Accept-Encoding'); await next(); });
  app.use(cors as unknown as Koa3.Middleware);
  app.use(async (ctx, next) => {
    if (ctx.path === '/auth') ctx.throw(401, 'unauthorized');
    if (ctx.method === 'POST' && ctx.path === '/json') {
      let body = '';
      for await (const c of ctx.req) body += String(c);
      try { JSON.parse(body); } catch { ctx.throw(400, 'bad json'); }
      ctx.body = 'parsed';
      return;
    }
    await next();
  });
  app.use(async (ctx) => {
    if (ctx.method === 'GET' && ctx.path === '/ok') { ctx.set('x-request-id', '1'); ctx.body = 'ok'; return; }
    if (ctx.method === 'GET' && ctx.path === '/throw') throw new Error('boom');
    if (ctx.method === 'OPTIONS' && ctx.path === '/opt') { ctx.body = 'app-options'; return; }
  });
  const server = http.createServer(app.callback());
  const port = await listen(server);
  return { send: httpSend(port), cors, close: () => closeServer(server) };
}

function fetchClient(handler: (r: Request) => Promise<Response> | Response) {
  return async (method: string, path: string, headers: Array<[string, string]> = [], body?: string): Promise<Reply> => {
    const h = new Headers();
    for (const [n, v] of headers) h.append(n, v);
    const res = await handler(new Request(`http://127.0.0.1${path}`, { method, headers: h, ...(body !== undefined ? { body } : {}) }));
    const raw: Array<[string, string]> = [];
    res.headers.forEach((v, n) => raw.push([n, v]));
    return { status: res.status, headers: joinHeaders(raw), raw, body: await res.text() };
  };
}

async function honoApp(config: PolicyConfig, log: (l: string) => void): Promise<App> {
  const app = new Hono();
  const cors = honoCors(config, { log });
  app.use('*', cors as never);
  app.use('/auth', async (c) => c.text('unauthorized', 401));
  app.get('/ok', (c) => { c.header('x-request-id', '1'); c.header('Vary', 'Accept-Encoding'); return c.text('ok'); });
  app.get('/throw', () => { throw new Error('boom'); });
  app.post('/json', async (c) => { try { await c.req.json(); } catch { return c.text('bad json', 400); } return c.text('parsed'); });
  app.options('/opt', (c) => c.text('app-options'));
  return { send: fetchClient((r) => app.fetch(r)), cors, close: async () => undefined };
}

async function fetchApp(config: PolicyConfig, log: (l: string) => void): Promise<App> {
  const cors = fetchCors(config, { log });
  const handler = cors.wrap(async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (request.method === 'GET' && path === '/ok') return new Response('ok', { headers: { 'x-request-id': '1', vary: 'Accept-Encoding' } });
    if (request.method === 'GET' && path === '/throw') throw new Error('boom');
    if (path === '/auth') return new Response('unauthorized', { status: 401 });
    if (request.method === 'POST' && path === '/json') {
      try { await request.json(); } catch { return new Response('bad json', { status: 400 }); }
      return new Response('parsed');
    }
    if (request.method === 'OPTIONS' && path === '/opt') return new Response('app-options');
    return new Response('not found', { status: 404 });
  });
  return { send: fetchClient(handler), cors, close: async () => undefined };
}

export async function startApp(fw: Framework, config: PolicyConfig, log: (l: string) => void = silent): Promise<App> {
  switch (fw) {
    case 'node': return nodeApp(config, log);
    case 'express5': return expressApp(config, log, 5);
    case 'express4': return expressApp(config, log, 4);
    case 'fastify': return fastifyApp(config, log);
    case 'koa3': return koaApp(config, log, 3);
    case 'koa2': return koaApp(config, log, 2);
    case 'hono': return honoApp(config, log);
    case 'fetch': return fetchApp(config, log);
  }
}
