/**
 * corsight/fetch: CORS for Fetch-API runtimes — a `Request -> Response` handler wrapper (Cloudflare
 * Workers, Bun, Deno, Next.js route handlers) and a Hono middleware. Uses only web globals
 * (`Response`, `Headers`), no `node:*`.
 */
import type { CorsDecision, CorsPolicy } from '../policy/policy.js';
import { appendVary, attachLive, LivePolicy, type AdapterOptions, type PolicyInput, type Reconfigurable } from './live.js';

export type { PolicyInput, AdapterOptions, Reconfigurable } from './live.js';

type Awaitable<T> = T | Promise<T>;

/** The preflight answer as a fresh `Response` (no body). */
function preflightResponse(d: CorsDecision): Response {
  const headers = new Headers();
  const hs = d.headers;
  for (let i = 0; i < hs.length; i++) headers.set(hs[i]![0], hs[i]![1]);
  if (d.vary !== null) headers.set('Vary', d.vary);
  return new Response(null, { status: d.status, headers });
}

function setAll(headers: Headers, d: CorsDecision): void {
  const hs = d.headers;
  for (let i = 0; i < hs.length; i++) headers.set(hs[i]![0], hs[i]![1]);
  if (d.vary !== null) headers.set('Vary', appendVary(headers.get('vary'), d.vary));
}

/**
 * Adds an actual-request decision's headers to `response`: in place when its headers are mutable,
 * else on a copy (responses from `fetch()`, `Response.redirect()`... have immutable headers).
 */
export function withCorsHeaders(response: Response, d: CorsDecision): Response {
  if (d.headers.length === 0 && d.vary === null) return response;
  try {
    setAll(response.headers, d);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    setAll(copy.headers, d);
    return copy;
  }
}

function decideFor(policy: CorsPolicy, request: Request): CorsDecision {
  const h = request.headers;
  return policy.decide(request.method, h.get('origin'), h.get('access-control-request-method'), h.get('access-control-request-headers'));
}

/** A `Request -> Response` handler with CORS, plus `policy` and `reconfigure`. */
export type FetchHandler<A extends unknown[]> = (request: Request, ...rest: A) => Awaitable<Response>;

export interface FetchCors extends Reconfigurable {
  /**
   * Wraps a fetch handler: preflights are answered without calling it; its responses (and the
   * 500 it turns a thrown error into, see `onError`) get the CORS headers.
   */
  wrap<A extends unknown[]>(handler: FetchHandler<A>, onError?: (error: unknown, request: Request) => Awaitable<Response>): (request: Request, ...rest: A) => Promise<Response>;
  /** For one request: the preflight `Response` to return right away, or null (then call `apply` on your response). */
  preflight(request: Request): Response | null;
  /** Adds the CORS headers for `request` to `response` (a copy when its headers are immutable). */
  apply(request: Request, response: Response): Response;
}

/**
 * CORS for Fetch-API runtimes. `wrap(handler)` returns a handler for Cloudflare Workers
 * (`export default { fetch: cors.wrap(handler) }`), `Bun.serve({ fetch })`, `Deno.serve()` or a
 * Next.js route handler (`export const GET = cors.wrap(...)`, and `export const OPTIONS =
 * cors.wrap(() => new Response(null, { status: 405 }))` so preflights reach it). A handler that
 * throws becomes a 500 with CORS headers, so the browser shows the real status (pass `onError` to
 * choose the response).
 *
 * @example
 * import { corsight } from 'corsight/fetch';
 * const cors = corsight({ origins: ['https://app.example.com'], methods: ['PUT'], requestHeaders: ['content-type'] });
 * export default {
 *   fetch: cors.wrap(async (request) => Response.json({ ok: true, method: request.method })),
 * };
 */
export function corsight(input: PolicyInput, options: AdapterOptions = {}): FetchCors {
  const live = new LivePolicy(input, options);
  const preflight = (request: Request): Response | null => {
    const policy = live.current;
    const d = decideFor(policy, request);
    if (d.kind !== 'preflight') return null;
    live.report(policy, d);
    return preflightResponse(d);
  };
  const api = {
    preflight,
    apply: (request: Request, response: Response) => withCorsHeaders(response, decideFor(live.current, request)),
    wrap<A extends unknown[]>(handler: FetchHandler<A>, onError?: (error: unknown, request: Request) => Awaitable<Response>) {
      return async (request: Request, ...rest: A): Promise<Response> => {
        const policy = live.current;
        const d = decideFor(policy, request);
        if (d.kind === 'preflight') {
          live.report(policy, d);
          return preflightResponse(d);
        }
        let response: Response;
        try {
          response = await handler(request, ...rest);
        } catch (err) {
          response = onError !== undefined ? await onError(err, request) : new Response('Internal Server Error', { status: 500 });
        }
        return withCorsHeaders(response, d);
      };
    },
  };
  return attachLive(api, live) as FetchCors;
}

/** The parts of a Hono context the middleware uses (typed structurally: no runtime import of hono). */
export interface HonoContextLike {
  req: { method: string; raw: Request };
  res: Response;
}

/** A Hono middleware with `policy` and `reconfigure`. */
export interface HonoCors extends Reconfigurable {
  (c: HonoContextLike, next: () => Promise<void>): Promise<Response | void>;
}

/**
 * Hono middleware. `app.use('*', corsight(...))` **first**, before auth, validators and routes:
 * preflights are answered (204, or 403 when refused) before any of them; for other requests the
 * headers are added to `c.res` after `next()`, i.e. to whatever answered — a route, `notFound`,
 * or `onError` for a thrown error (Hono turns those into responses before returning to us).
 *
 * @example
 * import { Hono } from 'hono';
 * import { hono as corsight } from 'corsight/fetch';
 * const app = new Hono();
 * app.use('*', corsight({ origins: ['https://app.example.com'], credentials: true }));
 * app.get('/items', (c) => c.json({ items: [] }));
 * export default app;
 */
export function hono(input: PolicyInput, options: AdapterOptions = {}): HonoCors {
  const live = new LivePolicy(input, options);
  const mw = async (c: HonoContextLike, next: () => Promise<void>): Promise<Response | void> => {
    const policy = live.current;
    const d = decideFor(policy, c.req.raw);
    if (d.kind === 'preflight') {
      live.report(policy, d);
      return preflightResponse(d);
    }
    await next();
    if (d.headers.length === 0 && d.vary === null) return;
    try {
      setAll(c.res.headers, d);
    } catch {
      // Immutable headers (e.g. a proxied fetch() response): replace the response with a copy.
      const copy = new Response(c.res.body, c.res);
      setAll(copy.headers, d);
      (c as { res: Response | undefined }).res = undefined;
      c.res = copy;
    }
  };
  return attachLive(mw, live) as HonoCors;
}

export default corsight;
