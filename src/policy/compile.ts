/**
 * `compilePolicy`: validates a `PolicyConfig` once (every problem reported together) and returns an
 * immutable `CorsPolicy` whose per-request work is Set lookups and precomputed header values.
 */
import { isForbiddenMethod, normalizeMethod } from '../engine/method.js';
import { isForbiddenRequestHeader, isForbiddenResponseHeaderName } from '../engine/request-headers.js';
import type { PolicyConfig } from './config.js';
import { PolicyError, type PolicyProblem } from './errors.js';
import { parseOriginPattern, type OriginPattern } from './origin-pattern.js';
import { CorsPolicy } from './policy.js';
import { isTokenString } from './request-headers.js';

/** Per-browser caps of `Access-Control-Max-Age` (the engine's profiles: src/engine/profiles/*). */
export const MAX_AGE_CAPS = Object.freeze({ chromium: 7200, firefox: 86400, webkit: 600 });
export const MAX_MAX_AGE = 86400;

const KNOWN_OPTIONS: ReadonlySet<string> = new Set([
  'origins', 'credentials', 'methods', 'requestHeaders', 'exposeHeaders', 'maxAge', 'debug',
  'dangerouslyAllowAnyOriginWithCredentials', 'dangerouslyAllowInsecureOrigins',
  'dangerouslyAllowPublicSuffixWildcards', 'dangerouslyAllowNullOrigin',
]);
const BOOLEAN_OPTIONS = [
  'credentials', 'debug', 'dangerouslyAllowAnyOriginWithCredentials', 'dangerouslyAllowInsecureOrigins',
  'dangerouslyAllowPublicSuffixWildcards', 'dangerouslyAllowNullOrigin',
] as const;

/** The validated, normalized content of a policy (what `toJSON` returns and `CorsPolicy` is built from). */
export interface NormalizedPolicy {
  readonly config: PolicyConfig;
  readonly anyOrigin: boolean;
  readonly allowNull: boolean;
  readonly patterns: readonly OriginPattern[];
  readonly credentials: boolean;
  /** Allowed methods beyond the safelisted ones, byte-exact as browsers send them. */
  readonly methods: readonly string[];
  readonly anyMethod: boolean;
  /** Lower-case request header names. */
  readonly requestHeaders: readonly string[];
  readonly anyRequestHeader: boolean;
  readonly exposeHeaders: readonly string[];
  readonly maxAge: number | undefined;
  readonly debug: boolean;
}

function stringList(cfg: Record<string, unknown>, option: string, problems: PolicyProblem[]): string[] | undefined {
  const v = cfg[option];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    problems.push({ code: 'INVALID_TYPE', option, value: v, reason: 'must be an array of strings' });
    return undefined;
  }
  const out: string[] = [];
  for (const item of v) {
    if (typeof item !== 'string') problems.push({ code: 'INVALID_TYPE', option, value: item, reason: 'must be a string' });
    else out.push(item);
  }
  return out;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** Validates a config; returns the normalized policy data or the full list of problems. */
