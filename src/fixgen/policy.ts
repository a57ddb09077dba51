/**
 * Structural validation and normalization of a `PolicyConfig` for the generators. The policy
 * compiler (src/policy) is the full validator; this is the subset every generator needs to emit
 * correct configuration: canonical origins, tokens, the max-age range, `*` never with credentials.
 */
import { isToken } from '../engine/index.js';
import type { PolicyConfig } from '../policy/config.js';
import { FixgenError, type OriginRule, type Policy, type PolicyProblem } from './types.js';

const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];
/** Fetch "forbidden method": a page can never send these, so listing them is a mistake. */
const FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK'];
const HOST = String.raw`(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*`;
const IPV6 = String.raw`\[[0-9a-f:.]+\]`;
const ORIGIN_RE = new RegExp(String.raw`^(https?)://(\*\.)?(${HOST}|${IPV6})(?::(\*|[0-9]{1,5}))?$`);

/** Parses one origin entry; returns the rule or the reason it is not canonical. */
export function parseOrigin(value: string): OriginRule | string {
  if (value === 'null') return "'null' is not allowed: sandboxed frames and file: pages share it, so it allows everyone";
  // Non-HTTP schemes (browser extensions): exact origins only, as the browser serializes them.
  const ext = /^([a-z][a-z0-9+.-]*):\/\/([a-z0-9.-]+)$/.exec(value);
  if (ext !== null && ext[1] !== 'http' && ext[1] !== 'https') return { kind: 'exact', origin: value };
  const lower = value.toLowerCase();
  const m = ORIGIN_RE.exec(lower);
  if (m === null) {
    const hint = canonicalHint(value);
    return hint ? `not a serialized origin; did you mean '${hint}'?` : 'not a serialized origin (scheme://host[:port], no path)';
  }
  if (lower !== value) return `origins are lower-case as browsers send them: use '${lower}'`;
  const [, scheme, star, host, port] = m as unknown as [string, string, string | undefined, string, string | undefined];
  if (port !== undefined && port !== '*') {
    const n = Number(port);
    if (n > 65535 || String(n) !== port) return 'invalid port';
    if ((scheme === 'https' && n === 443) || (scheme === 'http' && n === 80)) return `browsers omit the default port: use '${scheme}://${host}'`;
  }
  if (star !== undefined) {
    if (host.startsWith('[') || /^[0-9.]+$/.test(host)) return 'a subdomain wildcard over an IP address';
    if (!host.includes('.') && host !== 'localhost') return `'*.${host}' covers a top-level domain; name the registrable domain`;
    return { kind: 'subdomain', source: value, scheme, suffix: host, port: port ?? '' };
  }
  if (port === '*') return { kind: 'anyport', source: value, scheme, host };
  return { kind: 'exact', origin: value };
}

