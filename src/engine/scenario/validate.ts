/**
 * Scenario v1 validation: a precise, hand-written validator that reports every error with a JSON
 * path (`$.request.headers[0][1]`) and a short reason, plus `applyDefaults`.
 *
 * Pure: no `node:*` and no npm imports (the engine also runs in browsers). Only the global `URL`
 * is used. The JSON Schema `docs/scenario.schema.json` describes the same format; the test suite
 * checks that both accept and reject the same documents (the schema cannot run the WHATWG URL
 * parser, so it is looser on unparsable `page` / route `url` values only).
 */
import { FAILURE_CODES } from '../codes.js';
import type {
  Api,
  CacheMode,
  CredentialsMode,
  Duplex,
  HeaderPair,
  RedirectMode,
  ReferrerPolicy,
  Repeat,
  RequestMode,
  Route,
  Scenario,
  ScenarioRequest,
} from '../types.js';

/** One validation problem: where (`$.request.mode`) and why (`must be one of ...`). */
export interface ValidationError {
  path: string;
  message: string;
}

export type ScenarioValidation =
  | { ok: true; scenario: Scenario }
  | { ok: false; errors: ValidationError[] };

export type ScenarioFileValidation =
  | { ok: true; scenarios: Scenario[] }
  | { ok: false; errors: ValidationError[] };

/** The `$id` of docs/scenario.schema.json. */
export const SCENARIO_SCHEMA_ID = 'https://corsight.dev/schema/scenario-v1.json';

export const API_VALUES: readonly Api[] = ['fetch', 'xhr'];
export const CREDENTIALS_VALUES: readonly CredentialsMode[] = ['omit', 'same-origin', 'include'];
export const MODE_VALUES: readonly RequestMode[] = ['cors', 'no-cors', 'same-origin', 'navigate'];
export const REDIRECT_VALUES: readonly RedirectMode[] = ['follow', 'error', 'manual'];
export const CACHE_VALUES: readonly CacheMode[] = ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'];
export const DUPLEX_VALUES: readonly Duplex[] = ['half'];
export const REFERRER_POLICY_VALUES: readonly ReferrerPolicy[] = [
  '', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin', 'strict-origin',
  'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url',
];

/** Upper bound of `repeat.count`. */
export const MAX_REPEAT_COUNT = 100;

const OUTCOME_VALUES = ['allowed', 'opaque', 'blocked', 'rejected'] as const;
const RESPONSE_TYPE_VALUES = ['basic', 'cors', 'opaque', 'opaqueredirect'] as const;
const EXPECT_KEYS = ['all', 'chromium', 'firefox', 'webkit', 'spec'] as const;

// ---------------------------------------------------------------------------------------------
// Normalized form

/** The request with every default filled in. `body` stays optional: no body differs from `""`. */
export interface NormalizedRequest {
  api: Api;
  url: string;
  method: string;
  headers: HeaderPair[];
  credentials: CredentialsMode;
  mode: RequestMode;
  redirect: RedirectMode;
  body?: string;
  cache?: CacheMode;
  referrerPolicy?: ReferrerPolicy;
  uploadListeners?: boolean;
  bodyStream?: boolean;
  duplex?: Duplex;
}

/** A route with `status` (200) and `headers` ([]) filled in; no `method` matches any method. */
export interface NormalizedRoute {
  method?: string;
  url: string;
  status: number;
  headers: HeaderPair[];
  body?: string;
  requestHeaders?: [string, string | null][];
}

/** A scenario after `applyDefaults`: request defaults, `server` and `repeat` always present. */
export interface NormalizedScenario extends Omit<Scenario, 'request' | 'server' | 'repeat'> {
  request: NormalizedRequest;
  server: NormalizedRoute[];
  repeat: Repeat & { requests?: NormalizedRequest[] };
}

const copyHeaders = (headers: readonly HeaderPair[] | undefined): HeaderPair[] =>
  (headers ?? []).map(([name, value]): HeaderPair => [name, value]);

