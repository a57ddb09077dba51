import type { FailureCode } from '../codes.js';
import { firefoxAllowOrigin } from './allow-origin.js';
import { rangeOverflows } from './browser-headers.js';
import { baseKind, REJECTION_CODES } from './failure-kinds.js';
import { log } from './logs.js';
import { parseUrl, serializeOrigin } from '../origin.js';
import { specRewrite } from './redirect-rules.js';
import { corpSchemelesslySameSite } from './corp.js';
import { SPEC_BODY_HEADER_NAMES, type BrowserProfile } from './profile.js';
import { firefoxWire } from './wire.js';
import type { Failure, LogEvent } from '../types.js';

function crossOriginTarget(url: string, location: string | undefined): boolean {
  if (location === undefined) return false;
  const from = parseUrl(url);
  const to = parseUrl(location, url);
  return from === null || to === null || serializeOrigin(from) !== serializeOrigin(to);
}

/** security.properties key for a failure (nsCORSListenerProxy.cpp; firefox-messages.md §2). */
function specificLines(f: Failure): LogEvent[] {
  const url = f.url;
  switch (baseKind(f.code) as FailureCode) {
    case 'MISSING_ALLOW_ORIGIN_HEADER':
      return [log('firefox:CORSMissingAllowOrigin2', { url, status: f.status })];
    case 'MULTIPLE_ALLOW_ORIGIN_VALUES':
      return [log('firefox:CORSMultipleAllowOriginNotAllowed', { url })];
    case 'ALLOW_ORIGIN_MISMATCH':
    case 'INVALID_ALLOW_ORIGIN_VALUE':
      return [log('firefox:CORSAllowOriginNotMatchingOrigin', { url, value: f.value ?? '' })];
    case 'WILDCARD_ORIGIN_NOT_ALLOWED':
      return [log('firefox:CORSNotSupportingCredentials', { url })];
    case 'INVALID_ALLOW_CREDENTIALS':
      return [log('firefox:CORSMissingAllowCredentials', { url })];
    case 'PREFLIGHT_INVALID_STATUS':
      return [log('firefox:CORSPreflightDidNotSucceed3', { url, status: f.status })];
    case 'INVALID_HTTP_RESPONSE':
      // Observed: the channel fails without a status; only CORS channels (cross-origin) say so.
      return f.stage === 'preflight' || f.origin !== undefined ? [log('firefox:CORSDidNotSucceed2', { url, status: '(null)' })] : [];
    case 'PREFLIGHT_DISALLOWED_REDIRECT':
      // Observed: a redirect to a URL with userinfo fails without a specific line; otherwise the
      // redirect is refused, then the redirect response's ACAO is checked again — against the
      // null principal when the target is cross-origin (only `*` or `null` pass) — and a passing
      // check reports the status.
      if (f.location !== undefined && /^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(f.location)) {
        return [log('firefox:CORSDidNotSucceed2', { url, status: '(null)' })];
      }
      return [
        log('firefox:CORSExternalRedirectNotAllowed', { url }),
        f.value === '*' || f.value === 'null' || !crossOriginTarget(url, f.location)
          ? log('firefox:CORSPreflightDidNotSucceed3', { url, status: f.status })
          : log('firefox:CORSAllowOriginNotMatchingOrigin', { url, value: f.value ?? '' }),
      ];
    case 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE':
      return [log('firefox:CORSInvalidAllowMethod', { url, value: f.token ?? '' })];
    case 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE':
      return [log('firefox:CORSInvalidAllowHeader', { url, value: f.token ?? '' })];
    case 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE':
      return [log('firefox:CORSMethodNotFound', { url })];
    case 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE':
      return [log('firefox:CORSMissingAllowHeaderFromPreflight2', { url, header: f.header })];
    default:
      // Userinfo in a redirect target, too many redirects, ...: no specific key, only the
      // generic "did not succeed" line (added by the caller for preflight and redirect stages).
      return [];
  }
}

/** Firefox ESR 153, as observed and as nsCORSListenerProxy.cpp reads. */
/** One line for every CORP block, COEP-defaulted or not (observed: the words do not say which). */
const CORP_CODES: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'CORP_NOT_SAME_ORIGIN', 'CORP_NOT_SAME_SITE', 'CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP',
]);

