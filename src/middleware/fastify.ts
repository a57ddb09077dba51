/**
 * corsight/fastify: CORS plugin for Fastify 5 (typed structurally: no runtime import of fastify).
 */
import type { IncomingMessage } from 'node:http';
import type { PolicyConfig } from '../policy/config.js';
import type { CorsDecision, CorsPolicy } from '../policy/policy.js';
import { appendVary, LivePolicy, type AdapterOptions, type PolicyInput, type Reconfigurable } from './live.js';

export type { PolicyInput, AdapterOptions, Reconfigurable } from './live.js';

/** The parts of a Fastify reply the plugin uses. */
interface ReplyLike {
  header(name: string, value: string): unknown;
  getHeader(name: string): string | number | string[] | undefined;
  code(status: number): ReplyLike;
  send(payload?: unknown): unknown;
}
interface RequestLike {
  raw: IncomingMessage;
}
interface FastifyLike {
  addHook(name: 'onRequest', hook: (request: RequestLike, reply: ReplyLike, done: () => void) => void): unknown;
  addHook(name: 'onSend', hook: (request: RequestLike, reply: ReplyLike, payload: unknown, done: (err: null, payload: unknown) => void) => void): unknown;
  decorate(name: string, value: unknown): unknown;
  decorateRequest(name: string, value: unknown): unknown;
}

/** Plugin options: a policy config or `{ policy }`, plus adapter options. */
export type FastifyCorsOptions = (PolicyConfig | { policy: CorsPolicy }) & AdapterOptions;

function header(v: string | string[] | undefined): string | null {
  if (v === undefined) return null;
  return typeof v === 'string' ? v : v.join(', ');
}

function apply(reply: ReplyLike, d: CorsDecision): void {
  const hs = d.headers;
  for (let i = 0; i < hs.length; i++) reply.header(hs[i]![0], hs[i]![1]);
  if (d.vary !== null) reply.header('vary', appendVary(reply.getHeader('vary') as string | undefined, d.vary));
}

/** Request property holding the decision between the hooks (declared with decorateRequest: a stable shape). */
const DECISION = 'corsightDecision';
type WithDecision = { [DECISION]: CorsDecision | null };

/**
 * CORS plugin for Fastify 5. Register it on the root instance **first**, before auth, rate-limit
 * and body-handling plugins: its `onRequest` hook then runs before theirs and answers preflights
 * (204, or 403 when refused) for every path — registered routes or not. For other requests the
 * CORS headers are added in an `onSend` hook, which Fastify runs for every reply it sends: route
 * results, thrown errors (500 or `statusCode`), 404s and errors replied by earlier hooks alike.
 * Replies written around Fastify (`reply.hijack()`, `reply.raw`) get no CORS headers.
 * The instance is decorated with `corsight` (`{ policy, reconfigure }`).
 *
 * @example
 * import Fastify from 'fastify';
 * import corsight from 'corsight/fastify';
 * const app = Fastify();
 * await app.register(corsight, { origins: ['https://app.example.com'], credentials: true, requestHeaders: ['content-type'] });
 * app.get('/items', async () => ({ items: [] }));
 * await app.listen({ port: 8080 });
 * // later: app.corsight.reconfigure({ origins: ['https://app.example.com', 'https://admin.example.com'] });
 */
function corsightPlugin(fastify: FastifyLike, opts: FastifyCorsOptions, done: (err?: Error) => void): void {
  let live: LivePolicy;
  try {
    const { log, ...rest } = opts as FastifyCorsOptions & Record<string, unknown>;
    const input: PolicyInput = 'policy' in rest && rest.policy !== undefined ? (rest.policy as CorsPolicy) : (rest as unknown as PolicyConfig);
    live = new LivePolicy(input, log === undefined ? {} : { log });
  } catch (err) {
    done(err as Error);
    return;
  }
  const handle: Reconfigurable = { get policy() { return live.current; }, reconfigure: (i: PolicyInput) => live.reconfigure(i) };
  fastify.decorate('corsight', handle);
  fastify.decorateRequest(DECISION, null);
  fastify.addHook('onRequest', (request, reply, next) => {
    const policy = live.current;
    const raw = request.raw;
    const h = raw.headers;
    const d = policy.decide(raw.method ?? 'GET', header(h.origin), header(h['access-control-request-method']), header(h['access-control-request-headers']));
    (request as unknown as WithDecision)[DECISION] = d;
    if (d.kind === 'preflight') {
      apply(reply, d);
      live.report(policy, d);
      reply.code(d.status).send();
      return; // answered: no next()
    }
    next();
  });
  fastify.addHook('onSend', (request, reply, payload, next) => {
    let d = (request as unknown as WithDecision)[DECISION];
    if (d === null || d === undefined) {
      // onRequest did not run for this request (an earlier hook replied first): decide now.
      const raw = request.raw;
      const h = raw.headers;
      d = live.current.decide(raw.method ?? 'GET', header(h.origin), header(h['access-control-request-method']), header(h['access-control-request-headers']));
    }
    if (d.kind === 'actual') apply(reply, d); // preflights were answered (or failed) before: nothing to add
    next(null, payload);
  });
  done();
}
(corsightPlugin as unknown as Record<symbol, unknown>)[Symbol.for('skip-override')] = true;
(corsightPlugin as unknown as Record<symbol, unknown>)[Symbol.for('fastify.display-name')] = 'corsight';

export const corsight = corsightPlugin;
export default corsightPlugin;

