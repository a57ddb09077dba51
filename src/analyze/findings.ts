/**
 * Root causes named from what the server answered. The engine says *which check* failed
 * (`MISSING_ALLOW_ORIGIN_HEADER` ...); these findings say *why the server answered that way*:
 * a missing OPTIONS route, an error path that bypasses the CORS middleware, an origin typo, a
 * proxy adding a second header, a login redirect. They work from an `Observation` alone, so a
 * live probe (`corsight check`) and a DevTools export (`corsight har`) share them.
 */
import type { HeaderPair } from '../engine/index.js';
import type { Exchange, Observation } from './exchange.js';

export type FindingCode = Finding['code'];

/** The request an answer was for; `preflight` when it was the browser's OPTIONS. */
export interface FindingTarget {
  method: string;
  url: string;
  preflight: boolean;
}

/** The preflight answer that would have worked: the origin, method and headers to allow. */
export interface PreflightAnswer {
  origin: string;
  method: string;
  /** `Access-Control-Request-Headers` as the browser sent it, or null. */
  headers: string | null;
}

/**
 * One root cause, as data: its code, what was seen (typed per code) and where. The words (title,
 * detail, help) are rendered from these by src/render/findings.ts. `error`: it breaks the request;
 * `warning`: it works but is wrong or risky.
 */
export type Finding = {
  severity: 'error' | 'warning';
  /** Index into the observation's exchanges of the answer it is about. */
  exchange: number;
  target: FindingTarget;
} & (
  | { code: 'PREFLIGHT_REJECTED_BY_AUTH'; status: number }
  /** `framework-options`: an automatic OPTIONS handler answered (with `Allow`); `no-route`: 404/405/501. */
  | { code: 'PREFLIGHT_NOT_HANDLED'; by: 'framework-options' | 'no-route'; status: number; statusText: string; allow: string | null; answer: PreflightAnswer }
  | { code: 'PREFLIGHT_WITHOUT_CORS'; status: number; actualMethod: string; answer: PreflightAnswer }
  | { code: 'CORS_ONLY_ON_PREFLIGHT'; status: number; origin: string }
  /** `corsOnSuccess`: the successful answers of the observation carry Access-Control-Allow-Origin. */
  | { code: 'ERROR_STATUS_WITHOUT_CORS'; status: number; statusText: string; corsOnSuccess: boolean; origin: string }
  | { code: 'ALLOW_ORIGIN_NEAR_MISS'; allowOrigin: string; origin: string }
  | { code: 'WILDCARD_WITH_CREDENTIALS'; origin: string }
  /** The raw Access-Control-Allow-Origin lines (one line listing several values, or several lines). */
  | { code: 'MULTIPLE_ALLOW_ORIGIN'; values: string[] }
  | { code: 'REDIRECT_TO_LOGIN'; status: number; location: string; credentials: boolean }
  | { code: 'REDIRECT_CROSS_ORIGIN'; status: number; location: string }
  | { code: 'REDIRECT_HTTP_TO_HTTPS'; status: number; location: string }
  | { code: 'REDIRECTED_PREFLIGHT'; status: number; location: string }
  /** Seen again with `probeOrigin`: the answer allows `baseAllowOrigin` for `baseOrigin`, `probeAllowOrigin` for the probe. */
  | { code: 'REFLECTED_ORIGIN_WITHOUT_VARY'; baseOrigin: string; baseAllowOrigin: string; probeOrigin: string | null; probeAllowOrigin: string | null }
  | { code: 'REFLECTS_ANY_ORIGIN'; probeOrigin: string | null; probeAllowOrigin: string; credentials: boolean }
  /** `allowHeaders`: the Access-Control-Allow-Headers names as sent (lower-case). */
  | { code: 'AUTHORIZATION_ONLY_BY_WILDCARD'; allowHeaders: string[] }
);

/** Optional extra evidence: the same request re-sent with another `Origin` (reflection test). */
export interface FindingsOptions {
  /** An exchange identical to `observation.exchanges[reflection.of]` except for its Origin. */
  reflection?: { of: number; exchange: Exchange };
}

function header(h: readonly HeaderPair[], name: string): string | null {
  const n = name.toLowerCase();
  const values = h.filter(([k]) => k.toLowerCase() === n).map(([, v]) => v.trim());
  return values.length === 0 ? null : values.join(', ');
}

