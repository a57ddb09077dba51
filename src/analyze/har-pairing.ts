/**
 * Entries → cross-origin requests: decides which HAR entries are CORS requests, from which page
 * origin, pairs each hop with its preflight and follows redirect chains, in one pass over the
 * entries with bounded state (recent preflights and unfinished redirect chains only).
 */
import type { HarPage, HarRecord } from './har-types.js';
import { harHeader } from './har-types.js';

/** Where the page origin of a request came from. */
export type PageSource = 'page' | 'origin-header' | 'referer';

/** One hop of a request (the first request, then one per redirect), with its preflight if any. */
export interface Hop {
  record: HarRecord;
  preflight: HarRecord | null;
}

/** A cross-origin fetch/XHR and everything the HAR holds for it. */
export interface CorsChain {
  /** `https://app.example/path` (or just the origin, from an Origin/Referer header). */
  page: string;
  pageSource: PageSource;
  hops: Hop[];
  /** True when the chain ended on a redirect whose target is not in the HAR. */
  targetMissing: boolean;
  /** True for a preflight whose actual request is not in the HAR (the finding is rebuilt from it). */
  fromPreflightOnly: boolean;
}

/** Counts of entries that are not judged, so the summary accounts for every entry. */
export interface PairingStats {
  entries: number;
  sameOrigin: number;
  /** Cross-origin entries that are not fetch/XHR (scripts, images, fonts...), by resource type. */
  notCors: Record<string, number>;
  /** Entries whose page origin could not be told (no page URL, no Origin, no Referer). */
  unknownOrigin: number;
  /** Not http(s): data:, blob:, chrome-extension:, ws:... */
  otherScheme: number;
  preflights: number;
}

const CORS_TYPES = new Set(['fetch', 'xhr']);
/**
 * Bounds. Chrome and Firefox DevTools write a preflight entry AFTER its request (the request is created first),
 * so a chain stays open for WINDOW more entries to collect late preflights; a chain waiting for its
 * redirect target stays open for REDIRECT_WINDOW entries; unpaired preflights are remembered up to
 * MAX_PREFLIGHTS.
 */
const WINDOW = 256;
const REDIRECT_WINDOW = 1024;
const MAX_PREFLIGHTS = 4096;

