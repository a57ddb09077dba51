import type { BrowserId, Scenario } from '../engine/index.js';
import type { DiagnosedRun, DiagnosedScenario } from '../diagnose/report.js';
import { fixLines } from './fix-text.js';
import type { Style } from './style.js';

export interface SimulatedFile {
  file: string;
  scenario: Scenario;
  result: DiagnosedScenario;
}

const VERDICT_WIDTH = 9;

function verdict(st: Style, r: DiagnosedRun): string {
  switch (r.outcome) {
    case 'allowed': return st.green('allowed');
    case 'opaque': return st.yellow('opaque');
    case 'blocked': return st.red('blocked');
    case 'rejected': return st.red('rejected');
  }
}

function requestLine(s: Scenario): string {
  const r = s.request;
  const extras: string[] = [];
  if ((r.credentials ?? 'same-origin') !== 'same-origin') extras.push(`credentials: ${r.credentials}`);
  if ((r.mode ?? 'cors') !== 'cors') extras.push(`mode: ${r.mode}`);
  if ((r.redirect ?? 'follow') !== 'follow') extras.push(`redirect: ${r.redirect}`);
  for (const [n, v] of r.headers ?? []) extras.push(`${n}: ${v}`);
  const api = r.api ?? 'fetch';
  return `${api} ${r.method ?? 'GET'} ${r.url}${extras.length ? `  {${extras.join(', ')}}` : ''}`;
}

function sentSummary(r: DiagnosedRun): string {
  if (r.sent.length === 0) return 'nothing reached the server';
  return r.sent
    .map((x) => {
      const origin = x.headers.find(([n]) => n.toLowerCase() === 'origin')?.[1];
      const isPreflight = x.headers.some(([n]) => n.toLowerCase() === 'access-control-request-method');
      return `${x.method} ${x.url}${isPreflight ? ' (preflight)' : ''}${origin !== undefined ? ` Origin: ${origin}` : ''}`;
    })
    .join('  →  ');
}

/** Groups browsers whose run failed in the same way, so one explanation serves them all. */
function groups(runs: [BrowserId, DiagnosedRun][]): [BrowserId[], DiagnosedRun][] {
  const out: [BrowserId[], DiagnosedRun][] = [];
  for (const [b, r] of runs) {
    if (r.code === null) continue;
    const same = out.find(([, g]) => g.code === r.code && g.cause?.where === r.cause?.where);
    if (same) same[0].push(b);
    else out.push([[b], r]);
  }
  return out;
}

/** The human report for one scenario file: verdicts, the browsers' own words, cause, help. */
export function renderHuman(st: Style, f: SimulatedFile): string {
  const out: string[] = [];
  const s = f.scenario;
  const title = s.name ?? f.file;
  out.push(st.bold(title) + st.dim(`  (${f.file})`));
  if (s.description) out.push(st.dim(`  ${s.description}`));
  out.push(`  page ${s.page}`);
  out.push(`  ${requestLine(s)}`);
  const browsers = Object.entries(f.result.browsers) as [BrowserId, { runs: DiagnosedRun[] }][];
  const runCount = browsers[0]?.[1].runs.length ?? 0;
  for (let i = 0; i < runCount; i++) {
    out.push('');
    if (runCount > 1) {
      const at = (s.repeat?.intervalMs ?? 0) * i;
      out.push(st.bold(`  run ${i + 1} of ${runCount}`) + st.dim(` (t = ${at} ms)`));
    }
    const runs: [BrowserId, DiagnosedRun][] = browsers.map(([b, r]) => [b, r.runs[i]!]);
    for (const [b, r] of runs) {
      const detail = r.code !== null
        ? st.dim(r.code)
        : `${r.status ?? ''}${r.type ? ` ${r.type}` : ''}${r.preflightCached ? ' (preflight cached)' : ''}`;
      out.push(`  ${b.padEnd(9)} ${verdict(st, r).padEnd(VERDICT_WIDTH + (verdict(st, r).length - r.outcome.length))} ${detail}`);
      out.push(st.dim(`            ${sentSummary(r)}`));
    }
    // The fix is the scenario's (one search across browsers): print it once per run.
    const shownFixes = new Set<string>();
    for (const [names, r] of groups(runs)) {
      out.push('');
      out.push(`${st.red(st.bold(`${r.outcome === 'rejected' ? 'error' : 'blocked'}[${r.code}]`))}${st.bold(`: in ${names.join(', ')}`)}`);
      if (r.cause) {
        if (r.cause.header !== undefined) {
          out.push(`  ${st.cyan('-->')} ${r.cause.where}: ${r.cause.header}: ${r.cause.value ?? st.dim('(absent)')}`);
        }
        out.push(`  ${st.cyan('=')} ${r.cause.text}`);
      }
      for (const b of names) {
        const br = runs.find(([x]) => x === b)![1];
        if (br.console.length === 0 && br.jsError === null) continue;
        const label = `${b}:`.padEnd(10);
        br.console.forEach((line, k) => out.push(`  ${st.cyan('|')} ${k === 0 ? label : ' '.repeat(10)}${line}`));
        if (br.jsError !== null) out.push(`  ${st.cyan('|')} ${(br.console.length === 0 ? label : ' '.repeat(10))}${st.dim(`page sees: ${br.jsError}`)}`);
      }
      const fixKey = r.fix ? JSON.stringify(r.fix) : '';
      if (r.fix && shownFixes.has(fixKey)) {
        out.push(st.dim('  help: the same change as above fixes it here too.'));
      } else if (r.fix) {
        shownFixes.add(fixKey);
        for (const c of r.fix.changes) {
          const { say, lines } = fixLines(c);
          out.push(`${st.green(st.bold('help'))}: ${say}`);
          for (const l of lines) out.push(`      ${st.green(l)}`);
        }
        if (!r.fix.verified) out.push(st.yellow('  note: these changes are not enough on their own; see the cause above.'));
      } else if (r.outcome === 'rejected' || r.outcome === 'blocked') {
        out.push(st.dim('  no header change can fix this; change the request as the cause says.'));
      }
    }
  }
  return out.join('\n');
}

/** One summary line over many files. */
export function renderSummary(st: Style, files: SimulatedFile[]): string {
  let allowed = 0;
  let blocked = 0;
  for (const f of files) {
    const bad = Object.values(f.result.browsers).some((b) => b.runs.some((r) => r.outcome === 'blocked' || r.outcome === 'rejected'));
    if (bad) blocked++;
    else allowed++;
  }
  return st.bold(`${files.length} scenario${files.length === 1 ? '' : 's'}: ${allowed} allowed everywhere, ${blocked} blocked somewhere`);
}
