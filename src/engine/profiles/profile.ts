import type { FailureCode } from '../codes.js';
import type { Api, BrowserId, CacheMode, Failure, LogEvent } from '../types.js';
import type { WireProfile } from './wire.js';

/**
 * A browser profile: everything in which a browser departs from the Fetch standard (or from
 * another browser), as data and small strategy functions. The algorithm in `fetch.ts` and
 * `preflight.ts` is shared; it asks the profile wherever browsers differ.
 */
export interface BrowserProfile {
  readonly id: BrowserId;
  /** Product and version modeled, e.g. `Chromium 156`. */
  readonly modeled: string;

  /** CORS-unsafe request-header names (checklist #10). */
  readonly unsafeHeaders: {
    /** Combine same-name entries into `a, b` before the per-value test (Chromium, WebKit). */
    readonly combineDuplicates: boolean;
    /** Enforce the 1024-byte total of safelisted values (not Firefox ESR 153). */
    readonly enforceTotalLimit: boolean;
    /** Extra names the browser safelists (Chromium's client hints), lower-case name. */
    readonly extraSafelisted?: (lowerName: string, value: string) => boolean;
    /** Values the browser refuses although the spec safelists them. */
    readonly extraUnsafe?: (lowerName: string, value: string) => boolean;
  };
  /** Request headers the page may not set in this browser beyond the spec's list (lower-case). */
  readonly extraForbiddenRequestHeaders: readonly string[];
  /**
   * The no-cors guard tests the *combined* value of all entries with a name and keeps all or none
   * (the three browsers, observed: two 100-byte `Accept` values are both dropped); the spec
   * appends entry by entry, keeping the first.
   */
  readonly noCorsGuardCombined: boolean;
  /** How a page header's value goes on the wire (Chromium re-serializes `Range`). */
  readonly wireHeaderValue?: (lowerName: string, value: string) => string;

  /** The failure for a CORS request to a scheme other than http(s), per API (Chromium: XHR → CORS_DISABLED_SCHEME). */
  readonly unsupportedScheme: (api: Api) => FailureCode;
  /**
   * A redirect to a non-HTTP(S) URL: the failure reported at the new URL (Chromium:
   * CORS_DISABLED_SCHEME for schemes outside its CORS-enabled list), or null when the redirect
   * itself fails (INVALID_REDIRECT).
   */
  readonly redirectToNonHttp: (location: URL) => FailureCode | null;
  /** Whether `Cross-Origin-Resource-Policy: same-site` lets this response through (page URL, response URL). */
  readonly corpSameSite: (page: URL, response: URL) => boolean;
  /**
   * The `Cross-Origin-Embedder-Policy` values the browser enforces (HTML § embedder policy value);
   * any other value is `unsafe-none`. WebKitGTK 2.50 ignores `credentialless` (observed: cookies
   * still sent, nothing blocked).
   */
  readonly embedderPolicies: readonly ('require-corp' | 'credentialless')[];
  /**
   * When the page's embedder policy turns a response's missing `Cross-Origin-Resource-Policy`
   * into `same-origin` (Fetch § cross-origin resource policy internal check step 4): when the
   * header is absent *or* not one of the three byte-exact values (spec, Chromium, WebKit), or only
   * when it is absent — any value present, even `foo` or `Cross-Origin`, lets the response
   * through (Firefox ESR 153, observed).
   */
  readonly corpDefaultedByCoep: 'absent-or-invalid' | 'absent-only';
  /** XHR `setRequestHeader` with a forbidden name logs a console line (Chromium, WebKit). */
  readonly xhrLogsRefusedHeader: boolean;

