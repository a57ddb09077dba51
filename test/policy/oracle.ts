/**
 * The engine as the middleware's test oracle. A random valid policy and a random browser request
 * become a scenario whose server routes are the middleware's real responses (the node:http adapter
 * on real `http.ServerResponse` objects, or the fetch adapter); the engine then judges them in the
 * chromium, firefox and webkit profiles, and the verdict must be exactly what the policy intends,
 * computed here independently of src/policy (no code shared with its matcher or parser).
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { writtenHead } from '../support/written-head.js';
import { Socket } from 'node:net';
import fc from 'fast-check';
import { simulateIn } from '../../src/engine/simulate.js';
import type { BrowserId, HeaderPair, Route, RunResult, Scenario, SentRequest } from '../../src/engine/types.js';
import { corsight as nodeCors, type NodeCors } from '../../src/middleware/node.js';
import { corsight as fetchCors, type FetchCors } from '../../src/middleware/fetch.js';
import type { PolicyConfig } from '../../src/policy/config.js';

export const SERVER = 'https://api.server.test';
export const URL_PATH = `${SERVER}/resource`;

// ---------- random policies ----------
const EXACT = ['https://app.example.com', 'https://admin.example.com', 'http://localhost:3000', 'https://partner.test:8443', 'http://127.0.0.1:8080'];
const SUBDOMAIN = ['https://*.example.com', 'https://*.corp.test', 'http://*.localhost:*'];
const ANY_PORT = ['http://localhost:*', 'http://127.0.0.1:*', 'https://dev.test:*'];
const METHODS = ['PUT', 'DELETE', 'PATCH', 'PROPFIND', 'OPTIONS', 'get'];
const REQ_HEADERS = ['content-type', 'x-a', 'x-b', 'authorization', 'X-Mixed'];
const EXPOSE = ['x-request-id', 'x-total', 'content-type'];

export const policyArb: fc.Arbitrary<PolicyConfig> = fc
  .record({
    any: fc.boolean(),
    origins: fc.uniqueArray(fc.constantFrom(...EXACT, ...SUBDOMAIN, ...ANY_PORT), { minLength: 1, maxLength: 5 }),
    credentials: fc.boolean(),
    methods: fc.option(fc.uniqueArray(fc.constantFrom(...METHODS, '*'), { maxLength: 4 }), { nil: undefined }),
    requestHeaders: fc.option(fc.uniqueArray(fc.constantFrom(...REQ_HEADERS, '*'), { maxLength: 4 }), { nil: undefined }),
    exposeHeaders: fc.option(fc.uniqueArray(fc.constantFrom(...EXPOSE, '*'), { maxLength: 3 }), { nil: undefined }),
    maxAge: fc.option(fc.integer({ min: 0, max: 86400 }), { nil: undefined }),
    debug: fc.boolean(),
  })
  .map((r) => {
    const anyOrigin = r.any && !r.credentials;
    const cfg: PolicyConfig = { origins: anyOrigin ? ['*'] : r.origins, credentials: r.credentials };
    if (r.methods !== undefined) cfg.methods = r.methods.filter((m) => m !== 'get'); // `get` is non-canonical: a compile error
    if (r.requestHeaders !== undefined) cfg.requestHeaders = r.requestHeaders;
    if (r.exposeHeaders !== undefined) cfg.exposeHeaders = r.credentials ? r.exposeHeaders.filter((h) => h !== '*') : r.exposeHeaders;
    if (r.maxAge !== undefined) cfg.maxAge = r.maxAge;
    if (r.debug) cfg.debug = true;
    return cfg;
  });

// ---------- random browser requests ----------
const PAGES = [
  ...EXACT, 'https://a.example.com', 'https://x.y.example.com', 'https://example.com', 'https://evil.test', 'https://example.com.evil.test',
  'https://evilexample.com', 'http://app.example.com', 'https://app.example.com:444', 'http://localhost:5173', 'https://localhost:3000',
  'http://localhost', 'http://127.0.0.1:9', 'https://a.corp.test', 'https://corp.test', 'http://app.localhost:8000', 'https://dev.test:1234',
  'https://dev.test', 'http://dev.test:80',
];
/** [name, value, unsafe] — whether a browser puts the name in Access-Control-Request-Headers. */
const PAGE_HEADERS: Array<[string, string, boolean]> = [
  ['content-type', 'text/plain', false],
  ['content-type', 'application/json', true],
  ['accept', 'application/json', false],
  ['x-a', '1', true],
  ['X-B', '2', true],
  ['authorization', 'Bearer t', true],
  ['x-mixed', 'v', true],
];
const PAGE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'put', 'DELETE', 'PATCH', 'patch', 'PROPFIND'];

