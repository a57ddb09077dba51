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
};

/** What script sees thrown or rejected in WebKit ([obs] observed in WebKitGTK 2.50; others unverified). */
export const WEBKIT_EXCEPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  fetch: {
    '*': 'TypeError: Load failed', // [obs]
    NO_CORS_METHOD_NOT_ALLOWED: 'TypeError: Method must be GET, POST or HEAD in no-cors mode.', // [obs]
    FORBIDDEN_METHOD: 'TypeError: Method is forbidden.',
    INVALID_METHOD: 'TypeError: Method is not valid.',
    URL_CONTAINS_CREDENTIALS: 'TypeError: URL is not valid or contains user credentials.',
    INVALID_URL: 'TypeError: URL is not valid or contains user credentials.',
    INVALID_HEADER: 'TypeError: Invalid header name.',
    BODY_NOT_ALLOWED: "TypeError: Request has method 'GET' and cannot have a body",
    INVALID_MODE: 'TypeError: Request constructor does not accept navigate fetch mode.',
  },
  xhr: {
    FORBIDDEN_METHOD: 'SecurityError: The operation is insecure.',
    INVALID_METHOD: 'SyntaxError: The string did not match the expected pattern.',
    INVALID_URL: 'SyntaxError: The string did not match the expected pattern.',
    INVALID_HEADER: 'SyntaxError: The string did not match the expected pattern.',
  },
};
