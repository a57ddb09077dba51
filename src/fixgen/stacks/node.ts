/** Node.js frameworks with their usual CORS packages: Express, Fastify, Koa, Hono, NestJS, Next.js. */
import { jsAllowlist, jsCorsHeaders, jsOriginCheck, JS_IS_PREFLIGHT } from '../fetch-core.js';
import { jsRegexLiteral, ruleRegex, sq, sqList } from '../origins.js';
import type { Policy, StackGenerator } from '../types.js';

/** `origin:` for packages taking strings and RegExps (cors, @fastify/cors, NestJS). */
function originList(p: Policy): string {
  if (p.anyOrigin) return `'*'`;
  const items = p.rules.map((r) => (r.kind === 'exact' ? sq(r.origin) : jsRegexLiteral(`^${ruleRegex(r)}$`)));
  return `[\n    ${items.join(',\n    ')},\n  ]`;
}

const arr = (xs: readonly string[]): string => `[${sqList(xs)}]`;

const REFLECT = 'never leave it unset: the package then reflects whatever headers a preflight asks for';

/**
 * The option lines every CORS package shares after `origin`: credentials, methods, request
 * headers, exposed headers, max age. `cors` spells them like `cors` and @fastify/cors (request
 * headers always set); `koa` like @koa/cors and hono/cors (request headers only when there are some).
 */
function sharedOptions(p: Policy, names: 'cors' | 'koa', indent = '  ', reflect = REFLECT): string[] {
  const o: string[] = [];
  if (p.credentials) o.push(`${indent}credentials: true,`);
  if (names === 'cors') {
    o.push(`${indent}methods: ${arr(p.methods)},`);
    o.push(`${indent}allowedHeaders: ${arr(p.requestHeaders)}, // ${reflect}`);
    if (p.exposeHeaders.length) o.push(`${indent}exposedHeaders: ${arr(p.exposeHeaders)},`);
  } else {
    o.push(`${indent}allowMethods: ${arr(p.methods)},`);
    if (p.requestHeaders.length) o.push(`${indent}allowHeaders: ${arr(p.requestHeaders)}, // ${reflect}`);
    if (p.exposeHeaders.length) o.push(`${indent}exposeHeaders: ${arr(p.exposeHeaders)},`);
  }
  if (p.maxAge !== undefined) o.push(`${indent}maxAge: ${p.maxAge},`);
  return o;
}

/**
 * @koa/cors and hono/cors reflect the requested headers when `allowHeaders` is empty: a policy
 * allowing none gets a middleware (`use`, whose `await next();` is followed by `removal`) that
 * removes them from preflight answers.
 */
function stripReflectedHeaders(p: Policy, pkg: string, use: string, removal: string): string {
  if (p.requestHeaders.length) return '';
  return `// This policy allows no request headers, but ${pkg} reflects the requested ones when
// allowHeaders is empty: remove them from preflight answers.
${use} {
  await next();
  ${removal}
});
`;
}

export const express: StackGenerator = {
  id: 'express',
  title: 'Express (cors package)',
  group: 'node',
  supports: ['null-origin'], // exact-string / anchored-regex origin check: `null` is one more exact origin
  render(p) {
    const o: string[] = [`  origin: ${originList(p)},`, ...sharedOptions(p, 'cors')];
    o.push('  optionsSuccessStatus: 204,');
    const content = `import express from 'express';
import cors from 'cors';

const app = express();

// First middleware: before auth, body parsers, rate limiters and routes, so every response
// (401s, 404s, thrown errors) carries the CORS headers and preflights never reach them.
app.use(cors({
${o.join('\n')}
}));

// ... your routes, then app.listen(...)
`;
    return {
      files: [{ path: 'app.js', language: 'javascript', content }],
      assumptions: ['Express 4 or 5 with the `cors` package (`npm install cors`)', 'ES modules (`"type": "module"`); with CommonJS use `require`'],
      placement: 'app.js (or wherever `express()` is created): `app.use(cors(...))` as the very first middleware.',
      pitfalls: [
        '`allowedHeaders` is always set: left unset, `cors` reflects every requested header (Authorization included)',
        'patterns are anchored RegExps, so `https://example.com.evil.net` does not match',
        'mounted first, so errors from auth, body parsers and 404s keep the CORS headers',
      ],
      warnings: [],
    };
  },
};

