import { CORS_ERROR_CODES, type FailureCode } from '../codes.js';
import { isCorsSafelistedMethod } from '../method.js';
import { parseSignedInteger } from '../preflight-cache.js';
import { chromiumAllowOrigin } from './allow-origin.js';
import { REJECTION_CODES } from './failure-kinds.js';
import { log } from './logs.js';
import type { BrowserProfile } from './profile.js';

const CORS_ERRORS: ReadonlySet<FailureCode> = new Set(CORS_ERROR_CODES);

/**
 * `SchemeRegistry::ListOfCorsEnabledURLSchemes()` as Chrome prints it (widely quoted for 2022+
 * Chrome; not yet verified for Chromium 156 — the conformance suite settles it).
 */
const CORS_ENABLED_SCHEMES = 'http, data, isolated-app, chrome-extension, chrome, https, chrome-untrusted';

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
  unsafeHeaders: { combineDuplicates: true, enforceTotalLimit: true, extraSafelisted: chromiumExtraSafelisted },
  // XHR goes through the network service's CORS check (kCorsDisabledScheme); fetch() is refused
  // earlier by Blink's FetchManager ("URL scheme … is not supported").
  unsupportedScheme: (api) => (api === 'xhr' ? 'CORS_DISABLED_SCHEME' : 'UNSUPPORTED_SCHEME'),
  xhrLogsRefusedHeader: true,
  // preflight_controller.cc: redirect, CheckAccess, status, ACAM/ACAH parse, method, headers.
  preflightOrder: ['redirect', 'allow-origin', 'status', 'parse-methods', 'parse-headers', 'check-methods', 'check-headers'],
  preflightRedirect: 'disallowed-redirect',
  // Feature CorsNonWildcardRequestHeadersSupport is disabled by default (checklist #53 DEV-C).
  wildcardCoversAuthorization: true,
  disallowedHeaderReport: 'request-order-lower',
  repreflightOrigin: 'tainted',
  classifyAllowOrigin: chromiumAllowOrigin,
  cache: {
    // preflight_result.cc: StringToInt64, default 5 s for absent/unparsable, negative → 0, cap 2 h.
    maxAge: (raw) => {
      if (raw === null) return 5;
      const n = parseSignedInteger(raw);
      if (n === null) return 5;
      return Math.min(Math.max(n, 0), 7200);
    },
    granularity: 'replace-per-url',
    methodNeedsEntry: (m) => !isCorsSafelistedMethod(m),
    credentialsMatch: 'spec',
    // Lookups use non-wildcard Authorization semantics: a cache miss, then a fresh preflight.
    wildcardCoversAuthorization: false,
    clearOnFailure: false,
    maxUrlLength: 1024,
  },
  logsFor: (f, ctx) => {
    if (REJECTION_CODES.has(f.code)) return [];
    if (f.code === 'DISALLOWED_BY_MODE' && ctx.api === 'fetch') {
      // Blink's FetchManager rejects mode "same-origin" before the network service sees it.
      return [log('chromium:fetch-same-origin-mode', { url: f.url, origin: ctx.pageOrigin })];
    }
    if (f.code === 'UNSUPPORTED_SCHEME') {
      return [log('chromium:fetch-unsupported-scheme', { url: f.url, scheme: f.scheme })];
    }
    if (!CORS_ERRORS.has(f.code)) return [];
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
    return log('chromium:exception', { api: ctx.api, code: f.code, method: ctx.method, url: f.url });
  },
};
