/**
 * The words of a root-cause finding (src/analyze/findings.ts), rendered from its code and typed
 * fields: a one-sentence title, the detail pointing at what was seen, and the help lines.
 */
import type { Finding, FindingTarget, PreflightAnswer } from '../analyze/findings.js';
import { describeOriginDifference } from '../diagnose/origin-diff.js';

export interface FindingText {
  /** The root cause in one sentence, e.g. "your server answered 500, the browser reports it as a CORS error". */
  title: string;
  /** Why, pointing at what was seen. */
  detail: string;
  /** What to change, as literal lines where possible. */
  help: string[];
}

function where(t: FindingTarget): string {
  return t.preflight ? `the preflight ${t.method} ${t.url}` : `${t.method} ${t.url}`;
}

function status(code: number, text: string): string {
  return `${code}${text ? ` ${text}` : ''}`;
}

/** The Access-Control-Allow-* lines answering the preflight. */
function answerLines(a: PreflightAnswer): string[] {
  return [
    `Access-Control-Allow-Origin: ${a.origin}`,
    `Access-Control-Allow-Methods: ${a.method}`,
    ...(a.headers !== null ? [`Access-Control-Allow-Headers: ${a.headers}`] : []),
  ];
}

/** The title, detail and help of a finding. */
export function findingText(f: Finding): FindingText {
  const w = where(f.target);
  const url = f.target.url;
  switch (f.code) {
    case 'PREFLIGHT_REJECTED_BY_AUTH':
      return {
        title: `the preflight got ${f.status}: authentication runs before CORS and rejects it`,
        detail: `A preflight never carries cookies or an Authorization header, so an auth check in front of the CORS code answers it ${f.status}. Browsers need a 2xx answer with the Access-Control-Allow-* headers.`,
        help: ['let OPTIONS through before authentication (register the CORS middleware first; Express: app.use(cors()) before the auth middleware)'],
      };
    case 'PREFLIGHT_NOT_HANDLED':
      if (f.by === 'framework-options') {
        return {
          title: `the preflight was answered by the framework's automatic OPTIONS handler (${f.status}, Allow: ${f.allow}), not by your CORS code`,
          detail: 'The CORS middleware is attached to the route (or method) only, so OPTIONS falls through to the default handler, which lists the methods in `Allow` but sends no Access-Control-Allow-* headers.',
          help: [
            `answer OPTIONS ${url} with the CORS headers:`,
            ...answerLines(f.answer),
            '(Express: app.use(cors(...)) for the whole app, or app.options(path, cors(...)) next to the route)',
          ],
        };
      }
      return {
        title: `the preflight got ${f.status}: nothing on your server answers OPTIONS ${new URL(url).pathname}`,
        detail: `The browser sends OPTIONS before the real request and needs a 2xx answer with the Access-Control-Allow-* headers; the server answered ${status(f.status, f.statusText)}${f.allow !== null ? ` (Allow: ${f.allow})` : ''}, so the CORS middleware never saw it.`,
        help: [
          `answer OPTIONS ${url} with 204 and the CORS headers, e.g.:`,
          ...answerLines(f.answer),
          '(Express: app.use(cors(...)) before the routes answers every OPTIONS; nginx: answer OPTIONS in the location with `return 204`)',
        ],
      };
    case 'PREFLIGHT_WITHOUT_CORS':
      return {
        title: `the preflight was answered ${f.status} without any CORS headers, while the ${f.actualMethod} carries them`,
        detail: 'The CORS headers are set in the route handler, and OPTIONS is answered by something else (a generic OPTIONS handler, a proxy). The browser checks the preflight first and stops there.',
        help: [`answer OPTIONS ${url} with the CORS headers too:`, ...answerLines(f.answer)],
      };
    case 'CORS_ONLY_ON_PREFLIGHT':
      return {
        title: `the preflight allows the origin, but the ${f.target.method} answer has no Access-Control-Allow-Origin`,
        detail: `${w} answered ${f.status} without Access-Control-Allow-Origin. Both answers need it: the preflight lets the request go out, the actual response lets the page read it. The CORS headers are set only in the OPTIONS handler.`,
        help: [`add to the ${f.target.method} response too:`, `Access-Control-Allow-Origin: ${f.origin}`],
      };
    case 'ERROR_STATUS_WITHOUT_CORS':
      return {
        title: `your server answered ${f.status}, the browser reports it as a CORS error`,
        detail: `${w} was answered ${status(f.status, f.statusText)} without Access-Control-Allow-Origin${f.corsOnSuccess ? ', while its successful answers carry it: the error path bypasses the CORS middleware (an error handler, a proxy error page, nginx add_header without `always`)' : ''}. The page cannot read the status: it only sees a CORS failure. Fix the ${f.status} first, and send the CORS headers on error responses too.`,
        help: [
          `send the CORS headers on every status, e.g. nginx: add_header Access-Control-Allow-Origin ${f.origin} always;`,
          'Express: register cors() before the routes and before any error handler',
        ],
      };
    case 'MULTIPLE_ALLOW_ORIGIN':
      return {
        title: `${f.values.length > 1 ? `${f.values.length} Access-Control-Allow-Origin headers` : 'Access-Control-Allow-Origin lists several values'}: two layers both add it`,
        detail: `${w} carries Access-Control-Allow-Origin ${f.values.map((v) => `\`${v}\``).join(' and ')}. The header takes exactly one value; typically a reverse proxy (nginx add_header) and the application both add it.`,
        help: ['keep one layer adding the CORS headers (remove add_header in the proxy, or the middleware in the app)'],
      };
    case 'ALLOW_ORIGIN_NEAR_MISS':
      return {
        title: `Access-Control-Allow-Origin is almost the origin: ${describeOriginDifference(f.allowOrigin, f.origin)}`,
        detail: `${w} answered Access-Control-Allow-Origin \`${f.allowOrigin}\`; the browser sent Origin \`${f.origin}\` and compares them byte for byte.`,
        help: ['fix the allowed-origins list so the server sends the origin exactly as the browser does:', `Access-Control-Allow-Origin: ${f.origin}`],
      };
    case 'WILDCARD_WITH_CREDENTIALS':
      return {
        title: 'Access-Control-Allow-Origin: * cannot be used with credentials',
        detail: `The page sends credentials (cookies, HTTP auth), and ${w} answered \`Access-Control-Allow-Origin: *\`; a credentialed request needs the exact origin echoed, plus Access-Control-Allow-Credentials: true.`,
        help: ['echo the allowed origin instead of `*`:', `Access-Control-Allow-Origin: ${f.origin}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin'],
      };
    case 'REDIRECTED_PREFLIGHT':
      return {
        title: `the preflight was redirected (${f.status} to ${f.location})`,
        detail: 'A preflight must be answered directly with a 2xx: browsers do not follow redirects for it.',
        help: [`send the request to the final URL (${f.location}) in the page, or answer OPTIONS ${url} without redirecting`],
      };
    case 'REDIRECT_HTTP_TO_HTTPS':
      return {
        title: 'http→https redirect: the page calls the API over http',
        detail: `${w} redirects (${f.status}) to ${f.location}. The redirect is cross-origin (the scheme is part of the origin): it must carry the CORS headers itself, a preflighted request must be re-preflighted, and the browser's Origin may become \`null\`.`,
        help: [`call ${new URL(f.location).origin} directly in the page`],
      };
    case 'REDIRECT_TO_LOGIN':
      return {
        title: `the API redirects to a login page (${f.location})`,
        detail: `${w} answered ${f.status} → ${f.location}: the session is missing or expired${f.credentials ? '' : ' (the request does not send credentials: credentials: "include" / withCredentials)'}. A fetch() cannot show a login page, and the login page carries no CORS headers.`,
        help: ['answer API calls without a session with 401 (and the CORS headers), not a redirect; let the page navigate to the login'],
      };
    case 'REDIRECT_CROSS_ORIGIN': {
      const to = new URL(f.location).origin;
      return {
        title: `redirect to another origin (${to})`,
        detail: `${w} answered ${f.status} → ${f.location}. After a cross-origin redirect the browser sends \`Origin: null\` (Firefox keeps the page origin on a preflight), so ${to} must allow that too, and every hop must carry the CORS headers.`,
        help: [`call ${f.location} directly in the page, or proxy it on ${new URL(url).origin}`],
      };
    }
    case 'AUTHORIZATION_ONLY_BY_WILDCARD':
      return {
        title: 'Authorization is allowed only by `Access-Control-Allow-Headers: *` (works in browsers today, not per spec)',
        detail: 'The Fetch standard says the wildcard never covers Authorization; Chromium, Firefox (with a console warning) and WebKit accept it today, and may stop.',
        help: ['list it by name:', `Access-Control-Allow-Headers: ${['authorization', ...f.allowHeaders.filter((n) => n !== '*' && n !== 'authorization')].join(', ')}`],
      };
    case 'REFLECTS_ANY_ORIGIN':
      return {
        title: `the server echoes any Origin${f.credentials ? ' with Access-Control-Allow-Credentials: true: every site can read your users\' data' : ''}`,
        detail: `Probed again with \`Origin: ${f.probeOrigin}\`, ${f.target.method} ${url} answered \`Access-Control-Allow-Origin: ${f.probeAllowOrigin}\`: the origin is reflected without an allowlist.`,
        help: ['check the Origin against an allowlist before echoing it'],
      };
    case 'REFLECTED_ORIGIN_WITHOUT_VARY':
      return {
        title: 'Access-Control-Allow-Origin depends on the Origin, but the response has no `Vary: Origin` (cache poisoning)',
        detail: `With \`Origin: ${f.baseOrigin}\` the answer allows \`${f.baseAllowOrigin}\`, with \`Origin: ${f.probeOrigin}\` it ${f.probeAllowOrigin === null ? 'has no Access-Control-Allow-Origin' : `allows \`${f.probeAllowOrigin}\``}. A shared or browser cache may serve one origin's answer to another and break (or open) access.`,
        help: ['add to every response whose Access-Control-Allow-Origin depends on the Origin:', 'Vary: Origin'],
      };
  }
}

/** A finding as `corsight check --json` prints it: code, severity, exchange and its words. */
export function findingJson(f: Finding): { code: Finding['code']; severity: Finding['severity']; exchange: number } & FindingText {
  return { code: f.code, severity: f.severity, exchange: f.exchange, ...findingText(f) };
}