function canonicalHint(value: string): string | null {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

/**
 * Validates a policy config and applies defaults. Every problem is reported together.
 *
 * @throws FixgenError listing the problems (one line, `; `-separated).
 * @example
 * normalizePolicy({ origins: ['https://app.example.com'], methods: ['put'] }).methods
 * // → ['GET', 'HEAD', 'POST', 'PUT']
 */
export function normalizePolicy(input: unknown): Policy {
  const problems: PolicyProblem[] = [];
  const add = (option: string, value: unknown, reason: string): void => void problems.push({ option, value, reason });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FixgenError('the policy must be a JSON object like {"origins": ["https://app.example.com"]}');
  }
  const c = input as Record<string, unknown>;
  const known = ['origins', 'credentials', 'methods', 'requestHeaders', 'exposeHeaders', 'maxAge'];
  for (const k of Object.keys(c)) if (!known.includes(k)) add(k, c[k], `unknown option (known: ${known.join(', ')})`);

  const credentials = c['credentials'] === undefined ? false : c['credentials'];
  if (typeof credentials !== 'boolean') add('credentials', credentials, 'must be true or false');

  const rules: OriginRule[] = [];
  let anyOrigin = false;
  const origins = c['origins'];
  if (!Array.isArray(origins) || origins.length === 0) {
    add('origins', origins, 'must be a non-empty array of origins, or ["*"]');
  } else {
    for (const o of origins) {
      if (typeof o !== 'string') { add('origins', o, 'must be a string'); continue; }
      if (o === '*') {
        if (origins.length > 1) add('origins', o, "'*' must be the only entry");
        if (credentials === true) add('origins', o, "'*' cannot be used with credentials: browsers reject Access-Control-Allow-Origin: * on credentialed requests");
        anyOrigin = true;
        continue;
      }
      const r = parseOrigin(o);
      if (typeof r === 'string') add('origins', o, r);
      else if (!rules.some((x) => JSON.stringify(x) === JSON.stringify(r))) rules.push(r);
    }
  }

  const methods = [...SAFELISTED_METHODS];
  const rawMethods = c['methods'];
  if (rawMethods !== undefined && !Array.isArray(rawMethods)) add('methods', rawMethods, 'must be an array of method names');
  for (const m of Array.isArray(rawMethods) ? rawMethods : []) {
    if (typeof m !== 'string' || !isToken(m)) { add('methods', m, 'not a method name (an HTTP token)'); continue; }
    const up = m.toUpperCase();
    if (FORBIDDEN_METHODS.includes(up)) { add('methods', m, 'a forbidden method: pages can never send it'); continue; }
    if (up === 'OPTIONS') continue; // answered as the preflight; never needs listing
    if (!methods.includes(up)) methods.push(up);
  }

  const headerList = (option: 'requestHeaders' | 'exposeHeaders', lower: boolean): string[] => {
    const raw = c[option];
    const out: string[] = [];
    if (raw === undefined) return out;
    if (!Array.isArray(raw)) { add(option, raw, 'must be an array of header names'); return out; }
    for (const h of raw) {
      if (typeof h !== 'string' || !isToken(h)) { add(option, h, 'not a header name (an HTTP token)'); continue; }
      if (h === '*') { add(option, h, "'*' is not supported: list the names (it means every header only without credentials, and never Authorization)"); continue; }
      const v = lower ? h.toLowerCase() : h;
      if (!out.some((x) => x.toLowerCase() === v.toLowerCase())) out.push(v);
    }
    return out;
  };
  const requestHeaders = headerList('requestHeaders', true);
  const exposeHeaders = headerList('exposeHeaders', false);

  const maxAge = c['maxAge'];
  if (maxAge !== undefined && (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0 || maxAge > 86400)) {
    add('maxAge', maxAge, 'must be an integer number of seconds, 0..86400 (Chromium caps at 7200, Firefox at 86400)');
  }

  if (problems.length > 0) {
    const text = problems.map((p) => `${p.option}: ${JSON.stringify(p.value)} — ${p.reason}`).join('; ');
    throw new FixgenError(`invalid policy: ${text}`, problems);
  }
  const exact = rules.flatMap((r) => (r.kind === 'exact' ? [r.origin] : []));
  const patterns = rules.filter((r): r is Exclude<OriginRule, { kind: 'exact' }> => r.kind !== 'exact');
  const config: PolicyConfig = {
    origins: anyOrigin ? ['*'] : rules.map((r) => (r.kind === 'exact' ? r.origin : r.source)),
    ...(credentials === true ? { credentials: true } : {}),
    methods,
    ...(requestHeaders.length ? { requestHeaders } : {}),
    ...(exposeHeaders.length ? { exposeHeaders } : {}),
    ...(typeof maxAge === 'number' ? { maxAge } : {}),
  };
  return {
    anyOrigin,
    rules,
    exact,
    patterns,
    credentials: credentials === true,
    methods,
    extraMethods: methods.filter((m) => !SAFELISTED_METHODS.includes(m)),
    requestHeaders,
    exposeHeaders,
    maxAge: typeof maxAge === 'number' ? maxAge : undefined,
    config,
  };
}
