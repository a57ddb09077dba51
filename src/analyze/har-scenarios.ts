/**
 * A HAR already in memory (the playground reads a dropped file in the page) → the scenario of each
 * cross-origin fetch/XHR, replaying the recorded responses: the same pairing and judging as
 * `corsight har`, which streams files instead (src/io/har-file.ts).
 */
import type { Scenario } from '../engine/index.js';
import { DiagnosisCache, judgeChain, recorderOf, type HarFinding } from './har-judge.js';
import { HarPairing } from './har-pairing.js';
import { pageFromHar, recordFromEntry, type HarPage } from './har-types.js';

/** A HAR that cannot be read (one line: what and where). */
export class HarShapeError extends Error {}

/**
 * Every cross-origin fetch/XHR of a parsed HAR 1.1/1.2 object, judged per browser.
 *
 * @throws HarShapeError when `log`, `log.version` or `log.entries` is missing, or an entry is malformed.
 * @example
 * harFindings(JSON.parse(text)).filter((f) => f.result.browsers.chromium?.runs[0]?.outcome === 'blocked')
 */
export function harFindings(har: unknown, browsers: Parameters<typeof judgeChain>[1]['browsers'] = ['chromium', 'firefox', 'webkit']): HarFinding[] {
  const log = (har as { log?: unknown } | null)?.log as { version?: unknown; creator?: unknown; browser?: unknown; pages?: unknown; entries?: unknown } | undefined;
  if (typeof log !== 'object' || log === null) throw new HarShapeError('not a HAR file: $.log is missing');
  if (typeof log.version !== 'string') throw new HarShapeError('not a HAR file: $.log.version is missing');
  if (!Array.isArray(log.entries)) throw new HarShapeError('not a HAR file: $.log.entries is not an array');
  const pages = new Map<string, HarPage>();
  (Array.isArray(log.pages) ? log.pages : []).forEach((p: unknown, i: number) => {
    const page = pageFromHar(p, i);
    pages.set(page.id, page);
  });
  const recorder = recorderOf(log.creator, log.browser);
  const cache = new DiagnosisCache();
  const out: HarFinding[] = [];
  const pairing = new HarPairing(pages, (c) => out.push(judgeChain(c, { browsers, recorder, cache })));
  log.entries.forEach((e: unknown, i: number) => pairing.add(recordFromEntry(e, i)));
  pairing.finish();
  return out.sort((a, b) => a.entry - b.entry);
}

/** The replayed scenario of each cross-origin fetch/XHR, in entry order (the playground's HAR drop). */
export function harScenarios(har: unknown): Scenario[] {
  return harFindings(har, ['chromium']).map((f) => f.scenario);
}