/** The URL a 3xx hop redirects to, or null. */
function redirectTarget(r: HarRecord): string | null {
  return r.status >= 300 && r.status < 400 && r.redirectURL !== '' ? r.redirectURL : null;
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

/** Whether a record is a CORS preflight: Chrome marks it; otherwise OPTIONS with Access-Control-Request-Method. */
export function isPreflight(r: HarRecord): boolean {
  if (r.resourceType === 'preflight' || r.initiatorType === 'preflight') return true;
  return r.method.toUpperCase() === 'OPTIONS' && harHeader(r.requestHeaders, 'access-control-request-method') !== null && r.resourceType === null;
}

/** An open chain: the entry index of its last hop, and the redirect target it waits for. */
interface Open {
  chain: CorsChain;
  lastIndex: number;
  awaiting: string | null;
}

/**
 * Streams records in, chains out (in the order their first request appears, give or take the
 * window that collects late preflights).
 * @example
 * const p = new HarPairing(pages, (c) => findings.push(judge(c)));
 * for (const r of records) p.add(r);
 * p.finish();
 */
export class HarPairing {
  readonly stats: PairingStats = { entries: 0, sameOrigin: 0, notCors: {}, unknownOrigin: 0, otherScheme: 0, preflights: 0 };
  /** url → preflights not yet paired, oldest first. */
  private preflights = new Map<string, HarRecord[]>();
  private preflightCount = 0;
  private open: Open[] = [];

  constructor(private readonly pages: ReadonlyMap<string, HarPage>, private readonly emit: (c: CorsChain) => void) {}

  add(r: HarRecord): void {
    this.stats.entries++;
    this.route(r);
    this.sweep(r.index, false);
  }

  /** Flushes open chains and preflights whose request never appeared. */
  finish(): void {
    this.sweep(Infinity, true);
    const left = [...this.preflights.values()].flat().sort((a, b) => a.index - b.index);
    this.preflights.clear();
    this.preflightCount = 0;
    for (const p of left) this.emitOrphan(p);
  }

  private route(r: HarRecord): void {
    if (isPreflight(r)) {
      this.stats.preflights++;
      // Chrome and Firefox DevTools write a preflight after its request (the request is created
      // first); an exporter writing it before is served by the remembered preflights.
      if (!this.attachLatePreflight(r)) this.rememberPreflight(r);
      return;
    }
    const target = originOf(r.url);
    if (target === null) {
      this.stats.otherScheme++;
      return;
    }
    const waiting = this.open.find((o) => o.awaiting === r.url && this.continues(o.chain, r));
    if (waiting !== undefined) {
      waiting.chain.hops.push({ record: r, preflight: this.takePreflight(r) });
      waiting.lastIndex = r.index;
      waiting.awaiting = redirectTarget(r);
      return;
    }
    const page = this.pageOf(r);
    if (page === null) {
      if (r.resourceType === null || CORS_TYPES.has(r.resourceType)) this.stats.unknownOrigin++;
      else this.stats.sameOrigin++; // a document or subresource with no page: nothing to judge
      return;
    }
    if (new URL(page.url).origin === target) {
      this.stats.sameOrigin++;
      return;
    }
    const type = r.resourceType;
    const cors = type !== null ? CORS_TYPES.has(type) : harHeader(r.requestHeaders, 'origin') !== null;
    if (!cors) {
      const k = type ?? 'no resource type, no Origin header';
      this.stats.notCors[k] = (this.stats.notCors[k] ?? 0) + 1;
      return;
    }
    const chain: CorsChain = { page: page.url, pageSource: page.source, hops: [{ record: r, preflight: this.takePreflight(r) }], targetMissing: false, fromPreflightOnly: false };
    this.open.push({ chain, lastIndex: r.index, awaiting: redirectTarget(r) });
  }

  /** Emits open chains that can no longer grow (or all of them at the end). */
  private sweep(now: number, all: boolean): void {
    if (this.open.length === 0) return;
    const keep: Open[] = [];
    for (const o of this.open) {
      const age = now - o.lastIndex;
      const done = all || (o.awaiting === null ? age > WINDOW : age > REDIRECT_WINDOW);
      if (!done) {
        keep.push(o);
        continue;
      }
      if (o.awaiting !== null) o.chain.targetMissing = true;
      this.emit(o.chain);
    }
    this.open = keep;
  }

  /** A preflight recorded after its request (Chrome's order): the newest open hop it belongs to. */
  private attachLatePreflight(p: HarRecord): boolean {
    const acrm = harHeader(p.requestHeaders, 'access-control-request-method')?.trim().toUpperCase() ?? null;
    const po = harHeader(p.requestHeaders, 'origin');
    for (let i = this.open.length - 1; i >= 0; i--) {
      const hops = this.open[i]!.chain.hops;
      for (let k = hops.length - 1; k >= 0; k--) {
        const h = hops[k]!;
        if (h.preflight !== null || h.record.url !== p.url || h.record.index > p.index) continue;
        if (acrm !== null && acrm !== h.record.method.toUpperCase()) continue;
        const o = harHeader(h.record.requestHeaders, 'origin');
        if (o !== null && po !== null && o !== po) continue;
        h.preflight = p;
        return true;
      }
    }
    return false;
  }

  /** A redirect hop continues a chain when it is the same kind of request (303 may turn it into GET). */
  private continues(c: CorsChain, r: HarRecord): boolean {
    const first = c.hops[0]!.record;
    if (r.resourceType !== null && first.resourceType !== null && r.resourceType !== first.resourceType) return false;
    return r.index > c.hops.at(-1)!.record.index && c.hops.length <= 20;
  }

  private pageOf(r: HarRecord): { url: string; source: PageSource } | null {
    if (r.pageref !== null) {
      const title = this.pages.get(r.pageref)?.title;
      if (title !== undefined && originOf(title) !== null) return { url: title, source: 'page' };
    }
    const origin = harHeader(r.requestHeaders, 'origin');
    if (origin !== null && originOf(origin) !== null) return { url: `${originOf(origin)}/`, source: 'origin-header' };
    const referer = harHeader(r.requestHeaders, 'referer');
    if (referer !== null && originOf(referer) !== null) return { url: referer, source: 'referer' };
    return null;
  }

  private rememberPreflight(p: HarRecord): void {
    let list = this.preflights.get(p.url);
    if (list === undefined) {
      list = [];
      this.preflights.set(p.url, list);
    }
    list.push(p);
    this.preflightCount++;
    while (this.preflightCount > MAX_PREFLIGHTS) {
      const [k, l] = this.preflights.entries().next().value as [string, HarRecord[]];
      const old = l.shift()!;
      this.preflightCount--;
      if (l.length === 0) this.preflights.delete(k);
      this.emitOrphan(old);
    }
  }

  /** The latest unpaired preflight for this URL asking for this method (and origin, when both say). */
  private takePreflight(r: HarRecord): HarRecord | null {
    const list = this.preflights.get(r.url);
    if (list === undefined) return null;
    const origin = harHeader(r.requestHeaders, 'origin');
    for (let i = list.length - 1; i >= 0; i--) {
      const p = list[i]!;
      const acrm = harHeader(p.requestHeaders, 'access-control-request-method');
      const po = harHeader(p.requestHeaders, 'origin');
      if (acrm !== null && acrm.trim().toUpperCase() !== r.method.toUpperCase()) continue;
      if (origin !== null && po !== null && origin !== po) continue;
      list.splice(i, 1);
      this.preflightCount--;
      if (list.length === 0) this.preflights.delete(r.url);
      return p;
    }
    return null;
  }

  /** A preflight whose request is not in the HAR: the browser never sent it (the preflight failed) or it was not recorded. */
  private emitOrphan(p: HarRecord): void {
    const page = this.pageOf(p);
    if (page === null) {
      this.stats.unknownOrigin++;
      return;
    }
    this.emit({ page: page.url, pageSource: page.source, hops: [{ record: p, preflight: p }], targetMissing: false, fromPreflightOnly: true });
  }
}
