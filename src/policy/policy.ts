/**
 * The compiled, immutable CORS policy and its framework-neutral request handling:
 * `decide(method, origin, acrm, acrh)` → a `CorsDecision` holding precomputed header values.
 * Adapters (src/middleware) only copy the decision's strings onto their framework's response.
 */
import type { PolicyConfig } from './config.js';
import type { NormalizedPolicy } from './compile.js';
import { isSerializedOrigin, OriginMatcher } from './origin-matcher.js';
import { checkRequestHeaders, isTokenString, type RequestHeadersVerdict } from './request-headers.js';

/** A response header as [name, value]. */
export type HeaderLine = readonly [name: string, value: string];

/** Why a preflight was refused. */
export interface Refusal {
  readonly reason: 'origin' | 'method' | 'headers' | 'malformed';
  /** One line for logs: what was asked and what the policy allows (asked values JSON-quoted). */
  readonly message: string;
}

/**
 * What to do with one request.
 * - `preflight`: answer it here with `status` (204 allowed, 403 refused; 204 in debug mode) and `headers`, no body.
 * - `actual`: let the app answer and add `headers` (and `vary`) to whatever it answers, errors included.
 */
export interface CorsDecision {
  readonly kind: 'preflight' | 'actual';
  /** 204 or 403 for preflights; 0 for actual requests (the app chooses). */
  readonly status: number;
  /** CORS headers to set; never contains `Vary`. Shared decisions are frozen: copy, never hand the array out. */
  readonly headers: readonly HeaderLine[];
  /** Names to append to `Vary` (never overwrite it), or null. */
  readonly vary: string | null;
  /** For refused preflights: why. */
  readonly refusal: Refusal | null;
}

const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';
const ACAM = 'Access-Control-Allow-Methods';
const ACAH = 'Access-Control-Allow-Headers';
const ACMA = 'Access-Control-Max-Age';
const ACEH = 'Access-Control-Expose-Headers';

const VARY_ORIGIN = 'Origin';
const VARY_PREFLIGHT = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
const VARY_PREFLIGHT_ANY = 'Access-Control-Request-Method, Access-Control-Request-Headers';

const SAFELISTED_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST']);
const BY_NAME_ONLY: ReadonlySet<string> = new Set(['authorization']);
/** Longest `Access-Control-Request-Method` considered. */
const MAX_METHOD_LENGTH = 64;

function freezeDecision(d: CorsDecision): CorsDecision {
  for (const h of d.headers) Object.freeze(h);
  Object.freeze(d.headers);
  return Object.freeze(d);
}

function quote(s: string): string {
  return JSON.stringify(s.length > 120 ? `${s.slice(0, 117)}...` : s);
}

/** Request headers in one of the shapes frameworks hand out. */
export type RequestHeaders =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

function one(v: string | readonly string[] | null | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  return v.join(', '); // repeated lines: combined as Fetch does (an origin list never matches)
}

/** An immutable compiled policy. Build it with `compilePolicy(config)`. */
export class CorsPolicy {
  /** The normalized config (origins canonical, header names lower-case); frozen. */
  readonly config: Readonly<PolicyConfig>;
  readonly debug: boolean;
  private readonly credentials: boolean;
  private readonly anyOrigin: boolean;
  private readonly allowNull: boolean;
  private readonly matcher: OriginMatcher;
  private readonly methods: ReadonlySet<string>;
  private readonly anyMethod: boolean;
  private readonly requestHeaders: ReadonlySet<string>;
  private readonly anyRequestHeader: boolean;
  /** Per exact origin: the actual-request decision, built once. */
  private readonly actualByOrigin: ReadonlyMap<string, CorsDecision>;
  private readonly actualAny: CorsDecision;
  private readonly actualRefused: CorsDecision;
  private readonly preflightRefused: CorsDecision;
  private readonly acac: HeaderLine | null;
  private readonly acma: HeaderLine | null;
  private readonly aceh: HeaderLine | null;
  private readonly allowedMethodsText: string;
  private readonly allowedHeadersText: string;
  private readonly preflightVary: string;

