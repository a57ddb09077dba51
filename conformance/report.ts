// conformance/report.md: agreement per browser and per field, then every disagreement with both sides.
import type { Scenario } from '../src/engine/index.js';
import { FIELDS, type Field, type FieldDisagreement } from './compare.js';
import type { Known } from './known.js';

export interface Judged {
  name: string;
  file: string;
  browser: string;
  scenario: Scenario;
  /** Per run, the fields that differ; or why the browser could not be observed. */
  result: FieldDisagreement[][] | 'unobservable';
  /** The documented known disagreement this matches, if any. */
  known?: Known;
  /** Disagreed, then agreed when observed again alone (reported, never counted as agreement). */
  flaky?: boolean;
  /** Observed in the faked-clock lane: `clock advanced by libfaketime, not waited`. */
  clock?: string;
}

export interface ReportInput {
  judged: Judged[];
  summary: { scenarios: number; browsers: Record<string, { agree: number; disagree: number; unobservable: number; known: number }> };
  perField: Record<string, Record<Field, number>>;
  seconds: number;
  stats: unknown[];
}

const MAX_LISTED = 300;

function show(v: unknown): string {
  const s = JSON.stringify(v, null, 1) ?? 'undefined';
  return s.length > 1200 ? `${s.slice(0, 1200)} …` : s;
}

export function renderReport(r: ReportInput): string {
  const out: string[] = [];
  const browsers = Object.keys(r.summary.browsers);
  out.push('# Conformance report', '');
  out.push(`${r.summary.scenarios} scenarios, run in ${browsers.join(', ')} in ${r.seconds.toFixed(1)} s and judged against the engine on the same concrete URLs.`, '');
  out.push('First observation of every scenario; `documented` = listed in known-disagreements.json (disagreeing or not run), `flaky` = disagreed or unobservable at first, then observed again alone and agreed.', '');
  out.push('| browser | agree | disagree | unobservable | documented | flaky | agreement (first pass) |', '|---|---|---|---|---|---|---|');
  for (const b of browsers) {
    const s = r.summary.browsers[b]!;
    const judged = s.agree + s.disagree;
    const flaky = r.judged.filter((j) => j.browser === b && j.flaky).length;
    out.push(`| ${b} | ${s.agree} | ${s.disagree} | ${s.unobservable} | ${s.known} | ${flaky} | ${judged === 0 ? '—' : `${((100 * s.agree) / judged).toFixed(2)} %`} |`);
  }
  out.push('', '## Disagreements per field', '', `| browser | ${FIELDS.join(' | ')} |`, `|---|${FIELDS.map(() => '---').join('|')}|`);
  for (const b of browsers) out.push(`| ${b} | ${FIELDS.map((f) => r.perField[b]?.[f] ?? 0).join(' | ')} |`);

  const bad = r.judged.filter((j) => j.result !== 'unobservable' && j.result.some((x) => x.length > 0));
  out.push('', `## Disagreements (${bad.length})`, '');
  if (bad.length === 0) out.push('None: the engine predicted every observed field.');
  for (const j of bad.slice(0, MAX_LISTED)) {
    out.push(`### ${j.browser}: ${j.name}${j.known ? ' (known)' : ''}${j.flaky ? ' (flaky: agreed when run again alone)' : ''}`, '', `\`${j.file}\``, '');
    if (j.known) out.push(`Known disagreement: ${j.known.cause}`, '');
    (j.result as FieldDisagreement[][]).forEach((runDis, i) => {
      for (const d of runDis) {
        out.push(`- run ${i + 1}, **${d.field}**`, '', '  browser:', '  ```json', ...show(d.browser).split('\n').map((l) => `  ${l}`), '  ```', '  engine:', '  ```json', ...show(d.engine).split('\n').map((l) => `  ${l}`), '  ```');
      }
    });
    out.push('');
  }
  if (bad.length > MAX_LISTED) out.push(`… and ${bad.length - MAX_LISTED} more (run with --filter to see them).`);

  const unobservable = r.judged.filter((j) => j.result === 'unobservable');
  out.push('', `## Unobservable (${unobservable.length})`, '');
  out.push('A scenario the harness could not observe (a timeout or a harness error) is run again alone; it fails the run unless it is then observed and agrees. It is never counted as agreement.', '');
  for (const j of unobservable.slice(0, MAX_LISTED)) {
    out.push(`- ${j.browser}: ${j.name} (\`${j.file}\`)${j.flaky ? ' — observed and agreed when run again alone' : ''}${j.known ? ` — known: ${j.known.cause}` : ''}`);
  }
  const faked = r.judged.filter((j) => j.clock !== undefined);
  if (faked.length > 0) {
    out.push('', `## Clock advanced by libfaketime, not waited (${faked.length})`, '');
    out.push('Repeat scenarios needing more waiting than --max-wait ran in a browser instance of their own with libfaketime preloaded; between runs its clock (wall and monotonic) was moved forward instead of waited (conformance/NOTES.md, faked-clock lane).', '');
    for (const j of faked) {
      const verdict = j.result === 'unobservable' ? 'unobservable' : j.result.every((x) => x.length === 0) ? 'agrees' : 'disagrees';
      out.push(`- ${j.browser}: ${j.name} — ${verdict}`);
    }
  }
  const stale = r.judged.filter((j) => j.known !== undefined && j.result !== 'unobservable' && j.result.every((x) => x.length === 0));
  if (stale.length > 0) {
    out.push('', `## Stale known disagreements (${stale.length})`, '', 'These now agree: remove them from conformance/known-disagreements.json.', '');
    for (const j of stale) out.push(`- ${j.browser}: ${j.name}`);
  }
  out.push('', '## Harness statistics', '', '```json', JSON.stringify(r.stats, null, 1), '```', '');
  return out.join('\n');
}