export const fastify: StackGenerator = {
  id: 'fastify',
  title: 'Fastify (@fastify/cors)',
  group: 'node',
  supports: ['null-origin'], // exact-string / anchored-regex origin check: `null` is one more exact origin
  render(p) {
    const o: string[] = [`  origin: ${originList(p)},`, ...sharedOptions(p, 'cors')];
    o.push(`  hook: 'onRequest', // earliest hook: headers are set before auth hooks and handlers can fail`);
    const content = `import Fastify from 'fastify';
import cors from '@fastify/cors';

const app = Fastify();

// Register before your routes and auth plugins; @fastify/cors answers preflights itself.
await app.register(cors, {
${o.join('\n')}
});

// ... your routes, then await app.listen(...)
`;
    return {
      files: [{ path: 'server.js', language: 'javascript', content }],
      assumptions: ['Fastify 5 with @fastify/cors 10+ (`npm install @fastify/cors`)', 'ES modules with top-level await'],
      placement: 'server.js: register the plugin right after creating the Fastify instance, before other plugins and routes.',
      pitfalls: [
        '`allowedHeaders` is always set: left unset, @fastify/cors reflects every requested header',
        "`hook: 'onRequest'` sets the headers before any other hook, so 401s, 404s and thrown errors keep them",
        'patterns are anchored RegExps',
      ],
      warnings: [],
    };
  },
};

function jsFunctionOrigin(p: Policy, param: string): { decl: string; fn: string } {
  if (p.anyOrigin) return { decl: '', fn: `'*'` };
  const { decls, test } = jsAllowlist(p, { emptySet: 'new Set([])', patternNote: 'anchored' });
  const decl = decls.map((d) => `${d}\n`).join('');
  return { decl, fn: param === 'ctx' ? `(ctx) => {\n    const origin = ctx.get('Origin');\n    return ${test} ? origin : '';\n  }` : `(origin) => (${test} ? origin : null)` };
}

export const koa: StackGenerator = {
  id: 'koa',
  title: 'Koa (@koa/cors)',
  group: 'node',
  supports: ['null-origin'], // exact-string / anchored-regex origin check: `null` is one more exact origin
  render(p) {
    const { decl, fn } = jsFunctionOrigin(p, 'ctx');
    const o: string[] = [`  origin: ${fn},`, ...sharedOptions(p, 'koa')];
    o.push(`  keepHeadersOnError: true, // Koa's error handler removes every header; this puts them back`);
    const strip = stripReflectedHeaders(p, '@koa/cors', 'app.use(async (ctx, next) =>', "if (ctx.method === 'OPTIONS') ctx.remove('Access-Control-Allow-Headers');");
    const content = `import Koa from 'koa';
import cors from '@koa/cors';

const app = new Koa();
${decl ? `\n${decl}` : ''}
${strip}// Before every other middleware, so errors thrown later keep the CORS headers.
app.use(cors({
${o.join('\n')}
}));

// ... your middleware and routes, then app.listen(...)
`;
    return {
      files: [{ path: 'app.js', language: 'javascript', content }],
      assumptions: ['Koa 2 or 3 with @koa/cors 5 (`npm install @koa/cors`)', 'ES modules'],
      placement: 'app.js: `app.use(cors(...))` first, before auth, body parsing and the router.',
      pitfalls: [
        '`keepHeadersOnError: true`: Koa\'s default error handler strips all headers from error responses',
        p.requestHeaders.length ? '`allowHeaders` is always set: left unset, @koa/cors reflects every requested header' : 'no allowed request headers: the reflected Access-Control-Allow-Headers is removed',
        'the origin function checks an exact set and an anchored pattern, never echoing unknown origins',
      ],
      warnings: [],
    };
  },
};

