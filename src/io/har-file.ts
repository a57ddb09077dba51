/**
 * `corsight har`'s pipeline over a file: stream the HAR (bounded memory), check each entry, pair
 * and judge cross-origin requests as they complete. When `log.entries` comes before `log.pages`
 * (DevTools write pages first; hand-edited files may not) a first quick pass collects the pages,
 * so entries are never held in memory.
 */
import type { BrowserId } from '../engine/index.js';
import { HarEntryError, pageFromHar, recordFromEntry, type HarPage } from '../analyze/har-types.js';
import { HarPairing, type PairingStats } from '../analyze/har-pairing.js';
import { DiagnosisCache, judgeChain, recorderOf, type HarFinding, type Recorder } from '../analyze/har-judge.js';
import { HarFormatError, readHarStream, type HarHeader } from './har-stream.js';

/** What a whole file yields besides the findings. */
export interface HarSummary {
  version: string;
  creator: string | null;
  recorder: Recorder;
  pages: number;
  stats: PairingStats;
  /** Two passes were needed (entries before pages). */
  twoPasses: boolean;
}

const SUPPORTED_VERSIONS = new Set(['1.1', '1.2']);

class PagesFirst extends Error {}

function creatorName(c: unknown): string | null {
  if (typeof c !== 'object' || c === null) return null;
  const o = c as { name?: unknown; version?: unknown };
  return typeof o.name === 'string' ? `${o.name}${typeof o.version === 'string' && o.version !== '' ? ` ${o.version}` : ''}` : null;
}

function checkHeader(h: HarHeader): void {
  if (h.version !== null && !SUPPORTED_VERSIONS.has(h.version)) {
    throw new HarFormatError(`unsupported HAR version '${h.version}' at $.log.version (corsight reads HAR 1.2 and 1.1)`, undefined, '$.log.version');
  }
}

/**
 * Analyses a HAR file, calling `onFinding` for each cross-origin fetch/XHR as soon as it is judged.
 * @param browsers which profiles to recompute (default chromium, firefox, webkit, spec).
 * @throws HarFormatError (malformed file, with the byte offset / JSON path), or a Node error for unreadable files.
 * @example
 * const summary = await analyzeHarFile('session.har', ['chromium'], (f) => console.log(f.url, f.result));
 */
export async function analyzeHarFile(
  file: string,
  browsers: readonly BrowserId[],
  onFinding: (f: HarFinding) => void,
  options: { chunkSize?: number } = {},
): Promise<HarSummary> {
  const pages = new Map<string, HarPage>();
  let twoPasses = false;
  const page = (p: unknown, i: number): void => {
    try {
      const pg = pageFromHar(p, i);
      pages.set(pg.id, pg);
    } catch (e) {
      if (e instanceof HarEntryError) throw new HarFormatError(e.message, undefined, e.path);
      throw e;
    }
  };
  // Pass 0 (only when entries precede pages): collect the pages, skipping entries unparsed.
  const probe = await readUntilEntries(file, page, options.chunkSize);
  if (!probe.pagesFirst) {
    twoPasses = true;
    await readHarStream(file, { page, header: checkHeader }, { skipEntries: true, chunkSize: options.chunkSize });
  }
  const cache = new DiagnosisCache();
  let recorder: Recorder = null;
  let pairing: HarPairing | null = null;
  const header = await readHarStream(file, {
    header: (h) => {
      checkHeader(h);
      recorder = recorderOf(h.creator, h.browser);
    },
    entriesStart: () => {
      pairing = new HarPairing(pages, (c) => onFinding(judgeChain(c, { browsers, recorder, cache })));
    },
    entry: (e, i) => {
      let r;
      try {
        r = recordFromEntry(e, i);
      } catch (err) {
        if (err instanceof HarEntryError) throw new HarFormatError(err.message, undefined, err.path);
        throw err;
      }
      pairing!.add(r);
    },
  }, { chunkSize: options.chunkSize });
  if (header.version === null) throw new HarFormatError('not a HAR file: log.version is missing', undefined, '$.log');
  const p = pairing as HarPairing | null;
  if (p === null) throw new HarFormatError('not a HAR file: log.entries is missing', undefined, '$.log');
  p.finish();
  return { version: header.version, creator: creatorName(header.creator), recorder: recorderOf(header.creator, header.browser), pages: pages.size, stats: p.stats, twoPasses };
}

/** Reads until `log.entries` starts: were the pages (if any) before it? Pages seen are collected. */
async function readUntilEntries(file: string, page: (p: unknown, i: number) => void, chunkSize?: number): Promise<{ pagesFirst: boolean }> {
  let pagesFirst = true;
  try {
    await readHarStream(file, {
      page,
      header: checkHeader,
      entriesStart: (seen) => {
        pagesFirst = seen;
        throw new PagesFirst();
      },
    }, { skipEntries: true, chunkSize });
  } catch (e) {
    if (e instanceof PagesFirst) return { pagesFirst };
  }
  // No entries at all (or a malformed file): the main pass reports it.
  return { pagesFirst: true };
}
