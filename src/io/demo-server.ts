/**
 * The embedded demo API of `corsight demo` (and `npm start`): one loopback server whose endpoints
 * reproduce the CORS failures developers hit most, each the way a real server produces it (a
 * missing OPTIONS route, an error handler without the CORS headers, an auth redirect to a login
 * page on another host...), plus one correct endpoint. A second loopback server plays the login
 * host. `createDemoHandler` can be mounted by another server (the playground).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CredentialsMode, HeaderPair } from '../engine/index.js';

/** One demo endpoint and the `corsight check` that shows its failure. */
export interface DemoEndpoint {
  /** Stable id, also the path below `/api/`. */
  id: string;
  /** The failure it reproduces, in the words of the seed article's list. */
  title: string;
  /** What the page does (method, headers, credentials) and from which origin. */
  check: { origin: string; method: string; headers?: HeaderPair[]; data?: string; credentials?: CredentialsMode };
  /** What every browser does with it. */
  expect: 'allowed' | 'blocked';
}

export const DEMO_PAGE_ORIGIN = 'http://localhost:3000';

/** The endpoints, in the order the demo checks them. */
export const DEMO_ENDPOINTS: readonly DemoEndpoint[] = [
  { id: 'no-allow-origin', title: 'no Access-Control-Allow-Origin at all', check: { origin: DEMO_PAGE_ORIGIN, method: 'GET' }, expect: 'blocked' },
  {
    id: 'options-404', title: 'the preflight OPTIONS is answered 404 (no route for it)',
    check: { origin: DEMO_PAGE_ORIGIN, method: 'PUT', headers: [['Content-Type', 'application/json']], data: '{"name":"mug"}' }, expect: 'blocked',
  },
  {
    id: 'authorization-not-allowed', title: 'Authorization is not in Access-Control-Allow-Headers',
    check: { origin: DEMO_PAGE_ORIGIN, method: 'GET', headers: [['Authorization', 'Bearer demo-token']] }, expect: 'blocked',
  },
  { id: 'delete-not-allowed', title: 'DELETE is not in Access-Control-Allow-Methods', check: { origin: DEMO_PAGE_ORIGIN, method: 'DELETE' }, expect: 'blocked' },
  {
    id: 'wildcard-credentials', title: 'Access-Control-Allow-Origin: * with credentials',
    check: { origin: DEMO_PAGE_ORIGIN, method: 'GET', credentials: 'include' }, expect: 'blocked',
  },
  { id: 'www-mismatch', title: 'the allowed origin has www., the page has none', check: { origin: 'https://example.com', method: 'GET' }, expect: 'blocked' },
  {
    id: 'error-without-cors', title: 'CORS headers missing on an error response (500)',
    check: { origin: DEMO_PAGE_ORIGIN, method: 'POST', headers: [['Content-Type', 'application/json']], data: '{"qty":1}' }, expect: 'blocked',
  },
  {
    id: 'redirect-to-login', title: 'a redirect to a login page on another host',
    check: { origin: DEMO_PAGE_ORIGIN, method: 'GET', credentials: 'include' }, expect: 'blocked',
  },
  {
    id: 'correct', title: 'correct: allowlisted origin, preflight answered, Vary: Origin',
    check: { origin: DEMO_PAGE_ORIGIN, method: 'PUT', headers: [['Content-Type', 'application/json'], ['Authorization', 'Bearer demo-token']], data: '{"name":"mug"}', credentials: 'include' },
    expect: 'allowed',
  },
];

const JSON_HEADERS: HeaderPair[] = [['Content-Type', 'application/json']];

function send(res: http.ServerResponse, status: number, headers: HeaderPair[], body = ''): void {
  const flat: string[] = [];
  for (const [n, v] of headers) flat.push(n, v);
  if (body !== '') flat.push('Content-Length', String(Buffer.byteLength(body)));
  res.writeHead(status, flat as unknown as http.OutgoingHttpHeaders);
  res.end(body);
}

/**
 * The request handler of the demo API. `loginOrigin` is where `redirect-to-login` sends the
 * browser (another host: the demo's second server).
 */
