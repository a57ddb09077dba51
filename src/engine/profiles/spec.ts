import { isCorsSafelistedMethod } from '../method.js';
import { parseDeltaSeconds } from '../preflight-cache.js';
import { specAllowOrigin } from './allow-origin.js';
import { REJECTION_CODES } from './failure-kinds.js';
import { log } from './logs.js';
import { specRewrite } from './redirect-rules.js';
import { corpSchemelesslySameSite } from './corp.js';
import { SPEC_BODY_HEADER_NAMES, type BrowserProfile } from './profile.js';
import { specWire } from './wire.js';

/**
 * The Fetch standard as written (whatwg/fetch fetch.bs, snapshot 586cd2a4, 2026-07-02).
 * No console: the standard defines none; failures reject with a TypeError.
 */
export const specProfile: BrowserProfile = {
  id: 'spec',
  modeled: 'WHATWG Fetch (2026-07 snapshot)',
  unsafeHeaders: { combineDuplicates: false, enforceTotalLimit: true },
  noCorsGuardCombined: false,
  extraForbiddenRequestHeaders: [],
  redirectToNonHttp: () => null,
  corpSameSite: corpSchemelesslySameSite,
  embedderPolicies: ['require-corp', 'credentialless'],
  corpDefaultedByCoep: 'absent-or-invalid',
  unsupportedScheme: () => 'UNSUPPORTED_SCHEME',
  xhrLogsRefusedHeader: false,
  // § CORS-preflight fetch step 7: CORS check and ok status, then the ACAM/ACAH extraction and checks.
  redirects: {
    credentialsStickFromSameOrigin: false,
    originSticks: false,
    credentialsInLocationAlwaysFail: false,
    preflightSticks: false,
    repreflightHeaders: 'sent',
    rewrite: specRewrite,
    bodyHeadersDropped: 'for-good',
    bodyHeaderNames: SPEC_BODY_HEADER_NAMES,
    userinfoHopEndsNoCorsRedirects: false,
  },
  xhrCharset: 'spec',
  preflightOrder: ['allow-origin', 'status', 'parse-methods', 'parse-headers', 'check-methods', 'check-headers'],
  preflightRedirect: 'invalid-status',
  wildcardCoversAuthorization: false,
  disallowedHeaderReport: 'sorted-lower',
  repreflightOrigin: 'tainted',
  classifyAllowOrigin: specAllowOrigin,
  // XHR § send(): upload listeners set the use-CORS-preflight flag (a preflight even for GET).
  xhrUploadListenersForcePreflight: (listeners) => listeners,
  onlyIfCachedMiss: 'network-error',
  noCorsOrigin: 'spec',
  streamBody: 'spec',
  // Fetch § HTTP-network-or-cache fetch: conditional headers + mode default → no-store; nothing removes a stored
  // response whose CORS check failed (the check runs after the cache); RFC 9111 §3.2 updates every other field.
  httpCache: {
    pageConditionalMode: 'no-store',
    keepsBlockedResponse: true,
    notUpdatedBy304: ['content-length', 'connection', 'keep-alive', 'transfer-encoding'],
  },
  wire: specWire,
  cache: {
    // § CORS-preflight fetch step 7.6: delta-seconds, failure or null → 5; no UA cap modeled.
    maxAge: (raw) => (raw === null ? 5 : parseDeltaSeconds(raw) ?? 5),
    wildcardEntries: true,
    granularity: 'per-method-and-header',
    methodNeedsEntry: (m) => !isCorsSafelistedMethod(m),
    credentialsMatch: 'spec',
    wildcardCoversAuthorization: false,
    clearOnFailure: true,
    maxUrlLength: Infinity,
    bypassedBy: [],
    forcedPreflightNeedsMethodEntry: true,
  },
  logsFor: () => [],
  // fetch() rejects with a TypeError; XHR fires `error` (throwing only from open/setRequestHeader).
  exceptionFor: (failure, ctx) =>
    ctx.api === 'xhr' && !REJECTION_CODES.has(failure.code) ? null : log('spec:exception', { code: failure.code, api: ctx.api }),
};
