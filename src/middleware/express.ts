/**
 * corsight/express: CORS middleware for Express 4 and 5.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { corsight as nodeCorsight } from './node.js';
import type { AdapterOptions, PolicyInput, Reconfigurable } from './live.js';

export type { PolicyInput, AdapterOptions, Reconfigurable } from './live.js';

/** An Express middleware (`(req, res, next)`) with `policy` and `reconfigure`. */
export interface ExpressCors extends Reconfigurable {
  (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void;
}

/**
 * CORS middleware for Express 4 and 5. Mount it with `app.use()` **before** everything else —
 * body parsers, auth, rate limiters, routers — so that every response, including their 400/401/429,
 * Express's 404 and the error handler's 500, carries the CORS headers (it sets them before calling
 * `next()`). Preflights (OPTIONS + Origin + Access-Control-Request-Method) are answered here with
 * 204 (or 403 when refused) and never reach your routes; other OPTIONS requests do.
 *
 * @example
 * import express from 'express';
 * import { corsight } from 'corsight/express';
 * const app = express();
 * app.use(corsight({ origins: ['https://app.example.com'], methods: ['PUT', 'DELETE'], requestHeaders: ['content-type'] }));
 * app.use(express.json());
 * app.put('/items/:id', (req, res) => res.json({ ok: true }));
 * app.listen(8080);
 */
export function corsight(input: PolicyInput, options: AdapterOptions = {}): ExpressCors {
  // The node:http handler already has Express's (req, res, next) shape; its return value is ignored.
  return nodeCorsight(input, options) as unknown as ExpressCors;
}

export default corsight;
