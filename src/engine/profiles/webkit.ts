import type { FailureCode } from '../codes.js';
import { isCorsSafelistedMethod } from '../method.js';
import { parseSignedInteger } from '../preflight-cache.js';
import { webkitAllowOrigin } from './allow-origin.js';
import { rangeOverflows, webkitRangeUnitCaseInsensitive } from './browser-headers.js';
import { baseKind, REJECTION_CODES } from './failure-kinds.js';
import { log } from './logs.js';
import { webkitRewrite } from './redirect-rules.js';
import { corpSchemelesslySameSite } from './corp.js';
import type { BrowserProfile } from './profile.js';
import { webkitWire } from './wire.js';
import type { Failure, LogEvent } from '../types.js';

/** A string's UTF-8 encoding, one char per byte (how the bytes read as ISO-8859-1). */
function utf8Bytes(s: string): string {
  if (!/[\u0080-\uffff]/.test(s)) return s;
  return String.fromCharCode(...new TextEncoder().encode(s));
}

/** The reason text id of WebKit's Security console line (webkit-messages.md §2). */
function reason(f: Failure): LogEvent | null {
  switch (baseKind(f.code) as FailureCode) {
    case 'MISSING_ALLOW_ORIGIN_HEADER':
    case 'ALLOW_ORIGIN_MISMATCH':
    case 'INVALID_ALLOW_ORIGIN_VALUE':
      return log('webkit:origin-not-allowed', { origin: f.origin, status: f.status });
    case 'WILDCARD_ORIGIN_NOT_ALLOWED':
      return log('webkit:wildcard-with-credentials', {});
    case 'MULTIPLE_ALLOW_ORIGIN_VALUES':
      return log('webkit:multiple-origins', {});
    case 'INVALID_ALLOW_CREDENTIALS':
      return log('webkit:credentials-not-true', {});
    case 'PREFLIGHT_INVALID_STATUS':
      return log('webkit:preflight-not-successful', { status: f.status });
    case 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE':
      return log('webkit:invalid-allow-methods', { value: f.value });
    case 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE':
      return log('webkit:invalid-allow-headers', { value: f.value });
    case 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE':
      return log('webkit:method-not-allowed', { method: f.method });
    case 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE':
      return log('webkit:header-not-allowed', { header: f.header });
    case 'REDIRECT_CONTAINS_CREDENTIALS':
      return log('webkit:redirect-has-credentials', { target: f.value });
    case 'INVALID_REDIRECT':
      return log('webkit:redirect-non-cors-scheme', {});
    default:
      return null;
  }
}