export interface BrowserRequest {
  page: string;
  method: string;
  headers: Array<[string, string, boolean]>;
  credentials: 'omit' | 'same-origin' | 'include';
  /** `xhr`: XMLHttpRequest (credentials `include` = withCredentials, else `same-origin`). */
  api: 'fetch' | 'xhr';
}

/** Pages that one configured origin entry should allow (so both verdicts are well represented). */
function matchingPages(origin: string): string[] {
  if (origin === '*') return PAGES;
  if (origin.includes('://*.')) {
    const [scheme, rest] = origin.split('://*.') as [string, string];
    const host = rest.replace(/:\*$/, '');
    const port = rest.endsWith(':*') ? ':4321' : '';
    return [`${scheme}://a.${host}${port}`, `${scheme}://x.y.${host}${port}`];
  }
  if (origin.endsWith(':*')) return [`${origin.slice(0, -2)}:5173`, origin.slice(0, -2)];
  return [origin];
}

export function requestArbFor(cfg: PolicyConfig): fc.Arbitrary<BrowserRequest> {
  const near = cfg.origins.flatMap(matchingPages);
  return fc.record({
    page: fc.oneof({ arbitrary: fc.constantFrom(...near), weight: 3 }, { arbitrary: fc.constantFrom(...PAGES), weight: 2 }),
    method: fc.oneof({ arbitrary: fc.constantFrom('GET', 'HEAD', 'POST'), weight: 1 }, { arbitrary: fc.constantFrom(...PAGE_METHODS), weight: 1 }),
    headers: fc.uniqueArray(fc.constantFrom(...PAGE_HEADERS), { maxLength: 3, selector: (h) => h[0].toLowerCase() }),
    credentials: fc.constantFrom('omit', 'same-origin', 'include'),
    api: fc.oneof({ arbitrary: fc.constant('fetch' as const), weight: 2 }, { arbitrary: fc.constant('xhr' as const), weight: 1 }),
  }).map((r) => (r.api === 'xhr' && r.credentials === 'omit' ? { ...r, credentials: 'same-origin' as const } : r)); // XHR has no `omit`
}

/** A random valid policy and a random browser request biased towards its origins. */
export const caseArb: fc.Arbitrary<[PolicyConfig, BrowserRequest]> = policyArb.chain((cfg) => requestArbFor(cfg).map((r): [PolicyConfig, BrowserRequest] => [cfg, r]));

// ---------- what the policy intends (independent of src/policy) ----------
function parseOrigin(o: string): { scheme: string; host: string; port: string } {
  const u = new URL(o);
  return { scheme: u.protocol, host: u.hostname, port: u.port };
}

export function intendsOrigin(cfg: PolicyConfig, page: string): boolean {
  const p = parseOrigin(page);
  return cfg.origins.some((o) => {
    if (o === '*') return true;
    const sub = o.includes('://*.');
    const anyPort = o.endsWith(':*');
    const q = parseOrigin(o.replace('://*.', '://').replace(/:\*$/, ''));
    if (p.scheme !== q.scheme) return false;
    if (!anyPort && p.port !== q.port) return false;
    return sub ? p.host.endsWith(`.${q.host}`) : p.host === q.host;
  });
}

const STANDARD = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
function browserMethod(m: string): string {
  return STANDARD.includes(m.toUpperCase()) ? m.toUpperCase() : m; // Fetch § normalize a method
}

export interface Intent {
  allowed: boolean;
  preflight: boolean;
  /** Header names visible to script when allowed (lower-case, sorted). */
  exposed: string[];
}

const APP_HEADERS: HeaderPair[] = [['Content-Type', 'text/plain'], ['X-Request-Id', '7'], ['X-Total', '3'], ['X-Secret', 's']];

