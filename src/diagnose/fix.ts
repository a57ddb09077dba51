import {
  baseKind, isToken, isValidRequestHeader, REAL_BROWSERS, simulateIn, type BrowserId, type Failure, type HeaderPair, type Route,
  type RunResult, type Scenario, type ScenarioRequest,
} from '../engine/index.js';

/** A route named as a developer would: method (if the route has one) and URL. */
export interface RouteRef {
  method?: string;
  url: string;
}

/** One change to the server's responses or, where no server change can help, to the page's request. */
export type FixChange =
  | { kind: 'set-header'; route: RouteRef; name: string; value: string; was: string | null }
  | { kind: 'set-status'; route: RouteRef; status: number; was: number }
  | { kind: 'add-route'; route: Route }
  | { kind: 'request'; field: keyof ScenarioRequest; value: unknown; was: unknown };

/** The minimal change that makes the scenario allowed in Chromium, Firefox and WebKit. */
export interface Fix {
  changes: FixChange[];
  /** True when re-simulating with every change applied is allowed in all three browsers and the spec. */
  verified: boolean;
}

const MAX_STEPS = 12;

/**
 * Finds the fix for a scenario: repeatedly take the first failure any real browser reports,
 * derive the one change that removes it, apply it, and re-simulate, until every browser allows
 * the request (or no automatic change applies). The result is verified by construction: the
 * final re-simulation is what `verified` reports.
 */
export function findFix(original: Scenario): Fix | null {
  let s = clone(original);
  const changes: FixChange[] = [];
  for (let step = 0; step <= MAX_STEPS; step++) {
    const failing = firstFailure(s);
    if (failing === null) return changes.length === 0 ? null : { changes, verified: true };
    if (step === MAX_STEPS) break;
    const next = changeFor(s, failing.failure, failing.run, failing.browser);
    if (next.length === 0) break;
    for (const c of next) {
      s = applyChange(s, c);
      changes.push(c);
    }
  }
  return changes.length === 0 ? null : { changes, verified: false };
}

/** Whether a run is not blocked: allowed, or the opaque response the page asked for. */
export function succeeded(r: RunResult): boolean {
  return r.outcome === 'allowed' || r.outcome === 'opaque';
}

/** The fix must work in the three browsers and in the standard (so it keeps working as browsers converge). */
const FIX_TARGETS: readonly BrowserId[] = [...REAL_BROWSERS, 'spec'];

function firstFailure(s: Scenario): { browser: BrowserId; run: RunResult; failure: Failure } | null {
  for (const b of FIX_TARGETS) {
    for (const run of simulateIn(s, b).runs) {
      if (!succeeded(run) && run.failure !== null) return { browser: b, run, failure: run.failure };
    }
  }
  return null;
}

/** The origin value to allow: the exact origin compared, or `*` for a tainted `null` without credentials (`null` with: no fix). */
function allowedOrigin(s: Scenario, f: Failure): string {
  const origin = f.origin ?? new URL(s.page).origin;
  const credentials = s.request.credentials === 'include';
  return origin === 'null' && !credentials ? '*' : origin;
}

function headerValue(route: Route | undefined, name: string): string | null {
  if (route === undefined) return null;
  const vs = (route.headers ?? []).filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v.trim());
  return vs.length === 0 ? null : vs.join(', ');
}

/** The list tokens of a header that parse, plus `add`, unique (case-insensitively for header names). */
function mergeList(current: string | null, add: readonly string[], caseInsensitive: boolean): string {
  const out: string[] = [];
  const key = (t: string): string => (caseInsensitive ? t.toLowerCase() : t);
  for (const t of [...(current ?? '').split(','), ...add].map((x) => x.trim())) {
    if (t === '' || !isToken(t) || out.some((o) => key(o) === key(t))) continue;
    out.push(t);
  }
  return out.join(', ');
}

