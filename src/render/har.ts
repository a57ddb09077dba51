/**
 * `corsight har` output: a summary table (one row per cross-origin request) and, per distinct
 * failure, the same diagnosis `simulate` prints (verdicts, the browsers' words, cause, help) plus
 * what the HAR shows (preflight pairing, redirects, recorded status, notes). Also the `--json`
 * element of one request.
 */
import type { BrowserId } from '../engine/index.js';
import type { DiagnosedRun } from '../diagnose/report.js';
import type { HarFinding } from '../analyze/har-judge.js';
import { harNoteText } from './har-notes.js';
import { renderHuman } from './human.js';
import type { Style } from './style.js';

/** The `--json` element of one request: pairing info, then the `simulate --json` per-browser shape. */
export function harFindingJson(f: HarFinding): Record<string, unknown> {
  return {
    entry: f.entry,
    method: f.method,
    url: f.url,
    api: f.api,
    resourceType: f.resourceType,
    page: f.page,
    pageSource: f.pageSource,
    credentials: f.credentials,
    credentialsSource: f.credentialsSource,
    hops: f.hops,
    recorded: f.recorded,
    agrees: f.agrees,
    notes: f.notes.map(harNoteText),
    name: f.result.name,
    browsers: f.result.browsers,
  };
}

/** Whether a finding is blocked (or rejected) in some selected browser. */
export function isBlocked(f: HarFinding): boolean {
  return Object.values(f.result.browsers).some((b) => b.runs.some((r) => r.outcome === 'blocked' || r.outcome === 'rejected'));
}

function firstRun(f: HarFinding, b: BrowserId): DiagnosedRun | undefined {
  return f.result.browsers[b]?.runs[0];
}

const COL = 10;

/** One table row as data (kept small: a HAR may have thousands). */
export interface HarRow {
  entry: number;
  method: string;
  outcomes: (string | null)[];
  har: string;
  code: string;
  url: string;
}

function harCell(f: HarFinding): string {
  if (f.recorded.outcome === 'network-error') return 'net-error';
  const s = f.recorded.status === 0 ? '-' : String(f.recorded.status);
  return f.recorded.outcome === 'failed' ? `${s} failed` : s;
}

/** The row of one finding: entry index, method, verdict per browser, what the HAR recorded, failure code(s), URL. */
export function harRow(f: HarFinding, browsers: readonly BrowserId[]): HarRow {
  const codes = [...new Set(browsers.map((b) => firstRun(f, b)?.code).filter((c): c is NonNullable<typeof c> => c !== null && c !== undefined))];
  const redirects = f.hops.length > 1 ? ` (+${f.hops.length - 1} redirect${f.hops.length > 2 ? 's' : ''})` : '';
  return {
    entry: f.entry,
    method: f.method,
    outcomes: browsers.map((b) => firstRun(f, b)?.outcome ?? null),
    har: harCell(f),
    code: codes.join(', '),
    url: f.url + redirects,
  };
}

function paint(st: Style, outcome: string | null): string {
  if (outcome === null) return '-';
  return outcome === 'allowed' ? st.green(outcome) : outcome === 'opaque' ? st.yellow(outcome) : st.red(outcome);
}

