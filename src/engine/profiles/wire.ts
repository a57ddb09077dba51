import type { HeaderPair } from '../types.js';

/**
 * The request headers a browser adds on the wire beyond what the engine models, and the order it
 * puts them in (HTTP/1.1). Recorded 2026-11-24 from the installed browsers, Debian's Chromium 156,
 * Firefox ESR 153.7 and WebKitGTK 2.50.6 (test/check/record-wire-headers.ts; the recordings are
 * the data of src/analyze/wire-headers.test.ts), for a preflighted
 * `fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-A': '1' } })`
 * and a simple GET. Used by src/analyze/wire-headers.ts; the engine itself does not read it.
 */
export interface WireProfile {
  /** What the browser identifies itself as (Linux builds of the pinned versions). */
  readonly userAgent: string;
  readonly acceptLanguage: string;
  readonly acceptEncoding: string;
  /** The `Connection` header as sent (WebKit capitalizes `Keep-Alive`). */
  readonly connection: string;
  /**
   * Whether `Sec-Fetch-*` (and the headers sent with them) go on a redirected request. WebKit
   * drops them (conformance/NOTES.md, redirect-302-cross-to-cross).
   */
  readonly secFetchAfterRedirect: boolean;
  /** Headers sent with `Sec-Fetch-*` on a request that is not a preflight (Chromium's client hints). */
  readonly clientHints: readonly HeaderPair[];
  /** Headers sent on every request (Firefox's `Priority`). */
  readonly always: readonly HeaderPair[];
  /**
   * Lower-case header names in wire order, for a preflight and for the request itself. `*` stands
   * for the page's own headers in the page's order; WebKit sends the page's headers it knows
   * ("common" ones such as `Content-Type`, `Authorization`) first and the others last
   * (`*common`, `*`).
   */
  readonly order: { readonly preflight: readonly string[]; readonly actual: readonly string[] };
}

export const chromiumWire: WireProfile = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  acceptLanguage: 'en-US,en;q=0.9',
  acceptEncoding: 'gzip, deflate, br, zstd',
  connection: 'keep-alive',
  secFetchAfterRedirect: true,
  clientHints: [['sec-ch-ua', '"Not:A-Brand";v="8", "Chromium";v="156"'], ['sec-ch-ua-mobile', '?0'], ['sec-ch-ua-platform', '"Linux"']],
  always: [],
  order: {
    preflight: ['host', 'connection', 'accept', 'access-control-request-method', 'access-control-request-headers', 'origin', 'user-agent',
      'sec-fetch-mode', 'sec-fetch-site', 'sec-fetch-dest', 'referer', 'accept-encoding', 'accept-language'],
    actual: ['host', 'connection', 'content-length', 'sec-ch-ua-platform', 'user-agent', 'sec-ch-ua', '*', 'sec-ch-ua-mobile', 'accept', 'origin',
      'sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest', 'referer', 'accept-encoding', 'accept-language'],
  },
};

export const firefoxWire: WireProfile = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
  acceptLanguage: 'en-US,en;q=0.5',
  acceptEncoding: 'gzip, deflate, br, zstd',
  connection: 'keep-alive',
  secFetchAfterRedirect: true,
  clientHints: [],
  always: [['Priority', 'u=4']],
  order: {
    preflight: ['host', 'user-agent', 'accept', 'accept-language', 'accept-encoding', 'access-control-request-method', 'access-control-request-headers',
      'referer', 'origin', 'connection', 'sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site', 'priority'],
    actual: ['host', 'user-agent', 'accept', 'accept-language', 'accept-encoding', 'referer', '*', 'content-length', 'origin', 'connection',
      'sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site', 'priority'],
  },
};

export const webkitWire: WireProfile = {
  // WebKitGTK 2.50.6's own default (observed); Safari on macOS says `Version/26.0` instead.
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
  acceptLanguage: 'en-US',
  acceptEncoding: 'gzip, deflate',
  connection: 'Keep-Alive',
  secFetchAfterRedirect: false,
  clientHints: [],
  always: [],
  order: {
    preflight: ['origin', 'access-control-request-method', 'referer', 'access-control-request-headers', 'user-agent', 'accept', 'accept-encoding',
      'accept-language', 'connection', 'host', 'sec-fetch-mode', 'sec-fetch-dest', 'sec-fetch-site'],
    actual: ['*common', 'origin', 'referer', 'accept', 'user-agent', 'content-length', 'accept-encoding', 'accept-language', 'connection', 'host',
      'sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site', '*'],
  },
};

/** The standard names no wire format: Chromium's, without its client hints. */
export const specWire: WireProfile = { ...chromiumWire, clientHints: [] };