  constructor(n: NormalizedPolicy) {
    this.config = deepFreeze(structuredCloneConfig(n.config));
    this.debug = n.debug;
    this.credentials = n.credentials;
    this.anyOrigin = n.anyOrigin;
    this.allowNull = n.allowNull;
    this.matcher = new OriginMatcher(n.patterns);
    this.methods = new Set(n.methods);
    this.anyMethod = n.anyMethod;
    this.requestHeaders = new Set(n.requestHeaders);
    this.anyRequestHeader = n.anyRequestHeader;
    this.acac = n.credentials ? Object.freeze([ACAC, 'true'] as const) : null;
    this.acma = n.maxAge !== undefined ? Object.freeze([ACMA, String(n.maxAge)] as const) : null;
    this.aceh = n.exposeHeaders.length > 0 ? Object.freeze([ACEH, n.exposeHeaders.join(', ')] as const) : null;
    this.allowedMethodsText = ['GET', 'HEAD', 'POST', ...n.methods.filter((m) => !SAFELISTED_METHODS.has(m))].join(', ');
    this.allowedHeadersText = n.requestHeaders.join(', ');
    // Any origin without credentials: the answer does not depend on Origin (`*`), so no Vary: Origin.
    const wildcard = n.anyOrigin && !n.credentials;
    this.preflightVary = wildcard ? VARY_PREFLIGHT_ANY : VARY_PREFLIGHT;
    this.actualAny = freezeDecision({ kind: 'actual', status: 0, headers: this.actualHeaders('*'), vary: null, refusal: null });
    this.actualRefused = freezeDecision({ kind: 'actual', status: 0, headers: [], vary: VARY_ORIGIN, refusal: null });
    this.preflightRefused = freezeDecision({ kind: 'preflight', status: 403, headers: [], vary: this.preflightVary, refusal: null });
    const byOrigin = new Map<string, CorsDecision>();
    for (const p of n.patterns) {
      if (p.subdomains || p.port === '*') continue;
      byOrigin.set(p.text, freezeDecision({ kind: 'actual', status: 0, headers: this.actualHeaders(p.text), vary: VARY_ORIGIN, refusal: null }));
    }
    this.actualByOrigin = byOrigin;
    Object.freeze(this);
  }

  private actualHeaders(origin: string): HeaderLine[] {
    const h: HeaderLine[] = [[ACAO, origin]];
    if (this.acac !== null) h.push(this.acac);
    if (this.aceh !== null) h.push(this.aceh);
    return h;
  }

  /** The normalized config: `compilePolicy(policy.toJSON())` is an equal policy. */
  toJSON(): PolicyConfig {
    return structuredCloneConfig(this.config);
  }

  /**
   * Whether `origin` (the request's `Origin` value, as sent) is allowed. `null` is the literal
   * opaque origin. Fetch § CORS check step 3: the browser compares `Access-Control-Allow-Origin`
   * byte-for-byte with the serialized origin, so only exact, canonical values ever match.
   */
  allowsOrigin(origin: string): boolean {
    if (this.anyOrigin && !this.credentials) return true; // answered with `*`, never reflected
    if (origin === 'null') return this.allowNull;
    // Any origin with credentials (dangerously): reflected, so only a well-formed serialized origin.
    if (this.anyOrigin) return isSerializedOrigin(origin);
    return this.matcher.matches(origin);
  }

  /** The value to send as `Access-Control-Allow-Origin` for an allowed origin. */
  private allowOriginValue(origin: string): string {
    return this.anyOrigin && !this.credentials ? '*' : origin;
  }

  /**
   * The decision for one request, from its method and its `Origin`, `Access-Control-Request-Method`
   * and `Access-Control-Request-Headers` values (null when absent; repeated lines combined with ", ").
   */
  decide(method: string, origin: string | null, acrm: string | null, acrh: string | null): CorsDecision {
    // Fetch § CORS-preflight fetch steps 1–5: a preflight is an OPTIONS request with Origin and
    // Access-Control-Request-Method. Any other OPTIONS is the app's (passed through as an actual request).
    if (method === 'OPTIONS' && origin !== null && acrm !== null) return this.preflight(origin, acrm, acrh);
    return this.actual(origin);
  }

  /** `decide` with the request headers in a framework's shape (lower-case keys, or a Fetch `Headers`). */
  handle(method: string, headers: RequestHeaders): CorsDecision {
    if (typeof (headers as { get?: unknown }).get === 'function') {
      const h = headers as { get(name: string): string | null };
      return this.decide(method, h.get('origin'), h.get('access-control-request-method'), h.get('access-control-request-headers'));
    }
    const r = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
    return this.decide(method, one(r.origin), one(r['access-control-request-method']), one(r['access-control-request-headers']));
  }

  /**
   * Actual (non-preflight) requests: Fetch § CORS check — `Access-Control-Allow-Origin` (and
   * `-Credentials` for credentialed requests) decide whether the page may read the response;
   * `Access-Control-Expose-Headers` (Fetch § CORS filtered response) which headers it sees.
   */
  actual(origin: string | null): CorsDecision {
    if (this.anyOrigin && !this.credentials) return this.actualAny;
    if (origin === null) return this.actualRefused; // not a CORS request; still Vary: Origin for caches
    const hit = this.actualByOrigin.get(origin);
    if (hit !== undefined) return hit;
    if (!this.allowsOrigin(origin)) return this.actualRefused;
    // Pattern matches (validated by the matcher) and reflected origins: fresh, unshared decision.
    return { kind: 'actual', status: 0, headers: this.actualHeaders(origin), vary: VARY_ORIGIN, refusal: null };
  }

