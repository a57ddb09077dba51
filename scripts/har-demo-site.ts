// The demo target of scripts/record-har.ts (`--demo`): the real demo API (startDemoServer() of
// src/io/demo-server.ts, on 127.0.0.1 with its login host on 127.0.0.2) and a page served on each
// page origin the demo's checks name (DEMO_ENDPOINTS[].check.origin: http://localhost:3000, and
// https://example.com for www-mismatch). The page's script makes each endpoint's request with
// fetch exactly as its `check` describes (method, headers, body, credentials).
//
// No port 3000 and no example.com are ever bound or contacted: one loopback server answers for
// both page origins, like the conformance harness's server — as the HTTP proxy of Firefox
// (absolute-form requests; CONNECT to example.com:443 is answered here and TLS is terminated with
// the harness's self-signed certificate), and for Chromium through --host-resolver-rules that
// map `localhost:3000` and `example.com:443` onto its two loopback ports (plain and TLS), so the
// page is reached directly (a proxied page would be "public" to Local Network Access). The API
// requests go directly to 127.0.0.1 / 127.0.0.2 in both browsers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { harnessSecureContext } from '../conformance/harness/tls.js';
import { DEMO_ENDPOINTS, startDemoServer } from '../src/io/demo-server.js';
import type { Site } from './har-site.js';

/** The fetch call of one demo endpoint, as its `check` describes it. */
export interface DemoCall {
  id: string;
  origin: string;
  init: { method: string; headers?: Record<string, string>; body?: string; credentials?: 'include' | 'omit' | 'same-origin' };
}

export const DEMO_CALLS: DemoCall[] = DEMO_ENDPOINTS.map((e) => ({
  id: e.id,
  origin: e.check.origin,
  init: {
    method: e.check.method,
    ...(e.check.headers ? { headers: Object.fromEntries(e.check.headers) } : {}),
    ...(e.check.data !== undefined ? { body: e.check.data } : {}),
    ...(e.check.credentials ? { credentials: e.check.credentials } : {}),
  },
}));

/** The page origins, in the order the recorder visits them. */
export const DEMO_PAGE_ORIGINS = [...new Set(DEMO_CALLS.map((c) => c.origin))];

const PAGE_HTML = (api: string, calls: DemoCall[]): string => `<!doctype html><meta charset="utf-8"><title>corsight demo HAR fixture</title>
<link rel="icon" href="data:,">
<script>
const API = ${JSON.stringify(api)};
const CALLS = ${JSON.stringify(calls)};
window.__results = [];
(async () => {
  for (const c of CALLS) {
    let r;
    try { const res = await fetch(API + '/api/' + c.id, c.init); await res.text(); r = res.status; } catch (e) { r = String(e); }
    window.__results.push([c.id, r]);
  }
  window.__done = true;
})();
</script>`;

export interface DemoSite extends Site {
  /** One page per page origin, visited in order. */
  pages: string[];
  /** Chromium --host-resolver-rules MAP entries putting the page origins on loopback. */
  chromiumMaps: string[];
  /** Port of the page server as Firefox's HTTP/HTTPS proxy. */
  proxyPort: number;
}

/** Starts the demo API and the page server (plain + TLS listener). */
export async function startDemoSite(): Promise<DemoSite> {
  const demo = await startDemoServer();
  const page = (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    // Absolute-form (proxy) or origin-form: the page origin is the scheme of the connection + Host.
    const secure = (req.socket as { encrypted?: boolean }).encrypted === true;
    const origin = `${secure ? 'https' : 'http'}://${req.headers.host ?? ''}`.replace(/:443$|(?<=^http:\/\/[^:]+):80$/, '');
    const path = new URL(req.url ?? '/', origin).pathname;
    const calls = DEMO_CALLS.filter((c) => c.origin === origin);
    if (path !== '/' || calls.length === 0) {
      res.writeHead(404, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' });
      res.end('not found\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(PAGE_HTML(demo.url, calls));
  };
  const server = createServer(page);
  const ctx = harnessSecureContext();
  // Firefox: CONNECT example.com:443 through the proxy; TLS terminated here.
  server.on('connect', (req: IncomingMessage, socket, head: Buffer) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    const t = new tls.TLSSocket(socket, { isServer: true, secureContext: ctx });
    t.on('error', () => socket.destroy());
    server.emit('connection', t);
  });
  const secure = tls.createServer({ SNICallback: (_name, cb) => cb(null, ctx) }, (t) => server.emit('connection', t));
  secure.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => secure.listen(0, '127.0.0.1', r));
  const plainPort = (server.address() as AddressInfo).port;
  const tlsPort = (secure.address() as AddressInfo).port;
  const chromiumMaps = DEMO_PAGE_ORIGINS.map((o) => {
    const u = new URL(o);
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    return `MAP ${u.hostname}:${port} 127.0.0.1:${u.protocol === 'https:' ? tlsPort : plainPort}`;
  });
  return {
    page: `${DEMO_PAGE_ORIGINS[0]}/`,
    pages: DEMO_PAGE_ORIGINS.map((o) => `${o}/`),
    api: demo.url,
    other: demo.loginUrl,
    ports: [plainPort, tlsPort],
    chromiumMaps,
    proxyPort: plainPort,
    close: async () => {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await new Promise<void>((r) => secure.close(() => r()));
      await demo.close();
    },
  };
}