  /**
   * Redirect behaviour beyond the spec (observed in the conformance suite):
   * - `credentialsStickFromSameOrigin`: when a request with credentials mode `same-origin` started
   *   same-origin, the CORS check of a later cross-origin *redirect* response treats it as
   *   credentialed (WebKit), so `*` there fails;
   * - `originSticks`: an `Origin` header once sent stays on same-origin redirected requests (WebKit);
   * - `preflightSticks`: once a request was preflighted, every later cross-origin hop is
   *   preflighted again, even when nothing requires it any more (Firefox, WebKit);
   */
  readonly redirects: {
    readonly credentialsStickFromSameOrigin: boolean;
    readonly originSticks: boolean;
    readonly preflightSticks: boolean;
    /** Whether a redirect to a URL with credentials fails outside CORS mode too (Chromium, observed in no-cors). */
    readonly credentialsInLocationAlwaysFail: boolean;
    /**
     * Which unsafe header names a preflight after a redirect lists in
     * `Access-Control-Request-Headers` (and asks the preflight cache about):
     * - `sent`: those of the headers this request sends (spec, Chromium);
     * - `original`: those of the request as the page made it, whatever later redirects dropped
     *   (WebKit, observed);
     * - `original-less-body-headers-on-rewrite`: those of the page's headers, without the
     *   request-body headers only when the redirect that led here changed the method *of the
     *   request it redirected* (Firefox). nsCORSListenerProxy::AsyncOnChannelRedirect asks the old
     *   channel `ShouldStripRequestBodyHeader` with that channel's own method, and
     *   CheckPreflightNeeded starts again from the LoadInfo's `CorsUnsafeHeaders` (the page's
     *   list); FetchDriver and XHR strip the headers on the wire judged on the page's method
     *   instead (`bodyHeadersDropped: 'while-rewritten'`). So after a POST became GET (301/302/303),
     *   a later 301/302/303 of that GET sends no Content-Type but its re-preflight lists
     *   `content-type`. Observed in test/scenarios/response/redirect-firefox-acrh.json (26 chains:
     *   301/302/303 then 301/302/303/307/308, POST/PUT/DELETE/PATCH, hop 2 and 3, same- and
     *   cross-origin hops, X-Foo, Content-Language, text/plain, fetch and XHR).
     */
    readonly repreflightHeaders: 'sent' | 'original' | 'original-less-body-headers-on-rewrite';
    /**
     * What a redirect with this status does to this method (`crossOrigin`: the redirect changes
     * origin): keep it, turn it into GET dropping the request-body headers, or into GET keeping
     * them (WebKit's cross-origin DELETE rule, observed).
     */
    readonly rewrite: (status: number, method: string, crossOrigin: boolean) => 'keep' | 'get' | 'get-keep-body-headers';
    /**
     * After a GET rewrite the body headers are gone for the rest of the chain (spec, Chromium);
     * or only from the next request, later CORS requests of the chain send them again (WebKit);
     * or while redirects keep rewriting when judged on the original method — a later 307/308, or
     * a 301/302 of a non-POST, sends them again with GET (Firefox). All observed.
     */
    readonly bodyHeadersDropped: 'for-good' | 'next-request-only' | 'while-rewritten';
    /**
     * The request headers (lower-case) a GET rewrite removes: the spec's request-body-header names
     * (Fetch § HTTP-redirect fetch step 12: Content-Encoding, -Language, -Location, -Type), or
     * WebKit's, without Content-Location (observed: a same-origin POST with Content-Location, 303
     * to another origin, is preflighted as a GET for `content-location`, while a 302 removes
     * Content-Language and Content-Type; Content-Encoding is assumed to go like them).
     */
    readonly bodyHeaderNames: readonly string[];
    /** no-cors: a redirect at a URL with userinfo ends the chain with that (opaque) response (WebKit, observed). */
    readonly userinfoHopEndsNoCorsRedirects: boolean;
  };
  /** XHR with a string body and a page-set charset: the spec's rewrite, or Chromium's in-place `charset=UTF-8`. */
  readonly xhrCharset: 'spec' | 'replace-value';
  /** Preflight response checks, in the order the browser runs them (checklist #49–54). */
  readonly preflightOrder: readonly PreflightStep[];
  /** How a 3xx preflight response fails (checklist #41). */
  readonly preflightRedirect: 'disallowed-redirect' | 'invalid-status';
  /** `Access-Control-Allow-Headers: *` covers `Authorization` without credentials (checklist #53). */
  readonly wildcardCoversAuthorization: boolean;
  /** Which disallowed request header is reported first, and how it is spelled (checklist #54). */
  readonly disallowedHeaderReport: 'request-order-lower' | 'sorted-lower' | 'webkit-header-map';
  /** Origin sent on a preflight that follows a redirect: tainted value (spec) or the page's (Firefox). */
  readonly repreflightOrigin: 'tainted' | 'original';

