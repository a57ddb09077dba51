/**
 * The long explanation of every failure code, as data (`corsight explain CODE`). Pure: no I/O.
 *
 * Sources: `src/engine/codes.ts`, the message tables in `./messages/*`, the browser profiles in
 * `src/engine/profiles/*`, `./fix.ts`, and the reference notes (fetch-cors-checklist.md,
 * chromium-messages.md, firefox-messages.md, webkit-messages.md). Spec anchors are those of
 * whatwg/fetch `fetch.bs` at 586cd2a4 (2026-07-02).
 *
 * `messages` shows what each browser prints for a typical case, with the page at
 * http://localhost:3000 and the resource at http://localhost:8080/api, rendered exactly from the
 * message tables (the same text `corsight simulate` prints). Where a browser writes no console line
 * for the failure, the entry shows what the page sees thrown or rejected instead. WebKit's two
 * lines (the reason, then `… cannot load … due to access control checks.`) are joined with "\n".
 */
import type { FailureCode } from '../engine/index.js';

export interface Explanation {
  code: FailureCode;
  /** One line. */
  title: string;
  /** What the browser checked and why it refused (2–5 sentences). */
  meaning: string;
  /** The usual real-world reasons. */
  causes: string[];
  /** What to change, with the literal header line(s) where one applies. */
  fix: string[];
  /** How Chromium, Firefox and WebKit (Safari) differ for this failure. */
  browsers: string;
  /** The Fetch (or other) spec section(s), with anchors. */
  spec: string;
  /** A representative console line per browser (see the file comment). */
  messages: { chromium?: string; firefox?: string; webkit?: string };
}

// Building blocks of the example console lines (exact words: ./messages/*.ts).
const PAGE = 'http://localhost:3000';
const URL_ = 'http://localhost:8080/api';
const CR = `Access to fetch at '${URL_}' from origin '${PAGE}' has been blocked by CORS policy: `;
const CR_PRE = `${CR}Response to preflight request doesn't pass access control check: `;
const CR_VALID = ' Have the server send the header with a valid value.';
const FF = `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${URL_}.`;
const FF_QUOTED = `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘${URL_}’.`;
const FF_NOT_SUCCEED = `${FF} (Reason: CORS request did not succeed). Status code: (null).`;
const WK_JS = `\nFetch API cannot load ${URL_} due to access control checks.`;
const FF_CORP = (url: string): string =>
  `The resource at “${url}” was blocked due to its Cross-Origin-Resource-Policy header (or lack thereof). See https://developer.mozilla.org/docs/Web/HTTP/Cross-Origin_Resource_Policy_(CORP)#`;
const WK_CORP = (url: string): string =>
  `Cancelled load to ${url} because it violates the resource's Cross-Origin-Resource-Policy response header.\nFetch API cannot load ${url} due to access control checks.`;

const CHROMIUM_FETCH_FAILED = 'TypeError: Failed to fetch';
const WEBKIT_LOAD_FAILED = 'TypeError: Load failed';
const FIREFOX_NETWORK_ERROR = 'TypeError: NetworkError when attempting to fetch resource.';
/** Chromium 156's `SchemeRegistry::ListOfCorsEnabledURLSchemes()` (observed). */
const CHROMIUM_CORS_SCHEMES = 'chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app';

/** How the browsers report a CORP block (both codes; the words do not say which policy it was). */
const CORP_BROWSERS =
  'No CORS message: `fetch()` rejects with the usual TypeError, and an `<img>` or `<script>` fires `error`. Observed (Chromium 156, Firefox ESR 153, WebKitGTK 2.50): ' +
  'Chromium prints no console line for a `fetch()`; ' +
  'Firefox prints `The resource at “<URL>” was blocked due to its Cross-Origin-Resource-Policy header (or lack thereof). See …`; ' +
  "WebKit prints `Cancelled load to <URL> because it violates the resource's Cross-Origin-Resource-Policy response header.`, then its generic `… due to access control checks.` line. " +
  'Neither line says whether the policy was `same-origin` or `same-site`.';

/** Said of exception texts that come from the browsers' sources, not from a real run. */
const FROM_SOURCE = 'These texts come from the browsers\' sources; corsight has not yet observed them in a real run.';

