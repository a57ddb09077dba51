/**
 * Chromium's console words (third_party/blink/renderer/platform/loader/cors/cors_error_string.cc,
 * 2025 generation = Chrome 156 as observed). Keys are failure codes; `{value}`, `{method}`,
 * `{header}` are substituted. See ../../../docs or chromium-messages.md §2.
 */
export const CHROMIUM_CORS_DETAIL: Readonly<Record<string, string>> = {
  DISALLOWED_BY_MODE: 'Cross origin requests are not allowed by request mode.',
  INVALID_RESPONSE: 'The response is invalid.',
  WILDCARD_ORIGIN_NOT_ALLOWED:
    "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
  MISSING_ALLOW_ORIGIN_HEADER: "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
  MULTIPLE_ALLOW_ORIGIN_VALUES:
    "The 'Access-Control-Allow-Origin' header contains multiple values '{value}', but only one is allowed.",
  INVALID_ALLOW_ORIGIN_VALUE: "The 'Access-Control-Allow-Origin' header contains the invalid value '{value}'.",
  ALLOW_ORIGIN_MISMATCH:
    "The 'Access-Control-Allow-Origin' header has a value '{value}' that is not equal to the supplied origin.",
  INVALID_ALLOW_CREDENTIALS:
    "The value of the 'Access-Control-Allow-Credentials' header in the response is '{value}' which must be 'true' when the request's credentials mode is 'include'.",
  CORS_DISABLED_SCHEME: 'Cross origin requests are only supported for protocol schemes: {value}.',
  PREFLIGHT_INVALID_STATUS: 'It does not have HTTP ok status.',
  PREFLIGHT_DISALLOWED_REDIRECT: 'Redirect is not allowed for a preflight request.',
  INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE:
    'Cannot parse Access-Control-Allow-Methods response header field in preflight response.',
  INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE:
    'Cannot parse Access-Control-Allow-Headers response header field in preflight response.',
  METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE:
    'Method {method} is not allowed by Access-Control-Allow-Methods in preflight response.',
  HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE:
    'Request header field {header} is not allowed by Access-Control-Allow-Headers in preflight response.',
  REDIRECT_CONTAINS_CREDENTIALS:
    "Redirect location '{value}' contains a username and password, which is disallowed for cross-origin requests.",
};

/** Codes whose message carries the preflight prefix (`IsPreflightError`). */
export const CHROMIUM_PREFLIGHT_PREFIXED: ReadonlySet<string> = new Set([
  'PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED',
  'PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER',
  'PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES',
  'PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE',
  'PREFLIGHT_ALLOW_ORIGIN_MISMATCH',
  'PREFLIGHT_INVALID_ALLOW_CREDENTIALS',
  'PREFLIGHT_INVALID_STATUS',
  'PREFLIGHT_DISALLOWED_REDIRECT',
]);

export const CHROMIUM_PREFLIGHT_PREFIX = "Response to preflight request doesn't pass access control check: ";

/** Chrome 156 suffixes: fetch() advice for ACAO value errors; XHR withCredentials note. */
export const CHROMIUM_FETCH_SUFFIX = ' Have the server send the header with a valid value.';
export const CHROMIUM_FETCH_SUFFIX_KINDS: ReadonlySet<string> = new Set([
  'MULTIPLE_ALLOW_ORIGIN_VALUES', 'INVALID_ALLOW_ORIGIN_VALUE', 'ALLOW_ORIGIN_MISMATCH',
]);
export const CHROMIUM_XHR_SUFFIX =
  ' The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.';
export const CHROMIUM_XHR_SUFFIX_KINDS: ReadonlySet<string> = new Set([
  'WILDCARD_ORIGIN_NOT_ALLOWED', 'INVALID_ALLOW_CREDENTIALS',
]);

export const CHROMIUM_CORS_FRAME =
  "Access to {initiator} at '{url}'{redirected} from origin '{origin}' has been blocked by CORS policy: {detail}";
