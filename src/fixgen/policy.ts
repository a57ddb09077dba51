/**
 * The policy the generators render, derived from the policy compiler (src/policy): a config is
 * valid for `corsight fix` exactly when `compilePolicy` accepts it, and invalid ones are refused
 * with the compiler's problems (`{ code, option, value, reason, suggestion? }`, all of them).
 * The origin rules are the compiler's parsed `OriginPattern`s, reshaped for rendering.
 */
import { validatePolicyConfig, type NormalizedPolicy } from '../policy/compile.js';
import type { PolicyConfig } from '../policy/config.js';
import { PolicyError, formatProblem } from '../policy/errors.js';
import { parseOriginPattern, type OriginPattern } from '../policy/origin-pattern.js';
import { FixgenError, type OriginRule, type Policy } from './types.js';

const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];

/** An origin rule from a compiled origin pattern. */
export function ruleFromPattern(p: OriginPattern): OriginRule {
  if (p.subdomains) return { kind: 'subdomain', source: p.text, scheme: p.scheme, suffix: p.host, port: p.port };
  if (p.port === '*') return { kind: 'anyport', source: p.text, scheme: p.scheme, host: p.host };
  return { kind: 'exact', origin: p.text };
}

/**
 * Parses one origin entry as the policy compiler does (no credentials, no `dangerously*` switch);
 * returns the rule or the compiler's reasons, one line.
 *
 * @example
 * parseOrigin('https://*.example.com') // → { kind: 'subdomain', suffix: 'example.com', ... }
 */
export function parseOrigin(value: string): OriginRule | string {
  if (value === 'null' || value === '*') {
    const r = validatePolicyConfig({ origins: [value], credentials: false });
    return r.ok ? "'*' is a whole-policy setting, not an origin rule" : r.problems.map(formatProblem).join('; ');
  }
  const { pattern, problems } = parseOriginPattern(value, { credentials: false, allowInsecure: false, allowPublicSuffix: false });
  if (pattern === null || problems.length > 0) return problems.map(formatProblem).join('; ');
  return ruleFromPattern(pattern);
}

/** Entries of a (validated) list option as written, `*` left out, duplicates (case-insensitive) dropped. */
function listAsWritten(raw: unknown): string[] {
  const out: string[] = [];
  for (const v of Array.isArray(raw) ? raw : []) {
    if (typeof v === 'string' && v !== '*' && !out.some((x) => x.toLowerCase() === v.toLowerCase())) out.push(v);
  }
  return out;
}

/** The rendering policy for a compiled one. `raw` is the config as given (for the case of exposed names). */
function fromCompiled(n: NormalizedPolicy, raw: Record<string, unknown>): Policy {
  const rules = n.patterns.map(ruleFromPattern);
  const methods = [...SAFELISTED_METHODS, ...n.methods.filter((m) => !SAFELISTED_METHODS.includes(m))];
  const anyExposeHeader = n.exposeHeaders.includes('*');
  // Exposed names keep the case they were written in (readability); the compiler checked each one.
  const exposeHeaders = listAsWritten(raw['exposeHeaders']);
  const c = n.config;
  const config: PolicyConfig = {
    origins: c.origins,
    ...(n.credentials ? { credentials: true } : {}),
    methods: n.anyMethod ? ['*', ...methods] : methods,
    ...(n.requestHeaders.length || n.anyRequestHeader ? { requestHeaders: [...(n.anyRequestHeader ? ['*'] : []), ...n.requestHeaders] } : {}),
    ...(exposeHeaders.length || anyExposeHeader ? { exposeHeaders: [...(anyExposeHeader ? ['*'] : []), ...exposeHeaders] } : {}),
    ...(n.maxAge !== undefined ? { maxAge: n.maxAge } : {}),
    ...(c.debug ? { debug: true } : {}),
    ...(c.dangerouslyAllowAnyOriginWithCredentials ? { dangerouslyAllowAnyOriginWithCredentials: true } : {}),
    ...(c.dangerouslyAllowInsecureOrigins ? { dangerouslyAllowInsecureOrigins: true } : {}),
    ...(c.dangerouslyAllowPublicSuffixWildcards ? { dangerouslyAllowPublicSuffixWildcards: true } : {}),
    ...(c.dangerouslyAllowNullOrigin ? { dangerouslyAllowNullOrigin: true } : {}),
  };
  return {
    anyOrigin: n.anyOrigin,
    allowNull: n.allowNull,
    rules,
    exact: rules.flatMap((r) => (r.kind === 'exact' ? [r.origin] : [])),
    patterns: rules.filter((r): r is Exclude<OriginRule, { kind: 'exact' }> => r.kind !== 'exact'),
    credentials: n.credentials,
    methods,
    extraMethods: methods.filter((m) => !SAFELISTED_METHODS.includes(m)),
    anyMethod: n.anyMethod,
    requestHeaders: [...n.requestHeaders],
    anyRequestHeader: n.anyRequestHeader,
    exposeHeaders,
    anyExposeHeader,
    maxAge: n.maxAge,
    debug: n.debug,
    config,
  };
}

/**
 * Validates a policy config with the policy compiler (`validatePolicyConfig`, the check
 * `compilePolicy` runs) and applies the generators' defaults.
 *
 * @throws FixgenError holding every problem (`problems`), with the message `compilePolicy` throws.
 * @example
 * normalizePolicy({ origins: ['https://app.example.com'], methods: ['PUT'] }).methods
 * // → ['GET', 'HEAD', 'POST', 'PUT']
 */
export function normalizePolicy(input: unknown): Policy {
  const r = validatePolicyConfig(input);
  if (!r.ok) throw new FixgenError(new PolicyError(r.problems).message, r.problems);
  return fromCompiled(r.value, input as Record<string, unknown>);
}
