/**
 * Firefox ESR 153 console words: `security.properties` from the installed omni.ja
 * (firefox-messages.md §1). `{url}` = `%1$S`; `{status}`/`{value}`/`{header}` = `%2$S`.
 */
const BLOCKED = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at';

export const FIREFOX_LINES: Readonly<Record<string, string>> = {
  'firefox:CORSDisabled': `${BLOCKED} {url}. (Reason: CORS disabled).`,
  'firefox:CORSDidNotSucceed2': `${BLOCKED} {url}. (Reason: CORS request did not succeed). Status code: {status}.`,
  'firefox:CORSOriginHeaderNotAdded': `${BLOCKED} {url}. (Reason: CORS header ‘Origin’ cannot be added).`,
  'firefox:CORSExternalRedirectNotAllowed': `${BLOCKED} {url}. (Reason: CORS request external redirect not allowed).`,
  'firefox:CORSRequestNotHttp': `${BLOCKED} {url}. (Reason: CORS request not http).`,
  'firefox:CORSMissingAllowOrigin2': `${BLOCKED} {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: {status}.`,
  'firefox:CORSMultipleAllowOriginNotAllowed': `${BLOCKED} {url}. (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`,
  'firefox:CORSAllowOriginNotMatchingOrigin': `${BLOCKED} {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘{value}’).`,
  'firefox:CORSNotSupportingCredentials': `${BLOCKED} ‘{url}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
  'firefox:CORSMethodNotFound': `${BLOCKED} {url}. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`,
  'firefox:CORSMissingAllowCredentials': `${BLOCKED} {url}. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
  'firefox:CORSPreflightDidNotSucceed3': `${BLOCKED} {url}. (Reason: CORS preflight response did not succeed). Status code: {status}.`,
  'firefox:CORSInvalidAllowMethod': `${BLOCKED} {url}. (Reason: invalid token ‘{value}’ in CORS header ‘Access-Control-Allow-Methods’).`,
  'firefox:CORSInvalidAllowHeader': `${BLOCKED} {url}. (Reason: invalid token ‘{value}’ in CORS header ‘Access-Control-Allow-Headers’).`,
  'firefox:CORSMissingAllowHeaderFromPreflight2': `${BLOCKED} {url}. (Reason: header ‘{header}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
  'firefox:CORSAllowHeaderFromPreflightDeprecation':
    'Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at {url} soon. (Reason: When the `Access-Control-Allow-Headers` is `*`, the `Authorization` header is not covered. To include the `Authorization` header, it must be explicitly listed in CORS header `Access-Control-Allow-Headers`).',
  'firefox:same-origin-mode': 'Security Error: Content at {page} may not load data from {url}.',
  'firefox:corp-blocked':
    'The resource at “{url}” was blocked due to its Cross-Origin-Resource-Policy header (or lack thereof). See https://developer.mozilla.org/docs/Web/HTTP/Cross-Origin_Resource_Policy_(CORP)#', // [obs]
};

/** What script sees thrown or rejected in Firefox ([obs] observed in ESR 153; others unverified). */
export const FIREFOX_EXCEPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  fetch: {
    '*': 'TypeError: NetworkError when attempting to fetch resource.', // [obs]
    NO_CORS_METHOD_NOT_ALLOWED: 'TypeError: Window.fetch: Invalid request method {method}.', // [obs]
    FORBIDDEN_METHOD: 'TypeError: Window.fetch: Invalid request method {method}.',
    INVALID_METHOD: 'TypeError: Window.fetch: Invalid request method {method}.',
    URL_CONTAINS_CREDENTIALS: 'TypeError: Window.fetch: {url} is an url with embedded credentials.',
    INVALID_URL: 'TypeError: Window.fetch: {url} is not a valid URL.',
    // Firefox prints the name lower-cased and cuts a value at NUL; see renderException.
    'INVALID_HEADER:name': 'TypeError: Window.fetch: {header} is an invalid header name.', // [obs]
    'INVALID_HEADER:value': 'TypeError: Window.fetch: {value} is an invalid header value.', // [obs]
    'INVALID_HEADER:bytestring':
      'TypeError: Window.fetch: Cannot convert element of element of sequence<sequence<ByteString>> branch of (sequence<sequence<ByteString>> or record<ByteString, ByteString>) to ByteString because the character at index {index} has value {codePoint} which is greater than 255.', // [obs]
    BODY_NOT_ALLOWED: 'TypeError: Window.fetch: HEAD or GET Request cannot have a body.',
    INVALID_MODE: 'TypeError: Window.fetch: Invalid request mode navigate.',
    ONLY_IF_CACHED_MODE: "TypeError: Window.fetch: Request mode '{mode}' was used, but request cache mode 'only-if-cached' can only be used with request mode 'same-origin'.", // [obs]
  },
  xhr: {
    FORBIDDEN_METHOD: 'SecurityError: The operation is insecure.',
    INVALID_METHOD: 'SyntaxError: An invalid or illegal string was specified',
    INVALID_URL: 'SyntaxError: An invalid or illegal string was specified',
    'INVALID_HEADER:name': 'SyntaxError: Invalid header name.', // [obs]
    'INVALID_HEADER:value': 'SyntaxError: Invalid header value.',
  },
};