  /** Classifies a failed CORS check of `Access-Control-Allow-Origin` (checklist J). */
  readonly classifyAllowOrigin: (input: AllowOriginInput) => FailureCode | null;

  /** The preflight cache model (checklist I). */
  readonly cache: CacheModel;
  /** The HTTP cache across `repeat` runs: revalidation and 304s (checklist #70, #72). */
  readonly httpCache: HttpCacheModel;
  /** XHR: whether upload listeners (and whether the request has a body) force a preflight. */
  readonly xhrUploadListenersForcePreflight: (listeners: boolean, hasBody: boolean) => boolean;
  /**
   * `cache: "only-if-cached"` (mode same-origin) with nothing cached: a network error (`CACHE_MISS`),
   * or the mode is ignored and the request goes to the network (WebKit, observed).
   */
  readonly onlyIfCachedMiss: 'network-error' | 'network';
  /**
   * How a non-CORS request that is not GET/HEAD (e.g. a no-cors POST) gets its `Origin`:
   * `spec` applies the referrer policy at every hop (Firefox); `first-hop` applies it to the first
   * request only and sends the origin after a redirect (WebKit); `null-after-cross-origin-redirect`
   * ignores the referrer policy and sends `null` once a redirect changed origin (Chromium's
   * redirect rule). All observed with http pages.
   */
  readonly noCorsOrigin: 'spec' | 'first-hop' | 'null-after-cross-origin-redirect';
  /**
   * A ReadableStream request body (checklist #22, all observed over HTTP/1.1):
   * - `spec`: needs `duplex: "half"` and mode cors/same-origin (else the Request constructor throws),
   *   forces a preflight, and a redirect other than 303 is a network error;
   * - `http2-only` (Chromium): the constructor checks as the spec and a preflight is always sent
   *   (even with mode "same-origin" to another origin), then the upload itself fails over HTTP/1.1
   *   (`STREAM_UPLOAD_UNSUPPORTED`; Chromium streams uploads over HTTP/2 and QUIC only);
   * - `stringified` (Firefox): the stream is not a BodyInit; WebIDL turns it into the string
   *   `"[object ReadableStream]"`, sent as a `text/plain;charset=UTF-8` body, no checks, no forced preflight;
   * - `unsupported` (WebKit): the constructor accepts it (no duplex or mode check), fetch() rejects
   *   with `NotSupportedError` before anything is sent (`STREAM_UPLOAD_UNSUPPORTED`).
   */
  readonly streamBody: 'spec' | 'http2-only' | 'stringified' | 'unsupported';
  /**
   * The headers the browser adds on the wire and their order, recorded from the installed
   * browsers (see `WireProfile`); read by the analyze layer's probe planning, not by the engine.
   */
  readonly wire: WireProfile;

  /** Console lines the browser writes for a failure. */
  readonly logsFor: (failure: Failure, ctx: LogContext) => LogEvent[];
  /** What the page sees thrown or rejected for a failure. */
  readonly exceptionFor: (failure: Failure, ctx: LogContext) => LogEvent | null;
}

export type PreflightStep =
  | 'redirect'
  | 'status'
  | 'allow-origin'
  | 'parse-methods'
  | 'parse-headers'
  | 'check-methods'
  | 'check-headers';