export const hono: StackGenerator = {
  id: 'hono',
  title: 'Hono (hono/cors)',
  group: 'node',
  supports: ['null-origin'], // exact-string / anchored-regex origin check: `null` is one more exact origin
  render(p) {
    const { decl, fn } = jsFunctionOrigin(p, 'origin');
    const o: string[] = [`  origin: ${fn},`, ...sharedOptions(p, 'koa')];
    const strip = stripReflectedHeaders(p, 'hono/cors', "app.use('*', async (c, next) =>", "if (c.req.method === 'OPTIONS') c.res.headers.delete('Access-Control-Allow-Headers');");
    const content = `import { Hono } from 'hono';
import { cors } from 'hono/cors';

const app = new Hono();
${decl ? `\n${decl}` : ''}
${strip}// Before your routes and auth middleware.
app.use('*', cors({
${o.join('\n')}
}));

// ... your routes; export default app (or serve it)
`;
    return {
      files: [{ path: 'app.js', language: 'javascript', content }],
      assumptions: ['Hono 4 (`hono/cors`), any runtime (Node, Bun, Deno, Workers)'],
      placement: "app.js: `app.use('*', cors(...))` before routes and any middleware that can answer on its own.",
      pitfalls: [
        p.requestHeaders.length ? '`allowHeaders` is always set: left empty, hono/cors reflects every requested header' : 'no allowed request headers: the reflected Access-Control-Allow-Headers is removed',
        'origin is a function over an exact set and an anchored pattern (hono matches arrays exactly, so patterns need it)',
      ],
      warnings: [],
    };
  },
};

export const nestjs: StackGenerator = {
  id: 'nestjs',
  title: 'NestJS (app.enableCors)',
  group: 'node',
  supports: ['null-origin'], // exact-string / anchored-regex origin check: `null` is one more exact origin
  render(p) {
    const o: string[] = [
      `    origin: ${originList(p).replace(/\n {4}/g, '\n      ').replace(/\n {2}\]/, '\n    ]')},`,
      ...sharedOptions(p, 'cors', '    ', 'never unset: it would reflect every requested header'),
    ];
    o.push('    optionsSuccessStatus: 204,');
    const content = `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  // Before listen(): Nest mounts the CORS middleware ahead of guards, pipes and controllers,
  // so preflights never hit a guard and exception-filter responses keep the headers.
  app.enableCors({
${o.join('\n')}
  });
  await app.listen(process.env.PORT ?? 3000);
}
bootstrap();
`;
    return {
      files: [{ path: 'src/main.ts', language: 'typescript', content }],
      assumptions: ['NestJS 10/11 on the Express platform (the `cors` package) or the Fastify platform (@fastify/cors: same option names)'],
      placement: 'src/main.ts: `app.enableCors(...)` right after `NestFactory.create`, before `app.listen`.',
      pitfalls: [
        '`allowedHeaders` is always set: unset, it reflects every requested header',
        'CORS is enabled on the app, not in a guard or interceptor, so guards never answer preflights with 401/403',
      ],
      warnings: [],
    };
  },
};

export const nextjs: StackGenerator = {
  id: 'nextjs',
  title: 'Next.js (middleware)',
  group: 'node',
  supports: ['null-origin'], // exact-string / anchored-regex origin check: `null` is one more exact origin
  render(p) {
    const vary = p.anyOrigin ? '' : `\n  response.headers.append('Vary', 'Origin');`;
    const content = `import { NextResponse, type NextRequest } from 'next/server';

${jsOriginCheck(p, true)}

${jsCorsHeaders(p, true)}

${JS_IS_PREFLIGHT(true)}

export function middleware(request: NextRequest) {
  const origin = request.headers.get('Origin');
  // Answer the preflight here, before route handlers, auth or i18n redirects can.
  if (isPreflight(request)) {
    if (!isAllowedOrigin(origin)) return new NextResponse(null, { status: 403${p.anyOrigin ? '' : `, headers: { Vary: 'Origin' }`} });
    const headers = corsHeaders(origin, true);${p.anyOrigin ? '' : `\n    headers.append('Vary', 'Origin');`}
    return new NextResponse(null, { status: 204, headers });
  }
  const response = NextResponse.next();
  if (isAllowedOrigin(origin)) {
    for (const [name, value] of corsHeaders(origin, false)) response.headers.set(name, value);
  }${vary}
  return response;
}

// Which paths get CORS; widen or narrow it to your API.
export const config = { matcher: '/api/:path*' };
`;
    return {
      files: [{ path: 'middleware.ts', language: 'typescript', content }],
      assumptions: [
        'Next.js 13.4+ (App or Pages router); in Next.js 16 the file is `proxy.ts` and the function is named `proxy`',
        'the API lives under /api (the matcher)',
      ],
      placement: 'middleware.ts at the project root (next to app/ or pages/, or in src/ if you use it).',
      pitfalls: [
        'the preflight is answered in middleware, before route handlers (whose automatic OPTIONS sends no CORS headers)',
        'headers are added to the response Next.js sends, error pages from route handlers included',
        '`Vary: Origin` is appended, never replacing an existing Vary',
      ],
      warnings: [],
    };
  },
};

