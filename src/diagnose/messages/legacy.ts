/**
 * Console words the engine never renders but users still paste: older Chromium generations, the
 * PNA/LNA details, Firefox's Local Network Access notes, WebKit's other loader reasons and Safari's
 * Web Inspector wrapping. Only `src/diagnose/explain.ts` reads these (to recognize pasted text);
 * the words the engine renders stay in `chromium.ts`, `firefox.ts` and `webkit.ts`.
 * Placeholders are `{name}` as in the other tables.
 */

/**
 * Chromium suffixes of the 2018–mid-2024 `cors_error_string.cc` (chromium-messages.md §1 "SUFFIX
 * rules", column "Before"), appended to the detail for initiator `fetch`.
 */
export const CHROMIUM_LEGACY_SUFFIXES: Readonly<Record<string, string>> = {
  // §1 SUFFIX rules, row kMissingAllowOriginHeader (+ preflight variant), initiator fetch.
  'chromium:legacy-suffix:no-cors':
    " If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
  // §1 SUFFIX rules, row k[Preflight]{MultipleAllowOriginValues,InvalidAllowOriginValue,AllowOriginMismatch}, initiator fetch.
  'chromium:legacy-suffix:valid-value-or-no-cors':
    " Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
};

/**
 * Chromium CORS details missing from `CHROMIUM_CORS_DETAIL`, keyed by the `CorsError` enum name in
 * SCREAMING_SNAKE_CASE. `{addressSpace}` = the resource's address space (`ShortAddressSpace`),
 * `{targetAddressSpace}` = the request's declared target space.
 */
export const CHROMIUM_EXTRA_DETAIL: Readonly<Record<string, string>> = {
  // §2 table, #22 kInsecureLocalNetwork (was kInsecurePrivateNetwork); source only, not observed.
  INSECURE_LOCAL_NETWORK:
    'The request client is not a secure context and the resource is in more-private address space `{addressSpace}`.',
  // §2 table, #23 kInvalidLocalNetworkAccess (was kInvalidPrivateNetworkAccess); source only.
  INVALID_LOCAL_NETWORK_ACCESS:
    'Request had a target IP address space of `{targetAddressSpace}` yet the resource is in address space `{addressSpace}`.',
  // §2 table, #24 kLocalNetworkAccessPermissionDenied [obs Chrome 156]; private-network-access.md "Observed".
  // Same words as the PNA-era kPrivateNetworkAccessPermissionDenied (§2 "Removed/legacy values"),
  // so one entry recognizes both.
  LOCAL_NETWORK_ACCESS_PERMISSION_DENIED: 'Permission was denied for this request to access the `{addressSpace}` address space.',
  // §2 "Removed/legacy values", kPreflightMissingAllowExternal (≤2020).
  PREFLIGHT_MISSING_ALLOW_EXTERNAL:
    "No 'Access-Control-Allow-External' header was present in the preflight response for this external request (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').",
  // §2 "Removed/legacy values", kPreflightInvalidAllowExternal (≤2020; two spaces before `not`).
  PREFLIGHT_INVALID_ALLOW_EXTERNAL:
    "The 'Access-Control-Allow-External' header in the preflight response for this external request had a value of '{value}',  not 'true' (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').",
  // §2 "Removed/legacy values", kPreflightMissingAllowPrivateNetwork (2021–2025, with preflight prefix).
  PREFLIGHT_MISSING_ALLOW_PRIVATE_NETWORK:
    "No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the `{addressSpace}` address space.",
  // §2 "Removed/legacy values", kPreflightInvalidAllowPrivateNetwork (two spaces before `not`).
  PREFLIGHT_INVALID_ALLOW_PRIVATE_NETWORK:
    "The 'Access-Control-Allow-Private-Network' header in the preflight response for this private network request targeting the `{addressSpace}` address space had a value of '{value}',  not 'true'.",
  // §2 "Removed/legacy values", kUnexpectedPrivateNetworkAccess.
  UNEXPECTED_PRIVATE_NETWORK_ACCESS: 'Request had no target IP address space, yet the resource is in address space `{addressSpace}`.',
  // §2 "Removed/legacy values", kPreflightMissingPrivateNetworkAccessId.
  PREFLIGHT_MISSING_PRIVATE_NETWORK_ACCESS_ID:
    "No 'Private-Network-Access-Id' header was present in the preflight response for this private network request targeting the `{addressSpace}` address space.",
  // §2 "Removed/legacy values", kPreflightMissingPrivateNetworkAccessName.
  PREFLIGHT_MISSING_PRIVATE_NETWORK_ACCESS_NAME:
    "No 'Private-Network-Access-Name' header was present in the preflight response for this private network request targeting the `{addressSpace}` address space.",
  // §2 "Removed/legacy values", kPrivateNetworkAccessPermissionUnavailable.
  PRIVATE_NETWORK_ACCESS_PERMISSION_UNAVAILABLE: 'Unable to ask for permission to access the `{addressSpace}` IP address space.',
};

