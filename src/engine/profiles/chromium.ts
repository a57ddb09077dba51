import { CORS_ERROR_CODES, type FailureCode } from '../codes.js';
import { isCorsSafelistedMethod } from '../method.js';
import { parseSignedInteger } from '../preflight-cache.js';
import { chromiumAllowOrigin } from './allow-origin.js';
import { chromiumWireRange, rangeOverflows } from './browser-headers.js';
import { REJECTION_CODES } from './failure-kinds.js';
import { log } from './logs.js';
import { specRewrite } from './redirect-rules.js';
import { corpSchemelesslySameSite } from './corp.js';
import { SPEC_BODY_HEADER_NAMES, type BrowserProfile } from './profile.js';
import { chromiumWire } from './wire.js';

const CORS_ERRORS: ReadonlySet<FailureCode> = new Set(CORS_ERROR_CODES);

/** `SchemeRegistry::ListOfCorsEnabledURLSchemes()` as Chromium 156 prints it (observed). */
const CORS_ENABLED_SCHEMES = 'chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app';

/**
 * Client-hint and UA names Chromium safelists beyond the spec (`IsCorsSafelistedHeader`,
 * services/network/public/cpp/cors/cors.cc; checklist #10). `sec-ch-*` names are forbidden to
 * script, so only these matter for a page. Values: `save-data` must be `on`; the numeric hints
 * must parse as a number.
 */
function chromiumExtraSafelisted(name: string, value: string): boolean {
  switch (name) {
    case 'save-data':
      return value.toLowerCase() === 'on';
    case 'device-memory':
    case 'dpr':
    case 'width':
    case 'viewport-width':
    case 'rtt':
    case 'downlink':
      return value.length > 0 && Number.isFinite(Number(value));
    case 'ect':
    case 'intervention':
      return true;
    default:
      return false;
  }
}

