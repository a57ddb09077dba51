// The local site the HAR recorder drives: a page origin (app.test) and an API origin (api.test)
// whose endpoints reproduce the classic CORS failures, plus one correct endpoint, and a second host
// (other.test) for the cross-host redirect. Everything listens on 127.0.0.1; the browser maps the
// .test names to loopback. The demo API of `corsight demo` can replace the API (`--api URL`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the page makes, and what the failure (if any) is meant to show. */
export interface SiteCall {
  label: string;
  path: string;
  init: { method?: string; headers?: Record<string, string>; credentials?: 'include'; body?: string };
  api?: 'xhr';
}

/** The calls, in the order the page makes them (paths relative to the API base URL). */
export const CALLS: SiteCall[] = [
  { label: 'correct (preflighted PUT)', path: '/ok', init: { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Request-Id': '42' }, body: '{"a":1}' } },
  { label: 'correct (simple GET)', path: '/ok?simple=1', init: {} },
  { label: 'no ACAO', path: '/no-acao', init: {} },
  { label: 'OPTIONS 404', path: '/options-404', init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' } },
  { label: 'Authorization not in ACAH', path: '/auth', init: { headers: { Authorization: 'Bearer t0ken' } } },
  { label: 'DELETE not in ACAM', path: '/items/1', init: { method: 'DELETE' } },
  { label: '* with credentials', path: '/wildcard', init: { credentials: 'include' } },
  { label: 'www mismatch', path: '/www', init: {} },
  { label: 'CORS headers missing on an error response', path: '/error', init: {} },
  { label: 'redirect to another host', path: '/redirect', init: {} },
  { label: 'XHR, no ACAO', path: '/no-acao?xhr=1', init: {}, api: 'xhr' },
];

function send(res: ServerResponse, status: number, headers: Record<string, string>, body = ''): void {
  res.writeHead(status, { 'Content-Type': body.startsWith('{') ? 'application/json' : 'text/plain', ...headers });
  res.end(body);
}

/** The API's behaviour per path: `page` is the page origin (for reflecting it), `other` the second host. */
function api(req: IncomingMessage, res: ServerResponse, page: string, other: string): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const origin = req.headers.origin ?? '';
  const reflect = { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
  const pre = req.method === 'OPTIONS';
  switch (url.pathname) {
    case '/ok':
      if (pre) return send(res, 204, { ...reflect, 'Access-Control-Allow-Methods': 'GET, PUT, DELETE', 'Access-Control-Allow-Headers': 'content-type, x-request-id', 'Access-Control-Max-Age': '0' });
      return send(res, 200, reflect, '{"ok":true}');
    case '/no-acao':
      return send(res, 200, {}, '{"secret":1}');
    case '/options-404':
      if (pre) return send(res, 404, {}, 'Not Found');
      return send(res, 201, reflect, '{}');
    case '/auth':
      if (pre) return send(res, 204, { ...reflect, 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '0' });
      return send(res, 200, reflect, '{"me":1}');
    case '/items/1':
      if (pre) return send(res, 204, { ...reflect, 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Max-Age': '0' });
      return send(res, 204, reflect);
    case '/wildcard':
      return send(res, 200, { 'Access-Control-Allow-Origin': '*' }, '{"w":1}');
    case '/www': {
      const u = new URL(page);
      return send(res, 200, { 'Access-Control-Allow-Origin': `${u.protocol}//www.${u.host}`, Vary: 'Origin' }, '{}');
    }
    case '/error':
      // The error path bypasses the CORS middleware: no ACAO on the 500.
      return send(res, 500, {}, 'Internal Server Error');
    case '/redirect':
      return send(res, 302, { ...reflect, Location: `${other}/login?next=%2Fredirect` });
    default:
      return send(res, 404, reflect, 'Not Found');
  }
}

const PAGE_HTML = (apiBase: string): string => `<!doctype html><meta charset="utf-8"><title>corsight HAR fixture</title>
<img src="${apiBase}/pixel.png" alt="">
<script>
const API = ${JSON.stringify(apiBase)};
const CALLS = ${JSON.stringify(CALLS)};
function xhr(url) {
  return new Promise((resolve) => {
    const x = new XMLHttpRequest();
    x.open('GET', url);
    x.onloadend = () => resolve(x.status);
    x.send();
  });
}
window.__results = [];
(async () => {
  await fetch('/same-origin.json').then((r) => r.text()).catch(() => null);
  for (const c of CALLS) {
    const url = API + c.path;
    let r;
    try {
      if (c.api === 'xhr') r = 'xhr ' + await xhr(url);
      else { const res = await fetch(url, c.init); r = res.status; }
    } catch (e) { r = String(e); }
    window.__results.push([c.label, r]);
  }
  window.__done = true;
})();
</script>`;

export interface Site {
  page: string;
  api: string;
  other: string;
  ports: number[];
  close(): Promise<void>;
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer(handler);
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

/** Starts the page origin, the API (unless `apiBase` is given) and the redirect target host. */
export async function startSite(apiBase?: string): Promise<Site> {
  let pageUrl = '';
  let otherUrl = '';
  let apiUrl = apiBase ?? '';
  const other = await listen((_req, res) => send(res, 200, {}, '<!doctype html><title>Log in</title>'));
  otherUrl = `http://other.test:${(other.address() as AddressInfo).port}`;
  const page = await listen((req, res) => {
    if (req.url === '/same-origin.json') return send(res, 200, {}, '{"same":true}');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(PAGE_HTML(apiUrl));
  });
  pageUrl = `http://app.test:${(page.address() as AddressInfo).port}`;
  const servers = [page, other];
  if (apiBase === undefined) {
    const a = await listen((req, res) => {
      if (req.url === '/pixel.png') return send(res, 200, { 'Content-Type': 'image/png' });
      api(req, res, pageUrl, otherUrl);
    });
    apiUrl = `http://api.test:${(a.address() as AddressInfo).port}`;
    servers.push(a);
  }
  return {
    page: `${pageUrl}/`,
    api: apiUrl,
    other: otherUrl,
    ports: servers.map((s) => (s.address() as AddressInfo).port),
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => undefined),
  };
}