/** WebKitGTK 2.50 (WebCore shared with Safari), as observed and as CrossOriginAccessControl.cpp reads. */
export const webkitProfile: BrowserProfile = {
  id: 'webkit',
  modeled: 'WebKitGTK 2.50',
  unsafeHeaders: {
    combineDuplicates: true,
    enforceTotalLimit: true,
    extraUnsafe: rangeOverflows,
    extraSafelisted: webkitRangeUnitCaseInsensitive,
  },
  noCorsGuardCombined: true,
  // Header values go on the wire UTF-8 encoded (observed: `text/é` arrives as bytes C3 A9).
  wireHeaderValue: (_name, value) => utf8Bytes(value),
  extraForbiddenRequestHeaders: [],
  redirectToNonHttp: () => null,
  corpSameSite: corpSchemelesslySameSite,
  // Observed: require-corp enforced; credentialless ignored (cookies sent, no CORP default).
  embedderPolicies: ['require-corp'],
  corpDefaultedByCoep: 'absent-or-invalid',
  unsupportedScheme: () => 'UNSUPPORTED_SCHEME',
  xhrLogsRefusedHeader: true,
  // validatePreflightResponse: isSuccessful() (any non-2xx, redirects included) before the access check.
  redirects: {
    credentialsStickFromSameOrigin: true,
    originSticks: true,
    credentialsInLocationAlwaysFail: false,
    preflightSticks: true,
    repreflightHeaders: 'original',
    // WebKitGTK 2.50 sometimes turns DELETE into GET on 307/308 (observed, not yet characterized:
    // see conformance/known-disagreements.json); modeled as the spec until the rule is known.
    rewrite: webkitRewrite,
    // Observed: after a GET rewrite, later CORS requests of the chain send Content-Type again.
    bodyHeadersDropped: 'next-request-only',
    bodyHeaderNames: ['content-encoding', 'content-language', 'content-type'],
    userinfoHopEndsNoCorsRedirects: true,
  },
  xhrCharset: 'spec',
  preflightOrder: ['status', 'allow-origin', 'parse-methods', 'parse-headers', 'check-methods', 'check-headers'],
  preflightRedirect: 'invalid-status',
  // `*` covers every header including Authorization, no warning (checklist #53 DEV-W).
  wildcardCoversAuthorization: true,
  disallowedHeaderReport: 'webkit-header-map',
  repreflightOrigin: 'tainted',
  classifyAllowOrigin: webkitAllowOrigin,
  // Observed: upload listeners force a preflight, even for a GET.
  xhrUploadListenersForcePreflight: (listeners) => listeners,
  onlyIfCachedMiss: 'network',
  noCorsOrigin: 'first-hop',
  // Observed (WebKitGTK 2.50): fetch() rejects: "NotSupportedError: ReadableStream uploading is not supported".
  streamBody: 'unsupported',
  // Observed (test/scenarios/response/revalidation.json): page-set If-None-Match → Pragma/Cache-Control: no-cache
  // on the request only (not the preflight); a blocked response is not revalidated later; a 304's ETag is not stored.
  httpCache: {
    pageConditionalMode: 'no-store',
    keepsBlockedResponse: false,
    notUpdatedBy304: ['etag', 'content-length', 'connection', 'keep-alive', 'transfer-encoding'],
  },
  wire: webkitWire,
  cache: {
    // CrossOriginPreflightResultCache.cpp: parseInteger<int64_t>; unparsable → 5 s; negative → expired; cap 600 s.
    // [obs, faked clock (conformance/NOTES.md)] Max-Age 1000 re-preflighted after 700 s (and after 7300 s, 86500 s).
    maxAge: (raw) => {
      if (raw === null) return 5;
      const n = parseSignedInteger(raw);
      if (n === null) return 5;
      return Math.min(Math.max(n, 0), 600);
    },
    wildcardEntries: true,
    granularity: 'replace-per-url',
    methodNeedsEntry: (m) => !isCorsSafelistedMethod(m),
    credentialsMatch: 'spec',
    wildcardCoversAuthorization: true,
    clearOnFailure: false,
    maxUrlLength: Infinity,
    // Observed: no cache mode skips the preflight cache.
    bypassedBy: [],
    forcedPreflightNeedsMethodEntry: false,
  },
  logsFor: (f, ctx) => {
    // fetch() rejecting a stream body writes no console line (observed).
    if (REJECTION_CODES.has(f.code) || f.code === 'STREAM_UPLOAD_UNSUPPORTED') return [];
    const api = ctx.api === 'fetch' ? 'Fetch API' : 'XMLHttpRequest';
    if (f.code === 'DISALLOWED_BY_MODE') {
      // Not an access-control error: only the JS line, ending in a plain period.
      return [log('webkit:cannot-load', { api, url: f.url })];
    }
    const js = log('webkit:cannot-load-access-control', { api, url: f.url });
    // Loader errors with their own words (observed in WebKitGTK 2.50), not wrapped.
    switch (f.code) {
      case 'UNSUPPORTED_SCHEME':
        return [log('webkit:cors-http-only', {}), js];
      case 'NO_CORS_REDIRECT_MODE':
        return [log('webkit:no-cors-redirect-mode', {}), log('webkit:not-allowed-to-request', {}), js];
      case 'REDIRECT_MODE_ERROR':
        return [log('webkit:redirect-not-allowed', { url: f.url }), js];
      case 'TOO_MANY_REDIRECTS':
        return [log('webkit:too-many-redirects', {}), js];
      case 'CORP_NOT_SAME_ORIGIN':
      case 'CORP_NOT_SAME_SITE':
      case 'CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP':
        // On a redirect response the reason comes wrapped with the redirect target (observed).
        return f.stage === 'redirect'
          ? [log('webkit:redirect-denied', { location: f.location, reasonKey: 'webkit:corp-blocked', url: f.url }), js]
          : [log('webkit:corp-blocked', { url: f.url }), js];
      case 'INVALID_REDIRECT':
        if (f.scheme === 'ftp') return [log('webkit:ftp-disabled', {}), js];
        break;
      case 'INVALID_HTTP_RESPONSE':
        // Observed: silent for the request itself; a failed preflight is reported with the parser's words.
        return f.stage === 'preflight' ? [log('webkit:could-not-parse', {}), js] : [];
    }
    const r = reason(f);
    const lines: LogEvent[] = [];
    if (r !== null) {
      if (f.stage === 'redirect') {
        // NetworkLoadChecker::checkRedirection wraps the reason with the redirect target.
        lines.push(log('webkit:redirect-denied', { location: f.location, reasonKey: r.key, ...r.args }));
      } else {
        lines.push(r);
      }
    }
    lines.push(js);
    return lines;
  },
  exceptionFor: (f, ctx) => {
    if (ctx.api === 'xhr' && !REJECTION_CODES.has(f.code)) return null;
    return log('webkit:exception', { api: ctx.api, code: f.code, method: ctx.method, url: f.url, header: f.header, value: f.value, detail: f.detail });
  },
};