/** Chromium 156 (Debian build), as observed and as its network service source reads. */
export const chromiumProfile: BrowserProfile = {
  id: 'chromium',
  modeled: 'Chromium 156',
  unsafeHeaders: { combineDuplicates: true, enforceTotalLimit: true, extraSafelisted: chromiumExtraSafelisted, extraUnsafe: rangeOverflows },
  wireHeaderValue: (name, value) => (name === 'range' ? chromiumWireRange(value) : value),
  // XHR goes through the network service's CORS check (kCorsDisabledScheme); fetch() is refused
  // earlier by Blink's FetchManager ("URL scheme … is not supported").
  noCorsGuardCombined: true,
  extraForbiddenRequestHeaders: ['user-agent'],
  redirectToNonHttp: (location) =>
    CORS_ENABLED_SCHEMES.split(', ').includes(location.protocol.slice(0, -1)) ? null : 'CORS_DISABLED_SCHEME',
  // Observed: \`same-site\` blocks 127.0.0.1:8002 → page 127.0.0.1:8001 (Chromium compares hosts of
  // IP addresses with their port-bearing origins); domains use the registrable domain (source).
  corpSameSite: (page, response) =>
    /^[0-9.]+$|^\[/.test(response.hostname) ? page.host === response.host && page.protocol === response.protocol : corpSchemelesslySameSite(page, response),
  // Observed: require-corp and credentialless enforced on the loopback (secure) page.
  embedderPolicies: ['require-corp', 'credentialless'],
  corpDefaultedByCoep: 'absent-or-invalid',
  unsupportedScheme: (api) => (api === 'xhr' ? 'CORS_DISABLED_SCHEME' : 'UNSUPPORTED_SCHEME'),
  xhrLogsRefusedHeader: true,
  // preflight_controller.cc: redirect, CheckAccess, status, ACAM/ACAH parse, method, headers.
  redirects: {
    credentialsStickFromSameOrigin: false,
    originSticks: false,
    credentialsInLocationAlwaysFail: true,
    preflightSticks: false,
    repreflightHeaders: 'sent',
    rewrite: specRewrite,
    bodyHeadersDropped: 'for-good',
    bodyHeaderNames: SPEC_BODY_HEADER_NAMES,
    userinfoHopEndsNoCorsRedirects: false,
  },
  xhrCharset: 'replace-value',
  preflightOrder: ['redirect', 'allow-origin', 'status', 'parse-methods', 'parse-headers', 'check-methods', 'check-headers'],
  preflightRedirect: 'disallowed-redirect',
  // Feature CorsNonWildcardRequestHeadersSupport is disabled by default (checklist #53 DEV-C).
  wildcardCoversAuthorization: true,
  disallowedHeaderReport: 'request-order-lower',
  repreflightOrigin: 'tainted',
  classifyAllowOrigin: chromiumAllowOrigin,
  // Observed: upload listeners force a preflight only when the XHR has a body (a GET has none).
  xhrUploadListenersForcePreflight: (listeners, hasBody) => listeners && hasBody,
  onlyIfCachedMiss: 'network-error',
  noCorsOrigin: 'null-after-cross-origin-redirect',
  // Observed: streaming uploads need HTTP/2 or QUIC; over HTTP/1.1 the request fails after the preflight.
  streamBody: 'http2-only',
  // Observed (test/scenarios/response/revalidation.json): page-set If-None-Match → Cache-Control: max-age=0;
  // a blocked response is not revalidated later; a 304's ETag does not replace the stored one.
  httpCache: {
    pageConditionalMode: 'no-cache',
    keepsBlockedResponse: false,
    notUpdatedBy304: ['etag', 'content-length', 'connection', 'keep-alive', 'transfer-encoding'],
  },
  wire: chromiumWire,
  cache: {
    // preflight_result.cc: StringToInt64, default 5 s for absent/unparsable, negative → 0, cap 2 h.
    // [obs, faked clock (conformance/NOTES.md)] Max-Age 1000 reused after 700 s; 10000 re-preflighted after 7300 s.
    maxAge: (raw) => {
      if (raw === null) return 5;
      const n = parseSignedInteger(raw);
      if (n === null) return 5;
      return Math.min(Math.max(n, 0), 7200);
    },
    wildcardEntries: true,
    granularity: 'replace-per-url',
    methodNeedsEntry: (m) => !isCorsSafelistedMethod(m),
    credentialsMatch: 'spec',
    // Lookups use non-wildcard Authorization semantics: a cache miss, then a fresh preflight.
    wildcardCoversAuthorization: false,
    clearOnFailure: false,
    maxUrlLength: 1024,
    // Observed: cache modes reload, no-store and no-cache always send a preflight.
    bypassedBy: ['reload', 'no-store', 'no-cache'],
    forcedPreflightNeedsMethodEntry: false,
  },
  logsFor: (f, ctx) => {
    if (REJECTION_CODES.has(f.code)) return [];
    if (f.code === 'DISALLOWED_BY_MODE' && ctx.api === 'fetch') {
      // Blink's FetchManager rejects mode "same-origin" before the network service sees it.
      return [log('chromium:fetch-same-origin-mode', { url: f.url, origin: ctx.pageOrigin })];
    }
    if (f.code === 'NO_CORS_REDIRECT_MODE') return [log('chromium:no-cors-redirect-mode', { url: f.url })];
    if (f.code === 'UNSUPPORTED_SCHEME') {
      return [log('chromium:fetch-unsupported-scheme', { url: f.url, scheme: f.scheme })];
    }
    if (!CORS_ERRORS.has(f.code)) return [];
    // Outside CORS mode the same failures print nothing but net::ERR_FAILED (observed: no-cors
    // redirect to a URL with credentials). Mode "same-origin" reaches a CORS check only with a
    // stream body (preflighted, see streamBody), and logs like "cors" (observed).
    if (ctx.mode === 'no-cors') return [];
    return [
      log('chromium:cors', {
        initiator: ctx.api === 'fetch' ? 'fetch' : 'XMLHttpRequest',
        url: f.url,
        redirectedFrom: f.firstUrl !== f.url ? f.firstUrl : undefined,
        origin: ctx.pageOrigin,
        error: f.code,
        // kRedirectContainsCredentials never fills its hint (observed `Redirect location ''`);
        // kCorsDisabledScheme names SchemeRegistry::ListOfCorsEnabledURLSchemes().
        value: f.code === 'REDIRECT_CONTAINS_CREDENTIALS' ? '' : f.code === 'CORS_DISABLED_SCHEME' ? CORS_ENABLED_SCHEMES : (f.value ?? ''),
        method: f.method,
        header: f.header,
      }),
    ];
  },
  exceptionFor: (f, ctx) => {
    if (ctx.api === 'xhr' && !REJECTION_CODES.has(f.code)) return null;
    return log('chromium:exception', { api: ctx.api, code: f.code, method: ctx.method, url: f.url, header: f.header, value: f.value, detail: f.detail });
  },
};