export const EXPLANATIONS: Readonly<Record<FailureCode, Explanation>> = {
  DISALLOWED_BY_MODE: {
    code: 'DISALLOWED_BY_MODE',
    title: 'The request uses mode "same-origin" but the URL is on another origin',
    meaning:
      "`fetch(url, { mode: 'same-origin' })` promises that the request stays on the page's own origin. " +
      "The URL's origin (scheme, host and port) is not the page's, so the browser fails the request before sending anything. " +
      'The server never sees the request, so no response header can change this.',
    causes: [
      "The code sets `mode: 'same-origin'` (copied from an example, or set in a shared fetch wrapper) and calls an API on another origin.",
      'The API runs on another port in development (`http://localhost:8080` next to a page on `http://localhost:3000`) but shares the origin in production.',
      'A base-URL setting turned a relative URL such as `/api` into an absolute URL on another origin.',
    ],
    fix: [
      "Use `mode: 'cors'` (the default of `fetch()`) and have the server answer with `Access-Control-Allow-Origin: http://localhost:3000`.",
      "Or serve the API from the page's origin, e.g. a dev-server proxy that forwards `/api` to `http://localhost:8080`, and keep `mode: 'same-origin'`.",
    ],
    browsers:
      'All three refuse before any request is sent, and none of them prints a CORS message. ' +
      'Chromium: `Fetch API cannot load … Request mode is "same-origin" but the URL\'s origin is not same as the request origin ….` ' +
      "(Blink rejects it early; the network service's detail `Cross origin requests are not allowed by request mode.` is not what `fetch()` shows). " +
      'Firefox: `Security Error: Content at <page URL> may not load data from <URL>.` ' +
      'WebKit: only `Fetch API cannot load <URL>.`, with a plain period and no "due to access control checks". ' +
      'The promise rejects with the usual TypeError in each browser.',
    spec: "Fetch § Main fetch (#main-fetch) step 12: the branch for a request whose mode is \"same-origin\" returns a network error.",
    messages: {
      chromium: `Fetch API cannot load ${URL_}. Request mode is "same-origin" but the URL's origin is not same as the request origin ${PAGE}.`,
      firefox: `Security Error: Content at ${PAGE}/ may not load data from ${URL_}.`,
      webkit: `Fetch API cannot load ${URL_}.`,
    },
  },

  INVALID_RESPONSE: {
    code: 'INVALID_RESPONSE',
    title: 'The preflight failed at the network level, with no response to check (Chromium DevTools only)',
    meaning:
      "This is Chromium's `kInvalidResponse`. According to the comment in Chromium's `cors.mojom`, it is used only for DevTools: " +
      'it marks a preflight that failed with a network error instead of an HTTP response that CORS could check. ' +
      'It is not a console error. The real problem is the network error of the OPTIONS request.',
    causes: [
      'Nothing listens at the host and port of the URL (connection refused), e.g. the API server is not running.',
      'DNS, TLS or certificate failure on the API host, such as a self-signed development certificate the browser does not trust.',
      'The server, a proxy or a firewall closes the connection when it sees an `OPTIONS` request.',
      'A browser extension, antivirus or corporate proxy blocks the request.',
    ],
    fix: [
      'Open DevTools → Network, select the failed `OPTIONS` request and read its error (e.g. `net::ERR_CONNECTION_REFUSED`, `net::ERR_CERT_AUTHORITY_INVALID`). Fix that first.',
      'Make the server answer `OPTIONS` on that URL with `204 No Content` and the CORS headers, e.g. `Access-Control-Allow-Origin: http://localhost:3000` and `Access-Control-Allow-Methods: PUT`.',
      'For an HTTPS development server, use a certificate the browser trusts (open the API URL in a tab to see the certificate error).',
    ],
    browsers:
      'Only Chromium has this code, and only in DevTools (per its source; corsight has not observed it). ' +
      'The page sees `TypeError: Failed to fetch` in Chromium and `TypeError: Load failed` in WebKit. ' +
      'Firefox logs `… (Reason: CORS request did not succeed). Status code: (null).` when a CORS request fails at the network level, ' +
      'and rejects with `TypeError: NetworkError when attempting to fetch resource.`',
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) step 8: anything but a response that passes the CORS check with an ok status is a network error. ' +
      "The standard has no separate failure for this; Chromium's `kInvalidResponse` is an implementation detail.",
    messages: {
      chromium: CHROMIUM_FETCH_FAILED,
      firefox: FF_NOT_SUCCEED,
      webkit: WEBKIT_LOAD_FAILED,
    },
  },

  WILDCARD_ORIGIN_NOT_ALLOWED: {
    code: 'WILDCARD_ORIGIN_NOT_ALLOWED',
    title: '`Access-Control-Allow-Origin: *` is not allowed on a request with credentials',
    meaning:
      "The request was made with credentials (`credentials: 'include'`, or `withCredentials = true` for XHR): cookies, HTTP auth or client certificates. " +
      'For such a request the wildcard `*` does not count. ' +
      "`Access-Control-Allow-Origin` must name the page's origin exactly, and `Access-Control-Allow-Credentials: true` must be present. " +
      '`*` is refused even when `Access-Control-Allow-Credentials: true` is sent too.',
    causes: [
      'The CORS middleware is configured with `*` (often its default) while the frontend now sends cookies.',
      "The frontend turns on credentials globally (`credentials: 'include'` in a fetch wrapper, `withCredentials: true` as an axios default), even for public endpoints.",
      'Static hosting, object storage or a CDN that can only send `*`.',
    ],
    fix: [
      'If the request needs cookies or HTTP auth: send the exact origin and the credentials flag: `Access-Control-Allow-Origin: http://localhost:3000`, `Access-Control-Allow-Credentials: true` and `Vary: Origin`. Take the origin from an allow-list of trusted origins; never echo back any `Origin` the request brings when credentials are allowed.',
      "If it does not need credentials: remove `credentials: 'include'` (or `withCredentials`) from the request; `Access-Control-Allow-Origin: *` is then fine for a public API.",
      'Send the same headers on the preflight (`OPTIONS`) response when there is one.',
    ],
    browsers:
      'All three refuse. ' +
      "Chromium: `The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.` " +
      '(XHR adds `The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.`). ' +
      'Firefox: `(Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).` (the one Firefox message that puts the URL in quotes). ' +
      'WebKit: `Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.` ' +
      'The spec has no separate error for this: `*` simply is not the exact origin.',
    spec:
      'Fetch § CORS check (#concept-cors-check) steps 3–4: `*` passes only when the credentials mode is not "include"; otherwise the value must equal the serialized request origin. ' +
      'See also § CORS protocol and credentials (#cors-protocol-and-credentials).',
    messages: {
      chromium: `${CR}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
      firefox: `${FF_QUOTED} (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
      webkit: `Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.${WK_JS}`,
    },
  },

  MISSING_ALLOW_ORIGIN_HEADER: {
    code: 'MISSING_ALLOW_ORIGIN_HEADER',
    title: 'The response has no Access-Control-Allow-Origin header',
    meaning:
      "The page and the URL are on different origins, so the browser hands the response to the script only if the server opts in with `Access-Control-Allow-Origin`. " +
      'The response had no such header, so the browser blocked it. ' +
      'The request did reach the server and the server did answer; its status (200, 404, 500…) does not matter to this check. ' +
      'The check also runs on every redirect (3xx) response along the way.',
    causes: [
      'The server does not handle CORS at all.',
      'CORS headers are only added on success: the 404/500 error page, an exception handler or the framework\'s default error response lacks them, so a server error shows up as a CORS error.',
      'The CORS middleware runs after authentication or routing, so a 401/403 or a redirect is sent before it adds the header.',
      'A reverse proxy, CDN or API gateway strips the header, or answers by itself (429, 502, 504 pages) without it.',
      "The page's origin is not on the server's allow-list, and the middleware then leaves the header out.",
      'The URL is slightly wrong (path, trailing slash, port), so another handler answers.',
      'A redirect (HTTP → HTTPS, trailing slash, login page) answers without the header.',
    ],
    fix: [
      'Send `Access-Control-Allow-Origin: http://localhost:3000` on every response of that endpoint, error responses and redirects included (register the CORS middleware before auth and routing; in nginx use `add_header … always`).',
      'For a public API that uses no cookies or HTTP auth, `Access-Control-Allow-Origin: *` is fine.',
      "When the value depends on the request's `Origin` (an allow-list), also send `Vary: Origin` so caches do not serve one origin's answer to another.",
      'Look at the status in DevTools → Network: a 4xx/5xx means the server failed first. Fix that error, and make error responses carry the header too.',
      "Do not switch to `mode: 'no-cors'`: the response becomes opaque and the script still cannot read it.",
    ],
    browsers:
      'All three block. ' +
      "Chromium: `No 'Access-Control-Allow-Origin' header is present on the requested resource.` (older versions added advice to use `mode: 'no-cors'`, which rarely helps). " +
      'Firefox: `(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`, with the real status of the response, which tells you if the server failed. ' +
      'WebKit (Safari): `Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 200` (the same words as for a wrong value), then `Fetch API cannot load … due to access control checks.` ' +
      'When a redirect response lacks the header, WebKit wraps the reason: `Cross-origin redirection to … denied by Cross-Origin Resource Sharing policy: …`.',
    spec:
      'Fetch § CORS check (#concept-cors-check) step 2 (no header → failure), run on the response, and on each redirect response, by § HTTP fetch (#http-fetch) step 4.4.',
    messages: {
      chromium: `${CR}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
      firefox: `${FF} (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`,
      webkit: `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200${WK_JS}`,
    },
  },

  MULTIPLE_ALLOW_ORIGIN_VALUES: {
    code: 'MULTIPLE_ALLOW_ORIGIN_VALUES',
    title: 'Access-Control-Allow-Origin contains more than one value',
    meaning:
      'The header must hold exactly one origin, or `*`. The browser found a list instead: ' +
      'either one line such as `http://a.example, http://b.example`, or the header sent more than once. ' +
      'Repeated header lines are combined into one value joined with `, `, so even two identical lines fail. ' +
      "The combined value is not the page's origin, so the check fails.",
    causes: [
      'Both the application and a proxy, CDN, ingress or API gateway add the header.',
      'Two CORS layers in the application, e.g. a CORS module plus a hand-written `setHeader`.',
      'The server sends its whole allow-list: `Access-Control-Allow-Origin: https://a.example, https://b.example`. The header cannot list several origins.',
      'The allow-list is written with spaces: `https://a.example https://b.example`.',
    ],
    fix: [
      'Send one line only: `Access-Control-Allow-Origin: http://localhost:3000`. Remove one of the layers that add it (the raw response headers in DevTools show the duplicates).',
      "To allow several origins, compare the request's `Origin` with your allow-list on the server and send back only the one that matches, with `Vary: Origin`.",
    ],
    browsers:
      'All three block, with different words. ' +
      "Chromium: `The 'Access-Control-Allow-Origin' header contains multiple values '…', but only one is allowed.`, showing the combined value; any space or comma in a non-matching value triggers it. " +
      'Firefox counts raw header lines: two lines give `(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`, ' +
      'but a single line `a, b` gives `(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘a, b’).` ' +
      'WebKit: `Access-Control-Allow-Origin cannot contain more than one origin.` for a comma (one line or two); a space-separated list gets the generic `Origin … is not allowed by Access-Control-Allow-Origin.` ' +
      'The spec has no special case: the combined value is simply not the origin.',
    spec:
      'Fetch § CORS check (#concept-cors-check) steps 1 and 4: getting the header (#concept-header-list-get) combines repeated lines with `, `, and the result must equal the serialized request origin byte for byte.',
    messages: {
      chromium: `${CR}The 'Access-Control-Allow-Origin' header contains multiple values '${PAGE}, ${PAGE}', but only one is allowed.${CR_VALID}`,
      firefox: `${FF} (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`,
      webkit: `Access-Control-Allow-Origin cannot contain more than one origin.${WK_JS}`,
    },
  },

  INVALID_ALLOW_ORIGIN_VALUE: {
    code: 'INVALID_ALLOW_ORIGIN_VALUE',
    title: 'Access-Control-Allow-Origin holds a value that is not an origin',
    meaning:
      'The header is present, but its value is neither an origin nor `*`: for example empty, a host name without scheme, or a word. ' +
      "The browser compares the value with the page's origin byte for byte, so it cannot match. " +
      'This is how Chromium names the case; Firefox, WebKit and the spec treat it as a plain mismatch (ALLOW_ORIGIN_MISMATCH).',
    causes: [
      'The value comes from an unset variable or config key, so the server sends an empty header (`Access-Control-Allow-Origin:`) or a placeholder.',
      'The scheme is missing: `Access-Control-Allow-Origin: app.example.com` instead of `https://app.example.com`.',
      "The server echoes the request's `Origin` header, but that header did not reach it (e.g. a proxy dropped it), so it echoes nothing.",
    ],
    fix: [
      'Send the full origin, scheme, host and port, with no path and no trailing slash: `Access-Control-Allow-Origin: http://localhost:3000`.',
      "If the value comes from config or from the request's `Origin`, leave the header out when nothing matches, never send it empty; add `Vary: Origin`.",
    ],
    browsers:
      "Only Chromium has this kind: `The 'Access-Control-Allow-Origin' header contains the invalid value '…'.` " +
      '(for a value that is not the origin, has no space or comma, is not `null` and does not parse as a URL), plus, for `fetch()`, `Have the server send the header with a valid value.` ' +
      'Firefox reports `(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘…’).` and WebKit `Origin … is not allowed by Access-Control-Allow-Origin. Status code: …`, as for any wrong value.',
    spec:
      'Fetch § CORS check (#concept-cors-check) step 4. The header\'s grammar is `origin-or-null / wildcard` (§ HTTP new-header syntax, #http-new-header-syntax).',
    messages: {
      chromium: `${CR}The 'Access-Control-Allow-Origin' header contains the invalid value ''.${CR_VALID}`,
      firefox: `${FF} (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘’).`,
      webkit: `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200${WK_JS}`,
    },
  },

  ALLOW_ORIGIN_MISMATCH: {
    code: 'ALLOW_ORIGIN_MISMATCH',
    title: 'Access-Control-Allow-Origin names a different origin',
    meaning:
      "The header is present, but its value is not the page's origin. " +
      'The browser compares the whole serialized origin (scheme, host and port) byte for byte: `https` vs `http`, `www.` vs none, another port, a trailing slash or upper-case letters all make it different. ' +
      "After a redirect from one origin to another, the request's origin becomes `null`, and a value naming the page's origin no longer matches.",
    causes: [
      'The allowed origin is hard-coded for production (`https://app.example.com`) while you test from `http://localhost:3000`, or the other way round.',
      'A small difference: a trailing slash (`http://localhost:3000/`), `http` vs `https`, a missing or extra port, `127.0.0.1` vs `localhost`, `www.`, capital letters.',
      'A cache or CDN served a response made for another origin, because the server did not send `Vary: Origin`.',
      "The request was redirected to another origin, so the browser sent `Origin: null` there, and that server answers with the page's origin.",
    ],
    fix: [
      "Send the page's exact origin: `Access-Control-Allow-Origin: http://localhost:3000` (no path, no trailing slash).",
      "To allow several origins, compare the request's `Origin` with an allow-list and send back the one that matches; add `Vary: Origin` so caches keep one copy per origin.",
      'When a redirect to another origin is involved, call the final URL directly. Do not allow the origin `null` to make it pass: sandboxed iframes and `file:` pages send `null` too.',
      'For a public API that uses no credentials, `Access-Control-Allow-Origin: *` avoids the comparison.',
    ],
    browsers:
      'All three block. ' +
      "Chromium: `The 'Access-Control-Allow-Origin' header has a value '…' that is not equal to the supplied origin.` plus, for `fetch()`, `Have the server send the header with a valid value.` " +
      'Firefox: `(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘…’).`, quoting the header\'s value. ' +
      'WebKit: `Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: …`, quoting your origin instead, with the same words as for a missing header. ' +
      "After a tainting redirect, Chromium still prints the page's origin in `from origin '…'` while comparing with `null`; WebKit prints `Origin null`.",
    spec:
      'Fetch § CORS check (#concept-cors-check) step 4 (byte-serialized request origin vs. the header value). ' +
      'Why it can be `null` after a redirect: § Origin header (#origin-header) and redirect-taint (#concept-request-tainted-origin).',
    messages: {
      chromium: `${CR}The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com' that is not equal to the supplied origin.${CR_VALID}`,
      firefox: `${FF} (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://app.example.com’).`,
      webkit: `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 200${WK_JS}`,
    },
  },

  INVALID_ALLOW_CREDENTIALS: {
    code: 'INVALID_ALLOW_CREDENTIALS',
    title: 'A request with credentials needs Access-Control-Allow-Credentials: true',
    meaning:
      "The request carries credentials (`credentials: 'include'` or `withCredentials = true`). The origin check passed. " +
      'For a request with credentials the browser also requires `Access-Control-Allow-Credentials: true`: exactly `true`, in lower case. ' +
      'The header was missing or had another value, so the response is blocked.',
    causes: [
      'The CORS setup allows the origin but not credentials (e.g. the middleware\'s `credentials` option is off).',
      'The value is `True`, `1` or `yes` instead of `true`.',
      'The header is on the preflight response but not on the actual response, or the other way round.',
      'The frontend sends credentials it does not need.',
    ],
    fix: [
      'Add `Access-Control-Allow-Credentials: true` next to `Access-Control-Allow-Origin: http://localhost:3000` (the exact origin, never `*`) on the preflight and on the actual response; add `Vary: Origin` when the origin comes from an allow-list.',
      "Allow credentials only for origins you trust: any allowed origin can then send requests with the user's cookies and read the answers.",
      "If no cookies or HTTP auth are needed, remove `credentials: 'include'` / `withCredentials` instead.",
    ],
    browsers:
      'All three block once the origin check has passed. ' +
      "Chromium: `The value of the 'Access-Control-Allow-Credentials' header in the response is '…' which must be 'true' when the request's credentials mode is 'include'.` " +
      "(`''` when the header is missing; XHR adds a note about `withCredentials`). " +
      'Firefox: `(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).` ' +
      'WebKit: `Credentials flag is true, but Access-Control-Allow-Credentials is not "true".` ' +
      'All three compare case-sensitively after trimming spaces: `True` fails, ` true ` passes.',
    spec:
      'Fetch § CORS check (#concept-cors-check) steps 5–8. The header\'s grammar is `%s"true"`, case-sensitive (§ HTTP new-header syntax, #http-new-header-syntax).',
    messages: {
      chromium: `${CR}The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.`,
      firefox: `${FF} (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
      webkit: `Credentials flag is true, but Access-Control-Allow-Credentials is not "true".${WK_JS}`,
    },
  },

  CORS_DISABLED_SCHEME: {
    code: 'CORS_DISABLED_SCHEME',
    title: 'Cross-origin requests to this URL scheme are not supported (typically a page opened from file://)',
    meaning:
      'The request needs CORS because it goes to another origin, but its URL scheme is not one the browser runs CORS for. CORS works over `http:` and `https:`. ' +
      'The classic case is a page opened from disk (`file:///…/index.html`) loading another local file with XMLHttpRequest, or loading a module script. ' +
      'A `file:` page has an opaque origin (`null`), so every other file is cross-origin to it.',
    causes: [
      'The page was opened by double-clicking the HTML file, so it runs from `file://`, and it loads JSON, templates or data files from disk.',
      'A `<script type="module">` on a `file:` page: module scripts are always fetched in CORS mode.',
      'A URL written without `http://`, such as `localhost:8080/api`, which the URL parser reads as the scheme `localhost:`.',
      'In Chromium, a redirect to an `ftp:` or custom-scheme URL (the message then says `(redirected from …)`; see INVALID_REDIRECT).',
    ],
    fix: [
      'Serve the files over HTTP instead of opening them from disk, e.g. `python3 -m http.server 3000` or `npx serve`, then open `http://localhost:3000/`.',
      'Write absolute URLs with their scheme: `http://localhost:8080/api`, not `localhost:8080/api`.',
      'Do not turn off browser security (`--allow-file-access-from-files`, `--disable-web-security`) to get around it.',
    ],
    browsers:
      'Chromium prints `Cross origin requests are only supported for protocol schemes: ….` for XMLHttpRequest, for loads such as module scripts, ' +
      'and for a redirect to a scheme outside the list (observed for `ftp:`, with `(redirected from …)` in the message). ' +
      `The list depends on the Chrome version and build; Chromium 156 prints \`${CHROMIUM_CORS_SCHEMES}\` (observed). ` +
      'A direct `fetch()` fails earlier in Chromium, with `Fetch API cannot load <URL>. URL scheme "…" is not supported.` (see UNSUPPORTED_SCHEME). ' +
      'Firefox reports `(Reason: CORS request not http).` WebKit says `Cross origin requests are only supported for HTTP.` (observed for a `fetch()` to a non-HTTP URL). ' +
      'corsight reports this code for Chromium XHR and Chromium redirects to such schemes; Firefox, WebKit and Chromium fetch() get UNSUPPORTED_SCHEME (INVALID_REDIRECT for redirects).',
    spec:
      'Fetch § Main fetch (#main-fetch) step 12: in CORS mode, a URL whose scheme is not an HTTP(S) scheme (#http-scheme) gives a network error. ' +
      '§ Scheme fetch (#scheme-fetch) leaves `file:` URLs to each browser ("left as an exercise for the reader").',
    messages: {
      chromium:
        "Access to XMLHttpRequest at 'file:///home/me/site/data.json' from origin 'null' has been blocked by CORS policy: " +
        `Cross origin requests are only supported for protocol schemes: ${CHROMIUM_CORS_SCHEMES}.`,
      firefox:
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at file:///home/me/site/data.json. (Reason: CORS request not http).',
    },
  },

  PREFLIGHT_INVALID_STATUS: {
    code: 'PREFLIGHT_INVALID_STATUS',
    title: 'The preflight (OPTIONS) response does not have a 2xx status',
    meaning:
      'Before this request the browser sent a preflight: an `OPTIONS` request asking whether the method and headers are allowed. ' +
      'A preflight is needed when the method is not GET, HEAD or POST, or when the page sets headers such as `Content-Type: application/json` or `Authorization`. ' +
      'A preflight succeeds only with an ok status, 200–299. The server answered with another status, so the browser never sent the actual request.',
    causes: [
      'The server or router has no handler for `OPTIONS` on that path and answers 404 or 405.',
      'Authentication runs before CORS and rejects the preflight with 401 or 403. A preflight never carries cookies or `Authorization`.',
      'The `OPTIONS` request falls through to the normal handler, which fails (400/500) because there is no body or no auth.',
      'A proxy, WAF or API gateway blocks or rejects `OPTIONS`.',
    ],
    fix: [
      'Answer `OPTIONS` on that URL, before authentication, with `204 No Content` (or `200`) and the CORS headers: `Access-Control-Allow-Origin: http://localhost:3000`, `Access-Control-Allow-Methods: PUT`, `Access-Control-Allow-Headers: Content-Type` (the method and headers the request uses).',
      'Exempt `OPTIONS` from authentication. The preflight cannot carry credentials, and it should do no work: it only grants permission.',
      'Optionally let browsers cache the answer: `Access-Control-Max-Age: 600`.',
    ],
    browsers:
      'The check order differs. Chromium and Firefox check `Access-Control-Allow-Origin` (and credentials) first, so a 404/405 without CORS headers is reported as a missing header (PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER); ' +
      'they report a bad status only when those headers are right. ' +
      "Chromium: `Response to preflight request doesn't pass access control check: It does not have HTTP ok status.` (no status number). " +
      'Firefox: `(Reason: CORS preflight response did not succeed). Status code: 405.`, then a second line `(Reason: CORS request did not succeed). Status code: (null).` ' +
      'WebKit checks the status first: `Preflight response is not successful. Status code: 405` whatever the headers, also for a redirected preflight.',
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) step 7 (the CORS check must pass and the status must be an ok status, #ok-status) and step 8 (otherwise a network error).',
    messages: {
      chromium: `${CR_PRE}It does not have HTTP ok status.`,
      firefox: `${FF} (Reason: CORS preflight response did not succeed). Status code: 405.`,
      webkit: `Preflight response is not successful. Status code: 405${WK_JS}`,
    },
  },

  PREFLIGHT_DISALLOWED_REDIRECT: {
    code: 'PREFLIGHT_DISALLOWED_REDIRECT',
    title: 'The preflight (OPTIONS) request was redirected',
    meaning:
      'Browsers never follow a redirect of a preflight. ' +
      'The server answered the `OPTIONS` request with a 3xx (301, 302, 307, 308…), so the preflight failed and the actual request was never sent.',
    causes: [
      'A trailing-slash redirect: `/api` → `/api/` or the reverse (many routers and frameworks do this).',
      'An HTTP → HTTPS redirect, or a canonical-host redirect (`example.com` → `www.example.com`), applied to every method.',
      'An auth layer redirects requests without a session to a login page; the preflight has no cookies.',
      'A load balancer or gateway redirects to another host.',
    ],
    fix: [
      'Call the final URL directly (exact scheme, host and path, trailing slash included), so no redirect happens.',
      'Exclude `OPTIONS` from redirect and login rules, and answer it with `204` plus `Access-Control-Allow-Origin: http://localhost:3000` and `Access-Control-Allow-Methods: PUT`.',
    ],
    browsers:
      "Chromium checks for a redirect first: `Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.` " +
      "Firefox first checks the 3xx response's `Access-Control-Allow-Origin` (if missing: the ACAO-missing message with `Status code: 301.`); " +
      'if present it logs `(Reason: CORS request external redirect not allowed).`, then `(Reason: CORS preflight response did not succeed). Status code: 301.` and `(Reason: CORS request did not succeed). Status code: (null).` ' +
      'WebKit reports it as a bad status: `Preflight response is not successful. Status code: 301`. ' +
      'The spec has no separate error either: a 3xx is not an ok status.',
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) step 6 (the preflight uses HTTP-network-or-cache fetch, which does not follow redirects) and steps 7–8 (a 3xx is not an ok status → network error).',
    messages: {
      chromium: `${CR_PRE}Redirect is not allowed for a preflight request.`,
      firefox: `${FF} (Reason: CORS request external redirect not allowed).`,
      webkit: `Preflight response is not successful. Status code: 301${WK_JS}`,
    },
  },

  PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED: {
    code: 'PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED',
    title: 'The preflight answered `Access-Control-Allow-Origin: *` for a request with credentials',
    meaning:
      'The actual request will carry credentials. The preflight response is checked with the credentials mode of the actual request, even though the `OPTIONS` request itself carries no cookies. ' +
      "So its `Access-Control-Allow-Origin` must name the page's origin exactly; `*` is refused, and the actual request is never sent.",
    causes: [
      'A generic rule (web server, gateway, CDN) answers every `OPTIONS` with `*`, while the application answers the real request correctly.',
      "The CORS middleware is configured with `*` while the frontend sends `credentials: 'include'` or `withCredentials = true`.",
    ],
    fix: [
      'Answer the preflight like the actual response: `Access-Control-Allow-Origin: http://localhost:3000`, `Access-Control-Allow-Credentials: true` and `Vary: Origin`, taking the origin from an allow-list (never echo back any origin).',
      'Or remove credentials from the request if it does not need them; then `*` works.',
    ],
    browsers:
      "Chromium: the wildcard message with the prefix `Response to preflight request doesn't pass access control check:`. " +
      'Firefox: the same `(Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).` as for a normal response, followed by `(Reason: CORS request did not succeed). Status code: (null).` ' +
      'WebKit: `Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.`, without any preflight wording; and WebKit checks the status first, so a non-2xx preflight is reported as a bad status instead.',
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) step 7 runs the CORS check (#concept-cors-check, steps 3–4) with the actual request, so with its credentials mode.',
    messages: {
      chromium: `${CR_PRE}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
      firefox: `${FF_QUOTED} (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
      webkit: `Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.${WK_JS}`,
    },
  },

  PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER: {
    code: 'PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER',
    title: 'The preflight (OPTIONS) response has no Access-Control-Allow-Origin header',
    meaning:
      'The browser sent an `OPTIONS` preflight before the real request. Its response had no `Access-Control-Allow-Origin`, so the browser concluded that the server does not allow this origin, and never sent the actual request. ' +
      "Very often `OPTIONS` is not handled at all, and the server's default 404/405/401 response has no CORS headers.",
    causes: [
      "No route or handler for `OPTIONS`: the framework's default 404 or 405 answers without CORS headers.",
      'CORS headers are added only in the `GET`/`POST`/`PUT` handlers, not for `OPTIONS`.',
      'Authentication runs before CORS and rejects the preflight, which has no cookies or `Authorization`.',
      'A proxy or gateway answers `OPTIONS` by itself, or strips the headers.',
      "The page's origin is not on the server's allow-list.",
    ],
    fix: [
      'Answer `OPTIONS` on that URL, before authentication, with `204` and `Access-Control-Allow-Origin: http://localhost:3000`, `Access-Control-Allow-Methods: PUT, DELETE`, `Access-Control-Allow-Headers: Content-Type, Authorization` (the method and headers the page uses).',
      'Most CORS middleware answers preflights by itself when it runs before routing and authentication.',
      'Send the same `Access-Control-Allow-Origin` on the actual response too; add `Vary: Origin` when it comes from an allow-list.',
    ],
    browsers:
      "Chromium: `Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.`, also when the preflight got 403/404/500, because Chromium checks the header before the status. " +
      'Firefox: `(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 204.`; the status shows whether `OPTIONS` was handled at all; a second line `(Reason: CORS request did not succeed). Status code: (null).` follows. ' +
      'WebKit checks the status first: a non-2xx preflight gives `Preflight response is not successful. Status code: …`; only a 2xx preflight without the header gives `Origin … is not allowed by Access-Control-Allow-Origin. Status code: 204`, with no preflight wording.',
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) step 7 runs the CORS check (#concept-cors-check), which fails at step 2 when the header is absent; step 8 then returns a network error.',
    messages: {
      chromium: `${CR_PRE}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
      firefox: `${FF} (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 204.`,
      webkit: `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 204${WK_JS}`,
    },
  },

  PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES: {
    code: 'PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES',
    title: "The preflight's Access-Control-Allow-Origin contains more than one value",
    meaning:
      'The `OPTIONS` preflight response carries `Access-Control-Allow-Origin` with a list instead of one origin: one line `a, b`, or the header sent more than once. ' +
      "Repeated lines are combined with `, `, so even two identical lines fail. The combined value is not the page's origin, so the preflight fails and the actual request is never sent.",
    causes: [
      'The web server or gateway adds CORS headers to `OPTIONS` responses and the application adds them too.',
      'The server sends its whole allow-list in the header.',
    ],
    fix: [
      'Send one line on the preflight response: `Access-Control-Allow-Origin: http://localhost:3000`. Keep a single layer in charge of CORS headers.',
      "To allow several origins, pick the one matching the request's `Origin` from an allow-list and send `Vary: Origin`.",
    ],
    browsers:
      "Chromium: `Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header contains multiple values '…', but only one is allowed.` " +
      'Firefox counts raw lines: two lines give `(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`, one line `a, b` gives the "does not match" message; then `(Reason: CORS request did not succeed). Status code: (null).` ' +
      'WebKit (after its status check): `Access-Control-Allow-Origin cannot contain more than one origin.`, with no preflight wording.',
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) step 7 → CORS check (#concept-cors-check) steps 1 and 4; repeated headers are combined by get (#concept-header-list-get).',
    messages: {
      chromium: `${CR_PRE}The 'Access-Control-Allow-Origin' header contains multiple values '${PAGE}, ${PAGE}', but only one is allowed.${CR_VALID}`,
      firefox: `${FF} (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`,
      webkit: `Access-Control-Allow-Origin cannot contain more than one origin.${WK_JS}`,
    },
  },

  PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE: {
    code: 'PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE',
    title: "The preflight's Access-Control-Allow-Origin holds a value that is not an origin",
    meaning:
      'The `OPTIONS` preflight response has `Access-Control-Allow-Origin`, but its value is neither an origin nor `*`: for example empty, or a host without scheme. ' +
      "It cannot equal the page's origin, so the preflight fails and the actual request is never sent. " +
      'This is how Chromium names the case; Firefox, WebKit and the spec treat it as a mismatch.',
    causes: [
      'The `OPTIONS` handler fills the header from an unset variable or from an `Origin` header that did not reach it, so the value is empty.',
      'The scheme is missing: `app.example.com` instead of `https://app.example.com`.',
    ],
    fix: [
      'Send the full origin on the preflight response: `Access-Control-Allow-Origin: http://localhost:3000` (scheme, host, port; no path).',
      'When nothing on the allow-list matches, leave the header out rather than sending it empty; add `Vary: Origin`.',
    ],
    browsers:
      "Chromium: `Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header contains the invalid value '…'.` " +
      'Firefox: `(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘…’).`, then `(Reason: CORS request did not succeed). Status code: (null).` ' +
      'WebKit (after its status check): `Origin … is not allowed by Access-Control-Allow-Origin. Status code: …`.',
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) step 7 → CORS check (#concept-cors-check) step 4; header grammar in § HTTP new-header syntax (#http-new-header-syntax).',
    messages: {
      chromium: `${CR_PRE}The 'Access-Control-Allow-Origin' header contains the invalid value ''.${CR_VALID}`,
      firefox: `${FF} (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘’).`,
      webkit: `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 204${WK_JS}`,
    },
  },

  PREFLIGHT_ALLOW_ORIGIN_MISMATCH: {
    code: 'PREFLIGHT_ALLOW_ORIGIN_MISMATCH',
    title: "The preflight's Access-Control-Allow-Origin names a different origin",
    meaning:
      "The `OPTIONS` preflight response allows an origin other than the page's. The value must equal the page's origin byte for byte (scheme, host, port; no trailing slash), or be `*` for requests without credentials. " +
      'The preflight fails and the actual request is never sent.',
    causes: [
      'The `OPTIONS` handler has its own, different origin setting (e.g. production only) from the main handler.',
      'A small difference: trailing slash, `http` vs `https`, port, `127.0.0.1` vs `localhost`.',
      'A cached preflight answer made for another origin (no `Vary: Origin`).',
      "The request was redirected to another origin: the new preflight then carries `Origin: null` in Chromium and WebKit, and the page's origin no longer matches.",
    ],
    fix: [
      "Answer the preflight with the page's exact origin: `Access-Control-Allow-Origin: http://localhost:3000`, from the same allow-list as the actual response, with `Vary: Origin`.",
      'When a redirect to another origin is involved, call the final URL directly; do not allow the origin `null` to make it pass.',
    ],
    browsers:
      "Chromium: `Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header has a value '…' that is not equal to the supplied origin.` " +
      'Firefox: `(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘…’).`, then `(Reason: CORS request did not succeed). Status code: (null).` ' +
      "WebKit (after its status check): `Origin … is not allowed by Access-Control-Allow-Origin. Status code: …`. " +
      "After a cross-origin redirect, Chromium and WebKit send the new preflight with `Origin: null`, while Firefox sends it with the page's origin, so the same server can pass in Firefox and fail in the others.",
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) step 7 → CORS check (#concept-cors-check) step 4; redirect-taint (#concept-request-tainted-origin) for the `null` origin after a redirect.',
    messages: {
      chromium: `${CR_PRE}The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com' that is not equal to the supplied origin.${CR_VALID}`,
      firefox: `${FF} (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://app.example.com’).`,
      webkit: `Origin ${PAGE} is not allowed by Access-Control-Allow-Origin. Status code: 204${WK_JS}`,
    },
  },

  PREFLIGHT_INVALID_ALLOW_CREDENTIALS: {
    code: 'PREFLIGHT_INVALID_ALLOW_CREDENTIALS',
    title: 'The preflight response lacks Access-Control-Allow-Credentials: true',
    meaning:
      'The actual request will carry credentials, and the preflight response is checked with that credentials mode. ' +
      'Its origin check passed, but `Access-Control-Allow-Credentials` was missing or not exactly `true`. The preflight fails and the actual request is never sent.',
    causes: [
      'The `OPTIONS` handler (or the gateway answering it) sends the origin but not the credentials header, while the main handler sends both.',
      'The value is `True` or `1` instead of `true`.',
    ],
    fix: [
      'Send `Access-Control-Allow-Credentials: true` together with `Access-Control-Allow-Origin: http://localhost:3000` on the preflight response too (and `Vary: Origin`).',
      'Allow credentials only for trusted origins, or remove credentials from the request if it does not need them.',
    ],
    browsers:
      "Chromium: `Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Credentials' header in the response is '…' which must be 'true' when the request's credentials mode is 'include'.` " +
      'Firefox: `(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`, then `(Reason: CORS request did not succeed). Status code: (null).` ' +
      'WebKit (after its status check): `Credentials flag is true, but Access-Control-Allow-Credentials is not "true".`, with no preflight wording.',
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) step 7 → CORS check (#concept-cors-check) steps 5–8, run with the actual request\'s credentials mode.',
    messages: {
      chromium: `${CR_PRE}The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.`,
      firefox: `${FF} (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
      webkit: `Credentials flag is true, but Access-Control-Allow-Credentials is not "true".${WK_JS}`,
    },
  },

  INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE: {
    code: 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE',
    title: "The preflight's Access-Control-Allow-Methods header cannot be parsed",
    meaning:
      '`Access-Control-Allow-Methods` must be a comma-separated list of method names (HTTP tokens), like `GET, PUT, DELETE`. ' +
      'An element of the value is not a token (a space inside it, a semicolon, quotes, brackets), so the browser rejects the whole preflight. ' +
      'Spaces around commas and empty elements (`GET,,PUT`) are fine.',
    causes: [
      'A space-separated list: `GET POST PUT`.',
      'Another separator: `GET; POST` or `GET|POST`.',
      'A config array printed as JSON: `["GET","POST"]`.',
    ],
    fix: ['Separate methods with commas: `Access-Control-Allow-Methods: GET, POST, PUT, DELETE`.'],
    browsers:
      'All three reject. Chromium: `Cannot parse Access-Control-Allow-Methods response header field in preflight response.`, without the value and without the preflight prefix. ' +
      'Firefox names the bad element: `(Reason: invalid token ‘GET POST PUT’ in CORS header ‘Access-Control-Allow-Methods’).` ' +
      'WebKit shows the raw value: `Header Access-Control-Allow-Methods has an invalid value: GET POST PUT`.',
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) steps 7.1 and 7.3: extracting header list values (#extract-header-list-values) of `Access-Control-Allow-Methods` (grammar `#method`, § HTTP new-header syntax, #http-new-header-syntax) fails → network error.',
    messages: {
      chromium: `${CR}Cannot parse Access-Control-Allow-Methods response header field in preflight response.`,
      firefox: `${FF} (Reason: invalid token ‘GET POST PUT’ in CORS header ‘Access-Control-Allow-Methods’).`,
      webkit: `Header Access-Control-Allow-Methods has an invalid value: GET POST PUT${WK_JS}`,
    },
  },

  INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE: {
    code: 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE',
    title: "The preflight's Access-Control-Allow-Headers header cannot be parsed",
    meaning:
      '`Access-Control-Allow-Headers` must be a comma-separated list of header names (HTTP tokens), like `Content-Type, Authorization`. ' +
      'An element of the value is not a token (a space inside it, a colon, a semicolon, quotes), so the browser rejects the whole preflight. ' +
      'Spaces around commas and empty elements are fine.',
    causes: [
      'A space-separated list: `Content-Type Authorization`.',
      'Another separator (`;`), or a header line pasted in with its value (`Content-Type: application/json`).',
      'A config array printed as JSON.',
    ],
    fix: ['Separate header names with commas: `Access-Control-Allow-Headers: Content-Type, Authorization`.'],
    browsers:
      'All three reject. Chromium: `Cannot parse Access-Control-Allow-Headers response header field in preflight response.` (no value, no preflight prefix). ' +
      'Firefox: `(Reason: invalid token ‘Content-Type Authorization’ in CORS header ‘Access-Control-Allow-Headers’).` ' +
      'WebKit: `Header Access-Control-Allow-Headers has an invalid value: Content-Type Authorization`. ' +
      'Order differs: Chromium and WebKit parse both lists before checking the method, while Firefox checks the method before it parses `Access-Control-Allow-Headers`; ' +
      'so when the method is also not allowed, Firefox reports the method instead.',
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) steps 7.2 and 7.3: extracting header list values (#extract-header-list-values) of `Access-Control-Allow-Headers` (grammar `#field-name`, § HTTP new-header syntax, #http-new-header-syntax) fails → network error.',
    messages: {
      chromium: `${CR}Cannot parse Access-Control-Allow-Headers response header field in preflight response.`,
      firefox: `${FF} (Reason: invalid token ‘Content-Type Authorization’ in CORS header ‘Access-Control-Allow-Headers’).`,
      webkit: `Header Access-Control-Allow-Headers has an invalid value: Content-Type Authorization${WK_JS}`,
    },
  },

  METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE: {
    code: 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE',
    title: "The request's method is not listed in the preflight's Access-Control-Allow-Methods",
    meaning:
      "The preflight response passed the origin checks, but `Access-Control-Allow-Methods` does not include the request's method. " +
      'GET, HEAD and POST never need to be listed. The comparison is case-sensitive. ' +
      '`*` allows every method only for requests without credentials. The actual request is never sent.',
    causes: [
      'The list is incomplete: `GET, POST` while the page sends `PUT`, `PATCH` or `DELETE`.',
      "Lower-case `patch`: `fetch()` upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT, so `method: 'patch'` is sent as `patch` and does not match `PATCH`.",
      '`Access-Control-Allow-Methods: *` on a request with credentials, where `*` is only a literal name.',
      'The header is missing from the preflight response (then only GET, HEAD and POST pass).',
    ],
    fix: [
      'List the method: `Access-Control-Allow-Methods: GET, POST, PUT, PATCH, DELETE`.',
      "Write the method in upper case in the page: `method: 'PATCH'`.",
      'With credentials, list the methods instead of using `*`.',
    ],
    browsers:
      'All three fail, each in its own words. Chromium: `Method DELETE is not allowed by Access-Control-Allow-Methods in preflight response.` (no preflight prefix). ' +
      'Firefox: `(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`, which does not name the method. ' +
      'WebKit: `Method DELETE is not allowed by Access-Control-Allow-Methods.` ' +
      'All three compare case-sensitively and treat `*` as a wildcard only without credentials.',
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) step 7.5; § Methods: normalize (#concept-method-normalize) explains why `patch` stays lower-case.',
    messages: {
      chromium: `${CR}Method DELETE is not allowed by Access-Control-Allow-Methods in preflight response.`,
      firefox: `${FF} (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`,
      webkit: `Method DELETE is not allowed by Access-Control-Allow-Methods.${WK_JS}`,
    },
  },

  HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE: {
    code: 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE',
    title: "A request header is not listed in the preflight's Access-Control-Allow-Headers",
    meaning:
      'The page set a request header that is not CORS-safelisted, such as `Content-Type: application/json`, `Authorization` or any `X-…` header. ' +
      "The preflight asked for it in `Access-Control-Request-Headers`, but the response's `Access-Control-Allow-Headers` does not list it (names compare case-insensitively). " +
      '`*` covers every name only for requests without credentials, and by the standard never covers `Authorization`. The actual request is never sent.',
    causes: [
      '`Content-Type: application/json` (any type other than `text/plain`, `multipart/form-data` or `application/x-www-form-urlencoded`) is not listed.',
      '`Authorization` or a custom header (`X-Requested-With`, `X-CSRF-Token`, tracing headers added by an SDK or an HTTP-client interceptor) is not listed.',
      '`Access-Control-Allow-Headers: *` on a request with credentials, where `*` is only a literal name.',
      'The header is missing from the preflight response altogether.',
    ],
    fix: [
      "List every header the page sends: `Access-Control-Allow-Headers: Content-Type, Authorization, X-Request-Id`. The preflight's `Access-Control-Request-Headers` (DevTools → Network) shows the exact list.",
      'List `Authorization` by name even when you send `*`: the standard says `*` does not cover it, even though browsers still accept it today.',
      'Or stop sending the header, e.g. remove a default `X-Requested-With` from your HTTP client.',
    ],
    browsers:
      'Chromium: `Request header field content-type is not allowed by Access-Control-Allow-Headers in preflight response.`, naming the first missing header in the order the page set them, in lower case. ' +
      'Firefox: `(Reason: header ‘content-type’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`, naming the first in sorted order. ' +
      'WebKit: `Request header field Content-Type is not allowed by Access-Control-Allow-Headers.`, in the original casing. With several missing headers, each browser can name a different one. ' +
      '`Authorization` under `*` without credentials: the standard rejects it, but all three allow it today. Chromium only raises a DevTools Issues deprecation notice. ' +
      'Firefox logs a warning (key `CORSAllowHeaderFromPreflightDeprecation`: "When the `Access-Control-Allow-Headers` is `*`, the `Authorization` header is not covered. …"), known from its source but not seen in corsight\'s runs. WebKit says nothing.',
    spec:
      'Fetch § CORS-preflight fetch (#cors-preflight-fetch) step 7.6 (`Authorization`, the CORS non-wildcard request-header name) and step 7.7 (each CORS-unsafe request-header name, #cors-unsafe-request-header-names); the safelist is § CORS-safelisted request-header (#cors-safelisted-request-header).',
    messages: {
      chromium: `${CR}Request header field content-type is not allowed by Access-Control-Allow-Headers in preflight response.`,
      firefox: `${FF} (Reason: header ‘content-type’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
      webkit: `Request header field Content-Type is not allowed by Access-Control-Allow-Headers.${WK_JS}`,
    },
  },

  REDIRECT_CONTAINS_CREDENTIALS: {
    code: 'REDIRECT_CONTAINS_CREDENTIALS',
    title: 'A redirect points to a URL with a username and password',
    meaning:
      "The server answered with a redirect whose `Location` contains user info (`http://user:secret@host/…`). " +
      'A CORS request may not follow such a redirect, so the browser stops with a network error before requesting the new URL.',
    causes: [
      'The server builds redirect URLs from a base URL that contains credentials, e.g. an internal service URL with basic auth.',
      'A proxy or storage service writes credentials into `Location`.',
    ],
    fix: [
      'Redirect to a URL without user info: `Location: http://localhost:8080/api/v2`.',
      'Send credentials in a header (`Authorization`) or a cookie, never in the URL.',
      'Or have the page call the final URL directly.',
    ],
    browsers:
      "Chromium: `Redirect location '' contains a username and password, which is disallowed for cross-origin requests.`; the quoted location is always empty (Chromium never fills it in). " +
      'Firefox has no specific message: only `(Reason: CORS request did not succeed). Status code: (null).` ' +
      'WebKit names both URLs: `Cross-origin redirection to <URL without user info> denied by Cross-Origin Resource Sharing policy: redirection URL <URL with user info> has credentials`.',
    spec:
      'Fetch § HTTP-redirect fetch (#http-redirect-fetch) steps 9–10: a CORS-mode request redirected to a cross-origin location that includes credentials, or any CORS-tainted request whose location includes credentials, gets a network error.',
    messages: {
      chromium: `${CR}Redirect location '' contains a username and password, which is disallowed for cross-origin requests.`,
      firefox: FF_NOT_SUCCEED,
      webkit:
        'Cross-origin redirection to http://localhost:8080/api/v2 denied by Cross-Origin Resource Sharing policy: redirection URL http://user:secret@localhost:8080/api/v2 has credentials' +
        WK_JS,
    },
  },

  FORBIDDEN_METHOD: {
    code: 'FORBIDDEN_METHOD',
    title: 'The method is forbidden: pages cannot send CONNECT, TRACE or TRACK',
    meaning:
      'Browsers never let scripts send `CONNECT`, `TRACE` or `TRACK`, in any letter case. ' +
      '`fetch()` returns a rejected promise and `xhr.open()` throws a `SecurityError`; nothing is sent. No server setting changes this.',
    causes: [
      'Testing a diagnostic endpoint with `TRACE` from the browser.',
      'A generic client passes a user-chosen method straight through.',
    ],
    fix: [
      'Use another method, e.g. `GET` or `POST` to a diagnostic endpoint.',
      'Or send the request from outside the browser (curl, a backend job).',
    ],
    browsers:
      "Chromium: `TypeError: Failed to execute 'fetch' on 'Window': 'TRACE' HTTP method is unsupported.`; XHR: `SecurityError: Failed to execute 'open' on 'XMLHttpRequest': 'TRACE' HTTP method is unsupported.` " +
      'Firefox: `TypeError: Window.fetch: Invalid request method TRACE.` (the same text as for an invalid method). WebKit: `TypeError: Method is forbidden.` ' +
      `No console message. ${FROM_SOURCE}`,
    spec:
      'Fetch § Methods: forbidden method (#forbidden-method); § Request class, new Request() (#dom-request) step 25.2 throws a TypeError, which fetch() (#dom-global-fetch) returns as a rejected promise. ' +
      'XMLHttpRequest § open() (#dom-xmlhttprequest-open) throws a "SecurityError" DOMException.',
    messages: {
      chromium: "TypeError: Failed to execute 'fetch' on 'Window': 'TRACE' HTTP method is unsupported.",
      firefox: 'TypeError: Window.fetch: Invalid request method TRACE.',
      webkit: 'TypeError: Method is forbidden.',
    },
  },

  INVALID_METHOD: {
    code: 'INVALID_METHOD',
    title: 'The method is not a valid HTTP method name',
    meaning:
      'A method must be an HTTP token: letters, digits and a few symbols such as `-`, with no spaces, commas or other separators. ' +
      'The value given to `fetch()` or `xhr.open()` is not one, so the call fails before any request is made.',
    causes: [
      "Several methods in one string: `'GET,POST'`.",
      "Whitespace inside the value (`'POST '`, a newline from a config file), or a whole request line (`'GET /api'`).",
    ],
    fix: ["Pass a single method name, e.g. `method: 'POST'`, and trim values read from config or user input."],
    browsers:
      "Chromium: `TypeError: Failed to execute 'fetch' on 'Window': 'GET,POST' is not a valid HTTP method.`; XHR: `SyntaxError: Failed to execute 'open' on 'XMLHttpRequest': '…' is not a valid HTTP method.` " +
      'Firefox: `TypeError: Window.fetch: Invalid request method GET,POST.`; XHR: `SyntaxError: An invalid or illegal string was specified`. ' +
      'WebKit: `TypeError: Method is not a valid HTTP token.` (observed in WebKitGTK 2.50); XHR: `SyntaxError: The string did not match the expected pattern.` ' +
      "No console message. The texts other than WebKit's fetch() one come from the browsers' sources; corsight has not yet observed them in a real run.",
    spec:
      'Fetch § Methods (#concept-method): a method matches the `method` token production; § Request class, new Request() (#dom-request) step 25.2 throws a TypeError. ' +
      'XMLHttpRequest § open() (#dom-xmlhttprequest-open) throws a "SyntaxError" DOMException.',
    messages: {
      chromium: "TypeError: Failed to execute 'fetch' on 'Window': 'GET,POST' is not a valid HTTP method.",
      firefox: 'TypeError: Window.fetch: Invalid request method GET,POST.',
      webkit: 'TypeError: Method is not a valid HTTP token.',
    },
  },

  NO_CORS_METHOD_NOT_ALLOWED: {
    code: 'NO_CORS_METHOD_NOT_ALLOWED',
    title: 'mode "no-cors" only allows GET, HEAD and POST',
    meaning:
      "With `mode: 'no-cors'` the browser sends the request without CORS and gives the page an opaque response it cannot read. " +
      'Only GET, HEAD and POST are allowed in this mode. Any other method makes `fetch()` reject at once, and nothing is sent.',
    causes: [
      "`mode: 'no-cors'` was added to a PUT, PATCH or DELETE call to silence a CORS error.",
    ],
    fix: [
      "Remove `mode: 'no-cors'` (the default is `cors`) and fix the server's CORS headers instead: answer the preflight with `Access-Control-Allow-Origin: http://localhost:3000` and `Access-Control-Allow-Methods: PUT`.",
      '`no-cors` never lets the script read the response; it is not a way around CORS.',
    ],
    browsers:
      "Observed in all three: Chromium `TypeError: Failed to execute 'fetch' on 'Window': 'PUT' is unsupported in no-cors mode.`, " +
      'Firefox `TypeError: Window.fetch: Invalid request method PUT.`, WebKit `TypeError: Method must be GET, POST or HEAD in no-cors mode.` ' +
      'No console message and no request.',
    spec:
      'Fetch § Request class, new Request() (#dom-request) step 31.1: mode "no-cors" with a method that is not a CORS-safelisted method (#cors-safelisted-method) throws a TypeError.',
    messages: {
      chromium: "TypeError: Failed to execute 'fetch' on 'Window': 'PUT' is unsupported in no-cors mode.",
      firefox: 'TypeError: Window.fetch: Invalid request method PUT.',
      webkit: 'TypeError: Method must be GET, POST or HEAD in no-cors mode.',
    },
  },

  URL_CONTAINS_CREDENTIALS: {
    code: 'URL_CONTAINS_CREDENTIALS',
    title: 'The request URL contains a username or password',
    meaning:
      '`fetch()` refuses URLs with user info, such as `http://user:pass@localhost:8080/api`. ' +
      'The Request constructor throws a TypeError, so the promise rejects and nothing is sent.',
    causes: [
      'Basic-auth credentials embedded in an API base URL (`http://user:pass@host`).',
      'A URL copied from a tool, a config file or documentation that includes them.',
    ],
    fix: [
      'Remove the user info from the URL and send `Authorization: Basic <base64 of user:pass>` as a header instead. For a cross-origin API the server must then list it: `Access-Control-Allow-Headers: Authorization`.',
      'Better, use a token or a cookie session instead of a password in the page.',
    ],
    browsers:
      "Chromium: `TypeError: Failed to execute 'fetch' on 'Window': Request cannot be constructed from a URL that includes credentials: …`. " +
      'Firefox: `TypeError: Window.fetch: … is an url with embedded credentials.` ' +
      'WebKit: `TypeError: URL is not valid or contains user credentials.` (the same text as for an unparsable URL). ' +
      `No console message. ${FROM_SOURCE}`,
    spec:
      'Fetch § Request class, new Request() (#dom-request) step 5.3: a parsed URL that includes credentials throws a TypeError; fetch() (#dom-global-fetch) rejects with it.',
    messages: {
      chromium: "TypeError: Failed to execute 'fetch' on 'Window': Request cannot be constructed from a URL that includes credentials: http://user:pass@localhost:8080/api",
      firefox: 'TypeError: Window.fetch: http://user:pass@localhost:8080/api is an url with embedded credentials.',
      webkit: 'TypeError: URL is not valid or contains user credentials.',
    },
  },

  INVALID_URL: {
    code: 'INVALID_URL',
    title: 'The request URL cannot be parsed',
    meaning:
      "The URL given to `fetch()` or `xhr.open()` is not a valid URL, even after resolving it against the page's address. " +
      'The call fails before any request is made.',
    causes: [
      'A template with a missing value: `http://localhost:${port}/api` with `port` undefined gives `http://localhost:undefined/api`, an invalid port.',
      'Invalid characters in the host (`http://local host:8080`), or a port above 65535.',
    ],
    fix: [
      'Log the exact string passed to `fetch()`; build URLs with `new URL(path, base)` and validate config values at startup.',
    ],
    browsers:
      "Chromium: `TypeError: Failed to execute 'fetch' on 'Window': Failed to parse URL from …`; XHR: `SyntaxError: Failed to execute 'open' on 'XMLHttpRequest': Invalid URL`. " +
      'Firefox: `TypeError: Window.fetch: … is not a valid URL.` WebKit: `TypeError: URL is not valid or contains user credentials.` ' +
      `No console message. ${FROM_SOURCE}`,
    spec:
      'Fetch § Request class, new Request() (#dom-request) step 5.2 (URL parse failure → TypeError); URL Standard § URL parsing. ' +
      'XMLHttpRequest § open() (#dom-xmlhttprequest-open) throws a "SyntaxError" DOMException.',
    messages: {
      chromium: "TypeError: Failed to execute 'fetch' on 'Window': Failed to parse URL from http://localhost:undefined/api",
      firefox: 'TypeError: Window.fetch: http://localhost:undefined/api is not a valid URL.',
      webkit: 'TypeError: URL is not valid or contains user credentials.',
    },
  },

  INVALID_HEADER: {
    code: 'INVALID_HEADER',
    title: 'A request header has an invalid name or value',
    meaning:
      '`fetch()` and `setRequestHeader()` check every header the page sets. A name must be an HTTP token: no spaces, colons or non-ASCII characters. ' +
      'A value may not contain NUL, CR or LF (leading and trailing whitespace is trimmed first), and both must be Latin-1 text. ' +
      'The header was invalid, so the call failed before sending anything.',
    causes: [
      'A space in the name (`X-API Key`), or `Name: value` passed as the name.',
      'A line break inside the value, e.g. a multi-line token or certificate.',
      'Non-Latin-1 characters in a value, such as a user name with emoji or CJK characters.',
    ],
    fix: [
      'Use token names such as `X-Api-Key`.',
      'Remove CR/LF from values; percent-encode or base64-encode text that is not Latin-1.',
    ],
    browsers:
      'Observed (Chromium 156, Firefox ESR 153, WebKitGTK 2.50), for a bad name, a bad value and a non-Latin-1 character: ' +
      "Chromium `TypeError: Failed to execute 'fetch' on 'Window': Invalid name`, `… Invalid value` and `… Failed to read the 'headers' property from 'RequestInit': String contains non ISO-8859-1 code point.`; " +
      "Chromium XHR `SyntaxError: Failed to execute 'setRequestHeader' on 'XMLHttpRequest': 'X-API Key' is not a valid HTTP header field name.` " +
      'Firefox `TypeError: Window.fetch: x-api key is an invalid header name.` (the name lower-cased), `TypeError: Window.fetch: <value> is an invalid header value.` ' +
      '(the value printed as given, line breaks included, cut at a NUL) and, for a character above U+00FF, `… to ByteString because the character at index 1 has value 256 which is greater than 255.`; ' +
      'Firefox XHR `SyntaxError: Invalid header name.` ' +
      "WebKit `TypeError: Invalid header name: 'X-API Key'`, `TypeError: Header 'X-Foo' has invalid value: '<value>'` and, for a character above U+00FF, only `TypeError: Type error` " +
      '(JavaScriptCore\'s generic words, so `corsight explain` reads that one as this code with low confidence). ' +
      "The XHR texts for a bad value, and WebKit's XHR text (`SyntaxError: The string did not match the expected pattern.`), come from the browsers' sources. " +
      'Headers that are only forbidden (`Cookie`, `Host`, `Origin`, `Sec-*`…) are a different case: `fetch()` drops them silently, and for XHR Chromium and WebKit log `Refused to set unsafe header "…"`.',
    spec:
      'Fetch § Headers class: append (#concept-headers-append) validates each header and throws a TypeError when the name is not a header name (#header-name) or the value is not a header value (#header-value). ' +
      'XMLHttpRequest § setRequestHeader() (#dom-xmlhttprequest-setrequestheader) throws a "SyntaxError" DOMException.',
    messages: {
      chromium: "TypeError: Failed to execute 'fetch' on 'Window': Invalid name",
      firefox: 'TypeError: Window.fetch: x-api key is an invalid header name.',
      webkit: "TypeError: Invalid header name: 'X-API Key'",
    },
  },

  BODY_NOT_ALLOWED: {
    code: 'BODY_NOT_ALLOWED',
    title: 'A GET or HEAD request cannot have a body',
    meaning:
      'The page passed a `body` to a `GET` or `HEAD` request (GET is the default method). ' +
      '`fetch()` refuses this with a TypeError before sending anything. Even an empty string `""` counts as a body.',
    causes: [
      'Query parameters passed as `body` instead of in the URL.',
      "The `method: 'POST'` option was forgotten, so the request became a GET.",
      'A wrapper that always sets `body`, even for GET.',
    ],
    fix: [
      "Put GET parameters in the URL: `fetch('http://localhost:8080/api?' + new URLSearchParams(params))`.",
      "Or use `method: 'POST'`; a JSON body then needs a preflight the server must allow with `Access-Control-Allow-Headers: Content-Type`.",
    ],
    browsers:
      "Chromium: `TypeError: Failed to execute 'fetch' on 'Window': Request with GET/HEAD method cannot have body.` " +
      'Firefox: `TypeError: Window.fetch: HEAD or GET Request cannot have a body.` ' +
      "WebKit: `TypeError: Request has method 'GET' and cannot have a body` (observed in WebKitGTK 2.50; it names the method, `'GET'` or `'HEAD'`). " +
      'XMLHttpRequest does not fail: `send(body)` drops the body for GET and HEAD.',
    spec:
      'Fetch § Request class, new Request() (#dom-request) step 34: a non-null body with method `GET` or `HEAD` throws a TypeError. ' +
      'XMLHttpRequest § send() (#dom-xmlhttprequest-send) sets the body to null for GET and HEAD instead.',
    messages: {
      chromium: "TypeError: Failed to execute 'fetch' on 'Window': Request with GET/HEAD method cannot have body.",
      firefox: 'TypeError: Window.fetch: HEAD or GET Request cannot have a body.',
      webkit: "TypeError: Request has method 'GET' and cannot have a body",
    },
  },

  STREAM_DUPLEX_REQUIRED: {
    code: 'STREAM_DUPLEX_REQUIRED',
    title: 'a ReadableStream body needs duplex: "half"',
    meaning:
      'A request body that is a `ReadableStream` is sent while it is still being produced. The standard makes the page say ' +
      'how: `duplex: "half"` (the whole request goes out before the response is read; "full" is reserved). Without it, ' +
      '`fetch()` and `new Request()` throw a TypeError and nothing is sent.',
    causes: [
      'Code that streams an upload (a file being compressed, a generated body) passes the stream to fetch() without `duplex`.',
      'A wrapper rebuilds the RequestInit and drops `duplex`.',
    ],
    fix: [
      "Add `duplex: 'half'` to the fetch options.",
      'Or buffer the body first (`await new Response(stream).blob()`) and send that: it works in every browser, redirects included.',
    ],
    browsers:
      "Chromium throws `TypeError: Failed to execute 'fetch' on 'Window': The `duplex` member must be specified for a request with a streaming body`. " +
      'Firefox ESR does not take a ReadableStream as a body at all: it sends the text `[object ReadableStream]`. WebKit does not check ' +
      '`duplex`: fetch() rejects with `NotSupportedError: ReadableStream uploading is not supported` (all observed).',
    spec: 'Fetch § Request class, new Request() (#dom-request): if the body is a stream (its source is null) and init["duplex"] does not exist, throw a TypeError.',
    messages: {
      chromium: "TypeError: Failed to execute 'fetch' on 'Window': The `duplex` member must be specified for a request with a streaming body",
    },
  },

  STREAM_MODE_NOT_ALLOWED: {
    code: 'STREAM_MODE_NOT_ALLOWED',
    title: 'a ReadableStream body needs mode "cors" or "same-origin"',
    meaning:
      'A streamed request body always gets a CORS preflight, so the server opts in before any byte of the stream leaves. ' +
      'A `no-cors` request has no preflight, so `fetch()` and `new Request()` throw a TypeError for a stream body in that mode.',
    causes: ['A beacon-like upload uses `mode: "no-cors"` and a stream body.'],
    fix: [
      "Use `mode: 'cors'` (the default) and have the server answer the preflight.",
      'Or buffer the body (`await new Response(stream).blob()`): a buffered `text/plain` POST may be sent `no-cors`.',
    ],
    browsers:
      "Chromium throws `TypeError: Failed to execute 'fetch' on 'Window': If request is made from ReadableStream, mode should be\"same-origin\" or \"cors\"` " +
      '(`duplex` is checked first). Firefox ESR sends the text `[object ReadableStream]` as an opaque no-cors POST; WebKit rejects with ' +
      '`NotSupportedError: ReadableStream uploading is not supported` (all observed).',
    spec: "Fetch § Request class, new Request() (#dom-request): if the body is a stream and the request's mode is neither \"same-origin\" nor \"cors\", throw a TypeError.",
    messages: {
      chromium: "TypeError: Failed to execute 'fetch' on 'Window': If request is made from ReadableStream, mode should be\"same-origin\" or \"cors\"",
    },
  },

  STREAM_UPLOAD_UNSUPPORTED: {
    code: 'STREAM_UPLOAD_UNSUPPORTED',
    title: 'the browser cannot upload a ReadableStream body here',
    meaning:
      'Streaming uploads are not available everywhere. Chromium sends a stream body only over HTTP/2 or QUIC: over HTTP/1.1 ' +
      'the request fails like a network error (after its CORS preflight, which always happens for a stream body). WebKit ' +
      'does not support stream bodies: fetch() rejects before sending anything. corsight models HTTP/1.1, where this was observed.',
    causes: [
      'The API is served over HTTP/1.1 (plain http://, a local dev server, a proxy that does not speak HTTP/2).',
      'The page runs in Safari / WebKit.',
    ],
    fix: [
      'Feature-detect streaming uploads and fall back to a buffered body (`await new Response(stream).blob()`).',
      'For Chromium: serve the API over HTTPS with HTTP/2 (or HTTP/3).',
    ],
    browsers:
      'Chromium rejects with `TypeError: Failed to fetch`, no CORS console line (only `Failed to load resource: net::ERR_ALPN_NEGOTIATION_FAILED`, observed over CDP); the preflight is sent first. ' +
      'WebKit rejects with `NotSupportedError: ReadableStream uploading is not supported`, nothing sent. Firefox ESR sends the text ' +
      '`[object ReadableStream]` instead of the stream (all observed over HTTP/1.1; HTTP/2 could not be observed in the harness).',
    spec: 'Fetch § Request class, new Request() (#dom-request) accepts stream bodies (with duplex "half"); these are implementation limits, not spec rules.',
    messages: {
      chromium: 'TypeError: Failed to fetch',
      webkit: 'NotSupportedError: ReadableStream uploading is not supported',
    },
  },

  STREAM_REDIRECT: {
    code: 'STREAM_REDIRECT',
    title: 'a request with a ReadableStream body was redirected',
    meaning:
      'A stream can be read only once, so a request whose body is a stream cannot be sent again to the redirect target. ' +
      'Per the spec any redirect other than 303 (which turns the request into a body-less GET) is a network error.',
    causes: ['The upload URL redirects (a missing trailing slash, http → https, a load balancer) with 307/308 or 301/302.'],
    fix: [
      'Send the upload to the final URL directly.',
      'Or buffer the body (`await new Response(stream).blob()`), which can be re-sent on a redirect.',
    ],
    browsers:
      'Not observable in the three browsers over HTTP/1.1: Chromium fails the upload before any redirect, Firefox ESR sends `[object ReadableStream]` ' +
      '(a string, which follows redirects), WebKit rejects stream bodies. The spec profile models the rule.',
    spec: "Fetch § HTTP-redirect fetch (#http-redirect-fetch) step 11: if the status is not 303, the request's body is non-null and its source is null, return a network error.",
    messages: {},
  },

  ONLY_IF_CACHED_MODE: {
    code: 'ONLY_IF_CACHED_MODE',
    title: 'cache "only-if-cached" needs mode "same-origin"',
    meaning:
      '`only-if-cached` answers from the HTTP cache only, never the network. Letting a page probe another origin\'s ' +
      'cache would leak which sites the user visited, so `fetch()` and `new Request()` throw a TypeError unless ' +
      "the mode is `'same-origin'`. Nothing is sent.",
    causes: [
      'An offline-first helper passes `cache: "only-if-cached"` to every fetch, including cross-origin ones.',
      'A service worker forwards a request whose cache mode is only-if-cached (DevTools makes such requests) with a new init.',
    ],
    fix: [
      "Drop `cache: 'only-if-cached'` (use `'default'` or `'force-cache'`) for cross-origin requests.",
      "For same-origin resources, add `mode: 'same-origin'`.",
      "In a service worker, skip requests with `request.cache === 'only-if-cached' && request.mode !== 'same-origin'`.",
    ],
    browsers:
      "Chromium: `TypeError: Failed to execute 'fetch' on 'Window': 'only-if-cached' can be set only with 'same-origin' mode`. " +
      "Firefox: `TypeError: Window.fetch: Request mode 'cors' was used, but request cache mode 'only-if-cached' can only be used with request mode 'same-origin'.` " +
      'WebKit: `TypeError: only-if-cached cache option requires fetch mode to be same-origin.` No console message (observed in all three).',
    spec: 'Fetch § Request class, new Request() (#dom-request): if the cache mode is "only-if-cached" and the mode is not "same-origin", throw a TypeError.',
    messages: {
      chromium: "TypeError: Failed to execute 'fetch' on 'Window': 'only-if-cached' can be set only with 'same-origin' mode",
      firefox: "TypeError: Window.fetch: Request mode 'cors' was used, but request cache mode 'only-if-cached' can only be used with request mode 'same-origin'.",
      webkit: 'TypeError: only-if-cached cache option requires fetch mode to be same-origin.',
    },
  },

  INVALID_HTTP_RESPONSE: {
    code: 'INVALID_HTTP_RESPONSE',
    title: 'the response is not valid HTTP (a NUL byte in a header)',
    meaning:
      "The browser's HTTP parser refused the response before any CORS check ran: a header line holds a NUL byte. " +
      'The request fails like a network error whatever the CORS headers say, for same-origin and no-cors requests too.',
    causes: [
      'A server or proxy copies unsanitised bytes (a C string terminator, binary data) into a header value.',
      'A header built from user input or a database field that contains `\\0`.',
    ],
    fix: ['Remove the NUL byte from the header value (or drop the header): header values may not contain NUL, CR or LF.'],
    browsers:
      'Chromium rejects with `TypeError: Failed to fetch` and shows only `net::ERR_INVALID_HTTP_RESPONSE` in the Network panel. ' +
      'Firefox writes `CORS request did not succeed` with status `(null)` for cross-origin requests (twice for a preflight). ' +
      'WebKit is silent for a request, and writes `Could not parse HTTP response` for a preflight. Observed in all three.',
    spec: 'RFC 9110 § 5.5 (field values exclude NUL); Fetch § HTTP-network fetch (#http-network-fetch): a response that cannot be parsed is a network error.',
    messages: {
      chromium: 'TypeError: Failed to fetch',
      firefox: FF_NOT_SUCCEED,
      webkit: 'TypeError: Load failed',
    },
  },

  CACHE_MISS: {
    code: 'CACHE_MISS',
    title: 'cache "only-if-cached" found nothing in the HTTP cache',
    meaning:
      'With `cache: "only-if-cached"` the browser answers from its HTTP cache or fails: it never goes to the network. ' +
      'When nothing is stored for the URL the fetch fails like a network error. (corsight models an empty HTTP cache, so such a request always misses.)',
    causes: [
      'An offline-first helper asks the cache first, for a URL that was never fetched or was sent with `Cache-Control: no-store`.',
      'The cached response expired or was evicted.',
    ],
    fix: [
      "Use `cache: 'force-cache'` (cache first, network on a miss) or `'default'`.",
      'Make sure the response is cacheable (no `Cache-Control: no-store`) if it must be served from the cache later.',
    ],
    browsers:
      'Chromium rejects with `TypeError: Failed to fetch` (the Network panel shows `net::ERR_CACHE_MISS`); Firefox rejects with ' +
      '`TypeError: NetworkError when attempting to fetch resource.`; no CORS console line. WebKit ignores the mode and loads from the network (observed).',
    spec: 'Fetch § HTTP-network-or-cache fetch (#http-network-or-cache-fetch): with cache mode "only-if-cached" and no stored response, return a network error.',
    messages: {
      chromium: 'TypeError: Failed to fetch',
      firefox: 'TypeError: NetworkError when attempting to fetch resource.',
    },
  },

  INVALID_MODE: {
    code: 'INVALID_MODE',
    title: 'fetch() cannot use mode "navigate"',
    meaning:
      '`navigate` is the mode of page navigations, which only the browser itself makes. ' +
      "`fetch()` and `new Request()` throw a TypeError when the init says `mode: 'navigate'`, so nothing is sent.",
    causes: [
      'A service worker copies `request.mode` from a navigation request into a new `fetch()` init object.',
      'An attempt to make a fetch look like a page load.',
    ],
    fix: [
      "Use `mode: 'cors'` (the default) or `'same-origin'`.",
      'In a service worker, pass the request itself (`fetch(event.request)`) instead of copying its mode into an init object.',
    ],
    browsers:
      "Chromium: `TypeError: Failed to execute 'fetch' on 'Window': Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.` " +
      'Firefox: `TypeError: Window.fetch: Invalid request mode navigate.` WebKit: `TypeError: Request constructor does not accept navigate fetch mode.` ' +
      `No console message. ${FROM_SOURCE}`,
    spec: 'Fetch § Request class, new Request() (#dom-request) step 17: `mode` "navigate" in the init throws a TypeError.',
    messages: {
      chromium: "TypeError: Failed to execute 'fetch' on 'Window': Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.",
      firefox: 'TypeError: Window.fetch: Invalid request mode navigate.',
      webkit: 'TypeError: Request constructor does not accept navigate fetch mode.',
    },
  },

  UNSUPPORTED_SCHEME: {
    code: 'UNSUPPORTED_SCHEME',
    title: "The URL's scheme cannot be fetched",
    meaning:
      'A CORS request can only go to an `http:` or `https:` URL. This URL has another scheme, so the fetch fails and nothing is sent. ' +
      'A URL without `http://`, such as `localhost:8080/api`, is read as the scheme `localhost:`.',
    causes: [
      "`fetch('localhost:8080/api')`: the missing `http://` makes `localhost:` the scheme.",
      'An `ftp:` URL or a custom scheme.',
      'Loading local files from a page opened from disk (`file:`); see CORS_DISABLED_SCHEME.',
    ],
    fix: [
      'Write the full URL with its scheme: `http://localhost:8080/api`.',
      'Serve local files over HTTP (e.g. `python3 -m http.server 3000`) instead of opening them from disk.',
      'For other protocols, go through an HTTP endpoint on your server.',
    ],
    browsers:
      'Chromium: `Fetch API cannot load localhost:8080/api. URL scheme "localhost" is not supported.` (this line was observed for `ftp:`). ' +
      'Firefox: `(Reason: CORS request not http).` ' +
      'WebKit: `Cross origin requests are only supported for HTTP.`, then `Fetch API cannot load … due to access control checks.` (observed in WebKitGTK 2.50). ' +
      'The promise rejects with the usual TypeError in all three.',
    spec:
      'Fetch § Main fetch (#main-fetch) step 12: in CORS mode, a URL whose scheme is not an HTTP(S) scheme (#http-scheme) is a network error; in no-cors mode, § Scheme fetch (#scheme-fetch) handles only about, blob, data, file and HTTP(S) URLs.',
    messages: {
      chromium: 'Fetch API cannot load localhost:8080/api. URL scheme "localhost" is not supported.',
      firefox: 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at localhost:8080/api. (Reason: CORS request not http).',
      webkit: 'Cross origin requests are only supported for HTTP.\nFetch API cannot load localhost:8080/api due to access control checks.',
    },
  },

  REDIRECT_MODE_ERROR: {
    code: 'REDIRECT_MODE_ERROR',
    title: 'The server redirected, but the request says redirect: "error"',
    meaning:
      "`fetch(url, { redirect: 'error' })` means: fail on any redirect. The server answered with a 3xx redirect, so the fetch fails with a network error and the redirect is not followed. " +
      'For a cross-origin request the redirect response is checked for CORS first, so without `Access-Control-Allow-Origin` it fails as MISSING_ALLOW_ORIGIN_HEADER instead.',
    causes: [
      "`redirect: 'error'` set on purpose (e.g. to catch login redirects), and the server now redirects: trailing slash, HTTP → HTTPS, expired session → login page.",
    ],
    fix: [
      'Call the final URL directly, so no redirect happens.',
      "Or use `redirect: 'follow'` (the default); each redirect response of a CORS request then needs `Access-Control-Allow-Origin: http://localhost:3000` too.",
      "Or use `redirect: 'manual'` to detect it: the response then has type `opaqueredirect` and status 0, and its `Location` cannot be read.",
    ],
    browsers:
      'The promise rejects with the usual TypeError (`Failed to fetch`, `NetworkError when attempting to fetch resource.`, `Load failed`). ' +
      'Chromium and Firefox print no console line for it (observed). ' +
      'WebKit prints `Not allowed to follow a redirection while loading <URL>`, then its generic `… due to access control checks.` line (observed in WebKitGTK 2.50).',
    spec: 'Fetch § HTTP fetch (#http-fetch) step 6.3: with redirect mode "error", a redirect status becomes a network error.',
    messages: {
      chromium: CHROMIUM_FETCH_FAILED,
      firefox: FIREFOX_NETWORK_ERROR,
      webkit: `Not allowed to follow a redirection while loading ${URL_}${WK_JS}`,
    },
  },

  TOO_MANY_REDIRECTS: {
    code: 'TOO_MANY_REDIRECTS',
    title: 'The request was redirected more than 20 times',
    meaning:
      'A fetch follows at most 20 redirects. This one hit the limit, which almost always means a redirect loop. The fetch fails with a network error.',
    causes: [
      'HTTP ↔ HTTPS loop: the app redirects to HTTPS, but the proxy that terminates TLS forwards plain HTTP, so the app redirects again.',
      'Trailing-slash loop: one layer adds the slash and another removes it.',
      'Login loop: a protected URL redirects to login, which redirects back, because the cross-origin request carries no session cookie.',
      'Canonical-host rules (`www.` / no `www.`) that disagree between two layers.',
    ],
    fix: [
      "Follow the `Location` headers in DevTools → Network (with 'Preserve log') to find the loop, then fix the rule (e.g. trust `X-Forwarded-Proto` behind a TLS-terminating proxy).",
      'Call the final URL directly.',
    ],
    browsers:
      'No specific CORS message. Chromium fails with `net::ERR_TOO_MANY_REDIRECTS` (visible in the Network panel) and rejects with `TypeError: Failed to fetch`. ' +
      'corsight shows Firefox logging `(Reason: CORS request did not succeed). Status code: (null).` ' +
      'WebKit prints `Load cannot follow more than 20 redirections`, then its generic `… due to access control checks.` line (observed in WebKitGTK 2.50). ' +
      "The limit of 20 is the standard's and Chromium's, and WebKit's message names it; corsight uses it for all three. " +
      'Each redirect of a CORS request also needs `Access-Control-Allow-Origin`, so a loop without it fails at the first hop instead.',
    spec: 'Fetch § HTTP-redirect fetch (#http-redirect-fetch) step 7: when the redirect count is already 20, return a network error.',
    messages: {
      chromium: CHROMIUM_FETCH_FAILED,
      firefox: FF_NOT_SUCCEED,
      webkit: `Load cannot follow more than 20 redirections${WK_JS}`,
    },
  },

  INVALID_REDIRECT: {
    code: 'INVALID_REDIRECT',
    title: "A redirect's Location is not an http(s) URL, or cannot be parsed",
    meaning:
      'The server answered with a redirect, but its `Location` header either does not parse as a URL or points to a scheme other than `http:` and `https:` (`ftp:`, `file:`, a custom app scheme…). ' +
      '`fetch()` can only follow redirects to `http:` and `https:`, so it fails with a network error.',
    causes: [
      'A redirect to an app deep link or custom scheme (`myapp://callback`), e.g. at the end of an OAuth flow, reached with `fetch()` instead of a page navigation.',
      'A redirect to a `file:` or `ftp:` URL.',
      'A malformed `Location`, e.g. with an invalid port or host built from a missing value.',
    ],
    fix: [
      'Redirect only to `http:`/`https:` URLs with a valid host, e.g. `Location: http://localhost:8080/api/v2`.',
      'For OAuth and deep links, navigate the page (`window.location.assign(url)`) instead of using `fetch()`.',
    ],
    browsers:
      'The promise rejects with the usual TypeError in all three. What else is printed depends on the target (observed in Chromium 156, Firefox ESR 153, WebKitGTK 2.50): ' +
      'Chromium prints nothing more for a `data:` target, but for a scheme outside its CORS list (`ftp:`, an app scheme) it reports ' +
      "`Access to fetch at 'ftp://…' (redirected from '…') … Cross origin requests are only supported for protocol schemes: ….` (code CORS_DISABLED_SCHEME). " +
      'Firefox logs `(Reason: CORS request not http).` at the new URL (not for `data:`), then `(Reason: CORS request did not succeed). Status code: (null).` ' +
      'WebKit prints `Cross-origin redirection to <URL> denied by Cross-Origin Resource Sharing policy: not allowed to follow a cross-origin CORS redirection with non CORS scheme`, ' +
      'or `FTP URLs are disabled` for `ftp:`, then its generic `… due to access control checks.` line. ' +
      "WebKit's source also has `Redirection to URL with a scheme that is not HTTP(S).` (not observed).",
    spec:
      'Fetch § HTTP-redirect fetch (#http-redirect-fetch) steps 5–6: a location URL that fails to parse, or whose scheme is not an HTTP(S) scheme (#http-scheme), gives a network error.',
    // A redirect to `data:text/plain,hi`.
    messages: {
      chromium: CHROMIUM_FETCH_FAILED,
      firefox: FF_NOT_SUCCEED,
      webkit:
        'Cross-origin redirection to data:text/plain,hi denied by Cross-Origin Resource Sharing policy: ' +
        `not allowed to follow a cross-origin CORS redirection with non CORS scheme${WK_JS}`,
    },
  },

  NO_CORS_REDIRECT_MODE: {
    code: 'NO_CORS_REDIRECT_MODE',
    title: 'mode "no-cors" requires redirect: "follow"',
    meaning:
      "A `mode: 'no-cors'` request may only use the default redirect mode, `follow`. " +
      "With `redirect: 'error'` or `'manual'` the fetch fails with a network error before anything is sent.",
    causes: ["A shared fetch wrapper sets `redirect: 'manual'` or `'error'`, and one call adds `mode: 'no-cors'`."],
    fix: [
      "Drop the `redirect` option for `no-cors` requests.",
      "If you need to see redirects or read the response, use `mode: 'cors'` and have the server send `Access-Control-Allow-Origin: http://localhost:3000`.",
    ],
    browsers:
      'The promise rejects with the usual TypeError in all three. Observed (Chromium 156, Firefox ESR 153, WebKitGTK 2.50): ' +
      'Chromium prints `Fetch API cannot load <URL>. Request mode is "no-cors" but the redirect mode is not "follow".`; Firefox prints no console line; ' +
      'WebKit prints `No-Cors mode requires follow redirect mode`, `Not allowed to request resource` and its generic `… due to access control checks.` line.',
    spec: 'Fetch § Main fetch (#main-fetch) step 12, the "no-cors" branch, step 1: a redirect mode other than "follow" returns a network error.',
    messages: {
      chromium: `Fetch API cannot load ${URL_}. Request mode is "no-cors" but the redirect mode is not "follow".`,
      firefox: FIREFOX_NETWORK_ERROR,
      webkit: `No-Cors mode requires follow redirect mode\nNot allowed to request resource${WK_JS}`,
    },
  },

  CORP_NOT_SAME_ORIGIN: {
    code: 'CORP_NOT_SAME_ORIGIN',
    title: 'The response says Cross-Origin-Resource-Policy: same-origin',
    meaning:
      'This is not CORS. For no-cors loads (`<img>`, `<script>`, `<video>`, or `fetch` with `mode: \'no-cors\'`) the browser checks the response\'s `Cross-Origin-Resource-Policy` header. ' +
      "`same-origin` means only pages on the resource's exact origin may load it. The page is on another origin (another port counts), so the browser throws the response away.",
    causes: [
      "Security middleware sets `Cross-Origin-Resource-Policy: same-origin` by default (Helmet does), on a server whose files other origins embed.",
      'Frontend and API on different ports in development (`localhost:3000` and `localhost:8080`): same site, but not the same origin.',
    ],
    fix: [
      'If other origins may embed the resource, send `Cross-Origin-Resource-Policy: cross-origin` (or `Cross-Origin-Resource-Policy: same-site` if they are on your site).',
      "If the script needs to read the data, use a CORS request (`mode: 'cors'`) with `Access-Control-Allow-Origin: http://localhost:3000`; CORP does not apply to CORS responses.",
      'Keep `same-origin` for resources that must never be embedded by other origins.',
    ],
    browsers: CORP_BROWSERS,
    spec:
      'Fetch § Cross-Origin-Resource-Policy header: cross-origin resource policy internal check (#cross-origin-resource-policy-internal-check), the `same-origin` branch; run for opaque (no-cors) responses by § HTTP fetch (#http-fetch) step 5.',
    messages: {
      chromium: CHROMIUM_FETCH_FAILED,
      firefox: FF_CORP(URL_),
      webkit: WK_CORP(URL_),
    },
  },

  CORP_NOT_SAME_SITE: {
    code: 'CORP_NOT_SAME_SITE',
    title: 'The response says Cross-Origin-Resource-Policy: same-site',
    meaning:
      'This is not CORS. `same-site` lets pages on the same site (the same registrable domain, such as `app.example.com` and `cdn.example.com`, any port) load the resource in no-cors mode. ' +
      'The page is on another site, or it is an `http:` page loading an `https:` resource: `same-site` never lets a non-secure page load a secure response.',
    causes: [
      'The page and the resource are on different registrable domains (`example.com` and `example-cdn.net`).',
      'An `http:` page loading an `https:` resource, e.g. `http://localhost:3000` loading `https://localhost:8080/api`.',
      'Hosts under a public suffix: `a.github.io` and `b.github.io` are different sites.',
    ],
    fix: [
      'If other sites may embed the resource, send `Cross-Origin-Resource-Policy: cross-origin`.',
      'In the http/https case, serve the page over HTTPS too.',
      "If the script needs to read the data, use a CORS request (`mode: 'cors'`) with `Access-Control-Allow-Origin: http://localhost:3000`.",
    ],
    browsers: CORP_BROWSERS,
    spec:
      'Fetch § Cross-Origin-Resource-Policy header: cross-origin resource policy internal check (#cross-origin-resource-policy-internal-check), the `same-site` branch (schemelessly same site, and the page is `https` or the response is not); run for opaque responses by § HTTP fetch (#http-fetch) step 5.',
    messages: {
      chromium: CHROMIUM_FETCH_FAILED,
      firefox: FF_CORP('https://localhost:8080/api'),
      webkit: WK_CORP('https://localhost:8080/api'),
    },
  },

  CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP: {
    code: 'CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP',
    title: "The page requires CORP (Cross-Origin-Embedder-Policy) and the response has none",
    meaning:
      'This is not CORS. The page is served with `Cross-Origin-Embedder-Policy: require-corp` (or `credentialless` and the load carried credentials), so every no-cors load from another origin ' +
      '(`<img>`, `<script>`, `fetch` with `mode: \'no-cors\'`) must opt in with a `Cross-Origin-Resource-Policy` header. The response has none (or an invalid value), which counts as `same-origin`, and the page is on another origin.',
    causes: [
      'COEP was turned on (for `SharedArrayBuffer` / `crossOriginIsolated`) and a CDN, image host or API the page embeds does not send `Cross-Origin-Resource-Policy`.',
      'The header is misspelt or in the wrong case (`Cross-Origin`): only `same-origin`, `same-site` and `cross-origin` count (Firefox lets any value through).',
      'A redirect in the chain lacks the header: every response of a no-cors redirect chain is checked.',
    ],
    fix: [
      'On the resource, send `Cross-Origin-Resource-Policy: cross-origin` (or `same-site` when the page is on the same site).',
      "Or load it with CORS (`mode: 'cors'`, `crossorigin` on the element) and `Access-Control-Allow-Origin`: COEP does not apply to CORS responses.",
      'Or serve the page with `Cross-Origin-Embedder-Policy: credentialless` (Chromium, Firefox): no-cors loads then go without cookies and need no CORP; WebKit ignores `credentialless`.',
    ],
    browsers:
      'Observed (Chromium 156, Firefox ESR 153, WebKitGTK 2.50, page on loopback, a secure context; none of them applies COEP on a non-secure http page): ' +
      'Chromium prints no console line for a `fetch()` (only `net::ERR_BLOCKED_BY_RESPONSE.NotSameOriginAfterDefaultedToSameOriginByCoep` in the network log); ' +
      'Firefox prints its usual `The resource at “<URL>” was blocked due to its Cross-Origin-Resource-Policy header (or lack thereof).` line; ' +
      "WebKit prints `Cancelled load to <URL> because it violates the resource's Cross-Origin-Resource-Policy response header.` (wrapped in `Cross-origin redirection to … denied …` on a redirect), then its generic `… due to access control checks.` line.",
    spec:
      'Fetch § cross-origin resource policy internal check (#cross-origin-resource-policy-internal-check) step 4: with the embedder policy `require-corp` (or `credentialless` and a credentialed response) a missing policy becomes `same-origin`; HTML § obtain an embedder policy (#obtain-an-embedder-policy).',
    messages: {
      chromium: CHROMIUM_FETCH_FAILED,
      firefox: FF_CORP(URL_),
      webkit: WK_CORP(URL_),
    },
  },
};

/**
 * Firefox `security.properties` keys (and MDN's names for them, without the version digit) that
 * stand for one failure code. `CORSDidNotSucceed`, `CORSDisabled` and `CORSOriginHeaderNotAdded`
 * are left out: they do not name a failure corsight has a code for.
 */
export const FIREFOX_KEY_CODES: Readonly<Record<string, FailureCode>> = {
  CORSMissingAllowOrigin2: 'MISSING_ALLOW_ORIGIN_HEADER',
  CORSMultipleAllowOriginNotAllowed: 'MULTIPLE_ALLOW_ORIGIN_VALUES',
  CORSAllowOriginNotMatchingOrigin: 'ALLOW_ORIGIN_MISMATCH',
  CORSNotSupportingCredentials: 'WILDCARD_ORIGIN_NOT_ALLOWED',
  CORSMissingAllowCredentials: 'INVALID_ALLOW_CREDENTIALS',
  CORSPreflightDidNotSucceed3: 'PREFLIGHT_INVALID_STATUS',
  CORSExternalRedirectNotAllowed: 'PREFLIGHT_DISALLOWED_REDIRECT',
  CORSInvalidAllowMethod: 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE',
  CORSInvalidAllowHeader: 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE',
  CORSMethodNotFound: 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE',
  CORSMissingAllowHeaderFromPreflight2: 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE',
  // The warning about `Authorization` under `Access-Control-Allow-Headers: *` (explained there).
  CORSAllowHeaderFromPreflightDeprecation: 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE',
  // Also a `file:` page's requests (CORS_DISABLED_SCHEME); corsight models it as this code.
  CORSRequestNotHttp: 'UNSUPPORTED_SCHEME',
};

/** Lower-case, without `_`, `-` and spaces: `MISSING_ALLOW_ORIGIN_HEADER` and `MissingAllowOriginHeader` meet. */
function squash(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '');
}

/** Firefox keys also go by their MDN names, without the trailing version digit. */
function firefoxKey(s: string): string {
  return s.toLowerCase().replace(/\d+$/, '');
}

const BY_SQUASHED: ReadonlyMap<string, FailureCode> = new Map(
  (Object.keys(EXPLANATIONS) as FailureCode[]).map((c) => [squash(c), c]),
);
const BY_FIREFOX_KEY: ReadonlyMap<string, FailureCode> = new Map(
  Object.entries(FIREFOX_KEY_CODES).map(([k, c]) => [firefoxKey(k), c]),
);

/**
 * The explanation of a failure code, or null. Accepts the code in any case (`allow_origin_mismatch`),
 * Chromium's `CorsError` names with or without `k` (`MissingAllowOriginHeader`,
 * `kMissingAllowOriginHeader`, `network::mojom::CorsError::kMissingAllowOriginHeader`) and Firefox
 * keys (`CORSMissingAllowOrigin2`, `CORSMissingAllowOrigin`, `firefox:CORSMissingAllowOrigin2`).
 */
export function explanationFor(code: string): Explanation | null {
  let s = code.trim().replace(/^[`'"‘“]+|[`'"’”]+$/g, '');
  s = s.slice(s.lastIndexOf('::') + 1).replace(/^:/, '');
  s = s.replace(/^(?:firefox|chromium(?::cors)?):/i, '');
  if (s === '') return null;
  const key = squash(s);
  const found = BY_SQUASHED.get(key)
    // Chromium's enum names carry a `k` (`kMissingAllowOriginHeader`); no code starts with K.
    ?? (key.startsWith('k') ? BY_SQUASHED.get(key.slice(1)) : undefined)
    ?? BY_FIREFOX_KEY.get(firefoxKey(s));
  return found === undefined ? null : EXPLANATIONS[found];
}