export const CHROMIUM_REDIRECTED = " (redirected from '{redirectedFrom}')";

/** Other Chromium console lines, by event key. */
export const CHROMIUM_LINES: Readonly<Record<string, string>> = {
  'chromium:fetch-same-origin-mode':
    'Fetch API cannot load {url}. Request mode is "same-origin" but the URL\'s origin is not same as the request origin {origin}.',
  'chromium:fetch-unsupported-scheme': 'Fetch API cannot load {url}. URL scheme "{scheme}" is not supported.',
  'chromium:refused-unsafe-header': 'Refused to set unsafe header "{header}"',
  'chromium:no-cors-redirect-mode': 'Fetch API cannot load {url}. Request mode is "no-cors" but the redirect mode is not "follow".', // [obs]
};

/**
 * What script sees thrown or rejected in Chromium, by failure code (`*` = any other code).
 * [obs] = observed in Chromium 156; others follow Blink's exception texts and are checked by the
 * conformance suite.
 */
export const CHROMIUM_EXCEPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  fetch: {
    '*': 'TypeError: Failed to fetch', // [obs]
    NO_CORS_METHOD_NOT_ALLOWED: "TypeError: Failed to execute 'fetch' on 'Window': '{method}' is unsupported in no-cors mode.", // [obs]
    FORBIDDEN_METHOD: "TypeError: Failed to execute 'fetch' on 'Window': '{method}' HTTP method is unsupported.",
    INVALID_METHOD: "TypeError: Failed to execute 'fetch' on 'Window': '{method}' is not a valid HTTP method.",
    URL_CONTAINS_CREDENTIALS:
      "TypeError: Failed to execute 'fetch' on 'Window': Request cannot be constructed from a URL that includes credentials: {url}",
    INVALID_URL: "TypeError: Failed to execute 'fetch' on 'Window': Failed to parse URL from {url}",
    'INVALID_HEADER:name': "TypeError: Failed to execute 'fetch' on 'Window': Invalid name", // [obs]
    'INVALID_HEADER:value': "TypeError: Failed to execute 'fetch' on 'Window': Invalid value", // [obs]
    'INVALID_HEADER:bytestring':
      "TypeError: Failed to execute 'fetch' on 'Window': Failed to read the 'headers' property from 'RequestInit': String contains non ISO-8859-1 code point.", // [obs]
    BODY_NOT_ALLOWED: "TypeError: Failed to execute 'fetch' on 'Window': Request with GET/HEAD method cannot have body.",
    INVALID_MODE: "TypeError: Failed to execute 'fetch' on 'Window': Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.",
    ONLY_IF_CACHED_MODE: "TypeError: Failed to execute 'fetch' on 'Window': 'only-if-cached' can be set only with 'same-origin' mode", // [obs]
    STREAM_DUPLEX_REQUIRED: "TypeError: Failed to execute 'fetch' on 'Window': The `duplex` member must be specified for a request with a streaming body", // [obs]
    STREAM_MODE_NOT_ALLOWED: "TypeError: Failed to execute 'fetch' on 'Window': If request is made from ReadableStream, mode should be\"same-origin\" or \"cors\"", // [obs] (sic: no space)
  },
  xhr: {
    FORBIDDEN_METHOD: "SecurityError: Failed to execute 'open' on 'XMLHttpRequest': '{method}' HTTP method is unsupported.",
    INVALID_METHOD: "SyntaxError: Failed to execute 'open' on 'XMLHttpRequest': '{method}' is not a valid HTTP method.",
    INVALID_URL: "SyntaxError: Failed to execute 'open' on 'XMLHttpRequest': Invalid URL",
    'INVALID_HEADER:name': "SyntaxError: Failed to execute 'setRequestHeader' on 'XMLHttpRequest': '{header}' is not a valid HTTP header field name.", // [obs]
    'INVALID_HEADER:value': "SyntaxError: Failed to execute 'setRequestHeader' on 'XMLHttpRequest': '{value}' is not a valid HTTP header field value.",
  },
};