export function intent(cfg: PolicyConfig, r: BrowserRequest): Intent {
  const method = browserMethod(r.method);
  const unsafe = [...new Set(r.headers.filter((h) => h[2]).map((h) => h[0].toLowerCase()))];
  const safelisted = method === 'GET' || method === 'HEAD' || method === 'POST';
  const preflight = !safelisted || unsafe.length > 0;
  const credentialed = r.credentials === 'include';
  const methods = cfg.methods ?? [];
  const reqHeaders = (cfg.requestHeaders ?? []).map((h) => h.toLowerCase());
  const methodOk = safelisted || methods.includes(method) || methods.includes('*');
  const headersOk = unsafe.every((h) => reqHeaders.includes(h) || (reqHeaders.includes('*') && h !== 'authorization'));
  const allowed = intendsOrigin(cfg, r.page) && (!credentialed || cfg.credentials === true) && (!preflight || (methodOk && headersOk));
  let exposed: string[] = [];
  if (allowed) {
    const expose = (cfg.exposeHeaders ?? []).map((h) => h.toLowerCase());
    exposed = APP_HEADERS.map(([n]) => n.toLowerCase()).filter((n) => n === 'content-type' || expose.includes(n) || expose.includes('*'));
    exposed.sort();
  }
  return { allowed, preflight, exposed };
}

// ---------- the middleware's real responses ----------
export type Responder = (method: string, headers: HeaderPair[]) => { status: number; headers: HeaderPair[] };

/** The node:http adapter on a real `http.ServerResponse` (in-process), the app answering 200 after it. */
export function nodeResponder(cors: NodeCors): Responder {
  return (method, headers) => {
    const req = new IncomingMessage(new Socket());
    req.method = method;
    const h: Record<string, string> = {};
    for (const [n, v] of headers) {
      const k = n.toLowerCase();
      h[k] = h[k] === undefined ? v : `${h[k]}, ${v}`; // how Node's parser joins repeated lines
    }
    req.headers = h;
    const res = new ServerResponse(req);
    if (!cors(req, res)) {
      for (const [n, v] of APP_HEADERS) res.setHeader(n, v);
      res.statusCode = 200;
      res.end();
    }
    return writtenHead(res); // the bytes Node wrote, whichever way the adapter set them
  };
}

/** The fetch adapter (Request → Response), synchronously via `preflight` + `apply`. */
export function fetchResponder(cors: FetchCors): Responder {
  return (method, headers) => {
    const h = new Headers();
    for (const [n, v] of headers) h.append(n, v);
    const request = new Request(URL_PATH, { method, headers: h });
    const pre = cors.preflight(request);
    const res = pre ?? cors.apply(request, new Response('ok', { headers: APP_HEADERS }));
    const out: HeaderPair[] = [];
    res.headers.forEach((v, n) => out.push([n, v]));
    return { status: res.status, headers: out };
  };
}

function sameRoute(a: Route | undefined, b: Route): boolean {
  return a !== undefined && a.status === b.status && JSON.stringify(a.headers) === JSON.stringify(b.headers);
}

export function scenarioFor(r: BrowserRequest, server: Route[]): Scenario {
  return {
    page: `${r.page}/index.html`,
    request: { api: r.api, url: URL_PATH, method: r.method, headers: r.headers.map(([n, v]) => [n, v] as HeaderPair), credentials: r.credentials, mode: 'cors' },
    server,
  };
}

type Judged = { run: RunResult; routes: Route[] };
type Answer = { status: number; headers: HeaderPair[] };

/**
 * Runs one request in one browser against the middleware: routes are rebuilt from the requests
 * that actually reached the server until they are a fixpoint (every route is the middleware's
 * answer to the request the browser really sent). Yields each request the middleware must answer
 * and takes its answer back, so that `judge` and `judgeAsync` drive the same steps.
 */
