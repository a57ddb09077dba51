/**
 * The verification probe: sends what a browser sends (Origin, the preflight's
 * Access-Control-Request-Method/-Headers, credentials) to a real server over loopback, turns each
 * exchange into a scenario (`scenarioFromObservation`) and judges it with the engine in the
 * chromium, firefox and webkit profiles. Used by `npm run verify:stacks`.
 */
import http from 'node:http';
import { scenarioFromObservation, type Exchange, type Observation } from '../../src/analyze/exchange.js';
import { REAL_BROWSERS, simulate, type HeaderPair, type ScenarioRequest } from '../../src/engine/index.js';
import { corsUnsafeRequestHeaderNames } from '../../src/engine/request-headers.js';
import { lookalikeOrigins, normalizePolicy, sampleOrigins, type Policy } from '../../src/fixgen/index.js';
import type { PolicyConfig } from '../../src/policy/config.js';

/** The URL the page "asks for" in the scenario; requests really go to the loopback server. */
const VIRTUAL = 'https://api.corsight.test';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

interface RawResponse {
  status: number;
  headers: HeaderPair[];
}

/** One HTTP request on loopback; resolves with the status and the raw header list. */
export function send(base: string, method: string, path: string, headers: HeaderPair[], timeoutMs = 5000): Promise<RawResponse> {
  const u = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: [['Host', u.host], ...headers].flat() as unknown as http.OutgoingHttpHeaders, timeout: timeoutMs, agent: false },
      (res) => {
        const raw = res.rawHeaders;
        const out: HeaderPair[] = [];
        for (let i = 0; i < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: out }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

const get = (h: HeaderPair[], name: string): string | null => {
  const v = h.filter(([n]) => n.toLowerCase() === name).map(([, x]) => x);
  return v.length ? v.join(', ') : null;
};

/** The browser's request: page origin, method, author headers, credentials. */
export interface BrowserRequest {
  origin: string;
  method: string;
  path: string;
  /** Author headers (what the page set). */
  headers: HeaderPair[];
  credentials: boolean;
}

/** Names a browser lists in Access-Control-Request-Headers for these author headers (Fetch). */
function unsafeNames(headers: HeaderPair[]): string[] {
  return corsUnsafeRequestHeaderNames(headers, { combineDuplicates: false, enforceTotalLimit: true });
}

/**
 * Performs a request as a browser would on the wire (preflight first when one is needed) and
 * returns, per real browser profile, the engine's outcome on the real responses.
 */
export async function browserExchange(base: string, r: BrowserRequest): Promise<{ outcomes: Record<string, string>; statuses: Record<string, number | null>; exposed: Record<string, string[]>; preflight: RawResponse | null; actual: RawResponse }> {
  const names = unsafeNames(r.headers);
  const needsPreflight = !['GET', 'HEAD', 'POST'].includes(r.method) || names.length > 0;
  const url = VIRTUAL + r.path;
  const exchanges: Exchange[] = [];
  let preflight: RawResponse | null = null;
  if (needsPreflight) {
    const h: HeaderPair[] = [['Origin', r.origin], ['Access-Control-Request-Method', r.method], ['Accept', '*/*']];
    if (names.length) h.push(['Access-Control-Request-Headers', names.join(',')]);
    preflight = await send(base, 'OPTIONS', r.path, h);
    exchanges.push({ request: { method: 'OPTIONS', url, headers: h }, response: preflight, preflight: true });
  }
  const ah: HeaderPair[] = [['Origin', r.origin], ...r.headers];
  if (r.credentials) ah.push(['Cookie', 'session=1']);
  const actual = await send(base, r.method, r.path, ah);
  exchanges.push({ request: { method: r.method, url, headers: ah }, response: actual, preflight: false });
  const request: ScenarioRequest = { url, method: r.method, headers: r.headers, credentials: r.credentials ? 'include' : 'same-origin' };
  const obs: Observation = { page: `${r.origin}/`, request, exchanges };
  const result = simulate(scenarioFromObservation(obs), REAL_BROWSERS);
  const outcomes: Record<string, string> = {};
  const statuses: Record<string, number | null> = {};
  const exposed: Record<string, string[]> = {};
  for (const b of REAL_BROWSERS) {
    const run = result.browsers[b]!.runs[0]!;
    outcomes[b] = run.failure ? `${run.outcome} (${run.failure.code})` : run.outcome;
    statuses[b] = run.status;
    exposed[b] = run.exposedHeaders;
  }
  return { outcomes, statuses, exposed, preflight, actual };
}

const allAre = (o: Record<string, string>, want: 'allowed' | 'blocked'): boolean =>
  Object.values(o).every((x) => (want === 'allowed' ? x === 'allowed' : x.startsWith('blocked')));
const show = (o: Record<string, string>): string => Object.entries(o).map(([b, x]) => `${b}: ${x}`).join(', ');

/** Page header values for the policy's request headers. */
function headerValues(names: readonly string[]): HeaderPair[] {
  return names.map((n): HeaderPair => [n, n === 'authorization' ? 'Bearer t' : n === 'content-type' ? 'application/json' : 'x']);
}

/**
 * Probes a server that claims to implement `config`: every sample allowed origin passes (simple,
 * preflighted, and on 404/500 answers) in all three browser profiles; look-alike origins,
 * unlisted headers and unlisted methods are blocked in all three.
 * Server contract: `/api` answers every method with 200 and `X-Request-Id`; `/missing` is a 404
 * and `/error` an error the framework produces (a thrown exception where it has them).
 */
export async function probe(base: string, config: PolicyConfig, opts: { errorPaths?: string[]; maxOrigins?: number } = {}): Promise<Check[]> {
  const p: Policy = normalizePolicy(config);
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: string): void => void checks.push({ name, ok, detail });
  const allowed = p.anyOrigin ? ['https://anyone.example.org'] : p.rules.flatMap(sampleOrigins);
  // 'null' is no page a scenario can load (opaque origins have no URL): probed by origin-aware unit tests instead.
  const refused = lookalikeOrigins(p).filter((o) => o !== 'null').slice(0, opts.maxOrigins ?? 6);
  const cred = p.credentials;
  const preMethod = p.extraMethods[0] ?? 'POST';
  const preHeaders = headerValues(p.requestHeaders);
  const canPreflight = p.extraMethods.length > 0 || p.requestHeaders.length > 0;

  for (const origin of allowed) {
    const simple = await browserExchange(base, { origin, method: 'GET', path: '/api', headers: [], credentials: cred });
    add(`allowed ${origin}: GET /api`, allAre(simple.outcomes, 'allowed'), show(simple.outcomes));
    if (!p.anyOrigin) {
      // The answer depends on Origin: without Vary a shared cache serves one origin's answer to another.
      const vary = (get(simple.actual.headers, 'vary') ?? '').toLowerCase().split(',').map((x) => x.trim());
      add(`allowed ${origin}: Vary: Origin`, vary.includes('origin') || vary.includes('*'), `Vary: ${get(simple.actual.headers, 'vary')}`);
    }
    for (const h of p.exposeHeaders) {
      const seen = Object.values(simple.exposed).every((x) => x.includes(h.toLowerCase()));
      if (h.toLowerCase() === 'x-request-id') add(`allowed ${origin}: ${h} exposed`, seen, JSON.stringify(simple.exposed));
    }
    if (canPreflight) {
      const pre = await browserExchange(base, { origin, method: preMethod, path: '/api', headers: preHeaders, credentials: cred });
      add(`allowed ${origin}: preflighted ${preMethod} [${p.requestHeaders.join(', ')}]`, allAre(pre.outcomes, 'allowed'), `${show(pre.outcomes)}; preflight ${pre.preflight?.status}`);
      if (p.maxAge !== undefined && pre.preflight) {
        const ma = get(pre.preflight.headers, 'access-control-max-age');
        add(`allowed ${origin}: preflight Max-Age ${p.maxAge}`, ma === String(p.maxAge), `got ${ma}`);
      }
      const preOk = pre.preflight !== null && pre.preflight.status >= 200 && pre.preflight.status < 300;
      add(`allowed ${origin}: preflight answered 2xx`, preOk, `status ${pre.preflight?.status}`);
    }
    // Header/method the policy does not list: the preflight must not allow it.
    const extra = await browserExchange(base, { origin, method: 'GET', path: '/api', headers: [['x-corsight-unlisted', '1']], credentials: cred });
    add(`allowed ${origin}: unlisted header refused`, allAre(extra.outcomes, 'blocked'), show(extra.outcomes));
    if (!p.methods.includes('PATCH')) {
      const m = await browserExchange(base, { origin, method: 'PATCH', path: '/api', headers: [], credentials: cred });
      add(`allowed ${origin}: unlisted method PATCH refused`, allAre(m.outcomes, 'blocked'), show(m.outcomes));
    }
    for (const path of opts.errorPaths ?? ['/missing', '/error']) {
      const e = await browserExchange(base, { origin, method: 'GET', path, headers: [], credentials: cred });
      const st = e.actual.status;
      add(`allowed ${origin}: GET ${path} (${st}) keeps CORS headers`, st >= 400 && allAre(e.outcomes, 'allowed'), show(e.outcomes));
    }
  }
  for (const origin of refused) {
    const simple = await browserExchange(base, { origin, method: 'GET', path: '/api', headers: [], credentials: cred });
    add(`refused ${origin}: GET /api`, allAre(simple.outcomes, 'blocked'), show(simple.outcomes));
    const pre = await browserExchange(base, { origin, method: preMethod, path: '/api', headers: canPreflight ? preHeaders : [['x-test', '1']], credentials: cred });
    add(`refused ${origin}: preflighted ${preMethod}`, allAre(pre.outcomes, 'blocked'), show(pre.outcomes));
  }
  return checks;
}