export function createDemoHandler(loginOrigin: string): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const origin = req.headers.origin;
    const m = req.method ?? 'GET';
    const allowed = origin === DEMO_PAGE_ORIGIN;
    const echo: HeaderPair[] = allowed ? [['Access-Control-Allow-Origin', origin]] : [];
    req.resume();
    switch (url.pathname) {
      case '/':
        return send(res, 200, [['Content-Type', 'text/plain; charset=utf-8']], `corsight demo API: ${DEMO_ENDPOINTS.map((e) => `/api/${e.id}`).join(' ')}\n`);
      case '/api/no-allow-origin':
        // The route was written without any CORS middleware.
        return send(res, 200, JSON_HEADERS, '[{"id":1,"name":"Coffee mug"}]');
      case '/api/options-404':
        // CORS headers set in the PUT handler only; the router has no OPTIONS route.
        if (m === 'PUT') return send(res, 200, [...echo, ...JSON_HEADERS], '{"ok":true}');
        return send(res, 404, [['Content-Type', 'text/html; charset=utf-8']], '<!DOCTYPE html><title>Error</title><pre>Cannot OPTIONS /api/options-404</pre>');
      case '/api/authorization-not-allowed':
        if (m === 'OPTIONS') {
          return send(res, 204, [...echo, ['Access-Control-Allow-Methods', 'GET, POST'], ['Access-Control-Allow-Headers', 'Content-Type'], ['Vary', 'Origin']]);
        }
        return send(res, 200, [...echo, ['Vary', 'Origin'], ...JSON_HEADERS], '{"user":"ada"}');
      case '/api/delete-not-allowed':
        if (m === 'OPTIONS') {
          return send(res, 204, [...echo, ['Access-Control-Allow-Methods', 'GET, POST, PUT'], ['Vary', 'Origin']]);
        }
        return send(res, m === 'DELETE' ? 204 : 200, [...echo, ['Vary', 'Origin']]);
      case '/api/wildcard-credentials':
        return send(res, 200, [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true'], ...JSON_HEADERS], '{"user":"ada"}');
      case '/api/www-mismatch':
        return send(res, 200, [['Access-Control-Allow-Origin', 'https://www.example.com'], ['Vary', 'Origin'], ...JSON_HEADERS], '{"ok":true}');
      case '/api/error-without-cors':
        if (m === 'OPTIONS') {
          return send(res, 204, [...echo, ['Access-Control-Allow-Methods', 'GET, POST'], ['Access-Control-Allow-Headers', 'Content-Type'], ['Vary', 'Origin']]);
        }
        // The error handler writes its own response and loses the CORS headers.
        return send(res, 500, [['Content-Type', 'application/json']], '{"error":"database unavailable"}');
      case '/api/redirect-to-login':
        // The CORS middleware runs, then the auth middleware finds no session cookie.
        return send(res, 302, [...echo, ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin'],
          ['Location', `${loginOrigin}/login?next=${encodeURIComponent('/api/redirect-to-login')}`]]);
      case '/api/correct':
        if (m === 'OPTIONS') {
          if (!allowed) return send(res, 204, [['Vary', 'Origin']]);
          return send(res, 204, [...echo, ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Methods', 'GET, PUT, DELETE'],
            ['Access-Control-Allow-Headers', 'Authorization, Content-Type'], ['Access-Control-Max-Age', '600'], ['Vary', 'Origin']]);
        }
        return send(res, 200, [...echo, ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin'], ...JSON_HEADERS], '{"ok":true}');
      default:
        return send(res, 404, [['Content-Type', 'text/plain; charset=utf-8']], 'not found\n');
    }
  };
}

function loginHandler(req: http.IncomingMessage, res: http.ServerResponse): void {
  req.resume();
  send(res, 200, [['Content-Type', 'text/html; charset=utf-8']], '<!DOCTYPE html><title>Sign in</title><form method="post"><input name="user"></form>');
}

/** A running demo: the API, the login host, and how to stop them. */
export interface DemoServer {
  /** Base URL of the API, e.g. http://127.0.0.1:4580 */
  url: string;
  /** Base URL of the login host the API redirects to (127.0.0.2 where available). */
  loginUrl: string;
  endpoints: readonly DemoEndpoint[];
  /** The URL of an endpoint. */
  urlOf(e: DemoEndpoint): string;
  close(): Promise<void>;
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeServer(s: http.Server): Promise<void> {
  return new Promise((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections();
  });
}

/**
 * Starts the demo API and its login host on loopback.
 *
 * @param opts.host default `127.0.0.1` (never anything but loopback)
 * @param opts.port default 0 (a free port); when the port is taken, a free one is used
 * @example
 * const demo = await startDemoServer();
 * demo.urlOf(demo.endpoints[0]); // http://127.0.0.1:41523/api/no-allow-origin
 * await demo.close();
 */
export async function startDemoServer(opts: { host?: string; port?: number } = {}): Promise<DemoServer> {
  const host = opts.host ?? '127.0.0.1';
  // The login page lives on another host: 127.0.0.2 (all of 127.0.0.0/8 is loopback on Linux);
  // where that address is not configured (macOS), another port of the same host.
  const login = http.createServer(loginHandler);
  let loginHost = host === '127.0.0.1' ? '127.0.0.2' : host;
  let loginPort: number;
  try {
    loginPort = await listen(login, loginHost, 0);
  } catch {
    loginHost = host;
    loginPort = await listen(login, loginHost, 0);
  }
  const loginUrl = `http://${loginHost}:${loginPort}`;
  const api = http.createServer(createDemoHandler(loginUrl));
  let port: number;
  try {
    port = await listen(api, host, opts.port ?? 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !opts.port) {
      await closeServer(login);
      throw e;
    }
    port = await listen(api, host, 0);
  }
  const url = `http://${host}:${port}`;
  return {
    url, loginUrl, endpoints: DEMO_ENDPOINTS,
    urlOf: (e) => `${url}/api/${e.id}`,
    close: async () => {
      await Promise.all([closeServer(api), closeServer(login)]);
    },
  };
}