function routeIndex(s: Scenario, ref: Failure['route']): number {
  if (ref === undefined) return -1;
  return (s.server ?? []).findIndex((r) => r.url === ref.url && r.method === ref.method);
}

function refOf(r: Route): RouteRef {
  return r.method === undefined ? { url: r.url } : { method: r.method, url: r.url };
}

/** The change(s) that remove one failure. */
function changeFor(s: Scenario, f: Failure, run: RunResult, browser: BrowserId): FixChange[] {
  void browser;
  const idx = routeIndex(s, f.route);
  const route = idx >= 0 ? s.server![idx] : undefined;
  const setHeader = (name: string, value: string): FixChange[] => {
    if (route === undefined) {
      // No route answered (a default 404): the response must exist with this header.
      const method = f.stage === 'preflight' ? 'OPTIONS' : undefined;
      const added: Route = { ...(method ? { method } : {}), url: f.url, status: f.stage === 'preflight' ? 204 : 404, headers: [[name, value]] };
      return [{ kind: 'add-route', route: added }];
    }
    return [{ kind: 'set-header', route: refOf(route), name, value, was: headerValue(route, name) }];
  };
  const preflightRequestHeaders = (): string[] => {
    const p = [...run.sent].reverse().find((r) => r.preflight);
    const acrh = p?.headers.find(([n]) => n.toLowerCase() === 'access-control-request-headers')?.[1];
    return acrh === undefined ? [] : acrh.split(',');
  };

  switch (baseKind(f.code)) {
    case 'MISSING_ALLOW_ORIGIN_HEADER':
    case 'MULTIPLE_ALLOW_ORIGIN_VALUES':
    case 'INVALID_ALLOW_ORIGIN_VALUE':
    case 'ALLOW_ORIGIN_MISMATCH':
    case 'WILDCARD_ORIGIN_NOT_ALLOWED': {
      // Never `Access-Control-Allow-Origin: null` (any sandboxed or file: page sends it): a
      // credentialed request whose origin a redirect turned into null has no safe header fix —
      // the cross-origin redirect itself must go (the cause says so).
      const allow = allowedOrigin(s, f);
      return allow === 'null' ? [] : setHeader('Access-Control-Allow-Origin', allow);
    }
    case 'INVALID_ALLOW_CREDENTIALS':
      return setHeader('Access-Control-Allow-Credentials', 'true');
    case 'PREFLIGHT_INVALID_STATUS':
    case 'PREFLIGHT_DISALLOWED_REDIRECT': {
      if (route !== undefined && route.method === 'OPTIONS') {
        const out: FixChange[] = [{ kind: 'set-status', route: refOf(route), status: 204, was: route.status ?? 200 }];
        if (headerValue(route, 'Location') !== null) out.push({ kind: 'set-header', route: refOf(route), name: 'Location', value: '', was: headerValue(route, 'Location') });
        return out;
      }
      // The preflight hit a route shared with the actual request (or none): answer OPTIONS on its own,
      // with the CORS headers the shared route already sends.
      const cors = (route?.headers ?? []).filter(([n]) => /^access-control-/i.test(n));
      return [{ kind: 'add-route', route: { method: 'OPTIONS', url: f.url, status: 204, headers: cors } }];
    }
    case 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE':
    case 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE': {
      const method = f.method ?? s.request.method ?? 'GET';
      return setHeader('Access-Control-Allow-Methods', mergeList(headerValue(route, 'Access-Control-Allow-Methods'), [method], false));
    }
    case 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE':
    case 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE':
      return setHeader('Access-Control-Allow-Headers',
        mergeList(headerValue(route, 'Access-Control-Allow-Headers'), preflightRequestHeaders(), true));
    case 'REDIRECT_CONTAINS_CREDENTIALS':
      if (route === undefined || f.location === undefined) return [];
      return [{ kind: 'set-header', route: refOf(route), name: 'Location', value: f.location, was: headerValue(route, 'Location') }];
    case 'DISALLOWED_BY_MODE':
    case 'NO_CORS_METHOD_NOT_ALLOWED':
    case 'INVALID_MODE':
      return [{ kind: 'request', field: 'mode', value: 'cors', was: s.request.mode }];
    case 'URL_CONTAINS_CREDENTIALS': {
      const u = new URL(s.request.url, s.page);
      u.username = '';
      u.password = '';
      return [{ kind: 'request', field: 'url', value: u.href, was: s.request.url }];
    }
    case 'INVALID_HTTP_RESPONSE':
      return f.header === undefined ? [] : setHeader(f.header, (f.value ?? '').split('\0').join(''));
    case 'CACHE_MISS':
      return [{ kind: 'request', field: 'cache', value: 'force-cache', was: s.request.cache }];
    case 'ONLY_IF_CACHED_MODE':
      return [{ kind: 'request', field: 'cache', value: 'default', was: s.request.cache }];
    case 'STREAM_DUPLEX_REQUIRED':
      return [{ kind: 'request', field: 'duplex', value: 'half', was: s.request.duplex }];
    case 'STREAM_MODE_NOT_ALLOWED':
      return [{ kind: 'request', field: 'mode', value: 'cors', was: s.request.mode }];
    case 'STREAM_UPLOAD_UNSUPPORTED':
    case 'STREAM_REDIRECT':
      // Buffer the stream (e.g. `await new Response(stream).blob()`) and send that instead.
      return [{ kind: 'request', field: 'bodyStream', value: undefined, was: s.request.bodyStream }];
    case 'BODY_NOT_ALLOWED':
      return [{ kind: 'request', field: 'body', value: undefined, was: s.request.body }];
    case 'INVALID_HEADER': {
      const valid = (s.request.headers ?? []).filter(([n, v]) => isValidRequestHeader(n, v));
      return [{ kind: 'request', field: 'headers', value: valid, was: s.request.headers }];
    }
    case 'CORP_NOT_SAME_ORIGIN':
    case 'CORP_NOT_SAME_SITE':
    case 'CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP':
      return setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    case 'REDIRECT_MODE_ERROR':
    case 'NO_CORS_REDIRECT_MODE':
      return [{ kind: 'request', field: 'redirect', value: 'follow', was: s.request.redirect }];
    default:
      // FORBIDDEN_METHOD, INVALID_METHOD, INVALID_URL, UNSUPPORTED_SCHEME, TOO_MANY_REDIRECTS,
      // INVALID_REDIRECT: no header or setting can make these work; the cause says what to change.
      return [];
  }
}

/** A copy of the scenario with one change applied. */
export function applyChange(s: Scenario, c: FixChange): Scenario {
  const out = clone(s);
  const routes = (out.server ??= []);
  const find = (ref: RouteRef): Route | undefined => routes.find((r) => r.url === ref.url && r.method === ref.method);
  switch (c.kind) {
    case 'add-route':
      // In front, so it answers before any catch-all route for the same URL.
      routes.unshift(clone(c.route));
      break;
    case 'set-status': {
      const r = find(c.route);
      if (r) r.status = c.status;
      break;
    }
    case 'set-header': {
      const r = find(c.route);
      if (!r) break;
      const lower = c.name.toLowerCase();
      const kept: HeaderPair[] = (r.headers ?? []).filter(([n]) => n.toLowerCase() !== lower);
      if (c.value !== '') kept.push([c.name, c.value]);
      r.headers = kept;
      break;
    }
    case 'request':
      if (c.value === undefined) delete out.request[c.field];
      else (out.request as unknown as Record<string, unknown>)[c.field] = clone(c.value);
      break;
  }
  return out;
}

/** Applies every change of a fix. */
export function applyFix(s: Scenario, fix: Fix): Scenario {
  return fix.changes.reduce(applyChange, s);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}