export function validatePolicyConfig(input: unknown): { ok: true; value: NormalizedPolicy } | { ok: false; problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ code: 'INVALID_CONFIG', option: '(config)', value: input, reason: 'must be an object like { "origins": ["https://app.example.com"] }' }] };
  }
  const cfg = input as Record<string, unknown>;
  for (const key of Object.keys(cfg)) {
    if (!KNOWN_OPTIONS.has(key)) {
      const near = key === 'origin' ? 'origins' : key === 'allowedHeaders' || key === 'allowHeaders' ? 'requestHeaders'
        : key === 'exposedHeaders' ? 'exposeHeaders' : key === 'allowMethods' ? 'methods' : undefined;
      problems.push(near === undefined
        ? { code: 'UNKNOWN_OPTION', option: key, value: cfg[key], reason: 'is not a corsight policy option' }
        : { code: 'UNKNOWN_OPTION', option: key, value: cfg[key], reason: 'is not a corsight policy option', suggestion: near });
    }
  }
  const flags: Record<string, boolean> = {};
  for (const key of BOOLEAN_OPTIONS) {
    const v = cfg[key];
    if (v !== undefined && typeof v !== 'boolean') problems.push({ code: 'INVALID_TYPE', option: key, value: v, reason: 'must be true or false' });
    flags[key] = v === true;
  }
  const credentials = flags.credentials === true;

  // ---- origins ----
  const originsRaw = stringList(cfg, 'origins', problems);
  if (cfg.origins === undefined) problems.push({ code: 'NO_ORIGINS', option: 'origins', value: undefined, reason: 'is required: list the origins allowed to read responses' });
  else if (originsRaw !== undefined && originsRaw.length === 0) problems.push({ code: 'NO_ORIGINS', option: 'origins', value: [], reason: 'is empty: list at least one origin' });
  const origins = unique(originsRaw ?? []);
  let anyOrigin = false;
  let allowNull = false;
  const patterns: OriginPattern[] = [];
  const seen = new Set<string>();
  for (const o of origins) {
    if (o === '*') {
      anyOrigin = true;
      if (origins.length > 1) problems.push({ code: 'WILDCARD_ORIGIN_NOT_ALONE', option: 'origins', value: o, reason: 'allows every origin, so it must be the only entry', suggestion: '*' });
      if (credentials && !flags.dangerouslyAllowAnyOriginWithCredentials) {
        problems.push({ code: 'WILDCARD_ORIGIN_WITH_CREDENTIALS', option: 'origins', value: o, reason: 'with credentials: true would let every site read credentialed responses (browsers refuse `*` with credentials; list the origins, or set dangerouslyAllowAnyOriginWithCredentials)' });
      }
      continue;
    }
    if (o === 'null') {
      if (flags.dangerouslyAllowNullOrigin) allowNull = true;
      else problems.push({ code: 'NULL_ORIGIN', option: 'origins', value: o, reason: 'is sent by sandboxed iframes, file: pages and cross-origin redirects, so any site can forge it (set dangerouslyAllowNullOrigin to allow)' });
      continue;
    }
    const { pattern, problems: ps } = parseOriginPattern(o, {
      credentials,
      allowInsecure: flags.dangerouslyAllowInsecureOrigins === true,
      allowPublicSuffix: flags.dangerouslyAllowPublicSuffixWildcards === true,
    });
    problems.push(...ps);
    if (pattern !== null && ps.length === 0 && !seen.has(pattern.text)) {
      seen.add(pattern.text);
      patterns.push(pattern);
    }
  }

  // ---- methods (Fetch § methods; forbidden methods can never be sent by a page) ----
  const methodsRaw = unique(stringList(cfg, 'methods', problems) ?? []);
  let anyMethod = false;
  const methods: string[] = [];
  for (const m of methodsRaw) {
    if (m === '*') { anyMethod = true; continue; }
    if (!isTokenString(m)) problems.push({ code: 'INVALID_METHOD', option: 'methods', value: m, reason: 'is not an HTTP method (RFC 9110 token)' });
    else if (isForbiddenMethod(m)) problems.push({ code: 'FORBIDDEN_METHOD', option: 'methods', value: m, reason: 'is a forbidden method: browsers never send it from a page (Fetch § forbidden method)' });
    else if (normalizeMethod(m) !== m) {
      problems.push({ code: 'NON_CANONICAL_METHOD', option: 'methods', value: m, reason: 'is never sent as written: browsers upper-case it (Fetch § normalize a method) and compare methods byte-for-byte', suggestion: normalizeMethod(m) });
    } else if (!methods.includes(m)) methods.push(m);
  }

  // ---- request headers (Fetch § CORS-preflight fetch step 7.8) ----
  const reqRaw = unique(stringList(cfg, 'requestHeaders', problems) ?? []);
  let anyRequestHeader = false;
  const requestHeaders: string[] = [];
  for (const h of reqRaw) {
    if (h === '*') { anyRequestHeader = true; continue; }
    const lower = h.toLowerCase();
    if (!isTokenString(h)) problems.push({ code: 'INVALID_HEADER_NAME', option: 'requestHeaders', value: h, reason: 'is not a header name (RFC 9110 token)' });
    else if (isForbiddenRequestHeader(lower, '')) problems.push({ code: 'FORBIDDEN_REQUEST_HEADER_NAME', option: 'requestHeaders', value: h, reason: 'is a forbidden request-header name: pages cannot set it, browsers never ask for it (Fetch § forbidden request-header)' });
    else if (!requestHeaders.includes(lower)) requestHeaders.push(lower);
  }

  // ---- exposed headers (Fetch § CORS filtered response; `*` is literal with credentials) ----
  const expRaw = unique(stringList(cfg, 'exposeHeaders', problems) ?? []);
  const exposeHeaders: string[] = [];
  for (const h of expRaw) {
    if (h === '*') {
      if (credentials) problems.push({ code: 'WILDCARD_EXPOSE_WITH_CREDENTIALS', option: 'exposeHeaders', value: h, reason: 'means a header literally named `*` for credentialed requests (Fetch § CORS filtered response): list the names' });
      else if (!exposeHeaders.includes('*')) exposeHeaders.push('*');
      continue;
    }
    const lower = h.toLowerCase();
    if (!isTokenString(h)) problems.push({ code: 'INVALID_HEADER_NAME', option: 'exposeHeaders', value: h, reason: 'is not a header name (RFC 9110 token)' });
    else if (isForbiddenResponseHeaderName(lower)) problems.push({ code: 'FORBIDDEN_RESPONSE_HEADER_NAME', option: 'exposeHeaders', value: h, reason: 'is a forbidden response-header name: browsers never expose it (Fetch § forbidden response-header name)' });
    else if (!exposeHeaders.includes(lower)) exposeHeaders.push(lower);
  }

  // ---- max age (Fetch § CORS-preflight fetch step 7.9; browsers cap it) ----
  const maxAgeRaw = cfg.maxAge;
  let maxAge: number | undefined;
  if (maxAgeRaw !== undefined) {
    if (typeof maxAgeRaw !== 'number' || !Number.isInteger(maxAgeRaw) || maxAgeRaw < 0 || maxAgeRaw > MAX_MAX_AGE) {
      problems.push({
        code: 'INVALID_MAX_AGE', option: 'maxAge', value: maxAgeRaw,
        reason: `must be an integer number of seconds in 0..${MAX_MAX_AGE}; browsers cap it anyway: Chromium at ${MAX_AGE_CAPS.chromium} s, Firefox at ${MAX_AGE_CAPS.firefox} s, WebKit at ${MAX_AGE_CAPS.webkit} s`,
        ...(typeof maxAgeRaw === 'number' && Number.isFinite(maxAgeRaw) ? { suggestion: String(Math.min(Math.max(Math.round(maxAgeRaw), 0), MAX_AGE_CAPS.chromium)) } : {}),
      });
    } else maxAge = maxAgeRaw;
  }

  if (problems.length > 0) return { ok: false, problems };
  const config: PolicyConfig = {
    origins: [...(anyOrigin ? ['*'] : []), ...(allowNull ? ['null'] : []), ...patterns.map((p) => p.text)],
    ...(cfg.credentials !== undefined ? { credentials } : {}),
    ...(cfg.methods !== undefined ? { methods: [...(anyMethod ? ['*'] : []), ...methods] } : {}),
    ...(cfg.requestHeaders !== undefined ? { requestHeaders: [...(anyRequestHeader ? ['*'] : []), ...requestHeaders] } : {}),
    ...(cfg.exposeHeaders !== undefined ? { exposeHeaders } : {}),
    ...(maxAge !== undefined ? { maxAge } : {}),
    ...(flags.debug ? { debug: true } : {}),
    ...(flags.dangerouslyAllowAnyOriginWithCredentials ? { dangerouslyAllowAnyOriginWithCredentials: true } : {}),
    ...(flags.dangerouslyAllowInsecureOrigins ? { dangerouslyAllowInsecureOrigins: true } : {}),
    ...(flags.dangerouslyAllowPublicSuffixWildcards ? { dangerouslyAllowPublicSuffixWildcards: true } : {}),
    ...(flags.dangerouslyAllowNullOrigin ? { dangerouslyAllowNullOrigin: true } : {}),
  };
  return {
    ok: true,
    value: {
      config, anyOrigin, allowNull, patterns, credentials, methods, anyMethod, requestHeaders, anyRequestHeader,
      exposeHeaders, maxAge, debug: flags.debug === true,
    },
  };
}

/**
 * Compiles a policy config into an immutable `CorsPolicy`. Throws a `PolicyError` listing every
 * problem (`error.problems`: `{ code, option, value, reason, suggestion? }`), message starting `corsight:`.
 *
 * Defaults: `credentials` false; methods GET, HEAD, POST (always allowed, the CORS-safelisted ones);
 * no request headers; nothing exposed; no `Access-Control-Max-Age` (browsers then cache 5 s).
 *
 * @example
 * import { compilePolicy } from 'corsight/policy';
 * const policy = compilePolicy({
 *   origins: ['https://app.example.com', 'https://*.example.com', 'http://localhost:*'],
 *   credentials: true, methods: ['PUT', 'DELETE'], requestHeaders: ['content-type', 'authorization'],
 *   exposeHeaders: ['x-request-id'], maxAge: 600,
 * });
 * policy.decide('OPTIONS', 'https://app.example.com', 'PUT', 'content-type').status; // 204
 */
export function compilePolicy(config: PolicyConfig): CorsPolicy {
  const r = validatePolicyConfig(config);
  if (!r.ok) throw new PolicyError(r.problems);
  return new CorsPolicy(r.value);
}
