/**
 * corsight conformance — observe what real browsers do.
 *
 *   node --import tsx conformance/observe.ts [--browser chromium|firefox|webkit|all]
 *        [--filter SUBSTR] [--concurrency N] [--out FILE] [--json] [--direct] [--max-wait SECONDS]
 *        [--no-faketime] FILES_OR_DIRS...
 *
 * --max-wait (default 120): repeat scenarios needing more real waiting are run in the faked-clock
 * lane (browser clock advanced by libfaketime, not waited; harness/faketime.ts); with
 * --no-faketime, or without libfaketime installed, they are skipped.
 *
 * --direct (diagnostics): no harness proxy; browsers reach loopback hosts directly and the harness
 * listens on the scenario ports. Only for scenarios whose hosts are all loopback.
 *
 * Writes conformance/out/observations.json (and run-stats.json next to it) and prints a summary.
 * Exit: 0 ok, 1 some scenario could not be observed (harness error/timeout), 2 bad usage or input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, loadScenarios, scenarioName } from './harness/load.js';
import { runInBrowsers } from './harness/run.js';
import { HARNESS_RESPONSE_HEADERS } from './harness/server.js';
import { ACCEPT_LANGUAGE } from './harness/driver.js';
import { ALL_BROWSERS, type BrowserName, type Outcome, type RunResult } from './harness/types.js';

const USAGE = 'usage: observe.ts [--browser chromium|firefox|webkit|all] [--filter SUBSTR] [--concurrency N] [--out FILE] [--json] [--direct] [--max-wait SECONDS] [--no-faketime] FILES_OR_DIRS...';
const DEFAULT_OUT = join(dirname(fileURLToPath(import.meta.url)), 'out', 'observations.json');

interface Args {
  browsers: BrowserName[];
  filter: string | null;
  json: boolean;
  out: string;
  concurrency?: number;
  maxWaitMs?: number;
  fakeClock?: boolean;
  direct: boolean;
  paths: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { browsers: [...ALL_BROWSERS], filter: null, json: false, out: DEFAULT_OUT, direct: false, paths: [] };
  const value = (i: number, flag: string): string => {
    const v = argv[i];
    if (v === undefined) throw new InputError(`${flag} needs a value\n${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--browser' || a === '--browsers') {
      const v = value(++i, a);
      const list = v === 'all' ? [...ALL_BROWSERS] : v.split(',');
      for (const b of list) if (!ALL_BROWSERS.includes(b as BrowserName)) throw new InputError(`unknown browser ${JSON.stringify(b)}\n${USAGE}`);
      args.browsers = list as BrowserName[];
    } else if (a === '--filter') args.filter = value(++i, a);
    else if (a === '--json') args.json = true;
    else if (a === '--direct') args.direct = true;
    else if (a === '--no-faketime') args.fakeClock = false;
    else if (a === '--out') args.out = value(++i, a);
    else if (a === '--concurrency') {
      const n = Number(value(++i, a));
      if (!Number.isInteger(n) || n < 1) throw new InputError(`--concurrency must be a positive integer`);
      args.concurrency = n;
    } else if (a === '--max-wait') {
      const n = Number(value(++i, a));
      if (!Number.isFinite(n) || n < 0) throw new InputError(`--max-wait must be a number of seconds`);
      args.maxWaitMs = n * 1000;
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith('--')) throw new InputError(`unknown option ${a}\n${USAGE}`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new InputError(`no scenario files given\n${USAGE}`);
  return args;
}

function summary(result: RunResult, wallSeconds: number): { text: string; failures: number } {
  const lines: string[] = [];
  let failures = 0;
  for (const st of result.stats) {
    const counts = new Map<Outcome | 'error' | 'skipped', number>();
    let runs = 0;
    for (const o of result.observations) {
      const b = o.browsers[st.browser];
      if (!b) continue;
      if (b.skipped) {
        counts.set('skipped', (counts.get('skipped') ?? 0) + 1);
        continue;
      }
      if (b.error) {
        counts.set('error', (counts.get('error') ?? 0) + 1);
        failures++;
        continue;
      }
      for (const r of b.runs) {
        runs++;
        counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
        if (r.outcome === 'timeout' || r.outcome === 'harness-error') failures++;
      }
    }
    const parts = [...counts.entries()].map(([k, v]) => `${k} ${v}`).join(', ');
    const rate = st.seconds > 0 ? (st.scenarios / st.seconds).toFixed(1) : '-';
    lines.push(`${st.browser.padEnd(8)} ${st.version}: ${st.scenarios} scenarios, ${runs} runs in ${st.seconds.toFixed(1)} s (${rate}/s) — ${parts || 'nothing run'}` +
      (st.unattributed.length ? `; ${st.unattributed.length} unattributed console lines` : '') +
      (st.stray.length ? `; ${st.stray.length} stray requests` : ''));
  }
  lines.push(`total ${wallSeconds.toFixed(1)} s`);
  return { text: lines.join('\n'), failures };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  let items = loadScenarios(args.paths);
  if (args.filter !== null) {
    const f = args.filter;
    items = items.filter((s) => scenarioName(s).includes(f) || s.file.includes(f));
  }
  if (items.length === 0) throw new InputError('no scenarios match');
  const t0 = Date.now();
  const log = (m: string): void => {
    process.stderr.write(`[observe] ${m}\n`);
  };
  const result = await runInBrowsers(items, {
    browsers: args.browsers,
    transport: args.direct ? 'direct' : 'proxy',
    ...(args.concurrency ? { concurrency: args.concurrency } : {}),
    ...(args.maxWaitMs !== undefined ? { maxRepeatWaitMs: args.maxWaitMs } : {}),
    ...(args.fakeClock === false ? { fakeClock: false } : {}),
    log,
  });
  const wall = (Date.now() - t0) / 1000;
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(result.observations, null, 1)}\n`);
  const statsFile = join(dirname(args.out), 'run-stats.json');
  const harness = {
    transport: args.direct ? 'direct' : 'proxy',
    acceptLanguage: ACCEPT_LANGUAGE,
    responseHeadersAdded: HARNESS_RESPONSE_HEADERS,
  };
  writeFileSync(statsFile, `${JSON.stringify({ wallSeconds: wall, harness, stats: result.stats }, null, 1)}\n`);
  const { text, failures } = summary(result, wall);
  if (args.json) process.stdout.write(`${JSON.stringify(result.observations, null, 1)}\n`);
  (args.json ? process.stderr : process.stdout).write(`${text}\nwrote ${args.out}\n`);
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof InputError) {
      process.stderr.write(`observe: ${e.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`observe: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
