import type { HarFinding } from '../analyze/har-judge.js';
import { analyzeHarFile, type HarSummary } from '../io/har-file.js';
import { HarFormatError } from '../io/har-stream.js';
import { failureKey, harFindingJson, harRow, isBlocked, renderHarFailure, renderHarTable, type HarRow } from '../render/har.js';
import { browsersFrom, CliError, styleFor, type Io } from './io.js';
import { fixesForScenarios, printFixes, stackFrom, type ScenarioFix } from './fix.js';
import type { ParsedArgs } from './main.js';

/** Reads one HAR file; unreadable or malformed → CliError (one line, exit 2). */
async function analyze(file: string, args: ParsedArgs, onFinding: (f: HarFinding) => void): Promise<HarSummary> {
  const browsers = browsersFrom(args.values['browser']);
  try {
    return await analyzeHarFile(file, browsers, onFinding);
  } catch (e) {
    if (e instanceof HarFormatError) throw new CliError(`${file}: ${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${file}: no such file`);
    if (code === 'EISDIR') throw new CliError(`${file}: is a directory`);
    if (code === 'EACCES') throw new CliError(`${file}: permission denied`);
    throw e;
  }
}

function statsLine(s: HarSummary, judged: number): string {
  const other = Object.entries(s.stats.notCors).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', ');
  const parts = [
    `${s.stats.entries} entries`,
    `${judged} cross-origin fetch/XHR judged`,
    `${s.stats.preflights} preflight${s.stats.preflights === 1 ? '' : 's'}`,
    `${s.stats.sameOrigin} same-origin`,
  ];
  const otherCount = Object.values(s.stats.notCors).reduce((a, b) => a + b, 0);
  if (otherCount > 0) parts.push(`${otherCount} other cross-origin (not fetch/XHR, not judged: ${other})`);
  if (s.stats.unknownOrigin > 0) parts.push(`${s.stats.unknownOrigin} with no page origin to compare`);
  if (s.stats.otherScheme > 0) parts.push(`${s.stats.otherScheme} not http(s)`);
  return parts.join(', ');
}

function recorderText(s: HarSummary): string {
  const who = s.recorder === 'chromium' ? 'Chromium' : s.recorder === 'firefox' ? 'Firefox' : s.recorder === 'webkit' ? 'WebKit' : 'an unknown browser';
  return `HAR ${s.version} from ${who}${s.creator !== null ? ` (creator ${s.creator})` : ''}`;
}

/**
 * `corsight har FILE.har`: every cross-origin fetch/XHR of a DevTools export, re-judged per browser.
 * Exit 0 when all are allowed in the selected browsers, 1 when some are blocked, 2 for bad input.
 */
export async function runHar(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length !== 1) throw new CliError('har needs exactly one FILE.har (a HAR 1.2 export from Chrome or Firefox DevTools)');
  const file = args.positionals[0]!;
  const fixFor = args.values['fix-for'] === undefined ? null : stackFrom(args.values['fix-for'], '--fix-for');
  const browsers = browsersFrom(args.values['browser']);
  const json = args.values['json'] === true;
  const st = styleFor(io, args.values);
  let blocked = 0;
  let count = 0;
  let agree = 0;
  let disagree = 0;
  // --json streams: each request is printed as soon as the next one is known (for the comma), so
  // memory stays bounded on big files; the totals follow the requests.
  let jsonOpened = false;
  let jsonPending: string | null = null;
  const jsonStart = (): void => {
    if (!jsonOpened) io.out(`{\n  "file": ${JSON.stringify(file)},\n  "requests": [`);
    jsonOpened = true;
  };
  const rows: HarRow[] = [];
  // One diagnosis per distinct failure; later ones only add their entry index.
  const failures = new Map<string, { first: HarFinding; others: { entry: number; url: string }[] }>();
  const summary = await analyze(file, args, (f) => {
    count++;
    if (isBlocked(f)) blocked++;
    if (f.agrees === true) agree++;
    if (f.agrees === false) disagree++;
    if ((!json || fixFor !== null) && (isBlocked(f) || f.recorded.outcome === 'network-error')) {
      const k = failureKey(f);
      const g = failures.get(k);
      if (g === undefined) failures.set(k, { first: f, others: [] });
      else if (!json) g.others.push({ entry: f.entry, url: f.url });
    }
    if (json) {
      jsonStart();
      if (jsonPending !== null) io.out(`${jsonPending},`);
      jsonPending = `    ${JSON.stringify(harFindingJson(f), null, 2).replace(/\n/g, '\n    ')}`;
      return;
    }
    rows.push(harRow(f, browsers));
  });
  const code = blocked > 0 ? 1 : 0;
  // --fix-for: one configuration per distinct failure (its first request's replayed scenario).
  const fixes: ScenarioFix[] = fixFor === null ? [] : fixesForScenarios(
    [...failures.values()].filter(({ first }) => isBlocked(first)).map(({ first }) => ({ scenario: { ...first.scenario, name: `entry ${first.entry}: ${first.method} ${first.url}` }, blocked: true })),
    fixFor, args.values);
  if (json) {
    const head = {
      har: { version: summary.version, creator: summary.creator, recordedBy: summary.recorder, pages: summary.pages },
      stats: summary.stats,
      summary: { requests: count, blocked, allowed: count - blocked, agreesWithHar: agree, differsFromHar: disagree },
      ...(fixFor === null ? {} : { fixes }),
    };
    jsonStart();
    if (jsonPending !== null) io.out(jsonPending);
    io.out(`  ],\n${JSON.stringify(head, null, 2).slice(2)}`);
    return code;
  }
  const out: string[] = [];
  out.push(`${st.bold(file)}  ${st.dim(recorderText(summary))}`);
  out.push(st.dim(`  ${statsLine(summary, count)}`));
  if (count === 0) {
    out.push('  no cross-origin fetch/XHR requests in this HAR: nothing for CORS to block.');
    io.out(out.join('\n'));
    return 0;
  }
  out.push('');
  out.push(renderHarTable(st, rows, browsers));
  for (const { first, others } of failures.values()) {
    out.push('');
    out.push(renderHarFailure(st, first, others));
  }
  out.push('');
  const agreeText = summary.recorder !== null && agree + disagree > 0
    ? `; the replay matches the HAR for ${agree} of ${agree + disagree} in ${summary.recorder}` : '';
  out.push(st.bold(`${count} cross-origin request${count === 1 ? '' : 's'}: ${count - blocked} allowed, ${blocked} blocked in some browser (${failures.size} distinct failure${failures.size === 1 ? '' : 's'})${agreeText}`));
  io.out(out.join('\n'));
  for (const f of fixes) {
    io.out(`\n── ${fixFor} fix for ${f.scenario} ──`);
    if (f.fix) printFixes([f.fix], args, io);
    else io.out(f.reason ?? '');
  }
  return code;
}
