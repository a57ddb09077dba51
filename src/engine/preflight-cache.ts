import type { CacheModel } from './profiles/profile.js';

/** What a successful preflight allowed, as stored (Fetch § CORS-preflight cache `#cors-preflight-cache`). */
export interface PreflightGrant {
  origin: string;
  url: string;
  credentials: boolean;
  /** Methods from `Access-Control-Allow-Methods`, byte-exact (may contain `*`). */
  methods: readonly string[];
  /** Header names from `Access-Control-Allow-Headers`, lower-cased (may contain `*`). */
  headers: readonly string[];
  /** Seconds the grant lives (after the browser's default and caps). */
  maxAgeSeconds: number;
}

interface Entry {
  origin: string;
  url: string;
  credentials: boolean;
  expiresAt: number;
  methods: Set<string>;
  headers: Set<string>;
}

/**
 * A preflight cache with the browser's model: per-(origin, URL) records that are replaced by each
 * preflight (Chromium `PreflightCache`, WebKit `CrossOriginPreflightResultCache`) or per-method and
 * per-header entries that are refreshed and merged (the spec, Firefox `nsPreflightCache`).
 * Time is virtual, in milliseconds.
 */
export class PreflightCache {
  private entries: Entry[] = [];

  constructor(private readonly model: CacheModel) {}

  /** Fetch § CORS-preflight fetch steps 55–56: store a successful preflight's grant. */
  store(grant: PreflightGrant, now: number): void {
    if (grant.maxAgeSeconds <= 0 || grant.url.length >= this.model.maxUrlLength) return;
    const expiresAt = now + grant.maxAgeSeconds * 1000;
    if (this.model.granularity === 'replace-per-url') {
      this.entries = this.entries.filter((e) => !(e.origin === grant.origin && e.url === grant.url));
      this.entries.push({
        origin: grant.origin, url: grant.url, credentials: grant.credentials, expiresAt,
        methods: new Set(grant.methods), headers: new Set(grant.headers),
      });
      return;
    }
    // Per-method and per-header entries, keyed also by the credentials flag; refresh or create.
    let entry = this.entries.find(
      (e) => e.origin === grant.origin && e.url === grant.url && e.credentials === grant.credentials,
    );
    if (entry === undefined) {
      entry = { origin: grant.origin, url: grant.url, credentials: grant.credentials, expiresAt, methods: new Set(), headers: new Set() };
      this.entries.push(entry);
    }
    // Each item carries its own expiry in the spec; one expiry per merged record is equivalent
    // for a single page's request sequence because every store refreshes every listed item.
    if (entry.expiresAt <= now) {
      entry.methods.clear();
      entry.headers.clear();
    }
    entry.expiresAt = expiresAt;
    for (const m of grant.methods) entry.methods.add(m);
    for (const h of grant.headers) entry.headers.add(h);
  }

  /**
   * Fetch § HTTP fetch step 28: whether a preflight can be skipped because the cache holds a
   * method cache entry match and a header-name cache entry match for every unsafe name.
   */
  covers(
    origin: string, url: string, credentials: boolean, method: string, unsafeNames: readonly string[], now: number,
    forced = false,
  ): boolean {
    for (const e of this.entries) {
      if (e.origin !== origin || e.url !== url || e.expiresAt <= now) continue;
      if (!this.credentialsMatch(e.credentials, credentials)) continue;
      if (this.methodCovered(e, method, credentials, forced) && unsafeNames.every((h) => this.headerCovered(e, h, credentials))) {
        return true;
      }
    }
    return false;
  }

  /** Fetch § clear cache entries (`#concept-cache-clear`). */
  clear(origin: string, url: string): void {
    this.entries = this.entries.filter((e) => !(e.origin === origin && e.url === url));
  }

  private credentialsMatch(entryCredentials: boolean, requestCredentials: boolean): boolean {
    if (this.model.credentialsMatch === 'exact') return entryCredentials === requestCredentials;
    return entryCredentials || !requestCredentials;
  }

  /** With the use-CORS-preflight flag even a safelisted method needs an entry (HTTP fetch step 4.1). */
  private methodCovered(e: Entry, method: string, credentials: boolean, forced: boolean): boolean {
    if (!(forced && this.model.forcedPreflightNeedsMethodEntry) && !this.model.methodNeedsEntry(method)) return true;
    if (e.methods.has(method)) return true;
    return !credentials && this.model.wildcardEntries && e.methods.has('*');
  }

  private headerCovered(e: Entry, name: string, credentials: boolean): boolean {
    if (e.headers.has(name)) return true;
    if (credentials || !this.model.wildcardEntries || !e.headers.has('*')) return false;
    return name !== 'authorization' || this.model.wildcardCoversAuthorization;
  }
}

/** `delta-seconds` as the spec parses `Access-Control-Max-Age`: digits only. */
export function parseDeltaSeconds(raw: string): number | null {
  return /^[0-9]+$/.test(raw) ? Number(raw) : null;
}

/** A leniently parsed 64-bit integer (`base::StringToInt64`, WTF `parseInteger<int64_t>`): optional sign, digits. */
export function parseSignedInteger(raw: string): number | null {
  return /^[+-]?[0-9]+$/.test(raw) ? Number(raw) : null;
}