  /** Fetch § CORS-preflight fetch step 7: what the browser checks, answered from the policy. */
  preflight(origin: string, acrm: string, acrh: string | null): CorsDecision {
    // Step 7.3 (CORS check): the origin.
    if (!this.allowsOrigin(origin)) {
      return this.refuse('origin', `origin ${quote(origin)} is not allowed`, origin, false, acrm);
    }
    // Step 7.7: the method. Safelisted methods pass without being listed; others must be listed
    // byte-for-byte (or `*` without credentials; with credentials we answer the method by name).
    if (acrm.length > MAX_METHOD_LENGTH || !isTokenString(acrm)) {
      return this.refuse('malformed', `Access-Control-Request-Method ${quote(acrm)} is not a method`, origin, true, null);
    }
    if (!SAFELISTED_METHODS.has(acrm) && !this.methods.has(acrm) && !(this.anyMethod && !isForbiddenUpper(acrm))) {
      return this.refuse('method', `method ${quote(acrm)} is not allowed (allowed: ${this.allowedMethodsText})`, origin, true, null);
    }
    // Step 7.8: every requested header name must be listed (Authorization by name only, checklist #53).
    let allowHeaders: string | null = null;
    if (acrh !== null) {
      const verdict: RequestHeadersVerdict = checkRequestHeaders(acrh, this.requestHeaders, this.anyRequestHeader, BY_NAME_ONLY);
      if (!verdict.ok) {
        const msg = verdict.why === 'not-allowed'
          ? `request header ${quote(verdict.name)} is not allowed (allowed: ${this.allowedHeadersText || 'none'})`
          : `Access-Control-Request-Headers is ${verdict.why === 'too-long' ? 'too long' : verdict.why === 'too-many' ? 'a list of too many names' : 'malformed'}`;
        return this.refuse(verdict.why === 'not-allowed' ? 'headers' : 'malformed', msg, origin, true, acrm);
      }
      allowHeaders = trimList(acrh);
    }
    const h: HeaderLine[] = [[ACAO, this.allowOriginValue(origin)]];
    if (this.acac !== null) h.push(this.acac);
    h.push([ACAM, acrm]); // validated token: answers exactly what was asked
    if (allowHeaders !== null) h.push([ACAH, allowHeaders]); // validated tokens, commas and spaces only
    if (this.acma !== null) h.push(this.acma);
    return { kind: 'preflight', status: 204, headers: h, vary: this.preflightVary, refusal: null };
  }

  /**
   * A refused preflight: 403 without CORS headers. In debug mode a 204 with just enough headers for
   * the browser to name the precise reason (the origin check passes only when the origin is allowed;
   * the method or header lists never include what was refused).
   */
  private refuse(reason: Refusal['reason'], what: string, origin: string, originOk: boolean, method: string | null): CorsDecision {
    const refusal: Refusal = { reason, message: `corsight: refused preflight: ${what}` };
    if (!this.debug) return { ...this.preflightRefused, refusal };
    const h: HeaderLine[] = [];
    if (originOk) {
      h.push([ACAO, this.allowOriginValue(origin)]);
      if (this.acac !== null) h.push(this.acac);
      if (reason === 'method' || method === null) h.push([ACAM, this.allowedMethodsText]);
      else {
        h.push([ACAM, method]);
        if (this.allowedHeadersText !== '') h.push([ACAH, this.allowedHeadersText]);
      }
    }
    return { kind: 'preflight', status: 204, headers: h, vary: this.preflightVary, refusal };
  }
}

function isForbiddenUpper(m: string): boolean {
  const u = m.toUpperCase();
  return u === 'CONNECT' || u === 'TRACE' || u === 'TRACK';
}

/** ACRH echoed as ACAH: trimmed of surrounding whitespace; null when it names nothing. */
function trimList(v: string): string | null {
  let s = 0;
  let e = v.length;
  while (s < e && (v.charCodeAt(s) === 0x20 || v.charCodeAt(s) === 0x09 || v.charCodeAt(s) === 0x2c)) s++;
  while (e > s && (v.charCodeAt(e - 1) === 0x20 || v.charCodeAt(e - 1) === 0x09 || v.charCodeAt(e - 1) === 0x2c)) e--;
  if (s === e) return null;
  return s === 0 && e === v.length ? v : v.slice(s, e);
}

function structuredCloneConfig(c: PolicyConfig): PolicyConfig {
  return JSON.parse(JSON.stringify(c)) as PolicyConfig;
}

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
