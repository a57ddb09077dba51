/**
 * Request-time origin matching: Set lookups only, one bounded pass over the `Origin` value, no
 * regex. A value is only ever reflected after it matched, i.e. after it was found byte-for-byte in
 * the exact set, or its scheme and suffix were found in a pattern set and every character of its
 * host and port was checked here.
 */
import type { OriginPattern } from './origin-pattern.js';

/** Longest `Origin` considered (scheme + 253-byte host + port, with room to spare). */
export const MAX_ORIGIN_LENGTH = 512;

const DEFAULT_PORT: Readonly<Record<string, string>> = { http: '80', https: '443' };

export class OriginMatcher {
  private readonly exact: ReadonlySet<string>;
  /** `scheme://host` of any-port patterns. */
  private readonly anyPort: ReadonlySet<string>;
  /** `scheme://*.host` + `''` | `:port` | `:*` of subdomain patterns. */
  private readonly subdomains: ReadonlySet<string>;
  private readonly hasPatterns: boolean;

  constructor(patterns: readonly OriginPattern[]) {
    const exact = new Set<string>();
    const anyPort = new Set<string>();
    const subdomains = new Set<string>();
    for (const p of patterns) {
      if (p.subdomains) subdomains.add(p.text);
      else if (p.port === '*') anyPort.add(`${p.scheme}://${p.host}`);
      else exact.add(p.text);
    }
    this.exact = exact;
    this.anyPort = anyPort;
    this.subdomains = subdomains;
    this.hasPatterns = anyPort.size > 0 || subdomains.size > 0;
  }

  /** Whether the request's `Origin` (as sent, exactly one value) is allowed. */
  matches(origin: string): boolean {
    const n = origin.length;
    if (n === 0 || n > MAX_ORIGIN_LENGTH) return false;
    if (this.exact.has(origin)) return true;
    if (!this.hasPatterns) return false;
    return this.matchPattern(origin, n);
  }

  private matchPattern(o: string, n: number): boolean {
    const sep = o.indexOf('://');
    if (sep !== 4 && sep !== 5) return false; // http or https: the only schemes patterns accept
    const scheme = o.slice(0, sep);
    if (scheme !== 'http' && scheme !== 'https') return false;
    const hostStart = sep + 3;
    const hostEnd = scanHostPort(o, hostStart, n, scheme);
    if (hostEnd === -1) return false;
    if (this.anyPort.size > 0 && this.anyPort.has(o.slice(0, hostEnd))) return true;
    if (this.subdomains.size > 0) {
      const prefix = o.slice(0, hostStart); // "https://"
      const portPart = o.slice(hostEnd);
      // Each proper suffix starting at a dot: "a.b.example.com" tries "*.b.example.com", "*.example.com", "*.com".
      for (let d = o.indexOf('.', hostStart); d !== -1 && d < hostEnd; d = o.indexOf('.', d + 1)) {
        const suffix = o.slice(d, hostEnd);
        if (this.subdomains.has(`${prefix}*${suffix}${portPart}`) || this.subdomains.has(`${prefix}*${suffix}:*`)) return true;
      }
    }
    return false;
  }
}

/**
 * Scans the host and optional port of a serialized origin starting at `hostStart`; returns the
 * index where the host ends, or -1 when the rest is not exactly `host[:port]` as browsers
 * serialize it (HTML § ASCII serialization of an origin).
 */
function scanHostPort(o: string, hostStart: number, n: number, scheme: string): number {
    let i = hostStart;
    let hostEnd: number;
    if (o.charCodeAt(i) === 0x5b /* [ */) {
      // IPv6 literal as serialized: hex digits, ':' and '.' inside brackets.
      i++;
      while (i < n) {
        const c = o.charCodeAt(i);
        if (c === 0x5d /* ] */) break;
        if (!((c >= 0x30 && c <= 0x3a) || (c >= 0x61 && c <= 0x66) || c === 0x2e)) return -1;
        i++;
      }
      if (i >= n || i === hostStart + 1) return -1;
      hostEnd = i + 1;
    } else {
      // Domain or IPv4 as serialized: lower-case LDH labels (plus '_'), no empty label.
      let prevDot = true;
      while (i < n) {
        const c = o.charCodeAt(i);
        if (c === 0x2e /* . */) {
          if (prevDot) return -1;
          prevDot = true;
        } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f) {
          prevDot = false;
        } else break;
        i++;
      }
      if (prevDot) return -1; // empty host or trailing dot
      hostEnd = i;
    }
    // Port: ':' then 1..5 digits, no leading zero, <= 65535, never the scheme's default (origin serialization).
    if (hostEnd !== n) {
      if (o.charCodeAt(hostEnd) !== 0x3a || n - hostEnd < 2 || n - hostEnd > 6 || o.charCodeAt(hostEnd + 1) === 0x30) return -1;
      let port = 0;
      for (let j = hostEnd + 1; j < n; j++) {
        const c = o.charCodeAt(j);
        if (c < 0x30 || c > 0x39) return -1;
        port = port * 10 + (c - 0x30);
      }
      if (port > 65535 || String(port) === DEFAULT_PORT[scheme]) return -1;
    }
    return hostEnd;
}

/**
 * Whether `o` has the exact shape of a serialized tuple origin (`scheme://host[:port]`, lower-case,
 * no default port for http/https) — the check made before reflecting an origin no pattern vouches for.
 */
export function isSerializedOrigin(o: string): boolean {
  const n = o.length;
  if (n === 0 || n > MAX_ORIGIN_LENGTH) return false;
  const sep = o.indexOf('://');
  if (sep <= 0) return false;
  for (let i = 0; i < sep; i++) {
    const c = o.charCodeAt(i);
    const alpha = c >= 0x61 && c <= 0x7a;
    if (!(alpha || (i > 0 && ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e)))) return false;
  }
  return scanHostPort(o, sep + 3, n, o.slice(0, sep)) !== -1;
}
