/**
 * A static file server for the built playground (playground/dist), bound to loopback only. The
 * page needs no server logic: this only hands out its files (a service worker needs http://127.0.0.1
 * or https, not file://). `npm start` will later mount the demo API and the live check next to it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Hosts the server may bind to: loopback only. */
const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

export interface StaticServerOptions {
  /** Directory to serve (its index.html answers `/`). */
  root: string;
  /** Port; default 0 (any free port). */
  port?: number;
  /** Loopback address to bind; default `127.0.0.1`. Anything else is refused. */
  host?: string;
  /** Rewrites `index.html` as served (e.g. to announce the live check with a per-run token). */
  index?: (html: string) => string;
  /** Answers a request itself (e.g. `POST /api/check`); resolves false to fall through to the files. */
  api?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:5173/` */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves `root` over HTTP on loopback. GET and HEAD only; paths never leave `root`.
 *
 * @example
 * const s = await serveStatic({ root: 'playground/dist', port: 5173 });
 * console.log(s.url); // http://127.0.0.1:5173/
 * await s.close();
 */
export async function serveStatic(options: StaticServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) throw new Error(`refusing to bind ${host}: the playground server binds to loopback only`);
  const root = resolve(options.root);
  const server = createServer((req, res) => {
    void (async () => {
      if (options.api !== undefined && (await options.api(req, res))) return;
      await answer(root, req, res, options.index);
    })().catch(() => { if (!res.headersSent) res.writeHead(500).end(); });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => { server.off('error', fail); ok(); });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : options.port ?? 0;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    server,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

async function answer(root: string, req: IncomingMessage, res: ServerResponse, index?: (html: string) => string): Promise<void> {
  const headers = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache', 'Referrer-Policy': 'no-referrer' };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400, headers).end('bad request\n');
    return;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = resolve(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(404, headers).end('not found\n');
    return;
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    let body = await readFile(file);
    if (index !== undefined && file === join(root, 'index.html')) body = Buffer.from(index(body.toString('utf8')), 'utf8');
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
  }
}
