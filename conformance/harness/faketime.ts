/**
 * The faked-clock lane: repeat scenarios whose waiting exceeds --max-wait (the preflight-cache
 * Max-Age cap cases: 700 s to a day) run in a browser instance of their own with libfaketime
 * preloaded (LD_PRELOAD, inherited by every child process: Chromium's network service and
 * renderers, Firefox's content/socket processes, WebKit's network and web processes). Between two
 * runs the harness moves that browser's clock forward (wall *and* monotonic: libfaketime shifts
 * CLOCK_MONOTONIC by the same offset) by writing a new relative offset to the file named by
 * FAKETIME_TIMESTAMP_FILE, instead of waiting. Node's own clock stays real.
 *
 * All three preflight caches keep their expiry on the monotonic clock (Chromium PreflightResult:
 * base::TimeTicks via DefaultTickClock; Firefox nsPreflightCache: TimeStamp::NowLoRes; WebKit
 * CrossOriginPreflightResultCache: MonotonicTime), which is what the jump has to reach.
 *
 * Everything here except FakeClock.advance's file write and processReport's /proc reads is pure.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LIBFAKETIME = process.env.CORSIGHT_LIBFAKETIME ?? '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** Label carried by every observation made in the faked lane (observations.json, report.md). */
export const FAKED_CLOCK_LABEL = 'clock advanced by libfaketime, not waited';

/**
 * How long the browser may keep using the previous offset after the file changed: libfaketime
 * re-reads the file at most every FAKETIME_CACHE_DURATION (1) whole seconds of real time, so a
 * change is seen by every thread of every process within ~2 s. (FAKETIME_NO_CACHE=1 would make it
 * immediate, at the price of an open/read/close on every clock_gettime of a browser.)
 */
export const SETTLE_MS = 2500;
/** Real time between the end of a run and the jump (part of the real wait, not added to it). */
const JUMP_DELAY_MS = 500;

const GUARD_SOURCE = fileURLToPath(new URL('./faketime-guard.c', import.meta.url));
export const CC = process.env.CORSIGHT_CC ?? 'cc';

/**
 * Compiles faketime-guard.c (see there: without it Firefox deadlocks at start-up under
 * libfaketime) once per source version into the temp directory; returns its path or why not.
 */
