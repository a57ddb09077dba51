/**
 * The live check behind the playground (`npm start`): the page cannot read another origin's
 * blocked response, so it asks this local server to probe the real URL as `corsight check` does.
 * Only the page this server served can ask: a per-run token (announced in the served HTML), the
 * request's Origin must be this server's own, and Host must be this loopback address (no DNS
 * rebinding). Nothing else is reachable through it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REAL_BROWSERS, validateScenario, formatValidationError, type Scenario } from '../engine/index.js';
import { checkJson, runCheckInput } from './check.js';
import { CliError } from './io.js';

const MAX_BODY = 64 * 1024;

/** The `<meta>` announcing the endpoint, inserted into the served `index.html`. */
export function announceLiveCheck(html: string, token: string): string {
  const meta = `<meta name="corsight-live-check" content="/api/check" data-token="${token}">`;
  return html.includes('<head>') ? html.replace('<head>', `<head>${meta}`) : `${meta}${html}`;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_BODY) return null;
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The handler for `POST /api/check` (anything else falls through to the static files).
 * @param ownOrigin this server's origin, e.g. `http://127.0.0.1:4581`
 * @param check the probe (default: `corsight check`'s), replaceable in tests
 */
export function liveCheckHandler(
  ownOrigin: string, token: string,
  check: (s: Scenario) => Promise<unknown> = async (s) => checkJson(await runCheckInput({ page: s.page, request: s.request, browsers: [...REAL_BROWSERS], timeoutMs: 10000, insecure: false })),
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const host = new URL(ownOrigin).host;
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/api/check') return false;
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return true;
    }
    if (req.headers.host !== host) return send(res, 403, { error: `Host must be ${host}` }), true;
    if (req.headers.origin !== ownOrigin) return send(res, 403, { error: 'only the page served here may ask for a live check' }), true;
    if (req.headers['x-corsight-token'] !== token) return send(res, 403, { error: 'missing or wrong X-Corsight-Token' }), true;
    const raw = await readBody(req);
    if (raw === null) return send(res, 413, { error: `request body over ${MAX_BODY} bytes` }), true;
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, { error: 'the body is not JSON' }), true;
    }
    const b = body as { page?: unknown; request?: unknown };
    const v = validateScenario({ page: b.page, request: b.request });
    if (!v.ok) return send(res, 400, { error: v.errors.map(formatValidationError).join('; ') }), true;
    try {
      return send(res, 200, await check(v.scenario)), true;
    } catch (e) {
      return send(res, e instanceof CliError ? 502 : 500, { error: e instanceof Error ? e.message.split('\n')[0] : String(e) }), true;
    }
  };
}