export const firefoxProfile: BrowserProfile = {
  id: 'firefox',
  modeled: 'Firefox ESR 153',
  // Duplicates are combined before the test (observed in ESR 153: 2×100-byte `Accept` preflights,
  // unlike the reference note); the 1024-byte total is not enforced (checklist #10 DEV-F).
  // A non-ASCII byte in `Accept` makes it unsafe (observed: `Accept: text/é` preflights).
  unsafeHeaders: {
    combineDuplicates: true,
    enforceTotalLimit: false,
    extraUnsafe: (name, value) => rangeOverflows(name, value) || (name === 'accept' && /[\u0080-\u00ff]/.test(value)),
  },
  // A page-set User-Agent is preflighted (not forbidden), but Firefox sends its own value.
  noCorsGuardCombined: true,
  extraForbiddenRequestHeaders: [],
  redirectToNonHttp: () => null,
  corpSameSite: corpSchemelesslySameSite,
  // Observed: require-corp and credentialless enforced; an unknown CORP value is not defaulted.
  embedderPolicies: ['require-corp', 'credentialless'],
  corpDefaultedByCoep: 'absent-only',
  unsupportedScheme: () => 'UNSUPPORTED_SCHEME',
  xhrLogsRefusedHeader: false,
  // The OPTIONS channel's own CORS listener runs first (ACAO/ACAC), then
  // CheckPreflightRequestApproved: redirect, status, ACAM (parse+check), ACAH (parse+check).
  redirects: {
    credentialsStickFromSameOrigin: false,
    originSticks: false,
    credentialsInLocationAlwaysFail: false,
    preflightSticks: true,
    // nsCORSListenerProxy judges the re-preflight's list on the redirected request's own method;
    // FetchDriver/XHR judge the headers on the wire on the page's method (observed in 26 chains,
    // test/scenarios/response/redirect-firefox-acrh.json).
    repreflightHeaders: 'original-less-body-headers-on-rewrite',
    rewrite: specRewrite,
    // Observed in 13 chains, and in the 26 above.
    bodyHeadersDropped: 'while-rewritten',
    bodyHeaderNames: SPEC_BODY_HEADER_NAMES,
    userinfoHopEndsNoCorsRedirects: false,
  },
  xhrCharset: 'spec',
  preflightOrder: ['allow-origin', 'redirect', 'status', 'parse-methods', 'check-methods', 'parse-headers', 'check-headers'],
  preflightRedirect: 'disallowed-redirect',
  // Pref network.cors_preflight.authorization_covered_by_wildcard defaults to true (with a warning).
  wildcardCoversAuthorization: true,
  disallowedHeaderReport: 'sorted-lower',
  repreflightOrigin: 'original',
  classifyAllowOrigin: firefoxAllowOrigin,
  // Observed: upload listeners force a preflight, even for a GET.
  xhrUploadListenersForcePreflight: (listeners) => listeners,
  onlyIfCachedMiss: 'network-error',
  noCorsOrigin: 'spec',
  // Observed (ESR 153): a ReadableStream body is sent as the string "[object ReadableStream]".
  streamBody: 'stringified',
  // Observed (test/scenarios/response/revalidation.json): page-set If-None-Match → Pragma/Cache-Control: no-cache;
  // a blocked response is revalidated later (and a 304 with ACAO then lets it through); a 304's ETag is not stored.
  httpCache: {
    pageConditionalMode: 'no-store',
    keepsBlockedResponse: true,
    notUpdatedBy304: ['etag', 'content-length', 'connection', 'keep-alive', 'transfer-encoding'],
  },
  wire: firefoxWire,
  cache: {
    // nsCORSListenerProxy.cpp: absent/empty → 5 s; any non-digit → not cached; cap 86400 s.
    // [obs, faked clock (conformance/NOTES.md)] 1000 reused after 700 s, 10000 after 7300 s; 90000 re-preflighted after 86500 s.
    maxAge: (raw) => {
      if (raw === null || raw === '') return 5;
      if (!/^[0-9]+$/.test(raw)) return 0;
      return Math.min(Number(raw), 86400);
    },
    wildcardEntries: false,
    granularity: 'per-method-and-header',
    // Lookups need no method token for GET and POST (HEAD does).
    methodNeedsEntry: (m) => m !== 'GET' && m !== 'POST',
    credentialsMatch: 'exact',
    wildcardCoversAuthorization: true,
    clearOnFailure: true,
    maxUrlLength: Infinity,
    // Observed: cache modes reload and no-store always send a preflight (LOAD_BYPASS_CACHE); no-cache does not.
    bypassedBy: ['reload', 'no-store'],
    forcedPreflightNeedsMethodEntry: false,
  },
  logsFor: (f, ctx) => {
    if (REJECTION_CODES.has(f.code)) return [];
    if (f.code === 'DISALLOWED_BY_MODE') {
      return [log('firefox:same-origin-mode', { page: ctx.pageUrl, url: f.url })];
    }
    // Observed in ESR 153: redirect: "error" logs nothing; a non-HTTP URL logs CORSRequestNotHttp
    // (after a redirect: at the new URL, then the redirecting channel gives up).
    if (f.code === 'REDIRECT_MODE_ERROR' || f.code === 'CACHE_MISS') return [];
    if (f.code === 'UNSUPPORTED_SCHEME') return [log('firefox:CORSRequestNotHttp', { url: f.url })];
    if (f.code === 'INVALID_REDIRECT' && f.location !== undefined && f.scheme !== undefined && f.scheme !== 'data') {
      return [log('firefox:CORSRequestNotHttp', { url: f.location }), log('firefox:CORSDidNotSucceed2', { url: f.url, status: '(null)' })];
    }
    if (CORP_CODES.has(f.code)) return [log('firefox:corp-blocked', { url: f.url })];
    const lines = specificLines(f);
    // A redirected preflight whose own ACAO/ACAC check failed: the OPTIONS channel gives up too
    // (observed: CORSMissingAllowOrigin2 302, then CORSDidNotSucceed2 twice).
    if (f.stage === 'preflight' && f.location !== undefined && f.code !== 'PREFLIGHT_DISALLOWED_REDIRECT') {
      lines.push(log('firefox:CORSDidNotSucceed2', { url: f.url, status: '(null)' }));
    }
    // After a preflight failure, or a redirect that was to be followed, the main channel is
    // cancelled and logs once more (not for redirect: "manual", observed).
    if (f.stage === 'preflight' || (f.stage === 'redirect' && ctx.redirect !== 'manual')) {
      lines.push(log('firefox:CORSDidNotSucceed2', { url: f.url, status: '(null)' }));
    }
    return lines;
  },
  exceptionFor: (f, ctx) => {
    if (ctx.api === 'xhr' && !REJECTION_CODES.has(f.code)) return null;
    return log('firefox:exception', { api: ctx.api, code: f.code, method: ctx.method, mode: ctx.mode, url: f.url, header: f.header, value: f.value, detail: f.detail });
  },
};
