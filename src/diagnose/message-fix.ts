import type { RecognizedMessage } from './explain.js';
import { describeOriginDifference } from './origin-diff.js';

/** What a pasted message says went wrong, and the literal lines that fix it. */
export interface MessageHelp {
  /** What happened, with the values the message carried. */
  meaning: string;
  /** Where the change goes (e.g. "the response to OPTIONS http://…"). */
  where: string | null;
  /** Literal header lines (or request settings) to send. */
  lines: string[];
}

function quoted(v: string | undefined): string {
  return v === undefined ? '(unknown)' : `\`${v}\``;
}

/**
 * Reads a recognized console message as a diagnosis: its meaning in plain words and the minimal
 * header change. Only what the message itself says is used; where a message omits a value (WebKit
 * never prints the URL's origin in some lines, Firefox never names the method) the help says what
 * to fill in.
 */
export function helpForMessage(m: RecognizedMessage): MessageHelp | null {
  if (m.code === null) return null;
  const origin = m.origin ?? '<your page origin>';
  const resource = m.url ?? 'the resource';
  const preflight = m.preflight === true || m.code.startsWith('PREFLIGHT_') ||
    ['INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE', 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE',
      'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE', 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE'].includes(m.code);
  const where = preflight ? `the response to the preflight OPTIONS ${resource}` : `the response from ${resource}`;
  const kind = m.code.replace(/^PREFLIGHT_(?!INVALID_STATUS|DISALLOWED_REDIRECT)/, '');
  switch (kind) {
    case 'MISSING_ALLOW_ORIGIN_HEADER':
      return { meaning: `${cap(where)} has no Access-Control-Allow-Origin header${m.status ? ` (status ${m.status})` : ''}.`, where, lines: [`Access-Control-Allow-Origin: ${origin}`] };
    case 'ALLOW_ORIGIN_MISMATCH':
    case 'INVALID_ALLOW_ORIGIN_VALUE':
    case 'MULTIPLE_ALLOW_ORIGIN_VALUES': {
      const diff = m.value !== undefined && m.origin !== undefined ? `: ${describeOriginDifference(m.value, m.origin)}` : '';
      const was = m.value !== undefined ? ` sends Access-Control-Allow-Origin ${quoted(m.value)}` : '\'s Access-Control-Allow-Origin is not the page\'s origin';
      const missingOrMismatch = m.ambiguous?.includes('MISSING_ALLOW_ORIGIN_HEADER') ? ' (or no such header at all; WebKit says the same for both)' : '';
      return { meaning: `${cap(where)}${was}${missingOrMismatch}, which does not equal the request's origin ${quoted(m.origin)}${diff}.`, where, lines: [`Access-Control-Allow-Origin: ${origin}`] };
    }
    case 'WILDCARD_ORIGIN_NOT_ALLOWED':
      return { meaning: `The request includes credentials, so ${where} may not answer Access-Control-Allow-Origin: *.`, where, lines: [`Access-Control-Allow-Origin: ${origin}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin'] };
    case 'INVALID_ALLOW_CREDENTIALS':
      return { meaning: `The request includes credentials, so ${where} must send Access-Control-Allow-Credentials: true${m.value !== undefined ? `; it sends ${quoted(m.value)}` : ''}.`, where, lines: ['Access-Control-Allow-Credentials: true'] };
    case 'PREFLIGHT_INVALID_STATUS':
      return { meaning: `The preflight (OPTIONS ${resource}) was answered with status ${m.status ?? 'other than 2xx'}; it needs a 2xx status.`, where: `OPTIONS ${resource}`, lines: ['HTTP/1.1 204 No Content'] };
    case 'PREFLIGHT_DISALLOWED_REDIRECT':
      return { meaning: `The preflight (OPTIONS ${resource}) was redirected; browsers never follow a preflight's redirect.`, where: `OPTIONS ${resource}`, lines: ['HTTP/1.1 204 No Content', '(no Location header; request the final URL directly)'] };
    case 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE':
      return { meaning: `The preflight's Access-Control-Allow-Methods${m.value ? ` ${quoted(m.value)}` : ''} does not parse: every item must be a method token.`, where, lines: ['Access-Control-Allow-Methods: GET, POST, PUT, DELETE'] };
    case 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE':
      return { meaning: `The preflight's Access-Control-Allow-Headers${m.value ? ` ${quoted(m.value)}` : ''} does not parse: every item must be a header name.`, where, lines: ['Access-Control-Allow-Headers: <the request headers, comma-separated>'] };
    case 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE':
      return { meaning: `The preflight does not list the request's method${m.method ? ` ${m.method}` : ''} in Access-Control-Allow-Methods (methods compare case-sensitively; \`*\` does not count with credentials).`, where, lines: [`Access-Control-Allow-Methods: ${m.method ?? '<the request method>'}`] };
    case 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE':
      return { meaning: `The request sends the header ${m.header ?? '(see the message)'}, which the preflight's Access-Control-Allow-Headers does not list.`, where, lines: [`Access-Control-Allow-Headers: ${m.header?.toLowerCase() ?? '<the header>'}`] };
    case 'REDIRECT_CONTAINS_CREDENTIALS':
      return { meaning: 'A redirect pointed to a URL with a username or password; CORS requests may not follow it.', where: `the redirect from ${resource}`, lines: ['Location: <the same URL without user:password@>'] };
    case 'DISALLOWED_BY_MODE':
      return { meaning: `The page asked for mode "same-origin" but ${resource} is on another origin; nothing was sent.`, where: 'the page\'s fetch() call', lines: ['mode: "cors"'] };
    case 'NO_CORS_METHOD_NOT_ALLOWED':
      return { meaning: `mode "no-cors" allows only GET, HEAD and POST${m.method ? `, not ${m.method}` : ''}.`, where: 'the page\'s fetch() call', lines: ['mode: "cors"'] };
    case 'NO_CORS_REDIRECT_MODE':
      return { meaning: 'mode "no-cors" requires the default redirect mode "follow"; with "error" or "manual" nothing was sent.', where: 'the page\'s fetch() call', lines: ['redirect: "follow"'] };
    case 'REDIRECT_MODE_ERROR':
      return {
        meaning: `The page asked for redirect: "error" and ${resource} answered with a redirect, so the fetch failed. Request the final URL directly, or let the browser follow it.`,
        where: 'the page\'s fetch() call', lines: ['redirect: "follow"'],
      };
    case 'TOO_MANY_REDIRECTS':
      return { meaning: `${m.url !== undefined ? `${m.url} was` : 'The request was'} redirected more than 20 times: almost always a redirect loop (HTTP ↔ HTTPS, trailing slash, login).`, where: null, lines: [] };
    case 'INVALID_REDIRECT':
      return {
        meaning: `A redirect${m.location !== undefined ? ` to ${m.location}` : ''} pointed to a URL fetch() cannot follow: only http: and https: redirect targets are allowed${m.ambiguous?.includes('UNSUPPORTED_SCHEME') ? ' (or the request URL itself is ftp:; the message does not say)' : ''}.`,
        where: m.url !== undefined ? `the redirect from ${m.url}` : 'the redirect response', lines: ['Location: <an http: or https: URL>'],
      };
    case 'CORS_DISABLED_SCHEME':
      if (m.redirectedFrom !== undefined) {
        return {
          meaning: `The redirect from ${m.redirectedFrom} pointed to ${resource}, whose scheme is not one CORS runs for (only http: and https: work for fetch).`,
          where: `the redirect from ${m.redirectedFrom}`, lines: ['Location: <an http: or https: URL>'],
        };
      }
      return schemeHelp(m);
    case 'UNSUPPORTED_SCHEME':
      return schemeHelp(m);
    case 'CORP_NOT_SAME_ORIGIN':
    case 'CORP_NOT_SAME_SITE':
    case 'CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP': {
      const which = m.ambiguous?.includes('CORP_NOT_SAME_SITE') === true && m.ambiguous.includes('CORP_NOT_SAME_ORIGIN')
        ? ' (`same-origin` or `same-site`; the message does not say which)'
        : m.code === 'CORP_NOT_SAME_SITE' ? ' (`same-site`)' : ' (`same-origin`)';
      // The browser's line does not tell an explicit CORP from a missing one under the page's COEP
      // (Firefox and WebKit print the same line for both, observed).
      const lack = m.ambiguous?.includes('CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP') === true
        ? ' The browser also says this when the header is missing and the page requires it (`Cross-Origin-Embedder-Policy: require-corp`).' : '';
      return {
        meaning: `Not CORS: ${where} has a Cross-Origin-Resource-Policy${which} that does not let this page load it in no-cors mode.${lack}`,
        where, lines: ['Cross-Origin-Resource-Policy: cross-origin'],
      };
    }
    case 'INVALID_HEADER':
      return headerHelp(m);
    default:
      return { meaning: `The browser refused the request (${m.code}); see \`corsight explain ${m.code}\`.`, where: null, lines: [] };
  }
}

function schemeHelp(m: RecognizedMessage): MessageHelp {
  const url = m.url !== undefined ? ` ${m.url}` : '';
  return {
    meaning: `The URL${url} is not http: or https:, so the browser cannot fetch it cross-origin. ` +
      'Write the full URL with its scheme (`http://localhost:8080/api`, not `localhost:8080/api`), and serve a page opened from file:// over HTTP (e.g. `python3 -m http.server`).',
    where: null, lines: [],
  };
}

function headerHelp(m: RecognizedMessage): MessageHelp {
  const where = 'the headers the page sets (fetch() headers or setRequestHeader())';
  if (m.confidence === 'low') {
    return {
      meaning: 'Only a guess: WebKit throws this bare `TypeError: Type error` for several failed conversions. If it came from fetch(), the likeliest cause is a request header name or value with a character above U+00FF (not Latin-1); otherwise it may not be a CORS problem at all.',
      where, lines: [],
    };
  }
  const detail = m.template.split(':').at(-1);
  const name = m.header !== undefined ? ` ${JSON.stringify(m.header)}` : '';
  const value = m.value !== undefined ? ` ${JSON.stringify(m.value)}` : '';
  let meaning: string;
  if (detail === 'name') meaning = `The header name${name} is not an HTTP token (no spaces, colons or non-ASCII characters).`;
  else if (detail === 'value') meaning = `The header value${value}${name !== '' ? ` of${name}` : ''} contains a forbidden character (NUL, CR or LF).`;
  else if (detail === 'bytestring') meaning = 'A header name or value contains a character above U+00FF (not Latin-1).';
  else meaning = 'A header the page sets has an invalid name or value.';
  return { meaning: `${meaning} The call failed before anything was sent.`, where, lines: [] };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
