/**
 * Origin patterns of a policy, parsed and checked at compile time (HTML § origin,
 * `#ascii-serialisation-of-an-origin`; Fetch § `Origin` header). Three anchored shapes, no regex:
 * - exact: `https://app.example.com`, `http://localhost:3000`, `chrome-extension://abcdef`
 * - subdomains (one label or more): `https://*.example.com`, optionally with a port
 * - any port: `http://localhost:*` (combinable with subdomains: `http://*.localhost:*`)
 */
import type { PolicyProblem } from './errors.js';
import { isPublicSuffix } from './public-suffix.js';

export interface OriginPattern {
  /** The canonical pattern string as written in a canonical config. */
  readonly text: string;
  readonly scheme: string;
  /** Host without the wildcard label: `example.com` for `https://*.example.com`. */
  readonly host: string;
  readonly subdomains: boolean;
  /** `''` for the scheme's default port, digits, or `*` for any port. */
  readonly port: string;
}

export interface OriginOptions {
  readonly credentials: boolean;
  readonly allowInsecure: boolean;
  readonly allowPublicSuffix: boolean;
}

const PLACEHOLDER = 'corsight-wildcard-label';
const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21' };

/** Loopback hosts an `http:` origin may use with credentials (secure contexts by HTML § potentially trustworthy origin). */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  const parts = host.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256);
}

function isIpHost(host: string): boolean {
  if (host.startsWith('[')) return true;
  const parts = host.split('.');
  return parts.length === 4 && parts.every((p) => p !== '' && [...p].every((c) => c >= '0' && c <= '9'));
}

/**
 * Parses one configured origin. Returns the pattern, or the problems with it (several can apply).
 * The canonical form is what the browser sends as `Origin` (URL parser + origin serialization):
 * lower-case scheme and host, punycode, no default port, no path, no trailing slash.
 */
export function parseOriginPattern(value: string, opts: OriginOptions): { pattern: OriginPattern | null; problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  const fail = (code: PolicyProblem['code'], reason: string, suggestion?: string) => {
    problems.push(suggestion === undefined ? { code, option: 'origins', value, reason } : { code, option: 'origins', value, reason, suggestion });
    return { pattern: null, problems };
  };
  const sep = value.indexOf('://');
  if (sep <= 0) {
    const guess = /^[a-z0-9.-]+(:\d+)?$/i.test(value) ? `https://${value.toLowerCase()}` : undefined;
    return fail('INVALID_ORIGIN', 'is not an origin (scheme://host[:port])', guess);
  }
  const schemeText = value.slice(0, sep);
  let rest = value.slice(sep + 3);
  let subdomains = false;
  if (rest.startsWith('*.')) {
    subdomains = true;
    rest = `${PLACEHOLDER}.${rest.slice(2)}`;
  }
  let anyPort = false;
  // Any-port patterns: `:*` right after the host (before any path the user may have left).
  const starPort = rest.indexOf(':*');
  if (starPort !== -1 && (starPort + 2 === rest.length || rest[starPort + 2] === '/')) {
    anyPort = true;
    rest = rest.slice(0, starPort) + rest.slice(starPort + 2);
  }
  let url: URL;
  try {
    url = new URL(`${schemeText}://${rest}`);
  } catch {
    return fail('INVALID_ORIGIN', 'does not parse as a URL origin');
  }
  const scheme = url.protocol; // lower-case, with ':'
  const special = scheme === 'http:' || scheme === 'https:';
  let host = url.hostname;
  if (host === '') return fail('INVALID_ORIGIN', 'has no host');
  if (host.includes('*')) {
    return fail('INVALID_ORIGIN', 'has a wildcard that is not the whole left-most label (write https://*.example.com, which matches one or more labels)');
  }
  if (subdomains) {
    if (!host.startsWith(`${PLACEHOLDER}.`)) return fail('INVALID_ORIGIN', 'has a subdomain wildcard over an IP address');
    host = host.slice(PLACEHOLDER.length + 1);
    if (isIpHost(host)) return fail('INVALID_ORIGIN', 'has a subdomain wildcard over an IP address');
  }
  const port = anyPort ? '*' : url.port;
  if (!special) {
    // Non-special schemes (browser extensions, ...): exact origins only, as the browser serializes them.
    if (subdomains || anyPort) return fail('INVALID_ORIGIN', `uses a wildcard with the non-HTTP scheme ${scheme.slice(0, -1)} (only exact origins are supported there)`);
    if (url.pathname !== '' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      return fail('NON_CANONICAL_ORIGIN', 'is not a serialized origin (it has a path, query, fragment or credentials)', `${scheme}//${url.host}`);
    }
  }
  const text = `${scheme}//${subdomains ? '*.' : ''}${host}${port === '' ? '' : `:${port}`}`;
  const hasExtras = url.username !== '' || url.password !== '' || (special && url.pathname !== '/') || url.search !== '' || url.hash !== '';
  if (text !== value || hasExtras) {
    const what: string[] = [];
    if (url.pathname !== '/' && url.pathname !== '' ) what.push('a path');
    else if (value.endsWith('/')) what.push('a trailing slash');
    if (url.search !== '' || url.hash !== '') what.push('a query or fragment');
    if (url.username !== '' || url.password !== '') what.push('credentials');
    if (value.slice(0, sep + 3) !== value.slice(0, sep + 3).toLowerCase() || /[A-Z]/.test(value.slice(sep + 3))) what.push('upper case');
    const dp = DEFAULT_PORTS[scheme];
    if (dp !== undefined && (value.endsWith(`:${dp}`) || value.includes(`:${dp}/`))) what.push(`the default port ${dp}`);
    if (/[^\x20-\x7e]/.test(value)) what.push('a non-ASCII host (browsers send it punycoded)');
    const detail = what.length > 0 ? what.join(', ') : 'a different spelling';
    problems.push({
      code: 'NON_CANONICAL_ORIGIN', option: 'origins', value,
      reason: `is not what browsers send as Origin (it has ${detail}), so it would never match`,
      suggestion: text,
    });
  }
  if (subdomains && !opts.allowPublicSuffix && host !== 'localhost' && isPublicSuffix(host)) {
    problems.push({
      code: 'PUBLIC_SUFFIX_WILDCARD', option: 'origins', value,
      reason: `allows every subdomain of the public suffix ${host}, i.e. sites owned by anyone (set dangerouslyAllowPublicSuffixWildcards to allow)`,
    });
  }
  if (scheme === 'http:' && opts.credentials && !opts.allowInsecure && !isLoopbackHost(host)) {
    problems.push({
      code: 'INSECURE_ORIGIN_WITH_CREDENTIALS', option: 'origins', value,
      reason: 'is an insecure http: origin allowed with credentials: a network attacker can act as it (use https:, or set dangerouslyAllowInsecureOrigins)',
      suggestion: `https://${text.slice('http://'.length)}`,
    });
  }
  return { pattern: { text, scheme: scheme.slice(0, -1), host, subdomains, port }, problems };
}
