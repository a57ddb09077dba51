import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { baseKind, BROWSERS, type Scenario } from '../engine/index.js';
import { exceptionId, recognize, RECOGNIZED_TEMPLATES, type EngineName, type RecognizedMessage } from './explain.js';
import { helpForMessage } from './message-fix.js';
import { diagnoseScenario } from './report.js';
import {
  CHROMIUM_CORS_DETAIL, CHROMIUM_EXCEPTIONS, CHROMIUM_LINES, CHROMIUM_PREFLIGHT_PREFIXED,
} from './messages/chromium.js';
import { FIREFOX_EXCEPTIONS, FIREFOX_LINES } from './messages/firefox.js';
import {
  CHROMIUM_EXTRA_DETAIL, CHROMIUM_EXTRA_LINES, CHROMIUM_LEGACY_SUFFIXES, FIREFOX_EXTRA_LINES, WEBKIT_EXTRA_LINES,
  WEBKIT_EXTRA_REASONS,
} from './messages/legacy.js';
import { WEBKIT_EXCEPTIONS, WEBKIT_LINES } from './messages/webkit.js';

type Expect = Omit<RecognizedMessage, 'line'>;
interface Case {
  line: string;
  expect: Expect;
}

// Page and targets of the observation runs (chromium-messages.md "Sources": page http://127.0.0.1:8001,
// targets 8002/8003). [obs] marks lines copied verbatim from the reference files or conformance/out.
const PAGE = 'http://127.0.0.1:8001';
const T = 'http://127.0.0.1:8002/t';
const BLOCKED = 'has been blocked by CORS policy:';
const PREFIX = "Response to preflight request doesn't pass access control check:";
const FETCH_SUFFIX = 'Have the server send the header with a valid value.';
const XHR_SUFFIX = 'The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.';
const NO_CORS = "If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.";
const FF = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at';
const CHROMIUM_SCHEMES = 'chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app';

function cf(name: string, detail: string, initiator = 'fetch'): string {
  return `Access to ${initiator} at '${T}/${name}' from origin '${PAGE}' ${BLOCKED} ${detail}`;
}
function chromium(name: string, template: string, code: Expect['code'], preflight: boolean | null, more: Partial<Expect> = {}, initiator = 'fetch'): Expect {
  return { browser: 'chromium', template: `chromium:cors:${template}`, code, preflight, initiator, url: `${T}/${name}`, origin: PAGE, ...more };
}