function headerLines(h: readonly HeaderPair[], name: string): string[] {
  const n = name.toLowerCase();
  return h.filter(([k]) => k.toLowerCase() === n).map(([, v]) => v.trim());
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function targetOf(x: Exchange): FindingTarget {
  return { method: x.request.method, url: x.request.url, preflight: x.preflight };
}

/** What the preflight of `x` asked for, answered with `origin`. */
function answerFor(x: Exchange, origin: string): PreflightAnswer {
  return { origin, method: header(x.request.headers, 'Access-Control-Request-Method') ?? 'GET', headers: header(x.request.headers, 'Access-Control-Request-Headers') };
}

const LOGIN_PATH = /\/(login|log-in|signin|sign-in|sign_in|auth|authorize|oauth2?|sso|saml|cas|account\/login|session\/new|users\/sign_in)(\/|$|\?|\.)/i;

/**
 * Whether an ACAO value differs from the origin only in a way people get wrong by accident:
 * scheme, `www.`, port, a trailing slash, or letter case.
 */
export function isOriginNearMiss(value: string, origin: string): boolean {
  if (value === origin || value === '*' || value === 'null' || origin === 'null' || /[ ,]/.test(value)) return false;
  if (value === `${origin}/` || value.toLowerCase() === origin.toLowerCase()) return true;
  let a: URL;
  let b: URL;
  try {
    a = new URL(value);
    b = new URL(origin);
  } catch {
    return false;
  }
  const strip = (h: string): string => h.toLowerCase().replace(/^www\./, '');
  if (strip(a.hostname) !== strip(b.hostname)) return false;
  return a.protocol !== b.protocol || a.hostname !== b.hostname || a.port !== b.port || a.href !== `${a.origin}/`;
}

/**
 * The root causes visible in an observation, most important first.
 *
 * @example
 * findingsOf(observation)
 * // → [{ code: 'ERROR_STATUS_WITHOUT_CORS', severity: 'error', exchange: 1, status: 500, ... }]
 */
export function findingsOf(o: Observation, opts: FindingsOptions = {}): Finding[] {
  const out: Finding[] = [];
  const credentials = o.request.credentials === 'include';
  const withCors = o.exchanges.some((x) => x.response !== null && x.response.status < 400 && header(x.response.headers, 'Access-Control-Allow-Origin') !== null);
  const pageOrigin = originOf(o.page);
  o.exchanges.forEach((x, i) => {
    const res = x.response;
    if (res === null) return;
    const at = { severity: 'error' as const, exchange: i, target: targetOf(x) };
    const sentOrigin = header(x.request.headers, 'Origin');
    const acaoLines = headerLines(res.headers, 'Access-Control-Allow-Origin');
    const acao = acaoLines.length === 0 ? null : acaoLines.join(', ');
    const location = header(res.headers, 'Location');
    const isRedirect = [301, 302, 303, 307, 308].includes(res.status) && location !== null;
    const statusText = res.statusText ?? '';

    const noCorsAtAll = !res.headers.some(([n]) => n.toLowerCase().startsWith('access-control-'));
    // The preflight never carries credentials; an auth layer in front of the CORS code rejects it.
    if (x.preflight && (res.status === 401 || res.status === 403) && noCorsAtAll) {
      out.push({ ...at, code: 'PREFLIGHT_REJECTED_BY_AUTH', status: res.status });
      return;
    }
    // No route for OPTIONS: the framework answers 404/405 (or 501) before any CORS code runs, or
    // its automatic OPTIONS handler answers with an `Allow` list and no CORS headers.
    const allow = header(res.headers, 'Allow');
    if (x.preflight && res.status < 300 && noCorsAtAll && allow !== null) {
      out.push({ ...at, code: 'PREFLIGHT_NOT_HANDLED', by: 'framework-options', status: res.status, statusText, allow, answer: answerFor(x, sentOrigin ?? pageOrigin) });
      return;
    }
    // A 2xx preflight without any CORS header, while the actual request's answer has them.
    const actualWithCors = o.exchanges.find((y) => !y.preflight && y.request.url === x.request.url && y.response !== null &&
      header(y.response.headers, 'Access-Control-Allow-Origin') !== null);
    if (x.preflight && res.status >= 200 && res.status < 300 && noCorsAtAll && actualWithCors !== undefined) {
      out.push({ ...at, code: 'PREFLIGHT_WITHOUT_CORS', status: res.status, actualMethod: actualWithCors.request.method, answer: answerFor(x, sentOrigin ?? pageOrigin) });
      return;
    }
    // The preflight allows the origin, the actual answer (2xx/3xx) does not say so.
    if (!x.preflight && res.status < 400 && acao === null && sentOrigin !== null && !isRedirect &&
        o.exchanges.some((y) => y.preflight && y.request.url === x.request.url && y.response !== null && header(y.response.headers, 'Access-Control-Allow-Origin') !== null)) {
      out.push({ ...at, code: 'CORS_ONLY_ON_PREFLIGHT', status: res.status, origin: sentOrigin === 'null' ? pageOrigin : sentOrigin });
    }
    if (x.preflight && [404, 405, 501].includes(res.status)) {
      out.push({ ...at, code: 'PREFLIGHT_NOT_HANDLED', by: 'no-route', status: res.status, statusText, allow, answer: answerFor(x, sentOrigin ?? pageOrigin) });
      return;
    }

    // An error path without the CORS headers.
    if (res.status >= 400 && acao === null && sentOrigin !== null && !(x.preflight && [404, 405, 501].includes(res.status))) {
      out.push({ ...at, code: 'ERROR_STATUS_WITHOUT_CORS', status: res.status, statusText, corsOnSuccess: withCors, origin: sentOrigin === 'null' ? pageOrigin : sentOrigin });
    }

    if (acaoLines.length > 1 || (acao !== null && /,/.test(acao))) {
      out.push({ ...at, code: 'MULTIPLE_ALLOW_ORIGIN', values: acaoLines });
    } else if (acao !== null && sentOrigin !== null && isOriginNearMiss(acao, sentOrigin)) {
      out.push({ ...at, code: 'ALLOW_ORIGIN_NEAR_MISS', allowOrigin: acao, origin: sentOrigin });
    }

    if (acao === '*' && credentials) out.push({ ...at, code: 'WILDCARD_WITH_CREDENTIALS', origin: sentOrigin ?? pageOrigin });

    if (isRedirect) {
      let to: URL | null = null;
      try {
        to = new URL(location, x.request.url);
      } catch {
        to = null;
      }
      if (to !== null) {
        const from = new URL(x.request.url);
        const hop = { status: res.status, location: to.href };
        if (x.preflight) out.push({ ...at, code: 'REDIRECTED_PREFLIGHT', ...hop });
        if (from.protocol === 'http:' && to.protocol === 'https:' && from.hostname === to.hostname) {
          out.push({ ...at, code: 'REDIRECT_HTTP_TO_HTTPS', ...hop });
        } else if (LOGIN_PATH.test(to.pathname + to.search)) {
          out.push({ ...at, code: 'REDIRECT_TO_LOGIN', ...hop, credentials });
        } else if (to.origin !== from.origin) {
          out.push({ ...at, code: 'REDIRECT_CROSS_ORIGIN', ...hop });
        }
      }
    }

    if (x.preflight && o.request.headers?.some(([n]) => n.toLowerCase() === 'authorization')) {
      const acah = header(res.headers, 'Access-Control-Allow-Headers');
      if (acah !== null) {
        const names = acah.split(',').map((t) => t.trim().toLowerCase());
        if (names.includes('*') && !names.includes('authorization')) {
          out.push({ ...at, severity: 'warning', code: 'AUTHORIZATION_ONLY_BY_WILDCARD', allowHeaders: names });
        }
      }
    }
  });

  const r = opts.reflection;
  if (r !== undefined && r.exchange.response !== null) {
    const base = o.exchanges[r.of];
    const baseOrigin = base === undefined ? null : header(base.request.headers, 'Origin');
    const other = header(r.exchange.request.headers, 'Origin');
    const baseAcao = base?.response ? header(base.response.headers, 'Access-Control-Allow-Origin') : null;
    const otherAcao = header(r.exchange.response.headers, 'Access-Control-Allow-Origin');
    const vary = base?.response ? header(base.response.headers, 'Vary') : null;
    const varies = vary !== null && vary.split(',').some((t) => ['origin', '*'].includes(t.trim().toLowerCase()));
    if (base !== undefined && baseOrigin !== null && baseAcao === baseOrigin && otherAcao !== baseAcao) {
      const at = { severity: 'warning' as const, exchange: r.of, target: targetOf(base) };
      const acac = base.response ? header(base.response.headers, 'Access-Control-Allow-Credentials') === 'true' : false;
      if (otherAcao !== null && otherAcao === other) {
        out.push({ ...at, code: 'REFLECTS_ANY_ORIGIN', probeOrigin: other, probeAllowOrigin: otherAcao, credentials: acac });
      }
      if (!varies) {
        out.push({ ...at, code: 'REFLECTED_ORIGIN_WITHOUT_VARY', baseOrigin, baseAllowOrigin: baseAcao, probeOrigin: other, probeAllowOrigin: otherAcao });
      }
    }
  }
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
