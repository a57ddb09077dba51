/**
 * Attribute console lines to (scenario, run).
 *
 * Rules, applied per line in arrival order (state kept per tab):
 * 1. Runner markers `__corsight__ begin <sid> <run>` / `end …` bracket the synchronous part of a
 *    call; `begin` also sets the current run of that scenario. Markers are dropped.
 * 2. A line whose text (or attached URL) contains an isolated URL `/s/<sid>/` belongs to <sid>
 *    (current run of <sid>). Every scenario URL is unique, so this is exact even when many
 *    scenarios run concurrently.
 * 3. Otherwise a line logged between `begin` and `end` belongs to that call (JS is
 *    single-threaded: nothing else runs in between), e.g. "Refused to set unsafe header".
 * 4. WebKit prints the reason line (`CONSOLE SECURITY ERROR …`, no URL) immediately before the
 *    `Fetch API cannot load <url> …` line, synchronously: a URL-less security line is held and
 *    given to the owner of the next line of the same tab.
 * 5. Anything else is reported as unattributed (never silently dropped).
 */
import { ISOLATION_ROOT } from './isolate.js';
import type { ConsoleLine } from './types.js';

export const MARKER = '__corsight__';

export interface RunConsole {
  console: string[];
  consoleOther: string[];
  netLog: string[];
}

export interface Attribution {
  /** sid → run index → lines */
  byScenario: Map<string, RunConsole[]>;
  unattributed: ConsoleLine[];
}

const SID_IN_URL = new RegExp(`${ISOLATION_ROOT.replace(/\//g, '\\/')}([A-Za-z0-9][A-Za-z0-9._-]*)\\/`, 'g');

function sidIn(text: string | undefined, known: ReadonlySet<string>): string | null {
  if (!text) return null;
  for (const m of text.matchAll(SID_IN_URL)) {
    const sid = m[1];
    if (sid !== undefined && known.has(sid)) return sid;
  }
  return null;
}

/** Chromium's generic companion line for any failed load; kept apart from CORS lines. */
export function isNetLogLine(line: ConsoleLine): boolean {
  return line.source === 'network' && line.text.startsWith('Failed to load resource');
}

interface Owner {
  sid: string;
  run: number;
}

export function attributeConsole(lines: readonly ConsoleLine[], known: ReadonlySet<string>): Attribution {
  const byScenario = new Map<string, RunConsole[]>();
  const unattributed: ConsoleLine[] = [];
  const currentRun = new Map<string, number>();
  const sync = new Map<string, Owner | null>();
  const held = new Map<string, ConsoleLine[]>();

  const put = (owner: Owner, line: ConsoleLine): void => {
    let runs = byScenario.get(owner.sid);
    if (!runs) byScenario.set(owner.sid, (runs = []));
    while (runs.length <= owner.run) runs.push({ console: [], consoleOther: [], netLog: [] });
    const slot = runs[owner.run];
    if (!slot) return;
    if (isNetLogLine(line)) slot.netLog.push(line.text);
    else if (line.level === 'error' || line.level === 'warning') slot.console.push(line.text);
    else slot.consoleOther.push(line.text);
  };

  for (const line of lines) {
    if (line.text.startsWith(`${MARKER} `)) {
      const [, kind, sid, run] = line.text.split(' ');
      if (kind === 'begin' && sid !== undefined) {
        const owner = { sid, run: Number(run ?? 0) };
        currentRun.set(sid, owner.run);
        sync.set(line.tab, owner);
      } else if (kind === 'end') {
        sync.set(line.tab, null);
      }
      continue;
    }
    const sid = sidIn(line.text, known) ?? sidIn(line.url, known);
    const owner: Owner | null = sid !== null ? { sid, run: currentRun.get(sid) ?? 0 } : (sync.get(line.tab) ?? null);
    const pending = held.get(line.tab) ?? [];
    if (owner) {
      for (const h of pending) put(owner, h);
      held.delete(line.tab);
      put(owner, line);
      continue;
    }
    if (line.source === 'security') {
      pending.push(line);
      held.set(line.tab, pending);
      continue;
    }
    unattributed.push(...pending, line);
    held.delete(line.tab);
  }
  for (const pending of held.values()) unattributed.push(...pending);
  return { byScenario, unattributed };
}
