// The seeded, reproducible scenario generator of the conformance corpus. It combines request
// dimensions (api, method incl. lower-case and non-safelisted, header sets incl. safelist edge
// values and duplicates, credentials, mode) with server dimensions (preflight status, ACAO incl.
// case, whitespace, trailing slash, multiple values, null, *; ACAC variants; ACAM/ACAH lists incl.
// invalid tokens and *; ACEH; Max-Age; redirects incl. chains, 301/302/303/307/308, cross-origin
// hops and userinfo). Same seed → same corpus, byte for byte.
//
//   node --import tsx conformance/generate.ts [--seed N] [--count N] [--out DIR]
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HeaderPair, Route, Scenario } from '../src/engine/index.js';

/** mulberry32: a small, well-distributed 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rand, p: number): boolean => r() < p;

const PAGE_ORIGIN = 'http://127.0.0.1:8001';
const TARGETS = ['http://127.0.0.1:8002', 'http://127.0.0.1:8003', 'http://127.0.0.1:8004', 'http://localhost:8005'];

const METHODS = ['GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'patch', 'get', 'put', 'post', 'QUERY', 'OPTIONS'];

const A100 = 'a'.repeat(100);
const HEADER_SETS: readonly (readonly HeaderPair[])[] = [
  [],
  [],
  [['Content-Type', 'text/plain']],
  [['Content-Type', 'Text/Plain;charset=utf-8']],
  [['Content-Type', 'application/json']],
  [['Content-Type', 'application/x-www-form-urlencoded']],
  [['Content-Type', 'multipart/form-data; boundary=x']],
  [['Content-Type', 'text/plain; a="b"']],
  [['X-Request-Id', '42']],
  [['X-Zeta', '1'], ['X-Alpha', '2']],
  [['Authorization', 'Bearer t0k3n']],
  [['Accept', 'application/json']],
  [['Accept', 'text/html(']],
  [['Accept', A100], ['Accept', A100]],
  [['Accept-Language', 'en-US,en;q=0.9']],
  [['Accept-Language', 'en_US']],
  [['Content-Language', 'de-DE']],
  [['Range', 'bytes=0-99']],
  [['Range', 'bytes=-99']],
  [['X-Custom', 'a'], ['x-custom', 'b']],
  [['Content-Type', 'application/json'], ['X-Trace', 'on']],
  [['Cookie', 'a=b']],
  [['Cache-Control', 'no-cache']],
];

type OriginVariant = 'missing' | 'star' | 'echo' | 'exact' | 'upper-scheme' | 'trailing-slash' | 'null' | 'padded' | 'list' | 'two-lines' | 'other' | 'empty';
const GOOD_ORIGINS: readonly OriginVariant[] = ['echo', 'echo', 'star', 'exact', 'padded'];
const BAD_ORIGINS: readonly OriginVariant[] = ['missing', 'missing', 'upper-scheme', 'trailing-slash', 'null', 'list', 'two-lines', 'other', 'empty', 'star'];
/** Mostly right, sometimes one of the classic mistakes. */
const originVariant = (r: Rand, pGood = 0.72): OriginVariant => pick(r, chance(r, pGood) ? GOOD_ORIGINS : BAD_ORIGINS);

function allowOrigin(v: OriginVariant): HeaderPair[] {
  const h = 'Access-Control-Allow-Origin';
  switch (v) {
    case 'missing': return [];
    case 'star': return [[h, '*']];
    case 'echo': return [[h, '{{origin}}']];
    case 'exact': return [[h, PAGE_ORIGIN]];
    case 'upper-scheme': return [[h, PAGE_ORIGIN.replace('http:', 'HTTP:')]];
    case 'trailing-slash': return [[h, `${PAGE_ORIGIN}/`]];
    case 'null': return [[h, 'null']];
    case 'padded': return [[h, `  ${PAGE_ORIGIN} `]];
    case 'list': return [[h, `${PAGE_ORIGIN}, http://other.example`]];
    case 'two-lines': return [[h, '{{origin}}'], [h, '{{origin}}']];
    case 'other': return [[h, 'http://127.0.0.1:9999']];
    case 'empty': return [[h, '']];
  }
}

function allowCredentials(r: Rand): HeaderPair[] {
  const v = chance(r, 0.75) ? 'true' : pick(r, [null, 'True', ' true ', 'false']);
  return v === null ? [] : [['Access-Control-Allow-Credentials', v]];
}

function allowMethods(r: Rand, method: string): HeaderPair[] {
  const v = chance(r, 0.7)
    ? pick(r, [method, method.toUpperCase(), `GET, ${method}, DELETE`, ` , ${method} ,`, '*'])
    : pick(r, [null, method.toLowerCase(), 'PUT, GE T', 'GET, POST', '*']);
  return v === null ? [] : [['Access-Control-Allow-Methods', v]];
}

function allowHeaders(r: Rand, names: readonly string[]): HeaderPair[] {
  const list = names.join(', ');
  const v = chance(r, 0.7)
    ? pick(r, [list, list.toUpperCase(), `,, ${list},`, '*'])
    : pick(r, [null, '*', names.slice(0, 1).join(', '), 'x-foo, bad header', 'x-unrelated']);
  return v === null || v === '' ? [] : [['Access-Control-Allow-Headers', v]];
}

function exposeHeaders(r: Rand): HeaderPair[] {
  const v = pick(r, [null, null, '*', 'x-extra', 'X-Extra, content-encoding', 'x-other']);
  return v === null ? [] : [['Access-Control-Expose-Headers', v]];
}