/** The summary table: `#  METHOD  <browser>...  HAR  URL  CODE`, columns sized to their content. */
export function renderHarTable(st: Style, rows: readonly HarRow[], browsers: readonly BrowserId[]): string {
  const w = (get: (r: HarRow) => string, title: string): number => Math.max(title.length, ...rows.map((r) => get(r).length)) + 2;
  const wEntry = w((r) => String(r.entry), '#');
  const wMethod = w((r) => r.method, 'METHOD');
  const wHar = w((r) => r.har, 'HAR');
  const wUrl = w((r) => r.url, 'URL');
  const out = [st.bold(`  ${'#'.padEnd(wEntry)}${'METHOD'.padEnd(wMethod)}${browsers.map((b) => b.padEnd(COL)).join('')}${'HAR'.padEnd(wHar)}${'URL'.padEnd(wUrl)}CODE`.trimEnd())];
  for (const r of rows) {
    const cells = r.outcomes.map((o) => paint(st, o) + ' '.repeat(Math.max(1, COL - (o ?? '-').length))).join('');
    out.push(`  ${String(r.entry).padEnd(wEntry)}${r.method.padEnd(wMethod)}${cells}${r.har.padEnd(wHar)}${r.url.padEnd(wUrl)}${st.dim(r.code)}`.trimEnd());
  }
  return out.join('\n');
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/**
 * Groups failures that are one problem: same method, same redirect count and final status class,
 * the same code and offending header value in each browser, and fixes on the same servers. Paths
 * are left out: `/items/1` and `/items/2` failing alike are one problem.
 */
export function failureKey(f: HarFinding): string {
  const last = f.hops.at(-1)!;
  const per = Object.entries(f.result.browsers).map(([b, r]) => {
    const run = r.runs[0];
    const fix = (run?.fix?.changes ?? []).map((c) => (c.kind === 'request' ? `request.${c.field}` : c.kind === 'add-route' ? `add ${originOf(c.route.url)}` : `${c.kind} ${originOf(c.route.url)} ${c.kind === 'set-header' ? c.name : ''}`));
    return `${b}:${run?.code ?? ''}:${run?.cause?.where ?? ''}:${run?.cause?.header ?? ''}=${run?.cause?.value ?? ''}:${fix.join('+')}`;
  });
  return [f.method, originOf(f.url), f.hops.length, Math.floor(last.status / 100), f.recorded.outcome === 'network-error' ? f.recorded.error : '', ...per].join(' ');
}

function preflightText(f: HarFinding): string {
  return f.hops.map((h) => {
    const p = h.preflight;
    switch (p.pairing) {
      case 'recorded': return `recorded (entry ${p.entry}, ${p.status === 0 ? `no answer${p.error ? ` ${p.error}` : ''}` : `status ${p.status}`})`;
      case 'cached': return 'not in the HAR: cached by the browser';
      case 'not-needed': return 'not needed';
      case 'missing': return 'needed, not in the HAR';
    }
  }).join(' → ');
}

/** The diagnosis of one failing request (and how many others failed the same way). */
export function renderHarFailure(st: Style, f: HarFinding, others: readonly { entry: number; url: string }[]): string {
  const out: string[] = [];
  const body = renderHuman(st, { file: `HAR entry ${f.entry}`, scenario: f.scenario, result: f.result });
  out.push(body);
  out.push(st.dim(`  har: page ${f.page} (from ${f.pageSource === 'page' ? 'the HAR page' : f.pageSource === 'origin-header' ? 'the Origin header' : 'the Referer header'}); preflight: ${preflightText(f)}; credentials: ${f.credentials} (${f.credentialsSource})`));
  for (const h of f.hops) {
    if (h.redirectTo !== null) out.push(st.dim(`  har: entry ${h.entry} ${h.status} redirect → ${h.redirectTo}`));
  }
  out.push(st.dim(`  har: recorded ${f.recorded.status === 0 ? 'no HTTP answer' : `status ${f.recorded.status}`}${f.recorded.error ? ` with ${f.recorded.error}` : ''}${f.agrees === true ? '; the replay agrees with the recording browser' : ''}`));
  for (const n of f.notes) out.push(`  ${st.yellow('note')}: ${harNoteText(n)}`);
  if (others.length > 0) {
    out.push(st.dim(`  and ${others.length} more request${others.length === 1 ? '' : 's'} failing the same way:`));
    for (const o of others.slice(0, 10)) out.push(st.dim(`    entry ${o.entry}  ${f.method} ${o.url}`));
    if (others.length > 10) out.push(st.dim(`    … ${others.length - 10} more`));
  }
  return out.join('\n');
}
