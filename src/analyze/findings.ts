/**
 * Root causes named from what the server answered. The engine says *which check* failed
 * (`MISSING_ALLOW_ORIGIN_HEADER` ...); these findings say *why the server answered that way*:
 * a missing OPTIONS route, an error path that bypasses the CORS middleware, an origin typo, a
 * proxy adding a second header, a login redirect. They work from an `Observation` alone, so a
 * live probe (`corsight check`) and a DevTools export (`corsight har`) share them.
 */
import { describeOriginDifference } from '../diagnose/origin-diff.js';
import type { HeaderPair } from '../engine/index.js';
import type { Exchange, Observation } from './exchange.js';

export type FindingCode =
  | 'PREFLIGHT_NOT_HANDLED'
  | 'PREFLIGHT_REJECTED_BY_AUTH'
  | 'PREFLIGHT_WITHOUT_CORS'
  | 'CORS_ONLY_ON_PREFLIGHT'
  | 'ERROR_STATUS_WITHOUT_CORS'
  | 'ALLOW_ORIGIN_NEAR_MISS'
  | 'WILDCARD_WITH_CREDENTIALS'
  | 'MULTIPLE_ALLOW_ORIGIN'
  | 'REDIRECT_TO_LOGIN'
  | 'REDIRECT_CROSS_ORIGIN'
  | 'REDIRECT_HTTP_TO_HTTPS'
  | 'REDIRECTED_PREFLIGHT'
  | 'REFLECTED_ORIGIN_WITHOUT_VARY'
  | 'REFLECTS_ANY_ORIGIN'
  | 'AUTHORIZATION_ONLY_BY_WILDCARD';

/** One root cause. `error`: it breaks the request; `warning`: it works but is wrong or risky. */
export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning';
  /** Index into the observation's exchanges of the answer it is about. */
  exchange: number;
  /** The root cause in one sentence, e.g. "your server answered 500, the browser reports it as a CORS error". */
  title: string;
  /** Why, pointing at what was seen. */
  detail: string;
  /** What to change, as literal lines where possible. */
  help: string[];
}

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

