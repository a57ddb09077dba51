/** Preparing scenarios for a run: isolation, what cannot be run, repeat schedules, auth challenges. */
import { isolateScenario, uniqueIdFor } from './isolate.js';
import { scenarioName, type LoadedScenario } from './load.js';
import { normalizeUrl } from './server.js';
import type { Scenario } from './types.js';

export const DEFAULT_MAX_REPEAT_WAIT_MS = 120000;

export interface Prepared {
  index: number;
  sid: string;
  file: string;
  name: string;
  isolated: Scenario;
  /** Why the harness cannot run it (then it is not run at all). */
  unsupported?: string;
  /** Its waiting exceeds --max-wait: run in the faked-clock lane (clock advanced, not waited). */
  faked?: true;
}

/**
 * The faked-clock lane (faketime.ts): `on` runs scenarios needing more waiting than allowed with
 * the browser clock advanced by libfaketime; `off` (--no-faketime) and `missing` (libfaketime not
 * installed) skip them.
 */
export type FakeClockMode = 'on' | 'off' | 'missing';

/** Every URL a scenario names (Locations resolved against their route). */
function scenarioUrls(s: Scenario): URL[] {
  const out: URL[] = [];
  const add = (u: string, base?: string): void => {
    try {
      out.push(new URL(u.trim(), base));
    } catch {
      /* not a URL: the browser will say so */
    }
  };
  add(s.page);
  add(s.request.url, s.page);
  for (const r of s.repeat?.requests ?? []) add(r.url, s.page);
  for (const r of s.server ?? []) {
    add(r.url);
    for (const [n, v] of r.headers ?? []) if (n.trim().toLowerCase() === 'location') add(v, r.url);
  }
  return out;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Proxy mode runs http and https; direct mode (diagnostics) only http on loopback hosts. */
function unsupportedReason(s: Scenario, direct: boolean): string | undefined {
  if (!direct) return undefined;
  for (const u of scenarioUrls(s)) {
    if (u.protocol === 'https:') return `direct mode does not serve https (${u.href})`;
    if (u.protocol === 'http:' && !LOOPBACK_HOSTS.has(u.hostname)) return `direct mode only reaches loopback hosts (${u.href})`;
  }
  return undefined;
}

/** Ports the harness must listen on in direct mode. */
export function directPorts(items: readonly Prepared[]): number[] {
  const ports = new Set<number>();
  for (const p of items) for (const u of scenarioUrls(p.isolated)) if (u.protocol === 'http:') ports.add(Number(u.port || 80));
  return [...ports].sort((a, b) => a - b);
}

/** Real waiting a repeat schedule needs. */
export const repeatSpan = (s: Scenario): number => Math.max(0, ((s.repeat?.count ?? 1) - 1) * (s.repeat?.intervalMs ?? 0));

export function prepareScenarios(items: readonly LoadedScenario[], direct = false, maxRepeatWaitMs = DEFAULT_MAX_REPEAT_WAIT_MS, fakeClock: FakeClockMode = 'off'): Prepared[] {
  return items.map((item, index) => {
    const name = scenarioName(item);
    const sid = uniqueIdFor(index, name);
    const isolated = isolateScenario(item.scenario, sid);
    const p: Prepared = { index, sid, file: item.file, name, isolated };
    const span = repeatSpan(item.scenario);
    const tooLong = span > maxRepeatWaitMs;
    const why =
      unsupportedReason(item.scenario, direct) ??
      (tooLong && fakeClock !== 'on'
        ? `repeat needs ${span / 1000} s of real waiting, more than the limit of ${maxRepeatWaitMs / 1000} s (--max-wait), and the faked-clock lane is ${
            fakeClock === 'off' ? 'off (--no-faketime)' : 'unavailable (needs libfaketime and a C compiler: apt-get install faketime gcc)'
          }: not run`
        : undefined);
    if (why) p.unsupported = why;
    else if (tooLong) p.faked = true;
    return p;
  });
}

export const isTimed = (s: Scenario): boolean => (s.repeat?.count ?? 1) > 1;

/** Route URLs whose answer challenges for HTTP authentication (a browser may show a login prompt). */
export function challengedUrls(s: Scenario): string[] {
  return (s.server ?? [])
    .filter((r) => {
      const names = (r.headers ?? []).map(([n]) => n.trim().toLowerCase());
      return (r.status === 401 && names.includes('www-authenticate')) || (r.status === 407 && names.includes('proxy-authenticate'));
    })
    .map((r) => normalizeUrl(r.url));
}
