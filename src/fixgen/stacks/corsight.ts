/**
 * corsight's own middleware (src/middleware): `corsight(policy)` from `corsight/node`,
 * `corsight/express`, `corsight/koa`, `corsight/fetch` (`.wrap(handler)`, and `hono`), and the
 * Fastify plugin (default export of `corsight/fastify`). The policy is passed as-is: the adapters
 * compile and validate it at startup.
 */
import { sq } from '../origins.js';
import type { Policy, PolicyFeature, RenderedFix, StackGenerator } from '../types.js';

/** The middleware compiles the same config: every feature is rendered as written. */
const EVERY_FEATURE: readonly PolicyFeature[] = ['null-origin', 'any-origin-with-credentials', 'any-method', 'any-request-header', 'any-expose-header', 'debug'];

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
  supports: EVERY_FEATURE,
  render: (p) =>
    fix('server.js', 'javascript', `import http from 'node:http';
import { corsight } from 'corsight/node';

const cors = corsight(${policyLiteral(p, '')});

const server = http.createServer((req, res) => {
  if (cors(req, res)) return; // a preflight, answered (204, or 403 when refused)
  // ... your handler: every response it sends already carries the CORS headers
});
`, 'server.js: call it first in your request listener, before routing and auth.', ['runs before your handler, so your error responses carry the headers']),
};

export const corsightExpress: StackGenerator = {
  id: 'corsight-express',
  title: 'corsight middleware: Express',
  group: 'corsight',
  supports: EVERY_FEATURE,
  render: (p) =>
    fix('app.js', 'javascript', `import express from 'express';
import { corsight } from 'corsight/express';

const app = express();

// First middleware: before auth, body parsers and routes, so error responses keep the headers.
app.use(corsight(${policyLiteral(p, '')}));

// ... your routes, then app.listen(...)
`, 'app.js: `app.use(corsight(policy))` as the first middleware (Express 4 and 5).', ['mounted first, so 401s, 404s and errors from later middleware keep the CORS headers']),
};

export const corsightFastify: StackGenerator = {
  id: 'corsight-fastify',
  title: 'corsight middleware: Fastify',
  group: 'corsight',
  supports: EVERY_FEATURE,
  render: (p) =>
    fix('server.js', 'javascript', `import Fastify from 'fastify';
import corsight from 'corsight/fastify';

const app = Fastify();

// Register before other plugins and routes: it answers preflights and sets the headers onRequest.
await app.register(corsight, ${policyLiteral(p, '')});

// ... your routes, then await app.listen(...)
`, 'server.js: register right after creating the instance (Fastify 5).', ['registered first, so auth hooks\u2019 401s, 404s and thrown errors keep the CORS headers']),
};

export const corsightKoa: StackGenerator = {
  id: 'corsight-koa',
  title: 'corsight middleware: Koa',
  group: 'corsight',
  supports: EVERY_FEATURE,
  render: (p) =>
    fix('app.js', 'javascript', `import Koa from 'koa';
import { corsight } from 'corsight/koa';

const app = new Koa();

// First middleware, so errors thrown later keep the CORS headers (Koa's error handler strips them otherwise).
app.use(corsight(${policyLiteral(p, '')}));

// ... your middleware and routes, then app.listen(...)
`, 'app.js: `app.use(corsight(policy))` before every other middleware (Koa 2 and 3).', ['errors thrown downstream keep the CORS headers']),
};

export const corsightFetch: StackGenerator = {
  id: 'corsight-fetch',
  title: 'corsight middleware: Fetch API (Workers, Bun, Deno, Next.js route handlers)',
  group: 'corsight',
  supports: EVERY_FEATURE,
  render: (p) =>
    fix('worker.js', 'javascript', `import { corsight } from 'corsight/fetch';

const cors = corsight(${policyLiteral(p, '')});

// cors.wrap answers preflights without calling your handler and adds the headers to every
// response it returns, including the 500 a thrown error becomes.
export default {
  fetch: cors.wrap(async (request, env, ctx) => {
    // ... your handler
    return new Response('ok');
  }),
};
`, 'your entry module: wrap the handler you export (Workers, Bun.serve, Deno.serve).', ['wraps the whole handler, so its error responses carry the headers']),
};

export const corsightHono: StackGenerator = {
  id: 'corsight-hono',
  title: 'corsight middleware: Hono',
  group: 'corsight',
  supports: EVERY_FEATURE,
  render: (p) =>
    fix('app.js', 'javascript', `import { Hono } from 'hono';
import { hono as corsight } from 'corsight/fetch';

const app = new Hono();

// First, before auth, validators and routes: the headers land on whatever answers (routes,
// notFound, onError).
app.use('*', corsight(${policyLiteral(p, '')}));

// ... your routes; export default app
`, "app.js: `app.use('*', corsight(policy))` before everything else.", ['mounted first, so notFound and onError answers keep the CORS headers']),
};
