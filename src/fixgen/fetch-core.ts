/**
 * The allowlist check and header builder as plain JavaScript/TypeScript over the Fetch API
 * (`Request`/`Response`/`Headers`): shared by the Cloudflare Workers, Next.js and Netlify Edge
 * generators, so the three emit the same, verified logic.
 */
import { jsRegexLiteral, patternRegex, sq, sqList } from './origins.js';
import type { Policy } from './types.js';

/**
 * The allowlist as JS declarations, `ALLOWED_ORIGINS` and (with patterns) `ALLOWED_ORIGIN_PATTERN`,
 * and the expression testing `origin` against them (`compound` when it is an `||`). Generators
 * differ only in how they spell an empty set and the pattern's comment.
 */
export function jsAllowlist(p: Policy, style: { emptySet: string; patternNote: string }): { decls: string[]; test: string; compound: boolean } {
  const decls = [`const ALLOWED_ORIGINS = ${p.exact.length ? `new Set([${sqList(p.exact)}])` : style.emptySet};`];
  const re = patternRegex(p);
  if (re === null) return { decls, test: 'ALLOWED_ORIGINS.has(origin)', compound: false };
  decls.push(`const ALLOWED_ORIGIN_PATTERN = ${jsRegexLiteral(re)}; // ${style.patternNote}`);
  return { decls, test: 'ALLOWED_ORIGINS.has(origin) || ALLOWED_ORIGIN_PATTERN.test(origin)', compound: true };
}

/** JS code declaring `ALLOWED_ORIGINS`, `ALLOWED_ORIGIN_PATTERN` and `isAllowedOrigin(origin)`. */
export function jsOriginCheck(p: Policy, ts: boolean): string {
  const t = (s: string): string => (ts ? s : '');
  if (p.anyOrigin) {
    return `const isAllowedOrigin = (origin${t(': string | null')})${t(': origin is string')} => origin !== null; // every origin ("*")`;
  }
  const { decls, test, compound } = jsAllowlist(p, { emptySet: 'new Set()', patternNote: 'anchored: no look-alike hosts' });
  const check = compound ? `(${test})` : test;
  return [...decls, `const isAllowedOrigin = (origin${t(': string | null')})${t(': origin is string')} =>\n  origin !== null && ${check};`].join('\n');
}

/** JS code declaring `corsHeaders(origin, preflight)` returning a `Headers` to add. */
export function jsCorsHeaders(p: Policy, ts: boolean): string {
  const t = (s: string): string => (ts ? s : '');
  const body: string[] = [];
  body.push(`  const headers = new Headers();`);
  body.push(p.anyOrigin ? `  headers.set('Access-Control-Allow-Origin', '*');` : `  headers.set('Access-Control-Allow-Origin', origin);`);
  if (p.credentials) body.push(`  headers.set('Access-Control-Allow-Credentials', 'true');`);
  body.push(`  if (preflight) {`);
  body.push(`    headers.set('Access-Control-Allow-Methods', ${sq(p.methods.join(', '))});`);
  if (p.requestHeaders.length) body.push(`    headers.set('Access-Control-Allow-Headers', ${sq(p.requestHeaders.join(', '))});`);
  if (p.maxAge !== undefined) body.push(`    headers.set('Access-Control-Max-Age', '${p.maxAge}');`);
  if (p.exposeHeaders.length) {
    body.push(`  } else {`);
    body.push(`    headers.set('Access-Control-Expose-Headers', ${sq(p.exposeHeaders.join(', '))});`);
  }
  body.push(`  }`);
  body.push(`  return headers;`);
  return `function corsHeaders(origin${t(': string')}, preflight${t(': boolean')})${t(': Headers')} {\n${body.join('\n')}\n}`;
}

/** True for a CORS preflight: OPTIONS with Origin and Access-Control-Request-Method (Fetch §4.8). */
export const JS_IS_PREFLIGHT = (ts: boolean): string =>
  `const isPreflight = (request${ts ? ': Request' : ''}) =>\n  request.method === 'OPTIONS' && request.headers.has('Origin') && request.headers.has('Access-Control-Request-Method');`;

/**
 * JS code declaring `withCors(request, response)`: copies the response with the CORS headers added
 * and `Vary: Origin` appended (never replacing an existing Vary).
 */
export function jsWithCors(p: Policy, ts: boolean): string {
  const t = (s: string): string => (ts ? s : '');
  const vary = p.anyOrigin ? '' : `\n  out.headers.append('Vary', 'Origin');`;
  return `function withCors(request${t(': Request')}, response${t(': Response')})${t(': Response')} {
  const out = new Response(response.body, response); // responses from fetch() have immutable headers
  const origin = request.headers.get('Origin');
  if (isAllowedOrigin(origin)) {
    for (const [name, value] of corsHeaders(origin, false)) out.headers.set(name, value);
  }${vary}
  return out;
}`;
}

/** The preflight answer: 204 with the headers when allowed, 403 without CORS headers otherwise. */
export function jsPreflightResponse(p: Policy, ts: boolean): string {
  const t = (s: string): string => (ts ? s : '');
  const vary = p.anyOrigin ? '' : `\n  headers.append('Vary', 'Origin');`;
  return `function preflightResponse(request${t(': Request')})${t(': Response')} {
  const origin = request.headers.get('Origin');
  if (!isAllowedOrigin(origin)) return new Response(null, { status: 403${p.anyOrigin ? '' : `, headers: { Vary: 'Origin' }`} });
  const headers = corsHeaders(origin, true);${vary}
  return new Response(null, { status: 204, headers });
}`;
}
