/**
 * corsight's own middleware (issue 5 adapters). The policy is passed as-is: the adapters compile
 * and validate it at startup. NOTE: the adapter API used here (`cors(policy)` from each subpath) is
 * this generator's assumption until the middleware lands; keep both in sync.
 */
import { sq } from '../origins.js';
import type { Policy, RenderedFix, StackGenerator } from '../types.js';

/** The policy as a JS object literal, one option a line: `{\n  origins: ['https://a.example'],\n}`. */
function policyLiteral(p: Policy, indent: string): string {
  const value = (v: unknown): string => (Array.isArray(v) ? `[${v.map((x) => sq(String(x))).join(', ')}]` : String(v));
  const lines = Object.entries(p.config).map(([k, v]) => `${indent}  ${k}: ${value(v)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

const COMMON_PITFALLS = [
  'the policy is validated at startup (no `*` with credentials, canonical origins, anchored patterns)',
  'preflight = OPTIONS with Origin and Access-Control-Request-Method; other OPTIONS reach your app',
  '`Vary: Origin` is appended, never overwriting an existing Vary',
];

type Body = Omit<RenderedFix, 'stack' | 'title' | 'policy'>;

function fix(path: string, language: string, content: string, placement: string, extra: string[]): Body {
  return {
    files: [{ path, language, content }],
    assumptions: ['corsight installed (`npm install corsight`), Node 20+'],
    placement,
    pitfalls: [...extra, ...COMMON_PITFALLS],
    warnings: [],
  };
}

export const corsightNode: StackGenerator = {
  id: 'corsight-node',
  title: 'corsight middleware: node:http',
  group: 'corsight',
  render: (p) =>
    fix('server.js', 'javascript', `import http from 'node:http';
import { cors } from 'corsight/node';

const policy = ${policyLiteral(p, '')};
const applyCors = cors(policy); // sets the headers; returns true when it answered a preflight

http.createServer((req, res) => {
  if (applyCors(req, res)) return;
  // ... your handler
}).listen(3000);
`, 'server.js: call the handler first in your request listener, before routing and auth.', ['runs before your handler, so your error responses carry the headers']),
};

export const corsightExpress: StackGenerator = {
  id: 'corsight-express',
  title: 'corsight middleware: Express',
  group: 'corsight',
  render: (p) =>
    fix('app.js', 'javascript', `import express from 'express';
import { cors } from 'corsight/express';

const app = express();

// First middleware: before auth, body parsers and routes, so error responses keep the headers.
app.use(cors(${policyLiteral(p, '')}));

// ... your routes, then app.listen(...)
`, 'app.js: `app.use(cors(policy))` as the first middleware (Express 4 and 5).', ['mounted first, so 401s, 404s and errors from later middleware keep the CORS headers']),
};

export const corsightFastify: StackGenerator = {
  id: 'corsight-fastify',
  title: 'corsight middleware: Fastify',
  group: 'corsight',
  render: (p) =>
    fix('server.js', 'javascript', `import Fastify from 'fastify';
import { cors } from 'corsight/fastify';

const app = Fastify();

// Register before other plugins and routes (it hooks onRequest, the earliest hook).
await app.register(cors, ${policyLiteral(p, '')});

// ... your routes, then await app.listen(...)
`, 'server.js: register right after creating the instance (Fastify 5).', ['hooks onRequest, so auth hooks\u2019 401s and thrown errors keep the CORS headers']),
};

export const corsightKoa: StackGenerator = {
  id: 'corsight-koa',
  title: 'corsight middleware: Koa',
  group: 'corsight',
  render: (p) =>
    fix('app.js', 'javascript', `import Koa from 'koa';
import { cors } from 'corsight/koa';

const app = new Koa();

// First middleware, so errors thrown later keep the CORS headers (Koa's error handler strips them otherwise).
app.use(cors(${policyLiteral(p, '')}));

// ... your middleware and routes, then app.listen(...)
`, 'app.js: `app.use(cors(policy))` before every other middleware (Koa 2 and 3).', ['errors thrown downstream keep the CORS headers']),
};

export const corsightFetch: StackGenerator = {
  id: 'corsight-fetch',
  title: 'corsight middleware: Fetch API (Workers, Bun, Deno, Hono, Next.js route handlers)',
  group: 'corsight',
  render: (p) =>
    fix('worker.js', 'javascript', `import { cors } from 'corsight/fetch';

// cors(policy) wraps a (request) => Response handler: it answers preflights and adds the
// headers to every response the handler returns, errors included.
const withCors = cors(${policyLiteral(p, '')});

async function handle(request, env, ctx) {
  // ... your handler
  return new Response('ok');
}

export default { fetch: withCors(handle) };
`, 'your entry module: wrap the handler you export (Workers, Bun.serve, Deno.serve).', ['wraps the whole handler, so its error responses carry the headers']),
};