const CHROMIUM_CORS_CASES: Case[] = [
  {
    line: cf('mode', 'Cross origin requests are not allowed by request mode.', 'XMLHttpRequest'),
    expect: chromium('mode', 'DISALLOWED_BY_MODE', 'DISALLOWED_BY_MODE', false, {}, 'XMLHttpRequest'),
  },
  {
    line: cf('preflight-net-error', 'The response is invalid.'),
    expect: chromium('preflight-net-error', 'INVALID_RESPONSE', 'INVALID_RESPONSE', true),
  },
  { // [obs] conformance/out 06-credentials-include-acao-star
    line: "Access to fetch at 'http://127.0.0.1:8002/s/5-credentials-include-acao-star/me' from origin 'http://127.0.0.1:8001' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
    expect: {
      browser: 'chromium', template: 'chromium:cors:WILDCARD_ORIGIN_NOT_ALLOWED', code: 'WILDCARD_ORIGIN_NOT_ALLOWED', preflight: false,
      initiator: 'fetch', url: 'http://127.0.0.1:8002/s/5-credentials-include-acao-star/me', origin: PAGE,
    },
  },
  {
    line: cf('xhr-star', `The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. ${XHR_SUFFIX}`, 'XMLHttpRequest'),
    expect: chromium('xhr-star', 'WILDCARD_ORIGIN_NOT_ALLOWED', 'WILDCARD_ORIGIN_NOT_ALLOWED', false, { variants: ['chromium:suffix:xhr'] }, 'XMLHttpRequest'),
  },
  {
    line: cf('pf-star', `${PREFIX} The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`),
    expect: chromium('pf-star', 'WILDCARD_ORIGIN_NOT_ALLOWED', 'PREFLIGHT_WILDCARD_ORIGIN_NOT_ALLOWED', true),
  },
  { // [obs] conformance/out 02-get-missing-acao
    line: "Access to fetch at 'http://127.0.0.1:8002/s/1-get-missing-acao/data' from origin 'http://127.0.0.1:8001' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    expect: {
      browser: 'chromium', template: 'chromium:cors:MISSING_ALLOW_ORIGIN_HEADER', code: 'MISSING_ALLOW_ORIGIN_HEADER', preflight: false,
      initiator: 'fetch', url: 'http://127.0.0.1:8002/s/1-get-missing-acao/data', origin: PAGE,
    },
  },
  {
    line: cf('pf-404', `${PREFIX} No 'Access-Control-Allow-Origin' header is present on the requested resource.`),
    expect: chromium('pf-404', 'MISSING_ALLOW_ORIGIN_HEADER', 'PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER', true),
  },
  { // pre-2025 Chrome: the no-cors advice (chromium-messages.md §1 SUFFIX rules, "Before")
    line: `Access to fetch at 'http://localhost:3000/api/users' from origin 'http://localhost:8080' ${BLOCKED} No 'Access-Control-Allow-Origin' header is present on the requested resource. ${NO_CORS}`,
    expect: {
      browser: 'chromium', template: 'chromium:cors:MISSING_ALLOW_ORIGIN_HEADER', code: 'MISSING_ALLOW_ORIGIN_HEADER', preflight: false,
      initiator: 'fetch', url: 'http://localhost:3000/api/users', origin: 'http://localhost:8080', variants: ['chromium:legacy-suffix:no-cors'],
    },
  },
  { // value [obs] (§2 #4)
    line: cf('acao-twice', `The 'Access-Control-Allow-Origin' header contains multiple values 'http://127.0.0.1:8001, http://127.0.0.1:8001', but only one is allowed. ${FETCH_SUFFIX}`),
    expect: chromium('acao-twice', 'MULTIPLE_ALLOW_ORIGIN_VALUES', 'MULTIPLE_ALLOW_ORIGIN_VALUES', false, {
      value: 'http://127.0.0.1:8001, http://127.0.0.1:8001', variants: ['chromium:suffix:fetch'],
    }),
  },
  {
    line: cf('pf-star-star', `${PREFIX} The 'Access-Control-Allow-Origin' header contains multiple values '*, *', but only one is allowed. ${FETCH_SUFFIX}`),
    expect: chromium('pf-star-star', 'MULTIPLE_ALLOW_ORIGIN_VALUES', 'PREFLIGHT_MULTIPLE_ALLOW_ORIGIN_VALUES', true, { value: '*, *', variants: ['chromium:suffix:fetch'] }),
  },
  {
    line: cf('acao-invalid', `The 'Access-Control-Allow-Origin' header contains the invalid value 'invalid'. ${FETCH_SUFFIX}`),
    expect: chromium('acao-invalid', 'INVALID_ALLOW_ORIGIN_VALUE', 'INVALID_ALLOW_ORIGIN_VALUE', false, { value: 'invalid', variants: ['chromium:suffix:fetch'] }),
  },
  {
    line: cf('pf-acao-empty', `${PREFIX} The 'Access-Control-Allow-Origin' header contains the invalid value ''. ${FETCH_SUFFIX}`),
    expect: chromium('pf-acao-empty', 'INVALID_ALLOW_ORIGIN_VALUE', 'PREFLIGHT_INVALID_ALLOW_ORIGIN_VALUE', true, { value: '', variants: ['chromium:suffix:fetch'] }),
  },
  { // [obs] frame with redirect (chromium-messages.md §1); after the tainting redirect the supplied origin is null
    line: "Access to fetch at 'http://127.0.0.1:8003/t/rd-cross-cross-acao-origin' (redirected from 'http://127.0.0.1:8002/rd/rd-cross-cross-acao-origin') from origin 'http://127.0.0.1:8001' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'http://127.0.0.1:8001' that is not equal to the supplied origin. Have the server send the header with a valid value.",
    expect: {
      browser: 'chromium', template: 'chromium:cors:ALLOW_ORIGIN_MISMATCH', code: 'ALLOW_ORIGIN_MISMATCH', preflight: false,
      initiator: 'fetch', url: 'http://127.0.0.1:8003/t/rd-cross-cross-acao-origin',
      redirectedFrom: 'http://127.0.0.1:8002/rd/rd-cross-cross-acao-origin', origin: PAGE, value: PAGE,
      variants: ['chromium:suffix:fetch'],
    },
  },
  { // [obs: XHR mismatch has no suffix]
    line: cf('acao-slash', "The 'Access-Control-Allow-Origin' header has a value 'http://127.0.0.1:8001/' that is not equal to the supplied origin.", 'XMLHttpRequest'),
    expect: chromium('acao-slash', 'ALLOW_ORIGIN_MISMATCH', 'ALLOW_ORIGIN_MISMATCH', false, { value: 'http://127.0.0.1:8001/' }, 'XMLHttpRequest'),
  },
  { // [obs after 307 re-preflight with Origin: null]
    line: cf('pf-307', `${PREFIX} The 'Access-Control-Allow-Origin' header has a value 'http://127.0.0.1:8001' that is not equal to the supplied origin. ${FETCH_SUFFIX}`),
    expect: chromium('pf-307', 'ALLOW_ORIGIN_MISMATCH', 'PREFLIGHT_ALLOW_ORIGIN_MISMATCH', true, { value: PAGE, variants: ['chromium:suffix:fetch'] }),
  },
  {
    line: `Access to fetch at 'https://api.example.com/v1' from origin 'http://localhost:3000' ${BLOCKED} The 'Access-Control-Allow-Origin' header has a value 'https://example.com' that is not equal to the supplied origin. ${CHROMIUM_LEGACY_SUFFIXES['chromium:legacy-suffix:valid-value-or-no-cors']!.trim()}`,
    expect: {
      browser: 'chromium', template: 'chromium:cors:ALLOW_ORIGIN_MISMATCH', code: 'ALLOW_ORIGIN_MISMATCH', preflight: false,
      initiator: 'fetch', url: 'https://api.example.com/v1', origin: 'http://localhost:3000', value: 'https://example.com',
      variants: ['chromium:legacy-suffix:valid-value-or-no-cors'],
    },
  },
  { // [obs 'True']
    line: cf('acac-True', "The value of the 'Access-Control-Allow-Credentials' header in the response is 'True' which must be 'true' when the request's credentials mode is 'include'."),
    expect: chromium('acac-True', 'INVALID_ALLOW_CREDENTIALS', 'INVALID_ALLOW_CREDENTIALS', false, { value: 'True' }),
  },
  {
    line: cf('acac-missing', `The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'. ${XHR_SUFFIX}`, 'XMLHttpRequest'),
    expect: chromium('acac-missing', 'INVALID_ALLOW_CREDENTIALS', 'INVALID_ALLOW_CREDENTIALS', false, { value: '', variants: ['chromium:suffix:xhr'] }, 'XMLHttpRequest'),
  },
  { // [obs: `'' which must be 'true'…`] with prefix
    line: cf('pf-acac', `${PREFIX} The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.`),
    expect: chromium('pf-acac', 'INVALID_ALLOW_CREDENTIALS', 'PREFLIGHT_INVALID_ALLOW_CREDENTIALS', true, { value: '' }),
  },
  { // the classic XHR-from-file:// paste (§2 #8), with Chromium 156's observed scheme list
    line: `Access to XMLHttpRequest at 'file:///C:/Users/me/site/data.json' from origin 'null' ${BLOCKED} Cross origin requests are only supported for protocol schemes: ${CHROMIUM_SCHEMES}.`,
    expect: {
      browser: 'chromium', template: 'chromium:cors:CORS_DISABLED_SCHEME', code: 'CORS_DISABLED_SCHEME', preflight: false,
      initiator: 'XMLHttpRequest', url: 'file:///C:/Users/me/site/data.json', origin: 'null', value: CHROMIUM_SCHEMES,
    },
  },
  { // [obs] a redirect to ftp: is kCorsDisabledScheme at the new URL
    line: `Access to fetch at 'ftp://127.0.0.1:8003/t/x' (redirected from '${T}/x') from origin '${PAGE}' ${BLOCKED} Cross origin requests are only supported for protocol schemes: ${CHROMIUM_SCHEMES}.`,
    expect: {
      browser: 'chromium', template: 'chromium:cors:CORS_DISABLED_SCHEME', code: 'CORS_DISABLED_SCHEME', preflight: false,
      initiator: 'fetch', url: 'ftp://127.0.0.1:8003/t/x', redirectedFrom: `${T}/x`, origin: PAGE, value: CHROMIUM_SCHEMES,
      ambiguous: ['CORS_DISABLED_SCHEME', 'INVALID_REDIRECT'],
    },
  },
  { // [obs 404 with ACAO]
    line: cf('pf-404-acao', `${PREFIX} It does not have HTTP ok status.`),
    expect: chromium('pf-404-acao', 'PREFLIGHT_INVALID_STATUS', 'PREFLIGHT_INVALID_STATUS', true),
  },
  { // [obs]
    line: cf('pf-302', `${PREFIX} Redirect is not allowed for a preflight request.`),
    expect: chromium('pf-302', 'PREFLIGHT_DISALLOWED_REDIRECT', 'PREFLIGHT_DISALLOWED_REDIRECT', true),
  },
  { // [obs `PUT, GE T`]
    line: cf('acam-bad', 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.'),
    expect: chromium('acam-bad', 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE', 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE', true),
  },
  { // [obs `x-foo, bad header`]
    line: cf('acah-bad', 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.'),
    expect: chromium('acah-bad', 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE', 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE', true),
  },
  { // [obs `patch`]
    line: cf('acam-PATCH', 'Method patch is not allowed by Access-Control-Allow-Methods in preflight response.'),
    expect: chromium('acam-PATCH', 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE', 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE', true, { method: 'patch' }),
  },
  { // [obs] conformance/out 04-preflight-acah-missing
    line: "Access to fetch at 'http://127.0.0.1:8002/s/3-preflight-acah-missing/orders' from origin 'http://127.0.0.1:8001' has been blocked by CORS policy: Request header field x-custom is not allowed by Access-Control-Allow-Headers in preflight response.",
    expect: {
      browser: 'chromium', template: 'chromium:cors:HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE', code: 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE',
      preflight: true, initiator: 'fetch', url: 'http://127.0.0.1:8002/s/3-preflight-acah-missing/orders', origin: PAGE, header: 'x-custom',
    },
  },
  { // [obs: always `Redirect location ''`]
    line: cf('rd-userinfo', "Redirect location '' contains a username and password, which is disallowed for cross-origin requests."),
    expect: chromium('rd-userinfo', 'REDIRECT_CONTAINS_CREDENTIALS', 'REDIRECT_CONTAINS_CREDENTIALS', false, { value: '' }),
  },
  // Resource kinds [obs] (§1 {KIND}).
  ...['script', 'image', 'font', 'CSS stylesheet', 'resource'].map((kind): Case => ({
    line: cf(`kind-${kind}`, "No 'Access-Control-Allow-Origin' header is present on the requested resource.", kind),
    expect: chromium(`kind-${kind}`, 'MISSING_ALLOW_ORIGIN_HEADER', 'MISSING_ALLOW_ORIGIN_HEADER', false, {}, kind),
  })),
  // LNA / PNA / removed details (legacy.ts CHROMIUM_EXTRA_DETAIL): no failure code of ours.
  { // [obs] private-network-access.md
    line: "Access to fetch at 'http://127.0.0.1:8002/t/lna-get' from origin 'http://127.0.0.1:8001' has been blocked by CORS policy: Permission was denied for this request to access the `local` address space.",
    expect: {
      browser: 'chromium', template: 'chromium:cors:LOCAL_NETWORK_ACCESS_PERMISSION_DENIED', code: null, preflight: false,
      initiator: 'fetch', url: 'http://127.0.0.1:8002/t/lna-get', origin: PAGE, addressSpace: 'local',
    },
  },
  { // [obs `loopback`]
    line: cf('lna-loopback', 'Permission was denied for this request to access the `loopback` address space.'),
    expect: chromium('lna-loopback', 'LOCAL_NETWORK_ACCESS_PERMISSION_DENIED', null, false, { addressSpace: 'loopback' }),
  },
  {
    line: cf('lna-insecure', 'The request client is not a secure context and the resource is in more-private address space `local`.'),
    expect: chromium('lna-insecure', 'INSECURE_LOCAL_NETWORK', null, false, { addressSpace: 'local' }),
  },
  {
    line: cf('lna-target', 'Request had a target IP address space of `local` yet the resource is in address space `loopback`.'),
    expect: chromium('lna-target', 'INVALID_LOCAL_NETWORK_ACCESS', null, false, { targetAddressSpace: 'local', addressSpace: 'loopback' }),
  },
  {
    line: cf('pna-missing', `${PREFIX} No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the \`local\` address space.`),
    expect: chromium('pna-missing', 'PREFLIGHT_MISSING_ALLOW_PRIVATE_NETWORK', null, true, { addressSpace: 'local' }),
  },
  {
    line: cf('pna-invalid', `${PREFIX} The 'Access-Control-Allow-Private-Network' header in the preflight response for this private network request targeting the \`private\` address space had a value of 'false',  not 'true'.`),
    expect: chromium('pna-invalid', 'PREFLIGHT_INVALID_ALLOW_PRIVATE_NETWORK', null, true, { addressSpace: 'private', value: 'false' }),
  },
  {
    line: cf('pna-unexpected', 'Request had no target IP address space, yet the resource is in address space `local`.'),
    expect: chromium('pna-unexpected', 'UNEXPECTED_PRIVATE_NETWORK_ACCESS', null, false, { addressSpace: 'local' }),
  },
  {
    line: cf('pna-id', "No 'Private-Network-Access-Id' header was present in the preflight response for this private network request targeting the `local` address space."),
    expect: chromium('pna-id', 'PREFLIGHT_MISSING_PRIVATE_NETWORK_ACCESS_ID', null, true, { addressSpace: 'local' }),
  },
  {
    line: cf('pna-name', "No 'Private-Network-Access-Name' header was present in the preflight response for this private network request targeting the `local` address space."),
    expect: chromium('pna-name', 'PREFLIGHT_MISSING_PRIVATE_NETWORK_ACCESS_NAME', null, true, { addressSpace: 'local' }),
  },
  {
    line: cf('pna-unavailable', 'Unable to ask for permission to access the `private` IP address space.'),
    expect: chromium('pna-unavailable', 'PRIVATE_NETWORK_ACCESS_PERMISSION_UNAVAILABLE', null, false, { addressSpace: 'private' }),
  },
  {
    line: cf('external-missing', "No 'Access-Control-Allow-External' header was present in the preflight response for this external request (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/')."),
    expect: chromium('external-missing', 'PREFLIGHT_MISSING_ALLOW_EXTERNAL', null, true),
  },
  {
    line: cf('external-invalid', "The 'Access-Control-Allow-External' header in the preflight response for this external request had a value of 'yes',  not 'true' (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/')."),
    expect: chromium('external-invalid', 'PREFLIGHT_INVALID_ALLOW_EXTERNAL', null, true, { value: 'yes' }),
  },
  { // DevTools Issues panel summary (§2, last paragraph)
    line: `Access blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://example.com' that is not equal to the supplied origin. ${FETCH_SUFFIX}`,
    expect: {
      browser: 'chromium', template: 'chromium:cors:ALLOW_ORIGIN_MISMATCH', code: 'ALLOW_ORIGIN_MISMATCH', preflight: false,
      value: 'https://example.com', variants: ['chromium:issue-summary', 'chromium:suffix:fetch'],
    },
  },
  { // a detail we do not know: still a Chromium CORS block
    line: cf('future', 'Something new went wrong.'),
    expect: chromium('future', 'unknown', null, null, { value: 'Something new went wrong.' }),
  },
];

const CHROMIUM_OTHER_CASES: Case[] = [
  { // [obs] conformance/out 08-mode-same-origin
    line: 'Fetch API cannot load http://127.0.0.1:8002/s/7-mode-same-origin-cross-origin/same. Request mode is "same-origin" but the URL\'s origin is not same as the request origin http://127.0.0.1:8001.',
    expect: {
      browser: 'chromium', template: 'chromium:fetch-same-origin-mode', code: 'DISALLOWED_BY_MODE', preflight: false,
      url: 'http://127.0.0.1:8002/s/7-mode-same-origin-cross-origin/same', origin: PAGE,
    },
  },
  { // [obs] §2 #8
    line: 'Fetch API cannot load ftp://127.0.0.1/x. URL scheme "ftp" is not supported.',
    expect: { browser: 'chromium', template: 'chromium:fetch-unsupported-scheme', code: 'UNSUPPORTED_SCHEME', preflight: false, url: 'ftp://127.0.0.1/x', value: 'ftp' },
  },
  { // [obs] Chromium 156
    line: `Fetch API cannot load ${T}/x. Request mode is "no-cors" but the redirect mode is not "follow".`,
    expect: { browser: 'chromium', template: 'chromium:no-cors-redirect-mode', code: 'NO_CORS_REDIRECT_MODE', preflight: false, url: `${T}/x` },
  },
  { // [obs] conformance/out 11; the same words are WebKit's
    line: 'Refused to set unsafe header "Cookie"',
    expect: { browser: 'chromium', template: 'chromium:refused-unsafe-header', code: null, preflight: null, header: 'Cookie', browsers: ['chromium', 'webkit'] },
  },
  { // [obs] companion
    line: 'Failed to load resource: net::ERR_FAILED',
    expect: { browser: 'chromium', template: 'chromium:failed-to-load-resource', code: null, preflight: null, value: 'ERR_FAILED' },
  },
  {
    line: `GET ${T}/no-acao net::ERR_FAILED 200 (OK)`,
    expect: {
      browser: 'chromium', template: 'chromium:network-error-status', code: null, preflight: null, method: 'GET', url: `${T}/no-acao`,
      value: 'ERR_FAILED', status: '200', extra: { statusText: 'OK' },
    },
  },
  {
    line: `OPTIONS ${T}/pf net::ERR_FAILED`,
    expect: { browser: 'chromium', template: 'chromium:network-error', code: null, preflight: null, method: 'OPTIONS', url: `${T}/pf`, value: 'ERR_FAILED' },
  },
];

/** `key` is the exception-table key: `*`, a code, or a code with its detail (`INVALID_HEADER:name`). */
function ex(browser: 'chromium' | 'firefox' | 'webkit', api: 'fetch' | 'xhr', key: string, more: Partial<Expect> = {}): Expect {
  return {
    browser, template: `${browser}:exception:${api}:${key === '*' ? 'any' : key}`,
    code: key === '*' ? null : (key.split(':')[0] as Expect['code']), preflight: null, initiator: api === 'xhr' ? 'XMLHttpRequest' : 'fetch', ...more,
  };
}

const EXCEPTION_CASES: Case[] = [
  // Chromium
  { line: 'TypeError: Failed to fetch', expect: ex('chromium', 'fetch', '*') }, // [obs]
  { line: "TypeError: Failed to execute 'fetch' on 'Window': 'PUT' is unsupported in no-cors mode.", expect: ex('chromium', 'fetch', 'NO_CORS_METHOD_NOT_ALLOWED', { method: 'PUT' }) }, // [obs]
  { line: "TypeError: Failed to execute 'fetch' on 'Window': 'CONNECT' HTTP method is unsupported.", expect: ex('chromium', 'fetch', 'FORBIDDEN_METHOD', { method: 'CONNECT' }) },
  { line: "TypeError: Failed to execute 'fetch' on 'Window': 'GE T' is not a valid HTTP method.", expect: ex('chromium', 'fetch', 'INVALID_METHOD', { method: 'GE T' }) },
  { line: "TypeError: Failed to execute 'fetch' on 'Window': '' is not a valid HTTP method.", expect: ex('chromium', 'fetch', 'INVALID_METHOD', { method: '' }) },
  {
    line: "TypeError: Failed to execute 'fetch' on 'Window': Request cannot be constructed from a URL that includes credentials: http://user:pw@127.0.0.1:8002/t/x",
    expect: ex('chromium', 'fetch', 'URL_CONTAINS_CREDENTIALS', { url: 'http://user:pw@127.0.0.1:8002/t/x' }),
  },
  { line: "TypeError: Failed to execute 'fetch' on 'Window': Failed to parse URL from http://exa mple.com/", expect: ex('chromium', 'fetch', 'INVALID_URL', { url: 'http://exa mple.com/' }) },
  { line: "TypeError: Failed to execute 'fetch' on 'Window': Invalid name", expect: ex('chromium', 'fetch', 'INVALID_HEADER:name') }, // [obs]
  { line: "TypeError: Failed to execute 'fetch' on 'Window': Invalid value", expect: ex('chromium', 'fetch', 'INVALID_HEADER:value') }, // [obs]
  { // [obs]
    line: "TypeError: Failed to execute 'fetch' on 'Window': Failed to read the 'headers' property from 'RequestInit': String contains non ISO-8859-1 code point.",
    expect: ex('chromium', 'fetch', 'INVALID_HEADER:bytestring'),
  },
  { line: "TypeError: Failed to execute 'fetch' on 'Window': Request with GET/HEAD method cannot have body.", expect: ex('chromium', 'fetch', 'BODY_NOT_ALLOWED') }, // [obs]
  { line: "TypeError: Failed to execute 'fetch' on 'Window': Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.", expect: ex('chromium', 'fetch', 'INVALID_MODE') },
  { line: "TypeError: Failed to execute 'fetch' on 'Window': 'only-if-cached' can be set only with 'same-origin' mode", expect: ex('chromium', 'fetch', 'ONLY_IF_CACHED_MODE') },
  { line: "TypeError: Failed to execute 'fetch' on 'Window': The `duplex` member must be specified for a request with a streaming body", expect: ex('chromium', 'fetch', 'STREAM_DUPLEX_REQUIRED') }, // [obs]
  { line: "TypeError: Failed to execute 'fetch' on 'Window': If request is made from ReadableStream, mode should be\"same-origin\" or \"cors\"", expect: ex('chromium', 'fetch', 'STREAM_MODE_NOT_ALLOWED') }, // [obs]
  { line: "SecurityError: Failed to execute 'open' on 'XMLHttpRequest': 'TRACE' HTTP method is unsupported.", expect: ex('chromium', 'xhr', 'FORBIDDEN_METHOD', { method: 'TRACE' }) },
  { line: "SyntaxError: Failed to execute 'open' on 'XMLHttpRequest': 'GE T' is not a valid HTTP method.", expect: ex('chromium', 'xhr', 'INVALID_METHOD', { method: 'GE T' }) },
  { line: "SyntaxError: Failed to execute 'open' on 'XMLHttpRequest': Invalid URL", expect: ex('chromium', 'xhr', 'INVALID_URL') },
  { // [obs]
    line: "SyntaxError: Failed to execute 'setRequestHeader' on 'XMLHttpRequest': 'X Foo' is not a valid HTTP header field name.",
    expect: ex('chromium', 'xhr', 'INVALID_HEADER:name', { header: 'X Foo' }),
  },
  { // a value with a line break spans two input lines
    line: "SyntaxError: Failed to execute 'setRequestHeader' on 'XMLHttpRequest': 'a\nb' is not a valid HTTP header field value.",
    expect: ex('chromium', 'xhr', 'INVALID_HEADER:value', { value: 'a\nb' }),
  },
  // Firefox: one text for three method codes, told apart by the method.
  { line: 'TypeError: NetworkError when attempting to fetch resource.', expect: ex('firefox', 'fetch', '*') }, // [obs]
  { // [obs]
    line: 'TypeError: Window.fetch: Invalid request method PUT.',
    expect: { ...ex('firefox', 'fetch', 'NO_CORS_METHOD_NOT_ALLOWED', { method: 'PUT' }) },
  },
  {
    line: 'TypeError: Window.fetch: Invalid request method CONNECT.',
    expect: { ...ex('firefox', 'fetch', 'NO_CORS_METHOD_NOT_ALLOWED', { method: 'CONNECT' }), code: 'FORBIDDEN_METHOD' },
  },
  {
    line: 'TypeError: Window.fetch: Invalid request method bad method.',
    expect: { ...ex('firefox', 'fetch', 'NO_CORS_METHOD_NOT_ALLOWED', { method: 'bad method' }), code: 'INVALID_METHOD' },
  },
  { line: 'TypeError: Window.fetch: http://user:pw@127.0.0.1:8002/t/x is an url with embedded credentials.', expect: ex('firefox', 'fetch', 'URL_CONTAINS_CREDENTIALS', { url: 'http://user:pw@127.0.0.1:8002/t/x' }) },
  { line: 'TypeError: Window.fetch: http://[bad is not a valid URL.', expect: ex('firefox', 'fetch', 'INVALID_URL', { url: 'http://[bad' }) },
  { line: 'TypeError: Window.fetch: x foo is an invalid header name.', expect: ex('firefox', 'fetch', 'INVALID_HEADER:name', { header: 'x foo' }) }, // [obs]
  { line: 'TypeError: Window.fetch: a\nb is an invalid header value.', expect: ex('firefox', 'fetch', 'INVALID_HEADER:value', { value: 'a\nb' }) }, // [obs]
  { // [obs]
    line: 'TypeError: Window.fetch: Cannot convert element of element of sequence<sequence<ByteString>> branch of (sequence<sequence<ByteString>> or record<ByteString, ByteString>) to ByteString because the character at index 1 has value 256 which is greater than 255.',
    expect: ex('firefox', 'fetch', 'INVALID_HEADER:bytestring', { extra: { index: '1', codePoint: '256' } }),
  },
  { line: 'TypeError: Window.fetch: HEAD or GET Request cannot have a body.', expect: ex('firefox', 'fetch', 'BODY_NOT_ALLOWED') },
  { line: 'TypeError: Window.fetch: Invalid request mode navigate.', expect: ex('firefox', 'fetch', 'INVALID_MODE') },
  {
    line: "TypeError: Window.fetch: Request mode 'no-cors' was used, but request cache mode 'only-if-cached' can only be used with request mode 'same-origin'.",
    expect: ex('firefox', 'fetch', 'ONLY_IF_CACHED_MODE', { extra: { mode: 'no-cors' } }),
  },
  { // Firefox's and WebKit's words are the same
    line: 'SecurityError: The operation is insecure.',
    expect: ex('firefox', 'xhr', 'FORBIDDEN_METHOD', { browsers: ['firefox', 'webkit'] }),
  },
  {
    line: 'SyntaxError: An invalid or illegal string was specified',
    expect: ex('firefox', 'xhr', 'INVALID_METHOD', { ambiguous: ['INVALID_METHOD', 'INVALID_URL'] }),
  },
  { line: 'SyntaxError: Invalid header name.', expect: ex('firefox', 'xhr', 'INVALID_HEADER:name') }, // [obs]
  { line: 'SyntaxError: Invalid header value.', expect: ex('firefox', 'xhr', 'INVALID_HEADER:value') },
  // WebKit
  { line: 'TypeError: Load failed', expect: ex('webkit', 'fetch', '*') }, // [obs]
  { line: 'TypeError: Method must be GET, POST or HEAD in no-cors mode.', expect: ex('webkit', 'fetch', 'NO_CORS_METHOD_NOT_ALLOWED') }, // [obs]
  { line: 'TypeError: Method is forbidden.', expect: ex('webkit', 'fetch', 'FORBIDDEN_METHOD') },
  { line: 'TypeError: Method is not a valid HTTP token.', expect: ex('webkit', 'fetch', 'INVALID_METHOD') }, // [obs]
  {
    line: 'TypeError: URL is not valid or contains user credentials.',
    expect: ex('webkit', 'fetch', 'URL_CONTAINS_CREDENTIALS', { ambiguous: ['URL_CONTAINS_CREDENTIALS', 'INVALID_URL'] }),
  },
  { line: "TypeError: Invalid header name: 'X Foo'", expect: ex('webkit', 'fetch', 'INVALID_HEADER:name', { header: 'X Foo' }) }, // [obs]
  { // [obs]
    line: "TypeError: Header 'X-Foo' has invalid value: 'a\nb'",
    expect: ex('webkit', 'fetch', 'INVALID_HEADER:value', { header: 'X-Foo', value: 'a\nb' }),
  },
  { // [obs] for a header value above U+00FF; JavaScriptCore's generic words, so only a guess
    line: 'TypeError: Type error',
    expect: ex('webkit', 'fetch', 'INVALID_HEADER:bytestring', { confidence: 'low' }),
  },
  { line: "TypeError: Request has method 'GET' and cannot have a body", expect: ex('webkit', 'fetch', 'BODY_NOT_ALLOWED', { method: 'GET' }) }, // [obs]
  { line: 'TypeError: Request constructor does not accept navigate fetch mode.', expect: ex('webkit', 'fetch', 'INVALID_MODE') },
  { line: 'TypeError: only-if-cached cache option requires fetch mode to be same-origin.', expect: ex('webkit', 'fetch', 'ONLY_IF_CACHED_MODE') },
  { line: 'NotSupportedError: ReadableStream uploading is not supported', expect: ex('webkit', 'fetch', 'STREAM_UPLOAD_UNSUPPORTED') }, // [obs]
  { // Safari's console prefix tells Firefox and WebKit apart
    line: '[Error] SecurityError: The operation is insecure.',
    expect: { ...ex('webkit', 'xhr', 'FORBIDDEN_METHOD'), browser: 'safari' },
  },
  {
    line: 'SyntaxError: The string did not match the expected pattern.',
    expect: ex('webkit', 'xhr', 'INVALID_METHOD', { ambiguous: ['INVALID_METHOD', 'INVALID_URL', 'INVALID_HEADER'] }),
  },
];

function ff(template: string, url: string, code: Expect['code'], preflight: boolean | null, more: Partial<Expect> = {}): Expect {
  return { browser: 'firefox', template: `firefox:${template}`, code, preflight, url, ...more };
}

const FIREFOX_CASES: Case[] = [
  { line: `${FF} ${T}/x. (Reason: CORS disabled).`, expect: ff('CORSDisabled', `${T}/x`, null, null) },
  { // [obs] after every preflight failure
    line: `${FF} ${T}/pf-404. (Reason: CORS request did not succeed). Status code: (null).`,
    expect: ff('CORSDidNotSucceed2', `${T}/pf-404`, null, null),
  },
  { line: `${FF} ${T}/x. (Reason: CORS header ‘Origin’ cannot be added).`, expect: ff('CORSOriginHeaderNotAdded', `${T}/x`, null, null) },
  { // [obs] first of 3 lines for a redirected preflight
    line: `${FF} ${T}/pf-302. (Reason: CORS request external redirect not allowed).`,
    expect: ff('CORSExternalRedirectNotAllowed', `${T}/pf-302`, 'PREFLIGHT_DISALLOWED_REDIRECT', true),
  },
  {
    line: `${FF} ftp://127.0.0.1/x. (Reason: CORS request not http).`,
    expect: ff('CORSRequestNotHttp', 'ftp://127.0.0.1/x', 'UNSUPPORTED_SCHEME', null, { ambiguous: ['UNSUPPORTED_SCHEME', 'CORS_DISABLED_SCHEME', 'INVALID_REDIRECT'] }),
  },
  { // [obs 404]
    line: `${FF} ${T}/pf-404-no-acao. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 404.`,
    expect: ff('CORSMissingAllowOrigin2', `${T}/pf-404-no-acao`, 'MISSING_ALLOW_ORIGIN_HEADER', null, { status: '404' }),
  },
  {
    line: `${FF} ${T}/acao-twice. (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`,
    expect: ff('CORSMultipleAllowOriginNotAllowed', `${T}/acao-twice`, 'MULTIPLE_ALLOW_ORIGIN_VALUES', null),
  },
  { // [obs ‘http://127.0.0.1:8001, https://a.example’]
    line: `${FF} ${T}/acao-list. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://127.0.0.1:8001, https://a.example’).`,
    expect: ff('CORSAllowOriginNotMatchingOrigin', `${T}/acao-list`, 'ALLOW_ORIGIN_MISMATCH', null, { value: 'http://127.0.0.1:8001, https://a.example' }),
  },
  { // the only key that quotes the URL
    line: `${FF} ‘${T}/star-creds’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
    expect: ff('CORSNotSupportingCredentials', `${T}/star-creds`, 'WILDCARD_ORIGIN_NOT_ALLOWED', null),
  },
  {
    line: `${FF} ${T}/acam-put. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`,
    expect: ff('CORSMethodNotFound', `${T}/acam-put`, 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE', true),
  },
  {
    line: `${FF} ${T}/acac-True. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
    expect: ff('CORSMissingAllowCredentials', `${T}/acac-True`, 'INVALID_ALLOW_CREDENTIALS', null),
  },
  { // [obs 404 with ACAO]
    line: `${FF} ${T}/pf-404-acao. (Reason: CORS preflight response did not succeed). Status code: 404.`,
    expect: ff('CORSPreflightDidNotSucceed3', `${T}/pf-404-acao`, 'PREFLIGHT_INVALID_STATUS', true, { status: '404' }),
  },
  { // [obs] second of 3 lines for a redirected preflight: a redirect status says it likely was the redirect
    line: `${FF} ${T}/pf-302. (Reason: CORS preflight response did not succeed). Status code: 302.`,
    expect: ff('CORSPreflightDidNotSucceed3', `${T}/pf-302`, 'PREFLIGHT_DISALLOWED_REDIRECT', true, {
      status: '302', ambiguous: ['PREFLIGHT_DISALLOWED_REDIRECT', 'PREFLIGHT_INVALID_STATUS'],
    }),
  },
  { // [obs ‘GE T’]
    line: `${FF} ${T}/acam-bad. (Reason: invalid token ‘GE T’ in CORS header ‘Access-Control-Allow-Methods’).`,
    expect: ff('CORSInvalidAllowMethod', `${T}/acam-bad`, 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE', true, { value: 'GE T' }),
  },
  { // [obs ‘bad header’]
    line: `${FF} ${T}/acah-bad. (Reason: invalid token ‘bad header’ in CORS header ‘Access-Control-Allow-Headers’).`,
    expect: ff('CORSInvalidAllowHeader', `${T}/acah-bad`, 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE', true, { value: 'bad header' }),
  },
  { // [obs ‘content-type’]
    line: `${FF} ${T}/acah-order. (Reason: header ‘content-type’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
    expect: ff('CORSMissingAllowHeaderFromPreflight2', `${T}/acah-order`, 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE', true, { header: 'content-type' }),
  },
  {
    line: `Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at ${T}/acah-star-auth soon. (Reason: When the \`Access-Control-Allow-Headers\` is \`*\`, the \`Authorization\` header is not covered. To include the \`Authorization\` header, it must be explicitly listed in CORS header \`Access-Control-Allow-Headers\`).`,
    expect: ff('CORSAllowHeaderFromPreflightDeprecation', `${T}/acah-star-auth`, null, true),
  },
  { // [obs]
    line: 'Security Error: Content at http://127.0.0.1:8001/run.html may not load data from http://127.0.0.1:8002/t/same-origin-mode.',
    expect: ff('same-origin-mode', 'http://127.0.0.1:8002/t/same-origin-mode', 'DISALLOWED_BY_MODE', false, { page: 'http://127.0.0.1:8001/run.html', origin: PAGE }),
  },
  { // [obs] same-origin and same-site alike
    line: `The resource at “${T}/x” was blocked due to its Cross-Origin-Resource-Policy header (or lack thereof). See https://developer.mozilla.org/docs/Web/HTTP/Cross-Origin_Resource_Policy_(CORP)#`,
    expect: ff('corp-blocked', `${T}/x`, 'CORP_NOT_SAME_ORIGIN', false, { ambiguous: ['CORP_NOT_SAME_ORIGIN', 'CORP_NOT_SAME_SITE', 'CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP'] }),
  },
  { // necko.properties (firefox-messages.md §1)
    line: 'Local Network Access detected: top-level site “http://example.com”, initiator “http://example.com”, accessing target “http://192.168.1.1/api” (192.168.1.1:80) via http. Secure context: false, prompt action: none',
    expect: ff('LocalNetworkAccessDetected', 'http://192.168.1.1/api', null, null, {
      page: 'http://example.com', origin: 'http://example.com',
      extra: { host: '192.168.1.1', port: '80', transport: 'http', secureContext: 'false', promptAction: 'none' },
    }),
  },
  {
    line: 'Local Network Access permission required: top-level site “https://example.com”, initiator “https://example.com”, attempting to access target “http://[::1]:8080/” ([::1]:8080) via http. Secure context: true',
    expect: ff('LocalNetworkAccessPermissionRequired', 'http://[::1]:8080/', null, null, {
      page: 'https://example.com', origin: 'https://example.com',
      extra: { host: '[::1]', port: '8080', transport: 'http', secureContext: 'true' },
    }),
  },
];

function wk(template: string, code: Expect['code'], preflight: boolean | null, more: Partial<Expect> = {}): Expect {
  return { browser: 'webkit', template: `webkit:${template}`, code, preflight, ...more };
}
const ACAO_AMBIGUOUS: Expect['ambiguous'] = ['MISSING_ALLOW_ORIGIN_HEADER', 'ALLOW_ORIGIN_MISMATCH'];

const WEBKIT_CASES: Case[] = [
  { // [obs]
    line: 'Origin http://127.0.0.1:8001 is not allowed by Access-Control-Allow-Origin. Status code: 200',
    expect: wk('origin-not-allowed', 'ALLOW_ORIGIN_MISMATCH', null, { origin: PAGE, status: '200', ambiguous: ACAO_AMBIGUOUS }),
  },
  {
    line: 'Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin.',
    expect: wk('origin-not-allowed-no-status', 'ALLOW_ORIGIN_MISMATCH', null, { origin: 'http://localhost:3000', ambiguous: ACAO_AMBIGUOUS }),
  },
  { line: 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.', expect: wk('wildcard-with-credentials', 'WILDCARD_ORIGIN_NOT_ALLOWED', null) },
  { line: 'Access-Control-Allow-Origin cannot contain more than one origin.', expect: wk('multiple-origins', 'MULTIPLE_ALLOW_ORIGIN_VALUES', null) },
  { line: 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".', expect: wk('credentials-not-true', 'INVALID_ALLOW_CREDENTIALS', null) },
  { line: 'Preflight response is not successful. Status code: 404', expect: wk('preflight-not-successful', 'PREFLIGHT_INVALID_STATUS', true, { status: '404' }) },
  { line: 'Header Access-Control-Allow-Methods has an invalid value: PUT, GE T', expect: wk('invalid-allow-methods', 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE', true, { value: 'PUT, GE T' }) },
  { line: 'Header Access-Control-Allow-Headers has an invalid value: x-foo, bad header', expect: wk('invalid-allow-headers', 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE', true, { value: 'x-foo, bad header' }) },
  { line: 'Method DELETE is not allowed by Access-Control-Allow-Methods.', expect: wk('method-not-allowed', 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE', true, { method: 'DELETE' }) },
  { line: 'Request header field Content-Type is not allowed by Access-Control-Allow-Headers.', expect: wk('header-not-allowed', 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE', true, { header: 'Content-Type' }) },
  { // [obs] reason of a failed redirect hop
    line: 'Cross-origin redirection to http://127.0.0.1:8003/t/rd-no-acao denied by Cross-Origin Resource Sharing policy: Origin http://127.0.0.1:8001 is not allowed by Access-Control-Allow-Origin. Status code: 302',
    expect: wk('redirect-denied', 'ALLOW_ORIGIN_MISMATCH', false, {
      location: 'http://127.0.0.1:8003/t/rd-no-acao', inner: 'webkit:origin-not-allowed', origin: PAGE, status: '302', ambiguous: ACAO_AMBIGUOUS,
    }),
  },
  { // [obs] redirect to a userinfo URL
    line: 'Cross-origin redirection to http://127.0.0.1:8003/t/x denied by Cross-Origin Resource Sharing policy: redirection URL http://user:pass@127.0.0.1:8003/t/x has credentials',
    expect: wk('redirect-denied', 'REDIRECT_CONTAINS_CREDENTIALS', false, {
      location: 'http://127.0.0.1:8003/t/x', inner: 'webkit:redirect-has-credentials', value: 'http://user:pass@127.0.0.1:8003/t/x',
    }),
  },
  { // [obs]
    line: 'Cross-origin redirection to data:text/plain,hi denied by Cross-Origin Resource Sharing policy: not allowed to follow a cross-origin CORS redirection with non CORS scheme',
    expect: wk('redirect-denied', 'INVALID_REDIRECT', false, { location: 'data:text/plain,hi', inner: 'webkit:redirect-non-cors-scheme' }),
  },
  {
    line: 'Cross-origin redirection to http://127.0.0.1:8003/t/x denied by Cross-Origin Resource Sharing policy: something else',
    expect: wk('redirect-denied', null, false, { location: 'http://127.0.0.1:8003/t/x', extra: { reason: 'something else' } }),
  },
  { line: 'Redirection to URL with a scheme that is not HTTP(S).', expect: wk('redirect-not-http', 'INVALID_REDIRECT', false) },
  { line: 'Cross-origin redirection denied by Cross-Origin Resource Sharing policy.', expect: wk('redirect-denied-generic', null, false) },
  { line: 'Blocked by Content Security Policy.', expect: wk('blocked-by-csp', null, null) },
  // Loader errors [obs] in WebKitGTK 2.50
  { line: 'Cross origin requests are only supported for HTTP.', expect: wk('cors-http-only', 'UNSUPPORTED_SCHEME', null, { ambiguous: ['UNSUPPORTED_SCHEME', 'CORS_DISABLED_SCHEME'] }) },
  { line: 'No-Cors mode requires follow redirect mode', expect: wk('no-cors-redirect-mode', 'NO_CORS_REDIRECT_MODE', false) },
  { line: 'Not allowed to request resource', expect: wk('not-allowed-to-request', null, null) },
  { line: `Not allowed to follow a redirection while loading ${T}/x`, expect: wk('redirect-not-allowed', 'REDIRECT_MODE_ERROR', false, { url: `${T}/x` }) },
  { line: 'Load cannot follow more than 20 redirections', expect: wk('too-many-redirects', 'TOO_MANY_REDIRECTS', false) },
  { line: 'Could not parse HTTP response', expect: wk('could-not-parse', 'INVALID_HTTP_RESPONSE', true) },
  { line: 'FTP URLs are disabled', expect: wk('ftp-disabled', 'INVALID_REDIRECT', false, { ambiguous: ['INVALID_REDIRECT', 'UNSUPPORTED_SCHEME'] }) },
  {
    line: `Cancelled load to ${T}/x because it violates the resource's Cross-Origin-Resource-Policy response header.`,
    expect: wk('corp-blocked', 'CORP_NOT_SAME_ORIGIN', false, { url: `${T}/x`, ambiguous: ['CORP_NOT_SAME_ORIGIN', 'CORP_NOT_SAME_SITE', 'CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP'] }),
  },
  { // [obs]
    line: 'Fetch API cannot load http://127.0.0.1:8002/t/rd-no-acao-on-redirect due to access control checks.',
    expect: wk('cannot-load-access-control', null, null, { initiator: 'Fetch API', url: 'http://127.0.0.1:8002/t/rd-no-acao-on-redirect' }),
  },
  {
    line: `XMLHttpRequest cannot load ${T}/x due to access control checks.`,
    expect: wk('cannot-load-access-control', null, null, { initiator: 'XMLHttpRequest', url: `${T}/x` }),
  },
  {
    line: `EventSource cannot load ${T}/events due to access control checks.`,
    expect: wk('cannot-load-access-control', null, null, { initiator: 'EventSource', url: `${T}/events` }),
  },
  { line: `Cannot load ${T}/font.woff2 due to access control checks.`, expect: wk('cannot-load-access-control-other', null, null, { url: `${T}/font.woff2` }) },
  { line: `Cannot load image ${T}/a.png due to access control checks.`, expect: wk('cannot-load-image-access-control', null, null, { url: `${T}/a.png` }) },
  { // [obs]
    line: 'Fetch API cannot load http://127.0.0.1:8002/t/same-origin-mode.',
    expect: wk('cannot-load', 'DISALLOWED_BY_MODE', false, { initiator: 'Fetch API', url: 'http://127.0.0.1:8002/t/same-origin-mode' }),
  },
  { // [obs] as printed by WebKitGTK
    line: 'CONSOLE JS ERROR Refused to set unsafe header "Cookie"',
    expect: wk('refused-unsafe-header', null, null, { header: 'Cookie' }),
  },
  // Safari Web Inspector
  { // third-party Safari log quoted in webkit-messages.md
    line: '[Error] Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. Status code: 413',
    expect: { ...wk('origin-not-allowed', 'ALLOW_ORIGIN_MISMATCH', null, { origin: 'http://localhost:5173', status: '413', ambiguous: ACAO_AMBIGUOUS }), browser: 'safari' },
  },
  {
    line: '[Error] XMLHttpRequest cannot load http://localhost:8080/api/upload due to access control checks.',
    expect: { ...wk('cannot-load-access-control', null, null, { initiator: 'XMLHttpRequest', url: 'http://localhost:8080/api/upload' }), browser: 'safari' },
  },
  { // third-party Safari log quoted in webkit-messages.md §1
    line: '[Error] Failed to load resource: Preflight response is not successful. Status code: 403',
    expect: {
      browser: 'safari', template: 'safari:failed-to-load-resource', inner: 'webkit:preflight-not-successful',
      code: 'PREFLIGHT_INVALID_STATUS', preflight: true, status: '403',
    },
  },
  {
    line: 'Failed to load resource: Cross-origin redirection to http://127.0.0.1:8003/t/x denied by Cross-Origin Resource Sharing policy: Origin http://127.0.0.1:8001 is not allowed by Access-Control-Allow-Origin. Status code: 302',
    expect: {
      browser: 'safari', template: 'safari:failed-to-load-resource', inner: 'webkit:redirect-denied', code: 'ALLOW_ORIGIN_MISMATCH',
      preflight: false, location: 'http://127.0.0.1:8003/t/x', origin: PAGE, status: '302', ambiguous: ACAO_AMBIGUOUS,
    },
  },
  {
    line: '[Error] Refused to set unsafe header "Origin"',
    expect: { ...wk('refused-unsafe-header', null, null, { header: 'Origin' }), browser: 'safari' },
  },
  { // Safari's network wrapper around a loader error (the reason as in WebKitGTK; Safari's wrapping not observed)
    line: '[Error] Failed to load resource: Load cannot follow more than 20 redirections',
    expect: { browser: 'safari', template: 'safari:failed-to-load-resource', inner: 'webkit:too-many-redirects', code: 'TOO_MANY_REDIRECTS', preflight: false },
  },
];

const ALL_CASES: Case[] = [...CHROMIUM_CORS_CASES, ...CHROMIUM_OTHER_CASES, ...EXCEPTION_CASES, ...FIREFOX_CASES, ...WEBKIT_CASES];

function check(c: Case): void {
  assert.deepStrictEqual(recognize(c.line), [{ ...c.expect, line: c.line.trim() }]);
}

describe('recognize: one example per template', () => {
  for (const [name, cases] of Object.entries({
    chromium: [...CHROMIUM_CORS_CASES, ...CHROMIUM_OTHER_CASES], firefox: FIREFOX_CASES, webkit: WEBKIT_CASES, exceptions: EXCEPTION_CASES,
  })) {
    describe(name, () => {
      for (const c of cases) test(c.line.slice(0, 150).replace(/\r\n|\r|\n/g, '⏎'), () => check(c));
    });
  }
});

describe('recognize: completeness', () => {
  const results = ALL_CASES.map((c) => ({ expect: c.expect, got: recognize(c.line)[0] }));
  const has = (pred: (r: Expect) => boolean): boolean => results.some((r) => r.got !== undefined && pred(r.got));

  test('every Chromium CORS detail (current and legacy.ts) has an example', () => {
    for (const key of [...Object.keys(CHROMIUM_CORS_DETAIL), ...Object.keys(CHROMIUM_EXTRA_DETAIL)]) {
      assert.ok(has((r) => r.template === `chromium:cors:${key}`), `no example for chromium:cors:${key}`);
    }
  });
  test('every preflight-prefixed Chromium code has a prefixed example', () => {
    for (const code of CHROMIUM_PREFLIGHT_PREFIXED) {
      assert.ok(has((r) => r.code === code && r.preflight === true), `no example for ${code}`);
    }
  });
  test('every Chromium suffix (current and legacy.ts) and the redirected / issue-summary frames have an example', () => {
    for (const id of ['chromium:suffix:fetch', 'chromium:suffix:xhr', ...Object.keys(CHROMIUM_LEGACY_SUFFIXES), 'chromium:issue-summary']) {
      assert.ok(has((r) => r.variants?.includes(id) === true), `no example for ${id}`);
    }
    assert.ok(has((r) => r.redirectedFrom !== undefined));
  });
  test('every line template of the three tables and legacy.ts has an example', () => {
    const ids = [
      ...Object.keys(CHROMIUM_LINES), ...Object.keys(CHROMIUM_EXTRA_LINES), ...Object.keys(FIREFOX_LINES),
      ...Object.keys(FIREFOX_EXTRA_LINES), ...Object.keys(WEBKIT_LINES), ...Object.keys(WEBKIT_EXTRA_LINES),
      ...Object.keys(WEBKIT_EXTRA_REASONS), 'safari:failed-to-load-resource',
    ];
    for (const id of ids) assert.ok(has((r) => r.template === id || r.inner === id), `no example for ${id}`);
  });
  test('every exception-table entry has an example with its code', () => {
    for (const [browser, table] of [['chromium', CHROMIUM_EXCEPTIONS], ['firefox', FIREFOX_EXCEPTIONS], ['webkit', WEBKIT_EXCEPTIONS]] as const) {
      for (const [api, byCode] of Object.entries(table)) {
        for (const key of Object.keys(byCode)) {
          // `INVALID_HEADER:name` → code INVALID_HEADER, template …:INVALID_HEADER:name
          const code = key.split(':')[0]!;
          if (key !== code) {
            const id = exceptionId({ browser, api, code: key });
            assert.ok(has((r) => r.template === id && r.code === code), `no example for ${id} with code ${code}`);
            continue;
          }
          const ok = has((r) => r.template.startsWith(`${browser}:exception:${api}:`)
            && (code === '*' ? r.code === null : r.code === code || (r.ambiguous as string[] | undefined)?.includes(code) === true));
          const shared = has((r) => r.browsers?.includes(browser) === true && r.template.includes(`:exception:${api}:`) && r.code === code);
          assert.ok(ok || shared, `no example for ${browser} ${api} ${code}`);
        }
      }
    }
  });
  test('every template id recognize can return has an example', () => {
    for (const [browser, ids] of Object.entries(RECOGNIZED_TEMPLATES)) {
      for (const id of ids) assert.ok(has((r) => r.template === id || r.inner === id), `no example for ${browser} ${id}`);
    }
  });
  test('exceptionId names the table entry', () => {
    assert.equal(exceptionId({ browser: 'webkit', api: 'fetch', code: '*' }), 'webkit:exception:fetch:any');
  });
});

describe('recognize: what users really paste', () => {
  const missing = ALL_CASES[5]!; // [obs] Chromium missing ACAO

  test('DevTools location prefix and suffix', () => {
    for (const line of [`run.html:1 ${missing.line}`, `${missing.line} (index):1`, `main.js:12:5 ${missing.line}`, `${missing.line} localhost/:1`]) {
      assert.deepStrictEqual(recognize(line), [{ ...missing.expect, line }]);
    }
  });

  test("DevTools timestamps and Chrome's 'Understand this error' button text", () => {
    for (const line of [`10:42:17.512 ${missing.line}`, `${missing.line}Understand this error`, `run.html:1 ${missing.line} Understand this errorAI`]) {
      assert.deepStrictEqual(recognize(line), [{ ...missing.expect, line }]);
    }
  });

  test('surrounding whitespace, Error: and Uncaught prefixes', () => {
    assert.deepStrictEqual(recognize(`\n\n   ${missing.line}  \n\t`), [{ ...missing.expect, line: missing.line }]);
    assert.deepStrictEqual(recognize(`Error: ${missing.line}`), [{ ...missing.expect, line: `Error: ${missing.line}` }]);
    const r = recognize('run.html:1 Uncaught (in promise) TypeError: Failed to fetch');
    assert.equal(r.length, 1);
    assert.equal(r[0]!.template, 'chromium:exception:fetch:any');
  });

  test('a whole Chrome console paste: message, network line, stack, rejection', () => {
    const paste = [
      `run.html:1 ${missing.line}`,
      'run.html:12  GET http://127.0.0.1:8002/s/1-get-missing-acao/data net::ERR_FAILED 200 (OK)',
      '(anonymous) @ run.html:12',
      'run.html:12 Uncaught (in promise) TypeError: Failed to fetch',
      '    at run.html:12:5',
    ].join('\r\n');
    const r = recognize(paste);
    assert.deepStrictEqual(r.map((m) => [m.browser, m.template, m.code]), [
      ['chromium', 'chromium:cors:MISSING_ALLOW_ORIGIN_HEADER', 'MISSING_ALLOW_ORIGIN_HEADER'],
      ['chromium', 'chromium:network-error-status', null],
      ['chromium', 'chromium:exception:fetch:any', null],
    ]);
    assert.equal(r[1]!.line, 'run.html:12  GET http://127.0.0.1:8002/s/1-get-missing-acao/data net::ERR_FAILED 200 (OK)');
    assert.equal(r[1]!.status, '200');
  });

  test('a Firefox preflight failure: two lines, straight quotes, [Learn More]', () => {
    const paste = [
      `${FF} ${T}/pf-404. (Reason: CORS header 'Access-Control-Allow-Origin' missing). Status code: 404. [Learn More]`,
      `${FF} ${T}/pf-404. (Reason: CORS request did not succeed). Status code: (null). [Learn More]`,
      'Uncaught (in promise) TypeError: NetworkError when attempting to fetch resource.',
    ].join('\n');
    const r = recognize(paste);
    assert.deepStrictEqual(r.map((m) => [m.browser, m.template, m.code, m.status ?? null]), [
      ['firefox', 'firefox:CORSMissingAllowOrigin2', 'MISSING_ALLOW_ORIGIN_HEADER', '404'],
      ['firefox', 'firefox:CORSDidNotSucceed2', null, null],
      ['firefox', 'firefox:exception:fetch:any', null, null],
    ]);
    assert.equal(r[0]!.url, `${T}/pf-404`);
  });

  test('straight quotes in a Firefox value and URL', () => {
    const r = recognize(`${FF} '${T}/star'. (Reason: Credential is not supported if the CORS header 'Access-Control-Allow-Origin' is '*').`);
    assert.equal(r[0]?.template, 'firefox:CORSNotSupportingCredentials');
    assert.equal(r[0]?.url, `${T}/star`);
    const v = recognize(`${FF} ${T}/x. (Reason: CORS header "Access-Control-Allow-Origin" does not match "null").`);
    assert.equal(v[0]?.value, 'null');
  });

  test('a Safari paste: reason, JS line, network wrapper with its location', () => {
    const paste = `
      [Error] Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. Status code: 413
      [Error] Fetch API cannot load http://localhost:3000/upload due to access control checks.
      [Error] Failed to load resource: Origin http://localhost:5173 is not allowed by Access-Control-Allow-Origin. Status code: 413 (upload, line 0)
      [Error] Unhandled Promise Rejection: TypeError: Load failed`;
    const r = recognize(paste);
    assert.deepStrictEqual(r.map((m) => [m.browser, m.template, m.code, m.inner ?? null]), [
      ['safari', 'webkit:origin-not-allowed', 'ALLOW_ORIGIN_MISMATCH', null],
      ['safari', 'webkit:cannot-load-access-control', null, null],
      ['safari', 'safari:failed-to-load-resource', 'ALLOW_ORIGIN_MISMATCH', 'webkit:origin-not-allowed'],
      ['safari', 'webkit:exception:fetch:any', null, null],
    ]);
    assert.equal(r[2]!.status, '413');
    assert.deepStrictEqual(r[0]!.ambiguous, ['MISSING_ALLOW_ORIGIN_HEADER', 'ALLOW_ORIGIN_MISMATCH']);
  });

  test('a console prefix after a DevTools location still names the browser', () => {
    const r = recognize('run.html:3 [Error] Refused to set unsafe header "Cookie"');
    assert.deepStrictEqual([r[0]?.browser, r[0]?.template, r[0]?.browsers], ['safari', 'webkit:refused-unsafe-header', undefined]);
  });

  test('WebKitGTK stdout: CONSOLE SECURITY ERROR / CONSOLE JS ERROR', () => {
    const r = recognize([
      'CONSOLE SECURITY ERROR Preflight response is not successful. Status code: 500',
      'CONSOLE JS ERROR Fetch API cannot load http://127.0.0.1:8002/t/pf-500 due to access control checks.',
    ].join('\n'));
    assert.deepStrictEqual(r.map((m) => [m.browser, m.template, m.code]), [
      ['webkit', 'webkit:preflight-not-successful', 'PREFLIGHT_INVALID_STATUS'],
      ['webkit', 'webkit:cannot-load-access-control', null],
    ]);
  });

  test('curly apostrophe in a Chromium line', () => {
    const r = recognize(missing.line.replace(/'/g, '’'));
    assert.equal(r[0]?.template, 'chromium:cors:MISSING_ALLOW_ORIGIN_HEADER');
    assert.equal(r[0]?.url, 'http://127.0.0.1:8002/s/1-get-missing-acao/data');
  });

  test('a worker global in a fetch exception', () => {
    const r = recognize("TypeError: Failed to execute 'fetch' on 'WorkerGlobalScope': 'PUT' is unsupported in no-cors mode.");
    assert.equal(r[0]?.code, 'NO_CORS_METHOD_NOT_ALLOWED');
  });

  test('an exception whose header value holds a line break spans input lines', () => {
    const paste = [
      'run.html:3 Uncaught (in promise) TypeError: Window.fetch: text/html',
      'X-Evil: 1 is an invalid header value.',
      '    at run.html:3:1',
      `${FF} ${T}/x. (Reason: CORS request did not succeed). Status code: (null).`,
    ].join('\r\n');
    const r = recognize(paste);
    assert.deepStrictEqual(r.map((m) => [m.template, m.code, m.value ?? null]), [
      ['firefox:exception:fetch:INVALID_HEADER:value', 'INVALID_HEADER', 'text/html\r\nX-Evil: 1'],
      ['firefox:CORSDidNotSucceed2', null, null],
    ]);
    assert.equal(r[0]!.line, 'run.html:3 Uncaught (in promise) TypeError: Window.fetch: text/html\r\nX-Evil: 1 is an invalid header value.');
    // A dangling start joins nothing that is recognized by itself.
    assert.deepStrictEqual(recognize("TypeError: Header 'X-Foo' has invalid value: 'a\nTypeError: Load failed").map((m) => m.template), ['webkit:exception:fetch:any']);
  });

  test("WebKit's bare 'TypeError: Type error' is a low-confidence guess, and nothing near it matches", () => {
    const [r, ...rest] = recognize('TypeError: Type error');
    assert.equal(rest.length, 0);
    assert.deepStrictEqual([r?.browser, r?.code, r?.confidence, r?.browsers, r?.ambiguous], ['webkit', 'INVALID_HEADER', 'low', undefined, undefined]);
    assert.match(helpForMessage(r!)?.meaning ?? '', /^Only a guess/);
    for (const text of ['TypeError: Type error.', 'TypeError: Type error in foo', 'TypeError: type error', 'Error: Type error']) {
      assert.deepStrictEqual(recognize(text), [], text);
    }
    // Every other template is recognized with full confidence.
    assert.ok(ALL_CASES.every((c) => c.line === 'TypeError: Type error' || recognize(c.line)[0]?.confidence === undefined));
  });

  test('help for the codes of the observed loader lines', () => {
    const help = (line: string): ReturnType<typeof helpForMessage> => helpForMessage(recognize(line)[0]!);
    for (const line of [
      `Cancelled load to ${T}/x because it violates the resource's Cross-Origin-Resource-Policy response header.`,
      `The resource at “${T}/x” was blocked due to its Cross-Origin-Resource-Policy header (or lack thereof). See https://developer.mozilla.org/docs/Web/HTTP/Cross-Origin_Resource_Policy_(CORP)#`,
    ]) {
      assert.deepStrictEqual(help(line)?.lines, ['Cross-Origin-Resource-Policy: cross-origin'], line);
      assert.equal(help(line)?.where, `the response from ${T}/x`, line);
    }
    for (const line of [
      `Not allowed to follow a redirection while loading ${T}/x`,
      'No-Cors mode requires follow redirect mode',
      `Fetch API cannot load ${T}/x. Request mode is "no-cors" but the redirect mode is not "follow".`,
    ]) {
      assert.deepStrictEqual(help(line)?.lines, ['redirect: "follow"'], line);
    }
    assert.deepStrictEqual(help(`Cross-origin redirection to data:text/plain,hi denied by Cross-Origin Resource Sharing policy: not allowed to follow a cross-origin CORS redirection with non CORS scheme`)?.lines, ['Location: <an http: or https: URL>']);
    assert.equal(help('Not allowed to request resource'), null);
  });

  test('non-CORS text is not recognized', () => {
    for (const text of [
      '', '   \n  ', 'hello world', "TypeError: Cannot read properties of undefined (reading 'map')",
      'Failed to load resource: the server responded with a status of 404 (Not Found)',
      'GET http://localhost:3000/api 404 (Not Found)', '(anonymous) @ run.html:12',
      'Origin is not allowed', 'Access to fetch at something',
    ]) {
      assert.deepStrictEqual(recognize(text), [], text);
    }
  });
});

// Round trip: every console line and exception the engine renders (console.ts, from the same tables)
// for the project's scenarios is recognized, attributed to its browser, and maps back to the run's code.
describe('recognize: round trip through the renderer', () => {
  const ROOT = new URL('../../', import.meta.url).pathname;
  function jsonFiles(dir: string, out: string[] = []): string[] {
    let entries: string[];
    try { entries = readdirSync(dir).sort(); } catch { return out; }
    for (const e of entries) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) jsonFiles(p, out);
      else if (e.endsWith('.json')) out.push(p);
    }
    return out;
  }
  const files = ['test/scenarios', 'examples', 'conformance/corpus'].flatMap((d) => jsonFiles(join(ROOT, d)));

  test('there are scenarios to render', () => assert.ok(files.length > 0));

  for (const file of files) {
    test(relative(ROOT, file), () => {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      for (const s of (Array.isArray(parsed) ? parsed : [parsed]) as Scenario[]) {
        const result = diagnoseScenario(s);
        for (const b of BROWSERS.filter((x): x is EngineName => x !== 'spec')) {
          for (const [i, run] of (result.browsers[b]?.runs ?? []).entries()) {
            const where = `${s.name} ${b} run ${i}`;
            const lines = run.jsError === null ? run.console : [...run.console, run.jsError];
            const got = lines.map((l) => recognize(l));
            lines.forEach((l, j) => {
              assert.equal(got[j]!.length, 1, `${where}: not recognized: ${l}`);
              const r = got[j]![0]!;
              assert.ok(r.browser === b || r.browsers?.includes(b) === true, `${where}: ${l} → ${r.browser}`);
            });
            if (run.code === null || (run.console.length === 0 && run.jsError === null)) continue;
            const want: string[] = b === 'chromium' ? [run.code] : [run.code, baseKind(run.code)];
            const codes = got.flat().flatMap((r) => [r.code, ...(r.ambiguous ?? [])]);
            // Failures without a console line of their own print only generic companions.
            if (codes.every((c) => c === null)) continue;
            assert.ok(codes.some((c) => c !== null && want.includes(c)), `${where}: ${run.code} not in ${JSON.stringify(codes)} from ${JSON.stringify(lines)}`);
          }
        }
      }
    });
  }
});

test('CORP lines: the COEP hint follows the message\'s ambiguity, in Firefox and WebKit alike (both print the same line for a missing CORP under require-corp)', () => {
  const T = 'http://127.0.0.1:8002/t';
  const lines = [
    `Cancelled load to ${T}/x because it violates the resource's Cross-Origin-Resource-Policy response header.`,
    `The resource at “${T}/x” was blocked due to its Cross-Origin-Resource-Policy header (or lack thereof). See https://developer.mozilla.org/docs/Web/HTTP/Cross-Origin_Resource_Policy_(CORP)#`,
  ];
  for (const line of lines) {
    const m = recognize(line)[0];
    assert.ok(m !== undefined, line);
    const help = helpForMessage(m);
    assert.ok(help !== null && help.meaning.includes('Cross-Origin-Embedder-Policy: require-corp'), `${line}\n${help?.meaning}`);
  }
});
