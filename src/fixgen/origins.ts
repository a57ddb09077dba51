/**
 * Origin allowlists as each configuration language needs them: anchored regular expressions
 * (one alternation, no unanchored `.match` traps) and quoted literals.
 */
import type { OriginRule, Policy } from './types.js';

/** Escapes a literal for a regular expression (PCRE, RE2, JS, Python, Ruby, Java, .NET alike). */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, (c) => (c === '/' ? '/' : `\\${c}`));
}

/** One label or more: what `*.` stands for in `https://*.example.com`. */
const LABELS = String.raw`[a-z0-9-]+(?:\.[a-z0-9-]+)*`;

/** The unanchored regex body matching exactly the origins one rule allows. */
export function ruleRegex(r: OriginRule): string {
  switch (r.kind) {
    case 'exact':
      return escapeRegex(r.origin);
    case 'subdomain':
      return `${r.scheme}://${LABELS}\\.${escapeRegex(r.suffix)}${r.port === '' ? '' : r.port === '*' ? '(?::[0-9]+)?' : `:${r.port}`}`;
    case 'anyport':
      return `${r.scheme}://${escapeRegex(r.host)}(?::[0-9]+)?`;
  }
}

export type Anchors = 'caret-dollar' | 'ruby';

/**
 * One anchored regex matching every allowed origin (exact ones too), e.g.
 * `^(?:https://app\.example\.com|https://[a-z0-9-]+(?:\.[a-z0-9-]+)*\.example\.com)$`.
 */
export function allowlistRegex(rules: readonly OriginRule[], anchors: Anchors = 'caret-dollar'): string {
  const body = rules.map(ruleRegex);
  const alt = body.length === 1 ? body[0]! : `(?:${body.join('|')})`;
  return anchors === 'ruby' ? `\\A${alt}\\z` : `^${alt}$`;
}

/** Anchored regex for the pattern rules only (exact origins listed separately). */
export function patternRegex(policy: Policy, anchors: Anchors = 'caret-dollar'): string | null {
  return policy.patterns.length === 0 ? null : allowlistRegex(policy.patterns, anchors);
}

/** A JS regex literal: `/^https:\/\/a\.example\.com$/`. */
export function jsRegexLiteral(re: string): string {
  return `/${re.replace(/\//g, '\\/')}/`;
}

/** A JSON/JS double-quoted string. */
export const q = (s: string): string => JSON.stringify(s);
/** A single-quoted JS/Python/PHP/Ruby string (values here never hold quotes or backslashes). */
export const sq = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** `'a', 'b'` */
export const sqList = (xs: readonly string[]): string => xs.map(sq).join(', ');
/** `"a", "b"` */
export const qList = (xs: readonly string[]): string => xs.map(q).join(', ');

/** Sample origins a rule allows (for tests and verification). */
export function sampleOrigins(r: OriginRule): string[] {
  switch (r.kind) {
    case 'exact':
      return [r.origin];
    case 'subdomain': {
      const port = r.port === '' ? '' : r.port === '*' ? ':5173' : `:${r.port}`;
      return [`${r.scheme}://app.${r.suffix}${port}`, `${r.scheme}://a.b-c.${r.suffix}${port}`];
    }
    case 'anyport':
      return [`${r.scheme}://${r.host}:5173`, `${r.scheme}://${r.host}`];
  }
}

/** Origins a policy must refuse: look-alikes that catch unanchored or over-broad matches. */
export function lookalikeOrigins(policy: Policy): string[] {
  if (policy.anyOrigin) return [];
  const out = new Set<string>(['https://evil.example.net', 'null']);
  for (const r of policy.rules) {
    if (r.kind === 'exact') {
      if (!/^https?:/.test(r.origin)) continue;
      const u = new URL(r.origin);
      out.add(`${u.protocol}//${u.host}.evil.net`);
      out.add(`${u.protocol === 'https:' ? 'http:' : 'https:'}//${u.host}`);
      out.add(`${u.protocol}//x${u.host}`);
    } else if (r.kind === 'subdomain') {
      out.add(`${r.scheme}://${r.suffix}.evil.net`);
      out.add(`${r.scheme}://evil${r.suffix}`);
      if (r.port !== '*') out.add(`${r.scheme}://app.${r.suffix}:${r.port === '8443' ? '9443' : '8443'}`);
    } else {
      out.add(`${r.scheme}://${r.host}.evil.net`);
      out.add(`${r.scheme === 'https' ? 'http' : 'https'}://${r.host}:5173`);
    }
  }
  // Never list an origin the policy allows (e.g. http://x and https://x both listed).
  const re = new RegExp(allowlistRegex(policy.rules));
  return [...out].filter((o) => !re.test(o));
}
