/**
 * Public suffix lookups over the generated list (public-suffix-data.ts, from the `tldts`
 * devDependency). Used at compile time only: a subdomain pattern over a public suffix
 * (`https://*.com`, `https://*.github.io`) would allow origins owned by anyone.
 */
import { EXCEPTIONS, RULES } from './public-suffix-data.js';

let rules: ReadonlySet<string> | null = null;
let exceptions: ReadonlySet<string> | null = null;

function unpack(packed: string): Set<string> {
  const out = new Set<string>();
  for (const group of packed.split(';')) {
    const colon = group.indexOf(':');
    const tld = group.slice(0, colon);
    for (const rest of group.slice(colon + 1).split(',')) out.add(rest === '' ? tld : `${rest}.${tld}`);
  }
  return out;
}

function load(): [ReadonlySet<string>, ReadonlySet<string>] {
  if (rules === null || exceptions === null) {
    rules = unpack(RULES);
    exceptions = unpack(EXCEPTIONS);
  }
  return [rules, exceptions];
}

/**
 * Whether `host` (lower-case ASCII, punycoded) is itself a public suffix under the Public Suffix
 * List algorithm (https://publicsuffix.org/list/, ICANN and private sections): a rule matches it
 * exactly or by a wildcard rule over its parent and no exception rule names it; a single label no
 * rule covers is a public suffix by the implicit `*` rule.
 */
export function isPublicSuffix(host: string): boolean {
  const [r, e] = load();
  if (host === '' || host.startsWith('.') || host.endsWith('.')) return false;
  if (e.has(host)) return false;
  if (r.has(host)) return true;
  const dot = host.indexOf('.');
  if (dot === -1) return true; // implicit "*" rule
  return r.has(`*.${host.slice(dot + 1)}`);
}