function* fixpoint(r: BrowserRequest, browser: BrowserId): Generator<Pick<SentRequest, 'method' | 'headers'>, Judged, Answer> {
  function* routeOf(s: Pick<SentRequest, 'method' | 'headers'>): Generator<Pick<SentRequest, 'method' | 'headers'>, Route, Answer> {
    const { status, headers } = yield s;
    return { method: s.method, url: URL_PATH, status, headers };
  }
  // Predict the browser's requests (Origin always sent: cross-origin), then verify against `sent`.
  const origin: HeaderPair = ['Origin', r.page];
  const routes = new Map<string, Route>();
  const method = browserMethod(r.method);
  const unsafe = [...new Set(r.headers.filter((h) => h[2]).map((h) => h[0].toLowerCase()))].sort();
  const pre: HeaderPair[] = [origin, ['Access-Control-Request-Method', method]];
  if (unsafe.length > 0) pre.push(['Access-Control-Request-Headers', unsafe.join(',')]);
  routes.set('OPTIONS', yield* routeOf({ method: 'OPTIONS', headers: pre }));
  routes.set(method, yield* routeOf({ method, headers: [origin] }));
  for (let round = 0; round < 4; round++) {
    const run = simulateIn(scenarioFor(r, [...routes.values()]), browser).runs[0]!;
    let stable = true;
    for (const s of run.sent) {
      const route = yield* routeOf(s);
      if (!sameRoute(routes.get(s.method), route)) {
        routes.set(s.method, route);
        stable = false;
      }
    }
    if (stable) return { run, routes: [...routes.values()] };
  }
  throw new Error('routes did not reach a fixpoint');
}

/** `fixpoint` against a synchronous responder. */
export function judge(respond: Responder, r: BrowserRequest, browser: BrowserId): Judged {
  const steps = fixpoint(r, browser);
  let step = steps.next();
  while (step.done !== true) step = steps.next(respond(step.value.method, step.value.headers));
  return step.value;
}

const SAFELISTED_RESPONSE = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];

/**
 * What script should see of the actual response the app sent (Fetch § CORS filtered response):
 * the CORS-safelisted response-header names plus the exposed ones; with `*` (never with
 * credentials here) every name but Set-Cookie.
 */
export function exposedFor(cfg: PolicyConfig, actual: Route | undefined): string[] {
  const expose = (cfg.exposeHeaders ?? []).map((h) => h.toLowerCase());
  const names = [...new Set((actual?.headers ?? []).map(([n]) => n.toLowerCase()))];
  return names.filter((n) => n !== 'set-cookie' && (SAFELISTED_RESPONSE.includes(n) || expose.includes(n) || expose.includes('*'))).sort();
}

export type AsyncResponder = (method: string, headers: HeaderPair[]) => Promise<Answer>;

/** `judge` against an app answering over loopback (or any async responder). */
export async function judgeAsync(respond: AsyncResponder, r: BrowserRequest, browser: BrowserId): Promise<Judged> {
  const steps = fixpoint(r, browser);
  let step = steps.next();
  while (step.done !== true) step = steps.next(await respond(step.value.method, step.value.headers));
  return step.value;
}

const BROWSERS = ['chromium', 'firefox', 'webkit'] as const;

/** The violation of the policy's intent in one browser's judged run, or null. */
function violation(cfg: PolicyConfig, r: BrowserRequest, browser: BrowserId, { run, routes }: Judged): Violation | null {
  const expected = intent(cfg, r);
  const allowed = run.outcome === 'allowed';
  if (allowed) expected.exposed = exposedFor(cfg, routes.find((rt) => rt.method === browserMethod(r.method)));
  const preflighted = run.sent.some((s) => s.preflight);
  const exposed = allowed ? [...run.exposedHeaders].sort() : [];
  if (allowed === expected.allowed && preflighted === expected.preflight && JSON.stringify(exposed) === JSON.stringify(expected.exposed)) return null;
  return { browser, policy: cfg, request: r, expected, got: { outcome: run.outcome, exposed, preflighted, failure: run.failure?.code ?? null } };
}

/** Judges one pair in the three browsers against an async responder; returns the violations. */
export async function checkCaseAsync(cfg: PolicyConfig, r: BrowserRequest, respond: AsyncResponder): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const browser of BROWSERS) {
    const v = violation(cfg, r, browser, await judgeAsync(respond, r, browser));
    if (v !== null) out.push(v);
  }
  return out;
}

export interface Violation {
  browser: BrowserId;
  policy: PolicyConfig;
  request: BrowserRequest;
  expected: Intent;
  got: { outcome: string; exposed: string[]; preflighted: boolean; failure: string | null };
}

/** Judges one (policy, request) pair in the three browsers; returns the violations. */
export function checkCase(cfg: PolicyConfig, r: BrowserRequest, useFetch: boolean): Violation[] {
  const respond = useFetch ? fetchResponder(fetchCors(cfg, { log: () => undefined })) : nodeResponder(nodeCors(cfg, { log: () => undefined }));
  return BROWSERS.flatMap((browser) => violation(cfg, r, browser, judge(respond, r, browser)) ?? []);
}