/**
 * Returns a new scenario with the defaults filled in: api `fetch`, method `GET`, headers `[]`,
 * credentials `same-origin`, mode `cors`, redirect `follow`; server `[]` (each route: status 200,
 * headers `[]`); repeat `{ count: 1, intervalMs: 0 }` (its `requests`, if any, get the request
 * defaults). Header lists are copied. Expects a scenario
 * that passed `validateScenario`.
 */
export function applyDefaults(s: Scenario): NormalizedScenario {
  const { request: r, server, repeat, ...meta } = s;
  const rest: Omit<Scenario, 'request' | 'server' | 'repeat'> & { $schema?: unknown } = { ...meta };
  delete rest.$schema;
  if (rest.tags) rest.tags = [...rest.tags];
  const request = normalizeRequest(r);
  const normalizedRepeat: NormalizedScenario['repeat'] = repeat ? { count: repeat.count, intervalMs: repeat.intervalMs } : { count: 1, intervalMs: 0 };
  if (repeat?.requests !== undefined) normalizedRepeat.requests = repeat.requests.map(normalizeRequest);
  return {
    ...rest,
    request,
    server: (server ?? []).map((route: Route): NormalizedRoute => {
      const out: NormalizedRoute = {
        url: route.url,
        status: route.status ?? 200,
        headers: copyHeaders(route.headers),
      };
      if (route.method !== undefined) out.method = route.method;
      if (route.body !== undefined) out.body = route.body;
      if (route.requestHeaders !== undefined) out.requestHeaders = route.requestHeaders.map(([n, v]): [string, string | null] => [n, v]);
      return out;
    }),
    repeat: normalizedRepeat,
  };
}

function normalizeRequest(r: ScenarioRequest): NormalizedRequest {
  const request: NormalizedRequest = {
    api: r.api ?? 'fetch',
    url: r.url,
    method: r.method ?? 'GET',
    headers: copyHeaders(r.headers),
    credentials: r.credentials ?? 'same-origin',
    mode: r.mode ?? 'cors',
    redirect: r.redirect ?? 'follow',
  };
  if (r.body !== undefined) request.body = r.body;
  if (r.cache !== undefined) request.cache = r.cache;
  if (r.referrerPolicy !== undefined) request.referrerPolicy = r.referrerPolicy;
  if (r.uploadListeners !== undefined) request.uploadListeners = r.uploadListeners;
  if (r.bodyStream !== undefined) request.bodyStream = r.bodyStream;
  if (r.duplex !== undefined) request.duplex = r.duplex;
  return request;
}

