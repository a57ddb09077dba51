/**
 * corsight/koa: CORS middleware for Koa 2 and 3 (typed structurally: no runtime import of koa).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorsDecision } from '../policy/policy.js';
import { appendVary, attachLive, LivePolicy, type AdapterOptions, type PolicyInput, type Reconfigurable } from './live.js';

export type { PolicyInput, AdapterOptions, Reconfigurable } from './live.js';

/** The parts of a Koa context the middleware uses. */
export interface KoaContextLike {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  status: number;
  body: unknown;
}

/** A Koa middleware with `policy` and `reconfigure`. */
export interface KoaCors extends Reconfigurable {
  (ctx: KoaContextLike, next: () => Promise<unknown>): Promise<void>;
}

function header(v: string | string[] | undefined): string | null {
  if (v === undefined) return null;
  return typeof v === 'string' ? v : v.join(', ');
}

/**
 * CORS middleware for Koa 2 and 3. `app.use()` it **first**, before error-reporting, auth, body
 * parsers and routers. Preflights are answered here (204, or 403 when refused). For other requests
 * the headers are set before `next()`; and because Koa's default error handler removes every
 * header before answering a thrown error, an error escaping `next()` gets the CORS headers (and
 * `Vary`) merged into `err.headers`, which Koa then sends — so 4xx/5xx from `ctx.throw()`, thrown
 * errors and 404s all carry them. Middleware mounted before it can still answer without them.
 *
 * @example
 * import Koa from 'koa';
 * import { corsight } from 'corsight/koa';
 * const app = new Koa();
 * app.use(corsight({ origins: ['https://app.example.com'], credentials: true, exposeHeaders: ['x-request-id'] }));
 * app.use((ctx) => { ctx.set('x-request-id', '42'); ctx.body = { ok: true }; });
 * app.listen(8080);
 */
export function corsight(input: PolicyInput, options: AdapterOptions = {}): KoaCors {
  const live = new LivePolicy(input, options);
  const mw = async (ctx: KoaContextLike, next: () => Promise<unknown>): Promise<void> => {
    const policy = live.current;
    const h = ctx.req.headers;
    const d: CorsDecision = policy.decide(ctx.method, header(h.origin), header(h['access-control-request-method']), header(h['access-control-request-headers']));
    const res = ctx.res;
    const hs = d.headers;
    for (let i = 0; i < hs.length; i++) res.setHeader(hs[i]![0], hs[i]![1]);
    if (d.vary !== null) res.setHeader('Vary', appendVary(res.getHeader('vary'), d.vary));
    if (d.kind === 'preflight') {
      live.report(policy, d);
      ctx.status = d.status;
      if (d.status !== 204) ctx.body = '';
      return;
    }
    try {
      await next();
    } catch (err) {
      // Koa's ctx.onerror clears all headers, then sets err.headers: put ours there (a new object).
      if (err !== null && typeof err === 'object') {
        const e = err as { headers?: Record<string, unknown> };
        const merged: Record<string, unknown> = { ...(e.headers ?? {}) };
        for (let i = 0; i < hs.length; i++) merged[hs[i]![0]] = hs[i]![1];
        if (d.vary !== null) {
          const existing = Object.keys(merged).find((k) => k.toLowerCase() === 'vary');
          const prev = existing === undefined ? undefined : merged[existing];
          if (existing !== undefined) delete merged[existing];
          merged.Vary = appendVary(typeof prev === 'string' ? prev : undefined, d.vary);
        }
        try {
          e.headers = merged;
        } catch {
          // frozen error object: nothing we can add
        }
      }
      throw err;
    }
  };
  return attachLive(mw, live) as KoaCors;
}

export default corsight;
