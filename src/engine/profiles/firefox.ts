import type { FailureCode } from '../codes.js';
import { firefoxAllowOrigin } from './allow-origin.js';
import { baseKind, REJECTION_CODES } from './failure-kinds.js';
import { log } from './logs.js';
import type { BrowserProfile } from './profile.js';
import type { Failure, LogEvent } from '../types.js';

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
    case 'PREFLIGHT_DISALLOWED_REDIRECT':
      return [
        log('firefox:CORSExternalRedirectNotAllowed', { url }),
        log('firefox:CORSPreflightDidNotSucceed3', { url, status: f.status }),
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
export const firefoxProfile: BrowserProfile = {
  id: 'firefox',
  modeled: 'Firefox ESR 153',
  // Each entry is tested on its own; the 1024-byte total is not enforced (checklist #10 DEV-F).
  unsafeHeaders: { combineDuplicates: false, enforceTotalLimit: false },
  unsupportedScheme: () => 'UNSUPPORTED_SCHEME',
  xhrLogsRefusedHeader: false,
  // The OPTIONS channel's own CORS listener runs first (ACAO/ACAC), then
  // CheckPreflightRequestApproved: redirect, status, ACAM (parse+check), ACAH (parse+check).
  preflightOrder: ['allow-origin', 'redirect', 'status', 'parse-methods', 'check-methods', 'parse-headers', 'check-headers'],
  preflightRedirect: 'disallowed-redirect',
  // Pref network.cors_preflight.authorization_covered_by_wildcard defaults to true (with a warning).
  wildcardCoversAuthorization: true,
  disallowedHeaderReport: 'sorted-lower',
  repreflightOrigin: 'original',
  classifyAllowOrigin: firefoxAllowOrigin,
  cache: {
    // nsCORSListenerProxy.cpp: absent/empty → 5 s; any non-digit → not cached; cap 86400 s.
    maxAge: (raw) => {
      if (raw === null || raw === '') return 5;
      if (!/^[0-9]+$/.test(raw)) return 0;
      return Math.min(Number(raw), 86400);
    },
    granularity: 'per-method-and-header',
    // Lookups need no method token for GET and POST (HEAD does).
    methodNeedsEntry: (m) => m !== 'GET' && m !== 'POST',
    credentialsMatch: 'exact',
    wildcardCoversAuthorization: true,
    clearOnFailure: true,
    maxUrlLength: Infinity,
  },
  logsFor: (f, ctx) => {
    if (REJECTION_CODES.has(f.code)) return [];
    if (f.code === 'DISALLOWED_BY_MODE') {
      return [log('firefox:same-origin-mode', { page: ctx.pageUrl, url: f.url })];
    }
    if (f.code === 'UNSUPPORTED_SCHEME') return [log('firefox:CORSRequestNotHttp', { url: f.url })];
    const lines = specificLines(f);
    // After a preflight or redirect failure the main channel is cancelled and logs once more.
    if (f.stage === 'preflight' || f.stage === 'redirect') {
      lines.push(log('firefox:CORSDidNotSucceed2', { url: f.url, status: '(null)' }));
    }
    return lines;
  },
  exceptionFor: (f, ctx) => {
    if (ctx.api === 'xhr' && !REJECTION_CODES.has(f.code)) return null;
    return log('firefox:exception', { api: ctx.api, code: f.code, method: ctx.method, url: f.url });
  },
};