/** chromium-messages.md §2 (last paragraph): DevTools Issues panel summary, `GetErrorStringForIssueSummary` (2025). */
export const CHROMIUM_ISSUE_SUMMARY_FRAME = 'Access blocked by CORS policy: {detail}';

/** Other Chromium lines that accompany a CORS block. */
export const CHROMIUM_EXTRA_LINES: Readonly<Record<string, string>> = {
  // §1 "Companion console lines": source `network`, after every CORS block [obs].
  'chromium:failed-to-load-resource': 'Failed to load resource: net::{netError}',
  // DevTools' network-error line for the blocked request (the brief's `GET http://… net::ERR_FAILED 200 (OK)`;
  // not in the reference files: DevTools rendering of the same `network` entry, older form without status).
  'chromium:network-error': '{method} {url} net::{netError}',
  'chromium:network-error-status': '{method} {url} net::{netError} {status} ({statusText})',
};

/** firefox-messages.md §1 "Related non-CORS keys" (`necko.properties`, ESR 153) and §4. */
export const FIREFOX_EXTRA_LINES: Readonly<Record<string, string>> = {
  'firefox:LocalNetworkAccessDetected':
    'Local Network Access detected: top-level site “{topLevelSite}”, initiator “{origin}”, accessing target “{url}” ({host}:{port}) via {transport}. Secure context: {secureContext}, prompt action: {promptAction}',
  'firefox:LocalNetworkAccessPermissionRequired':
    'Local Network Access permission required: top-level site “{topLevelSite}”, initiator “{origin}”, attempting to access target “{url}” ({host}:{port}) via {transport}. Secure context: {secureContext}',
};

/**
 * WebKit reasons (Security line, `ResourceError.localizedDescription()`) missing from `WEBKIT_LINES`;
 * like those, each can stand alone, follow `… denied by Cross-Origin Resource Sharing policy: ` or
 * follow Safari's `Failed to load resource: `. (The non-CORS-scheme redirect, `redirect: "error"`,
 * 20-redirect and CORP reasons were observed in WebKitGTK 2.50 and live in `webkit.ts` now.)
 */
export const WEBKIT_EXTRA_REASONS: Readonly<Record<string, string>> = {
  // webkit-messages.md §2 row "other loader errors (source)"; not observed.
  'webkit:redirect-not-http': 'Redirection to URL with a scheme that is not HTTP(S).',
  'webkit:redirect-denied-generic': 'Cross-origin redirection denied by Cross-Origin Resource Sharing policy.',
  'webkit:blocked-by-csp': 'Blocked by Content Security Policy.',
  // NOT in the reference files: the ACAO reason before WebKit appended ` Status code: …`, as it
  // appears in older Safari pastes (unverified against WebKit history).
  'webkit:origin-not-allowed-no-status': 'Origin {origin} is not allowed by Access-Control-Allow-Origin.',
};

/** WebKit JS lines (`ThreadableLoader::logError`, ImageLoader) missing from `WEBKIT_LINES`. */
export const WEBKIT_EXTRA_LINES: Readonly<Record<string, string>> = {
  // webkit-messages.md §1 item 2: "other initiators".
  'webkit:cannot-load-access-control-other': 'Cannot load {url} due to access control checks.',
  // §1 item 2: images (ImageLoader, source only).
  'webkit:cannot-load-image-access-control': 'Cannot load image {url} due to access control checks.',
};

/**
 * Safari Web Inspector (webkit-messages.md, Sources and §1 item 3): every error line is shown as
 * `[Error] …`, and the network agent adds `Failed to load resource: {same reason text}`.
 */
export const SAFARI_CONSOLE_PREFIX = '[Error] ';
export const SAFARI_FAILED_TO_LOAD = 'Failed to load resource: {reason}';