function target(x: Exchange): string {
  return `${x.request.method} ${x.request.url}`;
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
 * // → [{ code: 'ERROR_STATUS_WITHOUT_CORS', severity: 'error',
 * //      title: 'your server answered 500, the browser reports it as a CORS error', ... }]
 */
export function findingsOf(o: Observation, opts: FindingsOptions = {}): Finding[] {
  const out: Finding[] = [];
  const credentials = o.request.credentials === 'include';
  const withCors = o.exchanges.some((x) => x.response !== null && x.response.status < 400 && header(x.response.headers, 'Access-Control-Allow-Origin') !== null);
  const pageOrigin = originOf(o.page);
  o.exchanges.forEach((x, i) => {
    const res = x.response;
    if (res === null) return;
    const sentOrigin = header(x.request.headers, 'Origin');
    const acaoLines = headerLines(res.headers, 'Access-Control-Allow-Origin');
    const acao = acaoLines.length === 0 ? null : acaoLines.join(', ');
    const where = x.preflight ? `the preflight ${target(x)}` : target(x);
    const location = header(res.headers, 'Location');
    const isRedirect = [301, 302, 303, 307, 308].includes(res.status) && location !== null;

    const noCorsAtAll = !res.headers.some(([n]) => n.toLowerCase().startsWith('access-control-'));
    // The preflight never carries credentials; an auth layer in front of the CORS code rejects it.
    if (x.preflight && (res.status === 401 || res.status === 403) && noCorsAtAll) {
      out.push({
        code: 'PREFLIGHT_REJECTED_BY_AUTH', severity: 'error', exchange: i,
        title: `the preflight got ${res.status}: authentication runs before CORS and rejects it`,
        detail: `A preflight never carries cookies or an Authorization header, so an auth check in front of the CORS code answers it ${res.status}. Browsers need a 2xx answer with the Access-Control-Allow-* headers.`,
        help: ['let OPTIONS through before authentication (register the CORS middleware first; Express: app.use(cors()) before the auth middleware)'],
      });
      return;
    }
    // No route for OPTIONS: the framework answers 404/405 (or 501) before any CORS code runs, or
    // its automatic OPTIONS handler answers with an `Allow` list and no CORS headers.
    const autoOptions = x.preflight && res.status < 300 && noCorsAtAll && header(res.headers, 'Allow') !== null;
    if (autoOptions) {
      out.push({
        code: 'PREFLIGHT_NOT_HANDLED', severity: 'error', exchange: i,
        title: `the preflight was answered by the framework's automatic OPTIONS handler (${res.status}, Allow: ${header(res.headers, 'Allow')}), not by your CORS code`,
        detail: 'The CORS middleware is attached to the route (or method) only, so OPTIONS falls through to the default handler, which lists the methods in `Allow` but sends no Access-Control-Allow-* headers.',
        help: [
          `answer OPTIONS ${x.request.url} with the CORS headers:`,
          `Access-Control-Allow-Origin: ${sentOrigin ?? pageOrigin}`,
          `Access-Control-Allow-Methods: ${header(x.request.headers, 'Access-Control-Request-Method') ?? 'GET'}`,
          ...(header(x.request.headers, 'Access-Control-Request-Headers') !== null
            ? [`Access-Control-Allow-Headers: ${header(x.request.headers, 'Access-Control-Request-Headers')}`] : []),
          '(Express: app.use(cors(...)) for the whole app, or app.options(path, cors(...)) next to the route)',
        ],
      });
      return;
    }
    // A 2xx preflight without any CORS header, while the actual request's answer has them.
    const actualWithCors = o.exchanges.find((y) => !y.preflight && y.request.url === x.request.url && y.response !== null &&
      header(y.response.headers, 'Access-Control-Allow-Origin') !== null);
    if (x.preflight && res.status >= 200 && res.status < 300 && noCorsAtAll && actualWithCors !== undefined) {
      out.push({
        code: 'PREFLIGHT_WITHOUT_CORS', severity: 'error', exchange: i,
        title: `the preflight was answered ${res.status} without any CORS headers, while the ${actualWithCors.request.method} carries them`,
        detail: 'The CORS headers are set in the route handler, and OPTIONS is answered by something else (a generic OPTIONS handler, a proxy). The browser checks the preflight first and stops there.',
        help: [
          `answer OPTIONS ${x.request.url} with the CORS headers too:`,
          `Access-Control-Allow-Origin: ${sentOrigin ?? pageOrigin}`,
          `Access-Control-Allow-Methods: ${header(x.request.headers, 'Access-Control-Request-Method') ?? 'GET'}`,
          ...(header(x.request.headers, 'Access-Control-Request-Headers') !== null
            ? [`Access-Control-Allow-Headers: ${header(x.request.headers, 'Access-Control-Request-Headers')}`] : []),
        ],
      });
      return;
    }
    // The preflight allows the origin, the actual answer (2xx/3xx) does not say so.
    if (!x.preflight && res.status < 400 && acao === null && sentOrigin !== null && !isRedirect &&
        o.exchanges.some((y) => y.preflight && y.request.url === x.request.url && y.response !== null && header(y.response.headers, 'Access-Control-Allow-Origin') !== null)) {
      out.push({
        code: 'CORS_ONLY_ON_PREFLIGHT', severity: 'error', exchange: i,
        title: `the preflight allows the origin, but the ${x.request.method} answer has no Access-Control-Allow-Origin`,
        detail: `${where} answered ${res.status} without Access-Control-Allow-Origin. Both answers need it: the preflight lets the request go out, the actual response lets the page read it. The CORS headers are set only in the OPTIONS handler.`,
        help: [`add to the ${x.request.method} response too:`, `Access-Control-Allow-Origin: ${sentOrigin === 'null' ? pageOrigin : sentOrigin}`],
      });
    }
    if (x.preflight && [404, 405, 501].includes(res.status)) {
      const allow = header(res.headers, 'Allow');
      out.push({
        code: 'PREFLIGHT_NOT_HANDLED', severity: 'error', exchange: i,
        title: `the preflight got ${res.status}: nothing on your server answers OPTIONS ${new URL(x.request.url).pathname}`,
        detail: `The browser sends OPTIONS before the real request and needs a 2xx answer with the Access-Control-Allow-* headers; the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${allow !== null ? ` (Allow: ${allow})` : ''}, so the CORS middleware never saw it.`,
        help: [
          `answer OPTIONS ${x.request.url} with 204 and the CORS headers, e.g.:`,
          `Access-Control-Allow-Origin: ${sentOrigin ?? pageOrigin}`,
          `Access-Control-Allow-Methods: ${header(x.request.headers, 'Access-Control-Request-Method') ?? 'GET'}`,
          ...(header(x.request.headers, 'Access-Control-Request-Headers') !== null
            ? [`Access-Control-Allow-Headers: ${header(x.request.headers, 'Access-Control-Request-Headers')}`] : []),
          '(Express: app.use(cors(...)) before the routes answers every OPTIONS; nginx: answer OPTIONS in the location with `return 204`)',
        ],
      });
      return;
    }

    // An error path without the CORS headers.
    if (res.status >= 400 && acao === null && sentOrigin !== null && !(x.preflight && [404, 405, 501].includes(res.status))) {
      out.push({
        code: 'ERROR_STATUS_WITHOUT_CORS', severity: 'error', exchange: i,
        title: `your server answered ${res.status}, the browser reports it as a CORS error`,
        detail: `${where} was answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''} without Access-Control-Allow-Origin${withCors ? ', while its successful answers carry it: the error path bypasses the CORS middleware (an error handler, a proxy error page, nginx add_header without `always`)' : ''}. The page cannot read the status: it only sees a CORS failure. Fix the ${res.status} first, and send the CORS headers on error responses too.`,
        help: [
          `send the CORS headers on every status, e.g. nginx: add_header Access-Control-Allow-Origin ${sentOrigin === 'null' ? pageOrigin : sentOrigin} always;`,
          'Express: register cors() before the routes and before any error handler',
        ],
      });
    }

    if (acaoLines.length > 1 || (acao !== null && /,/.test(acao))) {
      out.push({
        code: 'MULTIPLE_ALLOW_ORIGIN', severity: 'error', exchange: i,
        title: `${acaoLines.length > 1 ? `${acaoLines.length} Access-Control-Allow-Origin headers` : 'Access-Control-Allow-Origin lists several values'}: two layers both add it`,
        detail: `${where} carries Access-Control-Allow-Origin ${acaoLines.map((v) => `\`${v}\``).join(' and ')}. The header takes exactly one value; typically a reverse proxy (nginx add_header) and the application both add it.`,
        help: ['keep one layer adding the CORS headers (remove add_header in the proxy, or the middleware in the app)'],
      });
    } else if (acao !== null && sentOrigin !== null && isOriginNearMiss(acao, sentOrigin)) {
      out.push({
        code: 'ALLOW_ORIGIN_NEAR_MISS', severity: 'error', exchange: i,
        title: `Access-Control-Allow-Origin is almost the origin: ${describeOriginDifference(acao, sentOrigin)}`,
        detail: `${where} answered Access-Control-Allow-Origin \`${acao}\`; the browser sent Origin \`${sentOrigin}\` and compares them byte for byte.`,
        help: ['fix the allowed-origins list so the server sends the origin exactly as the browser does:', `Access-Control-Allow-Origin: ${sentOrigin}`],
      });
    }

    if (acao === '*' && credentials) {
      out.push({
        code: 'WILDCARD_WITH_CREDENTIALS', severity: 'error', exchange: i,
        title: 'Access-Control-Allow-Origin: * cannot be used with credentials',
        detail: `The page sends credentials (cookies, HTTP auth), and ${where} answered \`Access-Control-Allow-Origin: *\`; a credentialed request needs the exact origin echoed, plus Access-Control-Allow-Credentials: true.`,
        help: ['echo the allowed origin instead of `*`:', `Access-Control-Allow-Origin: ${sentOrigin ?? pageOrigin}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin'],
      });
    }

    if (isRedirect) {
      let to: URL | null = null;
      try {
        to = new URL(location, x.request.url);
      } catch {
        to = null;
      }
      if (to !== null) {
        const from = new URL(x.request.url);
        if (x.preflight) {
          out.push({
            code: 'REDIRECTED_PREFLIGHT', severity: 'error', exchange: i,
            title: `the preflight was redirected (${res.status} to ${to.href})`,
            detail: 'A preflight must be answered directly with a 2xx: browsers do not follow redirects for it.',
            help: [`send the request to the final URL (${to.href}) in the page, or answer OPTIONS ${x.request.url} without redirecting`],
          });
        }
        if (from.protocol === 'http:' && to.protocol === 'https:' && from.hostname === to.hostname) {
          out.push({
            code: 'REDIRECT_HTTP_TO_HTTPS', severity: 'error', exchange: i,
            title: 'http→https redirect: the page calls the API over http',
            detail: `${where} redirects (${res.status}) to ${to.href}. The redirect is cross-origin (the scheme is part of the origin): it must carry the CORS headers itself, a preflighted request must be re-preflighted, and the browser's Origin may become \`null\`.`,
            help: [`call ${to.origin} directly in the page`],
          });
        } else if (LOGIN_PATH.test(to.pathname + to.search)) {
          out.push({
            code: 'REDIRECT_TO_LOGIN', severity: 'error', exchange: i,
            title: `the API redirects to a login page (${to.href})`,
            detail: `${where} answered ${res.status} → ${to.href}: the session is missing or expired${credentials ? '' : ' (the request does not send credentials: credentials: "include" / withCredentials)'}. A fetch() cannot show a login page, and the login page carries no CORS headers.`,
            help: ['answer API calls without a session with 401 (and the CORS headers), not a redirect; let the page navigate to the login'],
          });
        } else if (to.origin !== from.origin) {
          out.push({
            code: 'REDIRECT_CROSS_ORIGIN', severity: 'error', exchange: i,
            title: `redirect to another origin (${to.origin})`,
            detail: `${where} answered ${res.status} → ${to.href}. After a cross-origin redirect the browser sends \`Origin: null\` (Firefox keeps the page origin on a preflight), so ${to.origin} must allow that too, and every hop must carry the CORS headers.`,
            help: [`call ${to.href} directly in the page, or proxy it on ${from.origin}`],
          });
        }
      }
    }

    if (x.preflight && o.request.headers?.some(([n]) => n.toLowerCase() === 'authorization')) {
      const acah = header(res.headers, 'Access-Control-Allow-Headers');
      if (acah !== null) {
        const names = acah.split(',').map((t) => t.trim().toLowerCase());
        if (names.includes('*') && !names.includes('authorization')) {
          out.push({
            code: 'AUTHORIZATION_ONLY_BY_WILDCARD', severity: 'warning', exchange: i,
            title: 'Authorization is allowed only by `Access-Control-Allow-Headers: *` (works in browsers today, not per spec)',
            detail: 'The Fetch standard says the wildcard never covers Authorization; Chromium, Firefox (with a console warning) and WebKit accept it today, and may stop.',
            help: ['list it by name:', `Access-Control-Allow-Headers: ${['authorization', ...names.filter((n) => n !== '*' && n !== 'authorization')].join(', ')}`],
          });
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
      const acac = base.response ? header(base.response.headers, 'Access-Control-Allow-Credentials') === 'true' : false;
      if (otherAcao !== null && otherAcao === other) {
        out.push({
          code: 'REFLECTS_ANY_ORIGIN', severity: 'warning', exchange: r.of,
          title: `the server echoes any Origin${acac ? ' with Access-Control-Allow-Credentials: true: every site can read your users\' data' : ''}`,
          detail: `Probed again with \`Origin: ${other}\`, ${target(base)} answered \`Access-Control-Allow-Origin: ${otherAcao}\`: the origin is reflected without an allowlist.`,
          help: ['check the Origin against an allowlist before echoing it'],
        });
      }
      if (!varies) {
        out.push({
          code: 'REFLECTED_ORIGIN_WITHOUT_VARY', severity: 'warning', exchange: r.of,
          title: 'Access-Control-Allow-Origin depends on the Origin, but the response has no `Vary: Origin` (cache poisoning)',
          detail: `With \`Origin: ${baseOrigin}\` the answer allows \`${baseAcao}\`, with \`Origin: ${other}\` it ${otherAcao === null ? 'has no Access-Control-Allow-Origin' : `allows \`${otherAcao}\``}. A shared or browser cache may serve one origin's answer to another and break (or open) access.`,
          help: ['add to every response whose Access-Control-Allow-Origin depends on the Origin:', 'Vary: Origin'],
        });
      }
    }
  }
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
