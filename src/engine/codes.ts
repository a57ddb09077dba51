/**
 * Failure codes: one per kind of browser failure. The CORS ones mirror Chromium's
 * `network::mojom::CorsError` (services/network/public/mojom/cors.mojom) in SCREAMING_SNAKE_CASE;
 * the others cover failures that are not CORS errors in Chromium's sense (the API threw, a
 * redirect rule, a request mode). Messages, causes and fixes are rendered from these in
 * `src/diagnose`.
 */
export const CORS_ERROR_CODES = [
  'DISALLOWED_BY_MODE',
  'INVALID_RESPONSE',
  'WILDCARD_ORIGIN_NOT_ALLOWED',
  'MISSING_ALLOW_ORIGIN_HEADER',
  'MULTIPLE_ALLOW_ORIGIN_VALUES',
  'INVALID_ALLOW_ORIGIN_VALUE',
  'ALLOW_ORIGIN_MISMATCH',
  'INVALID_ALLOW_CREDENTIALS',
  'CORS_DISABLED_SCHEME',
  'PREFLIGHT_INVALID_STATUS',
  'PREFLIGHT_DISALLOWED_REDIRECT',
  'PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED',
  'PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER',
  'PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES',
  'PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE',
  'PREFLIGHT_ALLOW_ORIGIN_MISMATCH',
  'PREFLIGHT_INVALID_ALLOW_CREDENTIALS',
  'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE',
  'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE',
  'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE',
  'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE',
  'REDIRECT_CONTAINS_CREDENTIALS',
] as const;

/** Failures outside Chromium's CorsError enum. */
export const OTHER_FAILURE_CODES = [
  /** `fetch`/`new Request` or `xhr.open` threw: forbidden method (CONNECT, TRACE, TRACK). */
  'FORBIDDEN_METHOD',
  /** The method is not a valid HTTP token. */
  'INVALID_METHOD',
  /** mode `no-cors` with a method other than GET, HEAD, POST. */
  'NO_CORS_METHOD_NOT_ALLOWED',
  /** The request URL contains a username or password. */
  'URL_CONTAINS_CREDENTIALS',
  /** The URL cannot be parsed. */
  'INVALID_URL',
  /** An invalid header name or value given by the page. */
  'INVALID_HEADER',
  /** A body with GET or HEAD. */
  'BODY_NOT_ALLOWED',
  /** `mode: "navigate"` given to fetch. */
  'INVALID_MODE',
  /** `cache: "only-if-cached"` without `mode: "same-origin"`. */
  'ONLY_IF_CACHED_MODE',
  /** The response cannot be parsed as HTTP (a NUL byte in a header line): a network error, no CORS check. */
  'INVALID_HTTP_RESPONSE',
  /** `cache: "only-if-cached"` and the response is not in the HTTP cache (a network error; corsight's cache starts empty). */
  'CACHE_MISS',
  /** A ReadableStream body without `duplex: "half"` (the Request constructor throws). */
  'STREAM_DUPLEX_REQUIRED',
  /** A ReadableStream body with a mode other than `cors` or `same-origin` (the Request constructor throws). */
  'STREAM_MODE_NOT_ALLOWED',
  /**
   * The browser cannot upload the ReadableStream body here: WebKit never (fetch rejects with
   * NotSupportedError); Chromium only over HTTP/2 or QUIC, a network error over HTTP/1.1 (corsight
   * models HTTP/1.1, as observed).
   */
  'STREAM_UPLOAD_UNSUPPORTED',
  /** A redirect other than 303 of a request with a ReadableStream body (a network error, per the spec). */
  'STREAM_REDIRECT',
  /** The URL's scheme cannot be fetched (e.g. `ftp:`). */
  'UNSUPPORTED_SCHEME',
  /** `redirect: "error"` and the server redirected. */
  'REDIRECT_MODE_ERROR',
  /** More than 20 redirects. */
  'TOO_MANY_REDIRECTS',
  /** A redirect to a non-HTTP(S) URL or an unparsable Location. */
  'INVALID_REDIRECT',
  /** mode `no-cors` with redirect mode other than `follow`. */
  'NO_CORS_REDIRECT_MODE',
  /** `Cross-Origin-Resource-Policy: same-origin` on a no-cors response from another origin. */
  'CORP_NOT_SAME_ORIGIN',
  /** `Cross-Origin-Resource-Policy: same-site` on a no-cors response from another site. */
  'CORP_NOT_SAME_SITE',
  /**
   * The page's `Cross-Origin-Embedder-Policy: require-corp` (or `credentialless` with credentials)
   * made a no-cors response from another origin without a valid `Cross-Origin-Resource-Policy`
   * count as `same-origin` (Chromium's kCorpNotSameOriginAfterDefaultedToSameOriginByCoep).
   */
  'CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP',
] as const;

export type CorsErrorCode = (typeof CORS_ERROR_CODES)[number];
export type OtherFailureCode = (typeof OTHER_FAILURE_CODES)[number];
export type FailureCode = CorsErrorCode | OtherFailureCode;

export const FAILURE_CODES: readonly FailureCode[] = [...CORS_ERROR_CODES, ...OTHER_FAILURE_CODES];

export function isFailureCode(s: string): s is FailureCode {
  return (FAILURE_CODES as readonly string[]).includes(s);
}

/** The preflight variant of an access-check code (Chromium's kPreflight* values). */
export function preflightVariant(code: FailureCode): FailureCode {
  switch (code) {
    case 'WILDCARD_ORIGIN_NOT_ALLOWED':
    case 'MISSING_ALLOW_ORIGIN_HEADER':
    case 'MULTIPLE_ALLOW_ORIGIN_VALUES':
    case 'INVALID_ALLOW_ORIGIN_VALUE':
    case 'ALLOW_ORIGIN_MISMATCH':
    case 'INVALID_ALLOW_CREDENTIALS':
      return `PREFLIGHT_${code}`;
    default:
      return code;
  }
}
