/**
 * WebKit console words (WebCore CrossOriginAccessControl.cpp, CrossOriginPreflightResultCache.cpp,
 * ThreadableLoader.cpp; observed in WebKitGTK 2.50.6 — webkit-messages.md §1–2). A failure prints
 * a Security line (the reason) then a JS line.
 */
export const WEBKIT_LINES: Readonly<Record<string, string>> = {
  'webkit:origin-not-allowed': 'Origin {origin} is not allowed by Access-Control-Allow-Origin. Status code: {status}',
  'webkit:wildcard-with-credentials': 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
  'webkit:multiple-origins': 'Access-Control-Allow-Origin cannot contain more than one origin.',
  'webkit:credentials-not-true': 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
  'webkit:preflight-not-successful': 'Preflight response is not successful. Status code: {status}',
  'webkit:invalid-allow-methods': 'Header Access-Control-Allow-Methods has an invalid value: {value}',
  'webkit:invalid-allow-headers': 'Header Access-Control-Allow-Headers has an invalid value: {value}',
  'webkit:method-not-allowed': 'Method {method} is not allowed by Access-Control-Allow-Methods.',
  'webkit:header-not-allowed': 'Request header field {header} is not allowed by Access-Control-Allow-Headers.',
  'webkit:redirect-has-credentials': 'redirection URL {target} has credentials',
  'webkit:redirect-denied': 'Cross-origin redirection to {location} denied by Cross-Origin Resource Sharing policy: {reason}',
  'webkit:cannot-load-access-control': '{api} cannot load {url} due to access control checks.',
  'webkit:cannot-load': '{api} cannot load {url}.',
  'webkit:refused-unsafe-header': 'Refused to set unsafe header "{header}"',
  // [obs] WebKitGTK 2.50, from the conformance suite:
  'webkit:cors-http-only': 'Cross origin requests are only supported for HTTP.',
  'webkit:no-cors-redirect-mode': 'No-Cors mode requires follow redirect mode',
  'webkit:not-allowed-to-request': 'Not allowed to request resource',
  'webkit:redirect-not-allowed': 'Not allowed to follow a redirection while loading {url}',
  'webkit:too-many-redirects': 'Load cannot follow more than 20 redirections',
  'webkit:redirect-non-cors-scheme': 'not allowed to follow a cross-origin CORS redirection with non CORS scheme',
  'webkit:ftp-disabled': 'FTP URLs are disabled',
  'webkit:could-not-parse': 'Could not parse HTTP response',
  'webkit:corp-blocked': "Cancelled load to {url} because it violates the resource's Cross-Origin-Resource-Policy response header.",
};

/** What script sees thrown or rejected in WebKit ([obs] observed in WebKitGTK 2.50; others unverified). */
export const WEBKIT_EXCEPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  fetch: {
    '*': 'TypeError: Load failed', // [obs]
    NO_CORS_METHOD_NOT_ALLOWED: 'TypeError: Method must be GET, POST or HEAD in no-cors mode.', // [obs]
    FORBIDDEN_METHOD: 'TypeError: Method is forbidden.',
    INVALID_METHOD: 'TypeError: Method is not a valid HTTP token.', // [obs]
    URL_CONTAINS_CREDENTIALS: 'TypeError: URL is not valid or contains user credentials.',
    INVALID_URL: 'TypeError: URL is not valid or contains user credentials.',
    'INVALID_HEADER:name': "TypeError: Invalid header name: '{header}'", // [obs]
    'INVALID_HEADER:value': "TypeError: Header '{header}' has invalid value: '{value}'", // [obs]
    'INVALID_HEADER:bytestring': 'TypeError: Type error', // [obs]
    BODY_NOT_ALLOWED: "TypeError: Request has method '{method}' and cannot have a body", // [obs]
    INVALID_MODE: 'TypeError: Request constructor does not accept navigate fetch mode.',
    ONLY_IF_CACHED_MODE: 'TypeError: only-if-cached cache option requires fetch mode to be same-origin.', // [obs]
    STREAM_UPLOAD_UNSUPPORTED: 'NotSupportedError: ReadableStream uploading is not supported', // [obs]
  },
  xhr: {
    FORBIDDEN_METHOD: 'SecurityError: The operation is insecure.',
    INVALID_METHOD: 'SyntaxError: The string did not match the expected pattern.',
    INVALID_URL: 'SyntaxError: The string did not match the expected pattern.',
    INVALID_HEADER: 'SyntaxError: The string did not match the expected pattern.',
  },
};