export function buildGuard(): { path: string } | { error: string } {
  const src = readFileSync(GUARD_SOURCE);
  const out = join(tmpdir(), `corsight-faketime-guard-${createHash('sha256').update(src).digest('hex').slice(0, 12)}.so`);
  if (existsSync(out)) return { path: out };
  const partial = `${out}.${process.pid}.tmp`;
  const r = spawnSync(CC, ['-shared', '-fPIC', '-O2', '-o', partial, GUARD_SOURCE, '-ldl'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return { error: `cannot compile ${GUARD_SOURCE} with ${CC}: ${r.error?.message ?? r.stderr.trim().split('\n')[0]}` };
  renameSync(partial, out);
  return { path: out };
}

let availability: { guard: string } | { error: string } | undefined;
/** libfaketime installed and the guard built (memoized); otherwise why the faked lane cannot run. */
export function faketimeAvailability(): { guard: string } | { error: string } {
  if (availability) return availability;
  if (!existsSync(LIBFAKETIME)) availability = { error: `${LIBFAKETIME} not found (apt-get install faketime)` };
  else {
    const g = buildGuard();
    availability = 'path' in g ? { guard: g.path } : g;
  }
  return availability;
}

/** Environment for a browser whose clock follows `file`: the guard first, then libfaketime. */
export function faketimeEnv(file: string, guard: string, lib = LIBFAKETIME, inherited: string | undefined = process.env.LD_PRELOAD): Record<string, string> {
  const preload = `${guard}:${lib}`;
  return {
    LD_PRELOAD: inherited ? `${preload}:${inherited}` : preload,
    FAKETIME_TIMESTAMP_FILE: file,
    FAKETIME_CACHE_DURATION: '1',
  };
}

/** libfaketime's relative-offset syntax: `+<seconds>` (whole seconds). */
export function offsetText(totalSeconds: number): string {
  if (!Number.isInteger(totalSeconds) || totalSeconds < 0) throw new RangeError(`offset must be a whole number of seconds ≥ 0, got ${totalSeconds}`);
  return `+${totalSeconds}\n`;
}

/**
 * Splits a gap of `intervalMs` (end of run k to start of run k+1, as the browser must perceive it)
 * into a jump of whole seconds and a real wait of at least `settleMs`, so that
 * jumpSeconds × 1000 + realWaitMs = intervalMs exactly (plus the usual lateness).
 */
export function planGap(intervalMs: number, settleMs = SETTLE_MS): { jumpSeconds: number; realWaitMs: number } {
  const jumpSeconds = Math.max(0, Math.floor((intervalMs - settleMs) / 1000));
  return { jumpSeconds, realWaitMs: intervalMs - jumpSeconds * 1000 };
}

/** The clock of one faked-lane browser instance: a cumulative, never decreasing offset. */
export class FakeClock {
  private total = 0;
  /** Every gap taken: interval asked, seconds jumped, real milliseconds waited. */
  readonly gaps: Array<{ intervalMs: number; jumpSeconds: number; realWaitMs: number }> = [];

  constructor(readonly file: string) {
    writeFileSync(file, offsetText(0));
  }

  get offsetSeconds(): number {
    return this.total;
  }

  /** Makes `intervalMs` pass for the browser: jump, then wait the rest for real. */
  async advance(intervalMs: number, settleMs = SETTLE_MS): Promise<void> {
    const plan = planGap(intervalMs, settleMs);
    // Jump only once the page has had the answer to its `ran` report (nothing in flight).
    const before = Math.min(JUMP_DELAY_MS, plan.realWaitMs);
    await new Promise((r) => setTimeout(r, before));
    this.total += plan.jumpSeconds;
    writeFileSync(this.file, offsetText(this.total));
    this.gaps.push({ intervalMs, ...plan });
    await new Promise((r) => setTimeout(r, plan.realWaitMs - before));
  }
}

/** One /proc entry: pid, parent pid, command name, whether libfaketime is mapped. */
export interface ProcEntry {
  pid: number;
  ppid: number;
  comm: string;
  preloaded: boolean;
}

/** Every process descending from `roots` (the roots included), in pid order. */
export function descendants(table: readonly ProcEntry[], roots: readonly number[]): ProcEntry[] {
  const children = new Map<number, ProcEntry[]>();
  for (const p of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const seen = new Set<number>();
  const out: ProcEntry[] = [];
  const stack = [...roots];
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const self = table.find((p) => p.pid === pid);
    if (self) out.push(self);
    for (const c of children.get(pid) ?? []) stack.push(c.pid);
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/** `/proc/<pid>/stat` → [ppid, comm] (comm may contain spaces and parentheses). */
export function parseStat(stat: string): { ppid: number; comm: string } | null {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = stat.slice(close + 2).split(' ');
  const ppid = Number(rest[1]);
  return Number.isFinite(ppid) ? { ppid, comm: stat.slice(open + 1, close) } : null;
}

/** Reads the process table (Linux /proc). Processes that vanish meanwhile are left out. */
export function readProcTable(lib = LIBFAKETIME): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const st = parseStat(readFileSync(join('/proc', name, 'stat'), 'utf8'));
      if (!st) continue;
      const maps = readFileSync(join('/proc', name, 'maps'), 'utf8');
      out.push({ pid: Number(name), ppid: st.ppid, comm: st.comm, preloaded: maps.includes(lib) });
    } catch {
      /* gone, or not ours to read */
    }
  }
  return out;
}

/** Summary for logs and run-stats: `chromium 7/7 preloaded (…)`, naming any process without it. */
export function preloadSummary(procs: readonly ProcEntry[]): { processes: number; preloaded: number; without: string[] } {
  const without = procs.filter((p) => !p.preloaded).map((p) => `${p.comm}[${p.pid}]`);
  return { processes: procs.length, preloaded: procs.length - without.length, without };
}