/** One generated scenario; `i` keeps its URLs unique. */
export function generateScenario(r: Rand, seed: number, i: number): Scenario {
  const id = `g${seed}-${String(i).padStart(4, '0')}`;
  const api = chance(r, 0.25) ? 'xhr' : 'fetch';
  const method = pick(r, METHODS);
  const headers = pick(r, HEADER_SETS).map(([n, v]): HeaderPair => [n, v]);
  const credentials = api === 'xhr' ? pick(r, ['same-origin', 'include'] as const) : pick(r, ['same-origin', 'same-origin', 'include', 'omit'] as const);
  const mode = api === 'xhr' ? undefined : chance(r, 0.87) ? 'cors' : pick(r, ['no-cors', 'no-cors', 'same-origin'] as const);
  const target = pick(r, TARGETS);
  const url = `${target}/gen/${id}/res`;
  const upper = method.toUpperCase();
  const hasBody = !['GET', 'HEAD'].includes(upper) && chance(r, 0.6);

  const routes: Route[] = [];
  const unsafeNames = [...new Set(headers.map(([n]) => n.toLowerCase()).filter((n) => !['accept', 'accept-language', 'content-language', 'cookie'].includes(n)))].sort();
  const credHeaders = (): HeaderPair[] => (credentials === 'include' ? allowCredentials(r) : chance(r, 0.2) ? allowCredentials(r) : []);

  // The preflight route (answered whether or not a preflight is needed; unused routes are harmless).
  const preflightStatus = chance(r, 0.82) ? pick(r, [204, 200]) : pick(r, [404, 500, 403, 302, 206, 301]);
  const preflightHeaders: HeaderPair[] = [
    ...allowOrigin(originVariant(r)), ...credHeaders(), ...allowMethods(r, method), ...allowHeaders(r, unsafeNames.length ? unsafeNames : ['x-request-id']),
  ];
  if (chance(r, 0.15)) preflightHeaders.push(['Access-Control-Max-Age', pick(r, ['0', '5', '600', 'abc', '-1'])]);
  if (preflightStatus === 302 || preflightStatus === 301) preflightHeaders.push(['Location', `${target}/gen/${id}/elsewhere`]);
  if (chance(r, 0.85)) routes.push({ method: 'OPTIONS', url, status: preflightStatus, headers: preflightHeaders });

  // Redirect chain before the final resource.
  let current = url;
  const hops = chance(r, 0.22) ? 1 + Math.floor(r() * 3) : 0;
  for (let h = 0; h < hops; h++) {
    const nextOrigin = pick(r, [...TARGETS, PAGE_ORIGIN]);
    const withUserinfo = chance(r, 0.08);
    const next = `${nextOrigin.replace('://', withUserinfo ? '://user:pass@' : '://')}/gen/${id}/hop${h + 1}`;
    const status = pick(r, [301, 302, 303, 307, 308]);
    routes.push({ url: current, status, headers: [['Location', next], ...(chance(r, 0.75) ? allowOrigin(pick(r, ['echo', 'star', 'star', 'missing'] as const)) : []), ...credHeaders()] });
    // A later hop's preflight: answered generously at the hop URL.
    const hopUrl = next.replace('user:pass@', '');
    routes.unshift({ method: 'OPTIONS', url: hopUrl, status: 204, headers: [['Access-Control-Allow-Origin', '{{origin}}'], ['Access-Control-Allow-Methods', upper], ['Access-Control-Allow-Headers', unsafeNames.join(', ') || 'x-none'], ...(credentials === 'include' ? [['Access-Control-Allow-Credentials', 'true'] as HeaderPair] : [])] });
    current = hopUrl;
  }

  const finalHeaders: HeaderPair[] = [
    ...allowOrigin(originVariant(r)), ...credHeaders(), ...exposeHeaders(r),
    ['X-Extra', 'hello'], ['Content-Type', 'text/plain'],
  ];
  if (chance(r, 0.1)) finalHeaders.push(['Set-Cookie', 'a=b']);
  routes.push({ url: current, status: pick(r, [200, 200, 200, 201, 404, 500]), headers: finalHeaders, body: 'ok' });

  const scenario: Scenario = {
    name: id,
    source: `generated: conformance/generate.ts seed ${seed} #${i}`,
    page: `${PAGE_ORIGIN}/gen/${id}/run.html`,
    request: {
      ...(api === 'xhr' ? { api } : {}),
      url,
      ...(method !== 'GET' ? { method } : {}),
      ...(headers.length ? { headers } : {}),
      ...(credentials !== 'same-origin' ? { credentials } : {}),
      ...(mode !== undefined && mode !== 'cors' ? { mode } : {}),
      ...(hasBody ? { body: '{"n":1}' } : {}),
    },
    server: routes,
  };
  if (chance(r, 0.06)) scenario.repeat = { count: 2, intervalMs: pick(r, [1000, 1500, 6500]) };
  return scenario;
}

export function generateCorpus(seed: number, count: number): Scenario[] {
  const r = prng(seed);
  return Array.from({ length: count }, (_, i) => generateScenario(r, seed, i));
}

function main(argv: string[]): void {
  const arg = (name: string, dflt: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
  };
  const seed = Number(arg('--seed', '20261124'));
  const count = Number(arg('--count', '1200'));
  const out = arg('--out', new URL('./corpus/generated/', import.meta.url).pathname);
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
    process.stderr.write('generate: --seed and --count take integers\n');
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(out)) if (f.endsWith('.json')) rmSync(join(out, f));
  const all = generateCorpus(seed, count);
  const per = 100;
  for (let k = 0; k * per < all.length; k++) {
    writeFileSync(join(out, `gen-${String(k).padStart(3, '0')}.json`), `${JSON.stringify(all.slice(k * per, (k + 1) * per), null, 1)}\n`);
  }
  process.stdout.write(`generated ${all.length} scenarios (seed ${seed}) into ${out}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