/** `"$.request.mode: must be one of ..."`. */
export function formatValidationError(e: ValidationError): string {
  return `${e.path}: ${e.message}`;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Validates one scenario object; reports all errors. On success returns the input, typed. */
export function validateScenario(value: unknown): ScenarioValidation {
  const errors: ValidationError[] = [];
  checkScenario(value, '$', errors);
  return errors.length === 0 ? { ok: true, scenario: value as Scenario } : { ok: false, errors };
}

/** Validates a scenario file: one scenario object or a non-empty array of them (`$[3].page`). */
export function validateScenarioFile(value: unknown): ScenarioFileValidation {
  const errors: ValidationError[] = [];
  if (Array.isArray(value)) {
    if (value.length === 0) {
      errors.push({ path: '$', message: 'expected at least one scenario, got an empty array' });
    }
    value.forEach((item, i) => checkScenario(item, `$[${i}]`, errors));
    return errors.length === 0 ? { ok: true, scenarios: value as Scenario[] } : { ok: false, errors };
  }
  if (!isPlainObject(value)) {
    errors.push({
      path: '$',
      message: `expected a scenario object or an array of scenarios, got ${typeName(value)}`,
    });
    return { ok: false, errors };
  }
  checkScenario(value, '$', errors);
  return errors.length === 0 ? { ok: true, scenarios: [value as unknown as Scenario] } : { ok: false, errors };
}

// ---------------------------------------------------------------------------------------------
// Helpers

type Errors = ValidationError[];
type Check = (value: unknown, path: string, errors: Errors) => void;

interface ObjectSpec {
  fields: Record<string, Check>;
  required?: readonly string[];
  /** Extra hint for an unknown key, when no close known key exists. */
  hint?: (key: string) => string | undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  return typeof v;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function childPath(path: string, key: string): string {
  return IDENT.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A JSON-quoted string, shortened for messages. */
function quote(s: string): string {
  const q = JSON.stringify(s);
  return q.length > 72 ? `${q.slice(0, 68)}..."` : q;
}

/** Edit distance counting an adjacent transposition as one edit ("cros" → "cors" is 1). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1]!;
      let d = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** The closest candidate: same ignoring case, or within 1 (short words) / 2 edits. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    const limit = c.length <= 4 ? 1 : 2;
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function checkObject(value: unknown, path: string, errors: Errors, spec: ObjectSpec): void {
  if (!isPlainObject(value)) {
    errors.push({ path, message: `expected an object, got ${typeName(value)}` });
    return;
  }
  const known = Object.keys(spec.fields);
  for (const key of Object.keys(value)) {
    const v = value[key];
    const check = Object.prototype.hasOwnProperty.call(spec.fields, key) ? spec.fields[key] : undefined;
    if (check) {
      if (v !== undefined) check(v, childPath(path, key), errors);
      continue;
    }
    const near = closest(key, known);
    const extra = near ? `did you mean ${quote(near)}?` : spec.hint?.(key);
    errors.push({
      path: childPath(path, key),
      message: `unknown key ${quote(key)}${extra ? ` (${extra})` : ''}`,
    });
  }
  for (const key of spec.required ?? []) {
    if (value[key] === undefined) errors.push({ path: childPath(path, key), message: 'required' });
  }
}

const checkString: Check = (v, path, errors) => {
  if (typeof v !== 'string') errors.push({ path, message: `expected a string, got ${typeName(v)}` });
};

const checkNonEmptyString: Check = (v, path, errors) => {
  if (typeof v !== 'string') errors.push({ path, message: `expected a string, got ${typeName(v)}` });
  else if (v.length === 0) errors.push({ path, message: 'must not be empty' });
};

const checkStringOrNull: Check = (v, path, errors) => {
  if (typeof v !== 'string' && v !== null) {
    errors.push({ path, message: `expected a string or null, got ${typeName(v)}` });
  }
};

const checkBoolean: Check = (v, path, errors) => {
  if (typeof v !== 'boolean') errors.push({ path, message: `expected a boolean, got ${typeName(v)}` });
};

function checkInteger(min: number, max: number | undefined): Check {
  return (v, path, errors) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      const got = typeof v === 'number' ? String(v) : typeName(v);
      errors.push({ path, message: `expected an integer, got ${got}` });
    } else if (v < min || (max !== undefined && v > max)) {
      const range = max === undefined ? `at least ${min}` : `from ${min} to ${max}`;
      errors.push({ path, message: `must be ${range}, got ${v}` });
    }
  };
}

function checkArrayOf(item: Check): Check {
  return (v, path, errors) => {
    if (!Array.isArray(v)) {
      errors.push({ path, message: `expected an array, got ${typeName(v)}` });
      return;
    }
    for (let i = 0; i < v.length; i++) item(v[i], `${path}[${i}]`, errors);
  };
}

function oneOfMessage(values: readonly string[], v: unknown, nullable = false): string {
  const list = values.map((x) => JSON.stringify(x)).join(', ');
  const base = `must be one of ${list}${nullable ? ' or null' : ''}`;
  const near = typeof v === 'string' ? closest(v, values) : undefined;
  return near ? `${base} (did you mean ${quote(near)}?)` : base;
}

function checkEnum(values: readonly string[]): Check {
  return (v, path, errors) => {
    if (typeof v !== 'string' || !values.includes(v)) {
      errors.push({ path, message: oneOfMessage(values, v) });
    }
  };
}

function checkEnumOrNull(values: readonly string[]): Check {
  return (v, path, errors) => {
    if (v !== null && (typeof v !== 'string' || !values.includes(v))) {
      errors.push({ path, message: oneOfMessage(values, v, true) });
    }
  };
}

/** An array of `[name, value]` pairs. Header syntax is not judged (the engine models that). */
function checkHeaderList(valueNullable: boolean): Check {
  const checkValue = valueNullable ? checkStringOrNull : checkString;
  return (v, path, errors) => {
    if (!Array.isArray(v)) {
      errors.push({ path, message: `expected an array of [name, value] pairs, got ${typeName(v)}` });
      return;
    }
    for (let i = 0; i < v.length; i++) {
      const pair: unknown = v[i];
      const p = `${path}[${i}]`;
      if (!Array.isArray(pair)) {
        errors.push({ path: p, message: `expected a [name, value] pair, got ${typeName(pair)}` });
      } else if (pair.length !== 2) {
        errors.push({
          path: p,
          message: `expected a [name, value] pair, got an array of ${pair.length} item${pair.length === 1 ? '' : 's'}`,
        });
      } else {
        checkString(pair[0], `${p}[0]`, errors);
        checkValue(pair[1], `${p}[1]`, errors);
      }
    }
  };
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
/** `localhost:3000`, `example.com:8080/x`: a host and port missing its `http://`. */
const HOST_PORT = /^[A-Za-z0-9.-]+:[0-9]+(?:[/?#]|$)/;
const HTTP_URL = /^[Hh][Tt][Tt][Pp][Ss]?:\/\//;

function parses(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/** `page`: an absolute URL of any scheme (`http:`, `https:`, `file:`, `data:`, ...). */
const checkPageUrl: Check = (v, path, errors) => {
  if (typeof v !== 'string') {
    errors.push({ path, message: `expected a string, got ${typeName(v)}` });
  } else if (HOST_PORT.test(v)) {
    errors.push({ path, message: `expected an absolute URL, got ${quote(v)} (did you mean ${quote(`http://${v}`)}?)` });
  } else if (!SCHEME.test(v)) {
    errors.push({ path, message: `expected an absolute URL (with a scheme, e.g. "http:"), got ${quote(v)}` });
  } else if (!parses(v)) {
    errors.push({ path, message: `not a valid URL: ${quote(v)}` });
  }
};

/** A route's `url`: an absolute `http:` / `https:` URL (only those reach a server). */
const checkRouteUrl: Check = (v, path, errors) => {
  if (typeof v !== 'string') {
    errors.push({ path, message: `expected a string, got ${typeName(v)}` });
  } else if (!HTTP_URL.test(v)) {
    errors.push({ path, message: `expected an absolute http:// or https:// URL, got ${quote(v)}` });
  } else if (!parses(v)) {
    errors.push({ path, message: `not a valid URL: ${quote(v)}` });
  }
};

// ---------------------------------------------------------------------------------------------
// The format

const REQUEST_KEYS = ['api', 'url', 'method', 'headers', 'credentials', 'mode', 'redirect', 'body', 'cache', 'referrerPolicy', 'uploadListeners', 'bodyStream', 'duplex'];
/** fetch/XHR options that scenario v1 does not model. */
const UNMODELED_INIT = [
  'referrer', 'integrity', 'keepalive', 'signal', 'priority',
  'window', 'timeout', 'responseType',
];

function requestHint(key: string): string | undefined {
  if (key === 'withCredentials') return 'use "credentials": "include"';
  if (UNMODELED_INIT.includes(key)) return 'not modeled by scenario v1';
  return undefined;
}

const checkRequest: Check = (v, path, errors) => {
  checkObject(v, path, errors, {
    fields: {
      api: checkEnum(API_VALUES),
      url: checkString,
      method: checkString,
      headers: checkHeaderList(false),
      credentials: checkEnum(CREDENTIALS_VALUES),
      mode: checkEnum(MODE_VALUES),
      redirect: checkEnum(REDIRECT_VALUES),
      body: checkString,
      cache: checkEnum(CACHE_VALUES),
      referrerPolicy: checkEnum(REFERRER_POLICY_VALUES),
      uploadListeners: checkBoolean,
      bodyStream: checkBoolean,
      duplex: checkEnum(DUPLEX_VALUES),
    },
    required: ['url'],
    hint: requestHint,
  });
  // Options that exist on only one of the two APIs.
  if (isPlainObject(v)) {
    const api = v.api === 'xhr' ? 'xhr' : 'fetch';
    for (const key of api === 'xhr' ? ['cache', 'referrerPolicy', 'bodyStream', 'duplex'] : ['uploadListeners']) {
      if (v[key] !== undefined) {
        errors.push({ path: childPath(path, key), message: api === 'xhr' ? `not available with api "xhr" (a fetch() option)` : `only available with api "xhr"` });
      }
    }
  }
  // A stream body is made from `body`.
  if (isPlainObject(v) && v.bodyStream === true && v.body === undefined) {
    errors.push({ path: childPath(path, 'bodyStream'), message: 'needs "body" (the stream yields the body as one chunk)' });
  }
  // XMLHttpRequest has no mode/redirect options and cannot omit credentials.
  if (!isPlainObject(v) || v.api !== 'xhr') return;
  const xhrRules: [key: string, values: readonly string[], allowed: readonly string[], why: string][] = [
    ['mode', MODE_VALUES, ['cors'], 'XMLHttpRequest always uses "cors"'],
    ['redirect', REDIRECT_VALUES, ['follow'], 'XMLHttpRequest always follows redirects'],
    ['credentials', CREDENTIALS_VALUES, ['same-origin', 'include'], 'use "include" for withCredentials = true, "same-origin" for false'],
  ];
  for (const [key, values, allowed, why] of xhrRules) {
    const x = v[key];
    // Values outside the enum already got a "must be one of" error.
    if (typeof x === 'string' && values.includes(x) && !allowed.includes(x)) {
      errors.push({ path: childPath(path, key), message: `${quote(x)} is not available with api "xhr" (${why})` });
    }
  }
};

function routeHint(key: string): string | undefined {
  if (key === 'statusCode' || key === 'code') return 'did you mean "status"?';
  if (key === 'path') return 'did you mean "url"?';
  if (key === 'when' || key === 'ifHeaders' || key === 'match') return 'did you mean "requestHeaders"?';
  return undefined;
}

const checkRoute: Check = (v, path, errors) => {
  checkObject(v, path, errors, {
    fields: {
      method: checkNonEmptyString,
      url: checkRouteUrl,
      status: checkInteger(100, 599),
      headers: checkHeaderList(false),
      body: checkString,
      requestHeaders: checkHeaderList(true),
    },
    required: ['url'],
    hint: routeHint,
  });
};

const checkRepeat: Check = (v, path, errors) => {
  checkObject(v, path, errors, {
    fields: {
      count: checkInteger(1, MAX_REPEAT_COUNT),
      intervalMs: checkInteger(0, undefined),
      requests: checkArrayOf(checkRequest),
    },
    required: ['count', 'intervalMs'],
  });
  // One request per later run at most: run i ≥ 1 makes requests[i - 1].
  if (!isPlainObject(v) || !Array.isArray(v.requests)) return;
  const count = v.count;
  if (typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= MAX_REPEAT_COUNT && v.requests.length > count - 1) {
    errors.push({
      path: `${path}.requests`,
      message: `has ${v.requests.length} request${v.requests.length === 1 ? '' : 's'}, more than the ${count - 1} later run${count - 1 === 1 ? '' : 's'} of count ${count}`,
    });
  }
};

// --- expect (docs/test-expectations.md)

const checkStatusExpectation: Check = (v, path, errors) => {
  if (v === null) return;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    const got = typeof v === 'number' ? String(v) : typeName(v);
    errors.push({ path, message: `expected an integer or null, got ${got}` });
  } else if (v !== 0 && (v < 100 || v > 599)) {
    errors.push({ path, message: `must be 0 or from 100 to 599, got ${v}` });
  }
};

const checkCodeExpectation: Check = (v, path, errors) => {
  if (v === null) return;
  if (typeof v !== 'string') {
    errors.push({ path, message: `expected a failure code or null, got ${typeName(v)}` });
  } else if (!(FAILURE_CODES as readonly string[]).includes(v)) {
    const near = closest(v, FAILURE_CODES);
    const extra = near ? `did you mean ${quote(near)}?` : 'see src/engine/codes.ts';
    errors.push({ path, message: `unknown failure code ${quote(v)} (${extra})` });
  }
};

const checkSentExpectation: Check = (v, path, errors) => {
  checkObject(v, path, errors, {
    fields: { method: checkString, url: checkString, headers: checkHeaderList(true) },
  });
};

const checkEmptyConsole: Check = (v, path, errors) => {
  checkArrayOf(checkString)(v, path, errors);
  if (Array.isArray(v) && v.length > 0) {
    errors.push({ path, message: 'must be empty: the spec profile writes no console lines' });
  }
};

const RUN_FIELD_NAMES = [
  'outcome', 'status', 'type', 'exposedHeaders', 'jsError', 'code', 'console', 'preflight',
  'sentCount', 'sent', 'preflightCached', 'runs',
];

function runFields(spec: boolean): Record<string, Check> {
  return {
    outcome: checkEnum(OUTCOME_VALUES),
    status: checkStatusExpectation,
    type: checkEnumOrNull(RESPONSE_TYPE_VALUES),
    exposedHeaders: checkArrayOf(checkString),
    jsError: checkStringOrNull,
    code: checkCodeExpectation,
    console: spec ? checkEmptyConsole : checkArrayOf(checkString),
    preflight: checkBoolean,
    sentCount: checkInteger(0, undefined),
    sent: checkArrayOf(checkSentExpectation),
    preflightCached: checkBoolean,
  };
}

function checkRunExpectation(spec: boolean, withRuns: boolean): Check {
  const fields = runFields(spec);
  if (withRuns) fields.runs = checkArrayOf(checkRunExpectation(spec, false));
  return (v, path, errors) => {
    checkObject(v, path, errors, {
      fields,
      hint: (key) => (key === 'runs' ? '"runs" cannot be nested' : undefined),
    });
  };
}

/** Browser and engine names people write instead of the profile keys. */
const PROFILE_ALIASES: Record<string, string> = {
  chrome: 'chromium', edge: 'chromium', blink: 'chromium', opera: 'chromium',
  safari: 'webkit', ff: 'firefox', gecko: 'firefox', mozilla: 'firefox', default: 'all', '*': 'all',
};

const checkExpect: Check = (v, path, errors) => {
  const fields: Record<string, Check> = {};
  for (const key of EXPECT_KEYS) fields[key] = checkRunExpectation(key === 'spec', true);
  checkObject(v, path, errors, {
    fields,
    hint: (key) => {
      const alias = PROFILE_ALIASES[key.toLowerCase()];
      if (alias) return `did you mean ${quote(alias)}?`;
      if (RUN_FIELD_NAMES.includes(key)) {
        return 'run expectations go under "all", "chromium", "firefox", "webkit" or "spec"';
      }
      return 'expected "all", "chromium", "firefox", "webkit" or "spec"';
    },
  });
};

const SCENARIO_FIELDS: Record<string, Check> = {
  $schema: checkString,
  name: checkString,
  description: checkString,
  source: checkString,
  tags: checkArrayOf(checkString),
  page: checkPageUrl,
  pageHeaders: checkHeaderList(false),
  request: checkRequest,
  server: checkArrayOf(checkRoute),
  repeat: checkRepeat,
  expect: checkExpect,
};

function scenarioHint(key: string): string | undefined {
  if (REQUEST_KEYS.includes(key)) return `did you mean "request.${key}"?`;
  if (key === 'routes' || key === 'responses') return 'did you mean "server"?';
  if (key === 'pageheaders' || key === 'documentHeaders' || key === 'page_headers') return 'did you mean "pageHeaders"?';
  return undefined;
}

function checkScenario(value: unknown, path: string, errors: Errors): void {
  checkObject(value, path, errors, {
    fields: SCENARIO_FIELDS,
    required: ['page', 'request'],
    hint: scenarioHint,
  });
}
