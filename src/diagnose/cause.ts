import { baseKind, PROFILES, type BrowserId, type Failure, type RunResult, type Scenario } from '../engine/index.js';
import { describeOriginDifference } from './origin-diff.js';

/** The cause of a failure in plain words, pointing at the exact header and value. */
export interface Cause {
  /** One or two sentences. */
  text: string;
  /** Where: `preflight` (OPTIONS), `response`, `redirect`, or `request` (the page's own call). */
  where: Failure['stage'];
  /** The response header (or request field) at fault, and its value as the browser read it. */
  header?: string;
  value?: string | null;
}

function q(v: string | null | undefined): string {
  return v === null || v === undefined ? '(absent)' : `\`${v}\``;
}

/** Which response the failure is about, in words. */
function responseLabel(f: Failure): string {
  if (f.stage === 'preflight') return `the preflight response (OPTIONS ${f.url}${f.status !== undefined ? `, status ${f.status}` : ''})`;
  if (f.stage === 'redirect') return `the redirect response from ${f.url} (status ${f.status ?? '?'})`;
  return `the response from ${f.url}${f.status !== undefined ? ` (status ${f.status})` : ''}`;
}

/** Explains a failure of one run; `browser` names whose rules applied. */
export function causeOf(f: Failure, run: RunResult, s: Scenario, browser: BrowserId): Cause {
  const name = PROFILES[browser].modeled;
  const resp = responseLabel(f);
  const origin = f.origin ?? new URL(s.page).origin;
  const credentials = (s.request.credentials ?? 'same-origin') === 'include';
  const kind = baseKind(f.code);
  const at = (text: string, header?: string, value?: string | null): Cause => ({ text, where: f.stage, header, value });

  switch (kind) {
    case 'MISSING_ALLOW_ORIGIN_HEADER':
      return at(origin === 'null' && new URL(s.page).origin !== 'null'
        ? `${cap(resp)} has no Access-Control-Allow-Origin header. A cross-origin redirect made the request's origin \`null\` (Origin: null), so only \`*\` (without credentials) could allow it${credentials ? '; with credentials nothing safe can: avoid the cross-origin redirect' : ''}.`
        : `${cap(resp)} has no Access-Control-Allow-Origin header, so the page at ${origin} may not read it.`,
        'Access-Control-Allow-Origin', null);
    case 'WILDCARD_ORIGIN_NOT_ALLOWED':
      return at(`${cap(resp)} allows any origin with \`*\`, but the request includes credentials (credentials: "include"${s.request.api === 'xhr' ? ', i.e. withCredentials' : ''}); with credentials the header must name the origin ${origin} exactly.`,
        'Access-Control-Allow-Origin', '*');
    case 'MULTIPLE_ALLOW_ORIGIN_VALUES':
      return at(`${cap(resp)} sends Access-Control-Allow-Origin ${q(f.value)}: several values (or several header lines, which are joined with ", "), but the header takes exactly one origin.`,
        'Access-Control-Allow-Origin', f.value ?? null);
    case 'INVALID_ALLOW_ORIGIN_VALUE':
    case 'ALLOW_ORIGIN_MISMATCH':
      return at(`${cap(resp)} sends Access-Control-Allow-Origin ${q(f.value)}, which is not the request's origin ${q(origin)}: ${describeOriginDifference(f.value ?? '', origin)}.`,
        'Access-Control-Allow-Origin', f.value ?? null);
    case 'INVALID_ALLOW_CREDENTIALS':
      return at(`The request includes credentials, so ${resp} must send \`Access-Control-Allow-Credentials: true\` (exactly, lower-case); it sends ${q(f.value)}.`,
        'Access-Control-Allow-Credentials', f.value ?? null);
    case 'PREFLIGHT_INVALID_STATUS':
      return at(`${cap(resp)} has status ${f.status}; a preflight must be answered with a 2xx status (${name} checks this${PROFILES[browser].preflightOrder[0] === 'status' ? ' before any header' : ' after Access-Control-Allow-Origin'}).`);
    case 'PREFLIGHT_DISALLOWED_REDIRECT':
      return at(`${cap(resp)} is a redirect; browsers never follow a redirect of a preflight.`);
    case 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE':
      return at(`${cap(resp)} sends Access-Control-Allow-Methods ${q(f.value)}, which does not parse: ${q(f.token)} is not a method token.`,
        'Access-Control-Allow-Methods', f.value ?? null);
    case 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE':
      return at(`${cap(resp)} sends Access-Control-Allow-Headers ${q(f.value)}, which does not parse: ${q(f.token)} is not a header name.`,
        'Access-Control-Allow-Headers', f.value ?? null);
    case 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE': {
      const acam = preflightHeader(run, 'access-control-allow-methods', s, f);
      const wild = acam !== null && acam.includes('*') && credentials ? ' (`*` is not a wildcard when the request includes credentials)' : '';
      const lower = f.method !== undefined && f.method !== f.method.toUpperCase() ? ` Note: \`${f.method}\` is sent in lower case (fetch upper-cases only DELETE, GET, HEAD, OPTIONS, POST, PUT) and methods compare case-sensitively.` : '';
      return at(`The request's method ${f.method} is not listed in the preflight's Access-Control-Allow-Methods ${q(acam)}${wild}.${lower}`,
        'Access-Control-Allow-Methods', acam);
    }
    case 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE': {
      const acah = preflightHeader(run, 'access-control-allow-headers', s, f);
      const auth = f.header?.toLowerCase() === 'authorization' && acah?.includes('*')
        ? (credentials ? ' (`*` is literal when the request includes credentials)' : ' (`*` does not cover Authorization in the standard)')
        : (acah?.includes('*') && credentials ? ' (`*` is literal when the request includes credentials)' : '');
      return at(`The request sends the header ${f.header?.toLowerCase()}, which needs permission, but the preflight's Access-Control-Allow-Headers ${q(acah)} does not list it${auth}.`,
        'Access-Control-Allow-Headers', acah);
    }
    case 'REDIRECT_CONTAINS_CREDENTIALS':
      return at(`${cap(resp)} points to ${f.value}, a URL with a username or password; a CORS request may not follow it.`, 'Location', f.value ?? null);
    case 'DISALLOWED_BY_MODE':
      return at(`The request uses mode "same-origin" but ${f.url} is on another origin than the page (${new URL(s.page).origin}); the browser refuses before sending anything.`);
    case 'NO_CORS_METHOD_NOT_ALLOWED':
      return at(`mode "no-cors" only allows GET, HEAD and POST; the request uses ${s.request.method}.`);
    case 'FORBIDDEN_METHOD':
      return at(`${s.request.method} is a forbidden method: no page may send it.`);
    case 'INVALID_METHOD':
      return at(`${JSON.stringify(s.request.method)} is not a valid HTTP method (it must be a token).`);
    case 'URL_CONTAINS_CREDENTIALS':
      return at(`The request URL contains a username or password; fetch() refuses such URLs. Send credentials in an Authorization header instead.`);
    case 'INVALID_URL':
      return at(`The request URL ${JSON.stringify(s.request.url)} does not parse.`);
    case 'INVALID_HEADER':
      return at(f.detail === 'bytestring'
        ? `The request header ${q(f.header)} has a character above U+00FF (header names and values are byte strings: ISO-8859-1 only).`
        : f.detail === 'name'
          ? `${q(f.header)} is not a valid header name (a token: letters, digits and !#$%&'*+-.^_\`|~).`
          : `The value of the request header ${q(f.header)} is invalid (values may not contain NUL, CR or LF).`);
    case 'BODY_NOT_ALLOWED':
      return at(`A ${s.request.method ?? 'GET'} request cannot have a body.`);
    case 'INVALID_MODE':
      return at(`mode "navigate" cannot be given to fetch().`);
    case 'INVALID_HTTP_RESPONSE':
      return at(`The response to ${f.url} has a NUL byte in its ${f.header ?? 'header'} header: the browser cannot parse it, before any CORS check.`);
    case 'CACHE_MISS':
      return at(`cache "only-if-cached" and nothing for ${f.url} in the HTTP cache: the browser never goes to the network.`);
    case 'ONLY_IF_CACHED_MODE':
      return at(`cache "only-if-cached" can only be used with mode "same-origin" (the request's mode is "${s.request.mode ?? 'cors'}").`);
    case 'STREAM_DUPLEX_REQUIRED':
      return at(`The body is a ReadableStream and the request has no \`duplex: "half"\`; fetch() refuses it before sending anything.`);
    case 'STREAM_MODE_NOT_ALLOWED':
      return at(`A ReadableStream body needs mode "cors" or "same-origin" (the request's mode is "${s.request.mode ?? 'cors'}").`);
    case 'STREAM_UPLOAD_UNSUPPORTED':
      // One text for both browsers (a grouped verdict shows the first browser's cause); "after its
      // preflight" where the profile streams over HTTP/2 only and a preflight went out first.
      return at(`The body is a ReadableStream: Chromium uploads one only over HTTP/2 or QUIC (over HTTP/1.1 the request to ${f.url} ` +
        `fails${PROFILES[browser].streamBody === 'http2-only' && run.sent.some((r) => r.preflight) ? ' after its preflight' : ''}, net::ERR_ALPN_NEGOTIATION_FAILED), ` +
        `WebKit not at all (fetch() rejects before sending anything).`);
    case 'STREAM_REDIRECT':
      return at(`${f.url} answered ${f.status ?? 'a redirect'}; a ReadableStream body cannot be sent again, so only a 303 (which drops the body) may be followed.`);
    case 'UNSUPPORTED_SCHEME':
      return at(`${f.url} uses the scheme "${f.scheme}", which CORS requests cannot fetch (only http and https).`);
    case 'REDIRECT_MODE_ERROR':
      return at(`The server redirected (status ${f.status}) but the request says redirect: "error".`);
    case 'TOO_MANY_REDIRECTS':
      return at(`The request was redirected more than 20 times.`);
    case 'INVALID_REDIRECT':
      return at(`The redirect's Location ${q(f.value)} is not an http(s) URL.`, 'Location', f.value ?? null);
    case 'CORP_NOT_SAME_ORIGIN':
    case 'CORP_NOT_SAME_SITE':
      return at(`${cap(resp)} sends \`Cross-Origin-Resource-Policy: ${kind === 'CORP_NOT_SAME_ORIGIN' ? 'same-origin' : 'same-site'}\`, so a page from ${origin} may not even embed it (mode "no-cors").`,
        'Cross-Origin-Resource-Policy', kind === 'CORP_NOT_SAME_ORIGIN' ? 'same-origin' : 'same-site');
    case 'CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP': {
      const coep = (s.pageHeaders ?? []).find(([n]) => n.trim().toLowerCase() === 'cross-origin-embedder-policy')?.[1]?.trim() ?? 'require-corp';
      return at(`${cap(resp)} has ${f.value === undefined ? 'no Cross-Origin-Resource-Policy header' : `an invalid Cross-Origin-Resource-Policy ${q(f.value)}`}, ` +
        `and the page's \`Cross-Origin-Embedder-Policy: ${coep}\` makes that count as \`same-origin\`: a page from ${origin} may not embed it (mode "no-cors").`,
        'Cross-Origin-Resource-Policy', f.value ?? null);
    }
    case 'NO_CORS_REDIRECT_MODE':
      return at(`mode "no-cors" requires redirect: "follow".`);
    default:
      return at(`${name} blocked the request (${f.code}).`);
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The value the failing preflight's route sent for a header (null when absent). */
function preflightHeader(run: RunResult, lowerName: string, s: Scenario, f: Failure): string | null {
  void run;
  const route = (s.server ?? []).find((r) => f.route !== undefined && r.url === f.route.url && r.method === f.route.method);
  if (route === undefined) return null;
  const values = (route.headers ?? []).filter(([n]) => n.toLowerCase() === lowerName).map(([, v]) => v.trim());
  return values.length === 0 ? null : values.join(', ');
}
