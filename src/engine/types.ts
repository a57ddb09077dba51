/**
 * Public data shapes of the engine: scenario v1 (input) and simulation results (output).
 * The scenario shape is a documented public interface (docs/scenario-format.md); only optional
 * fields may be added.
 */

/** A header as given on the wire or by the page: [name, value], order and duplicates kept. */
export type HeaderPair = [name: string, value: string];

export type Api = 'fetch' | 'xhr';
export type CredentialsMode = 'omit' | 'same-origin' | 'include';
export type RequestMode = 'cors' | 'no-cors' | 'same-origin' | 'navigate';
export type RedirectMode = 'follow' | 'error' | 'manual';
/** Fetch's `RequestCache` (`#concept-request-cache-mode`). */
export type CacheMode = 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached';
/** Fetch's `RequestDuplex` (`#dom-requestinit-duplex`): only `"half"` exists. */
export type Duplex = 'half';
/** Referrer Policy's policies (`#referrer-policies`); `""` means the page's policy. */
export type ReferrerPolicy =
  | '' | 'no-referrer' | 'no-referrer-when-downgrade' | 'same-origin' | 'origin' | 'strict-origin'
  | 'origin-when-cross-origin' | 'strict-origin-when-cross-origin' | 'unsafe-url';

/** The request the page makes (`fetch(url, init)` or an XMLHttpRequest). */
export interface ScenarioRequest {
  api?: Api;
  url: string;
  method?: string;
  headers?: HeaderPair[];
  credentials?: CredentialsMode;
  mode?: RequestMode;
  redirect?: RedirectMode;
  body?: string;
  /** fetch only: `init.cache` (default `"default"`). */
  cache?: CacheMode;
  /** fetch only: `init.referrerPolicy` (default `""`: the page's policy, `strict-origin-when-cross-origin`). */
  referrerPolicy?: ReferrerPolicy;
  /** XHR only: an event listener is registered on `xhr.upload` before `send()` (default false). */
  uploadListeners?: boolean;
  /**
   * fetch only: `body` is given to fetch as a `ReadableStream` that yields it as one chunk (UTF-8)
   * instead of as a string (default false; needs `body`).
   */
  bodyStream?: boolean;
  /** fetch only: `init.duplex` (absent by default; a stream body requires `"half"`). */
  duplex?: Duplex;
}

/** One server route: the first route whose `method` (if given) and `url` match answers. */
export interface Route {
  method?: string;
  url: string;
  status?: number;
  headers?: HeaderPair[];
  body?: string;
  /**
   * The route answers only requests that carry each of these headers with exactly this value
   * (all lines of the name combined with `, `), or, for `null`, do not carry it at all. For
   * conditional requests: `[["If-None-Match", "\"v1\""]]` answers a revalidation.
   */
  requestHeaders?: [name: string, value: string | null][];
}

export interface Repeat {
  count: number;
  intervalMs: number;
  /**
   * Requests of the later runs: run i (i ≥ 1) makes `requests[i - 1]` when present, else the
   * scenario's `request` (at most `count - 1` items). For sequences such as a PUT preflight, then a
   * DELETE one, then the PUT again against the same URL.
   */
  requests?: ScenarioRequest[];
}

/** The request run `run` (0-based) of a scenario makes: `repeat.requests[run - 1]` or `request`. */
export function requestForRun(s: Pick<Scenario, 'request' | 'repeat'>, run: number): ScenarioRequest {
  return (run > 0 ? s.repeat?.requests?.[run - 1] : undefined) ?? s.request;
}

/** Scenario format v1. */
export interface Scenario {
  name?: string;
  description?: string;
  /** Where the case comes from: spec section, WPT file, or a real-browser observation. */
  source?: string;
  tags?: string[];
  page: string;
  /**
   * Response headers the page document itself is served with, e.g.
   * `[["Cross-Origin-Embedder-Policy", "require-corp"]]` (the page's embedder policy).
   */
  pageHeaders?: HeaderPair[];
  request: ScenarioRequest;
  server?: Route[];
  repeat?: Repeat;
  /** Expected results, for test tables; never read by the engine. */
  expect?: unknown;
}

export type BrowserId = 'chromium' | 'firefox' | 'webkit' | 'spec';
export const BROWSERS: readonly BrowserId[] = ['chromium', 'firefox', 'webkit', 'spec'];
/** The three real browsers (the `spec` profile is the standard as written). */
export const REAL_BROWSERS: readonly BrowserId[] = ['chromium', 'firefox', 'webkit'];

export type Outcome = 'allowed' | 'opaque' | 'blocked' | 'rejected';
export type ResponseType = 'basic' | 'cors' | 'opaque' | 'opaqueredirect';

/** A request that reached the server. */
export interface SentRequest {
  method: string;
  url: string;
  /** Modeled headers: Origin, Access-Control-Request-*, Accept, Content-Type and the page's own. */
  headers: HeaderPair[];
  /** True for a CORS preflight (OPTIONS sent by the browser, not by the page). */
  preflight: boolean;
}

/** One browser console line, as structured data; `diagnose` renders its exact text. */
export interface LogEvent {
  /** Browser-native message id, e.g. `cors:MissingAllowOriginHeader`, `CORSDidNotSucceed2`. */
  key: string;
  level: 'error' | 'warning';
  /** Substitution values (url, origin, value, status, method, header, ...). */
  args: Record<string, string>;
}

/** Where in the exchange a failure happened. */
export type FailureStage = 'request' | 'preflight' | 'redirect' | 'response';

export interface Failure {
  code: import('./codes.js').FailureCode;
  stage: FailureStage;
  /** URL of the request that failed (after redirects). */
  url: string;
  /** The first URL of the request (before redirects). */
  firstUrl: string;
  /** Response status the failing check saw, when there was a response. */
  status?: number;
  /** The offending header name (as the check saw it) and value, where relevant. */
  header?: string;
  value?: string;
  /** The first invalid list element (ACAM/ACAH parse failures). */
  token?: string;
  /** The method concerned (method checks). */
  method?: string;
  /** The serialized request origin the check compared against (`null` when redirect-tainted). */
  origin?: string;
  /** The redirect target (Location resolved), for failures on a redirect response. */
  location?: string;
  /** The scheme, for unsupported-scheme failures. */
  scheme?: string;
  /** For INVALID_HEADER: which check failed (`bytestring` = a code point above U+00FF). */
  detail?: 'name' | 'value' | 'bytestring';
  /** The route that answered the failing request, when there was one. */
  route?: { method?: string; url: string };
}

/** The result of one run of the request in one browser. */
export interface RunResult {
  outcome: Outcome;
  /** Status seen by script: null when fetch rejected or the API threw; 0 for opaque and xhr errors. */
  status: number | null;
  /** Response type (fetch only; null for xhr and on failure). */
  type: ResponseType | null;
  /** Header names visible to script, lower-cased, sorted, unique. */
  exposedHeaders: string[];
  /** What the page sees thrown/rejected, as data (diagnose renders e.g. `TypeError: Failed to fetch`). */
  exception: LogEvent | null;
  /** The failure, when the outcome is blocked or rejected. */
  failure: Failure | null;
  /** Console lines as data (rendered by diagnose). */
  logs: LogEvent[];
  /** Requests that reached the server, in order. */
  sent: SentRequest[];
  /** Whether this run used a cached preflight. */
  preflightCached: boolean;
}

export interface BrowserResult {
  runs: RunResult[];
}

export interface ScenarioResult {
  name: string;
  browsers: Partial<Record<BrowserId, BrowserResult>>;
}