export interface AllowOriginInput {
  /** `Access-Control-Allow-Origin` as the check reads it (combined, whitespace-trimmed), or null. */
  readonly value: string | null;
  /** Number of raw `Access-Control-Allow-Origin` header lines. */
  readonly lines: number;
  /** The serialized request origin compared against (`null` when tainted). */
  readonly origin: string;
  readonly credentials: boolean;
}

export interface CacheModel {
  /** Lifetime in seconds for a raw `Access-Control-Max-Age` (null = header absent); 0 = do not cache. */
  readonly maxAge: (raw: string | null) => number;
  /** One entry per (origin, URL), replaced by each preflight (Chromium, WebKit) or merged entries. */
  readonly granularity: 'replace-per-url' | 'per-method-and-header';
  /** Whether a method needs a cached method entry to skip the preflight. */
  readonly methodNeedsEntry: (method: string) => boolean;
  /** `spec`: a credentialed entry serves uncredentialed requests; `exact`: the flags must be equal. */
  readonly credentialsMatch: 'spec' | 'exact';
  /** Whether `*` in a cached method or header list is honoured on lookup (Firefox: re-preflights). */
  readonly wildcardEntries: boolean;
  /** Whether `*` in a cached header list covers `Authorization` on lookup. */
  readonly wildcardCoversAuthorization: boolean;
  /** Entries for the URL are removed when a fetch that needed a preflight fails (Fetch main fetch 24.6). */
  readonly clearOnFailure: boolean;
  /** URLs at least this long are never cached (Chromium: 1024); Infinity = no limit. */
  readonly maxUrlLength: number;
  /** Request cache modes that skip the preflight cache lookup (a preflight is always sent). */
  readonly bypassedBy: readonly CacheMode[];
  /**
   * With the use-CORS-preflight flag, a safelisted method still needs a method cache entry (the
   * spec); browsers reuse any cached preflight for the URL (observed).
   */
  readonly forcedPreflightNeedsMethodEntry: boolean;
}

export interface HttpCacheModel {
  /**
   * The cache mode a request gets when the page set a conditional header (`If-None-Match`, …) and
   * its mode is `default` (checklist #70): the spec's `no-store` (Firefox, WebKit: they send
   * `Pragma`/`Cache-Control: no-cache`), or `no-cache` (Chromium: `Cache-Control: max-age=0`), all
   * observed. Either way the HTTP cache is neither used nor updated by such a request (the 304 goes
   * to the page), and the preflight cache is skipped as for that mode (`cache.bypassedBy`).
   */
  readonly pageConditionalMode: CacheMode;
  /**
   * A stored response whose CORS check failed stays stored and is revalidated next time (the spec,
   * Firefox), or is dropped from the cache (Chromium, WebKit: the next request is unconditional).
   * Observed.
   */
  readonly keepsBlockedResponse: boolean;
  /**
   * Header names (lower-case) a 304 never updates in the stored response (RFC 9111 §3.2 leaves
   * `Content-Length` and hop-by-hop fields out). The three browsers keep the stored `ETag` too:
   * after a 304 with a new `ETag`, the next revalidation still sends the old one (observed).
   */
  readonly notUpdatedBy304: readonly string[];
}

export interface LogContext {
  readonly api: Api;
  /** The page's origin as the browser prints it (never the tainted `null`). */
  readonly pageOrigin: string;
  readonly pageUrl: string;
  /** The request's (normalized) method. */
  readonly method: string;
  /** The request's redirect mode. */
  readonly redirect: 'follow' | 'error' | 'manual';
  /** The request's mode. */
  readonly mode: 'cors' | 'no-cors' | 'same-origin' | 'navigate';
}

/** Fetch § request-body-header name (`#request-body-header-name`), lower-case. */
export const SPEC_BODY_HEADER_NAMES: readonly string[] = ['content-encoding', 'content-language', 'content-location', 'content-type'];
