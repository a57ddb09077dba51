/**
 * The result view: one card per browser (verdict, the exact console lines, what the page sees, the
 * requests that reached the server, the cause), the verified fix with copy buttons, and the
 * standard's verdict. Everything comes from `diagnoseScenario` (the same data as
 * `corsight simulate --json`).
 */
import { PROFILES, REAL_BROWSERS, type BrowserId, type Scenario } from '../../src/engine/index.js';
import type { DiagnosedRun, DiagnosedScenario } from '../../src/diagnose/report.js';
import type { Fix } from '../../src/diagnose/fix.js';
import { fixLines } from '../../src/render/fix-text.js';
import { copyButton, h } from './dom.js';
import { stackSnippets } from './seams.js';
import { isPreflight } from './diagram.js';

export const BROWSER_NAMES: Readonly<Record<BrowserId, string>> = {
  chromium: 'Chromium', firefox: 'Firefox', webkit: 'Safari / WebKit', spec: 'Fetch standard',
};
const ALSO: Readonly<Record<BrowserId, string>> = {
  chromium: 'Chrome, Edge, Opera, Brave', firefox: 'Firefox ESR and release', webkit: 'Safari, WebKitGTK, iOS browsers', spec: '',
};

/** A failure code that line-breaks only after its underscores. */
export function codeWithBreaks(code: string): HTMLElement {
  const parts = code.split('_');
  return h('span', { class: 'code' }, parts.flatMap((p, i) => (i < parts.length - 1 ? [`${p}_`, h('wbr')] : [p])));
}

export function verdictOf(run: DiagnosedRun): { word: string; cls: string } {
  switch (run.outcome) {
    case 'allowed': return { word: 'Allowed', cls: 'ok' };
    case 'opaque': return { word: 'Opaque response', cls: 'warn' };
    case 'blocked': return { word: 'Blocked', cls: 'bad' };
    case 'rejected': return { word: 'Throws before sending', cls: 'bad' };
  }
}

function pageSees(run: DiagnosedRun): string {
  if (run.jsError !== null) return run.jsError;
  if (run.outcome === 'opaque') return `an opaque response (status ${run.status ?? 0}, type ${run.type ?? 'opaque'}): no headers, no body`;
  return `status ${run.status ?? '?'}${run.type ? `, type ${run.type}` : ''}${run.exposedHeaders.length ? `; readable headers: ${run.exposedHeaders.join(', ')}` : '; no response headers readable beyond the safelisted ones'}`;
}

function consoleBlock(lines: string[]): HTMLElement {
  if (lines.length === 0) return h('p', { class: 'quiet' }, 'Nothing in the console.');
  return h('div', { class: 'console', role: 'group', 'aria-label': 'Console' }, lines.map((l) => h('p', { class: 'console-line' }, l)));
}

function runBlock(run: DiagnosedRun, first: boolean): HTMLElement[] {
  const out: HTMLElement[] = [];
  out.push(h('h4', {}, 'Console'), consoleBlock(run.console));
  out.push(h('h4', {}, 'The page sees'), h('p', { class: 'mono sees' }, pageSees(run)));
  if (run.cause) out.push(h('h4', {}, 'Cause'), h('p', { class: 'cause' }, run.cause.text));
  out.push(h('h4', {}, run.sent.length ? 'Reached the server' : 'Reached the server: nothing'));
  if (run.sent.length) {
    out.push(h('ul', { class: 'sent' }, run.sent.map((s) => h('li', { class: 'mono' },
      `${s.method} ${s.url}`, isPreflight(s.method, s.headers) ? h('span', { class: 'tag' }, ' preflight') : null))));
  }
  if (!first && run.preflightCached) out.push(h('p', { class: 'quiet' }, 'The preflight came from the cache.'));
  return out;
}

function card(b: BrowserId, runs: DiagnosedRun[], interval: number, prefix: string): HTMLElement {
  const first = runs[0]!;
  const v = verdictOf(first);
  const more = runs.slice(1).map((run, i) => {
    const rv = verdictOf(run);
    return h('details', { class: 'more-run' },
      h('summary', {}, `Run ${i + 2} (+${(i + 1) * interval} ms): `, h('span', { class: `verdict-inline ${rv.cls}` }, rv.word), run.preflightCached ? ' · preflight from cache' : ''),
      runBlock(run, false));
  });
  return h('article', { class: `card ${v.cls}`, 'data-browser': b, 'aria-labelledby': `${prefix}card-${b}-h` },
    h('header', {},
      h('h3', { id: `${prefix}card-${b}-h` }, BROWSER_NAMES[b], h('span', { class: 'version' }, ` ${PROFILES[b].modeled.replace(/^\D+/, '')}`)),
      h('p', { class: 'also' }, ALSO[b]),
      h('p', { class: `verdict ${v.cls}`, 'data-testid': `${prefix}verdict-${b}` }, v.word, first.code ? codeWithBreaks(first.code) : null),
    ),
    runBlock(first, true),
    more,
  );
}

function fixSection(fix: Fix | null, scenario: Scenario, anyFailure: boolean, apply: ((f: Fix) => void) | null, prefix: string): HTMLElement {
  if (!anyFailure) {
    return h('section', { class: 'fix ok', 'aria-labelledby': `${prefix}fix-h` }, h('h3', { id: `${prefix}fix-h` }, 'Nothing to fix'),
      h('p', {}, 'Every browser lets the page read the response (or gives the opaque response a no-cors request asks for).'));
  }
  if (fix === null) {
    return h('section', { class: 'fix none', 'aria-labelledby': `${prefix}fix-h` }, h('h3', { id: `${prefix}fix-h` }, 'No automatic fix'),
      h('p', {}, 'No change to the server\'s answers makes this work; the cause above says what the page must change.'));
  }
  const items = fix.changes.map((c, i) => {
    const { say, lines } = fixLines(c);
    const text = lines.join('\n');
    const id = `${prefix}fix-say-${i}`;
    return h('li', {}, h('p', { id }, say), h('div', { class: 'code-block' }, h('pre', { class: 'fix-lines' }, text), copyButton(() => text, `Copy: ${say}`, id)));
  });
  const snippets = stackSnippets(scenario, fix);
  return h('section', { class: 'fix', 'aria-labelledby': `${prefix}fix-h` },
    h('h3', { id: `${prefix}fix-h` }, 'The fix'),
    h('p', { class: 'quiet' }, fix.verified
      ? 'Re-simulated with these changes: allowed in Chromium, Firefox, WebKit and the Fetch standard.'
      : 'Partial: these changes remove the first failures, but the re-simulation still fails (see the cause).'),
    h('ol', { class: 'fix-list' }, items),
    snippets.length ? stackPicker(snippets, prefix) : null,
    apply ? h('button', { type: 'button', class: 'primary', 'data-testid': 'apply-fix', onclick: () => apply(fix) }, 'Apply the fix to the scenario') : null,
  );
}

/** The same fix as configuration for the stack the user picks (corsight fix's generators). */
function stackPicker(snippets: { stack: string; code: string }[], prefix: string): HTMLElement {
  const id = `${prefix}stack-select`;
  let current = snippets[0]!;
  const pre = h('pre', { 'data-testid': 'stack-snippet' }, current.code);
  const select = h('select', {
    id,
    onchange: (e: Event) => {
      current = snippets[Number((e.target as HTMLSelectElement).value)] ?? current;
      pre.textContent = current.code;
    },
  }, snippets.map((s, i) => h('option', { value: String(i) }, s.stack)));
  return h('div', { class: 'snippets' },
    h('h4', {}, 'For your stack'),
    h('p', { class: 'quiet' }, h('label', { for: id }, 'Configuration that allows this request on '), select),
    h('div', { class: 'code-block' }, pre, copyButton(() => current.code, 'Copy the configuration for the chosen stack')));
}

/**
 * Renders the result of a diagnosis into `root`. `apply` (null: no apply button, e.g. for a live
 * check) applies the fix to the edited scenario; `prefix` keeps ids unique when two views show.
 */
export function renderResults(root: HTMLElement, d: DiagnosedScenario, scenario: Scenario, apply: ((f: Fix) => void) | null, prefix = ''): void {
  const interval = scenario.repeat?.intervalMs ?? 0;
  const cards = REAL_BROWSERS.filter((b) => (d.browsers[b]?.runs.length ?? 0) > 0).map((b) => card(b, d.browsers[b]!.runs, interval, prefix));
  const runsOf = (b: BrowserId): DiagnosedRun[] => d.browsers[b]?.runs ?? [];
  const anyFailure = [...REAL_BROWSERS, 'spec' as const].some((b) => runsOf(b).some((r) => r.code !== null));
  const fix = [...REAL_BROWSERS, 'spec' as const].flatMap((b) => runsOf(b)).find((r) => r.fix !== null)?.fix ?? null;
  const spec = runsOf('spec')[0];
  const specV = spec ? verdictOf(spec) : null;
  root.replaceChildren(
    h('div', { class: 'cards' }, cards),
    !spec || !specV ? '' : h('p', { class: 'spec-line', 'data-testid': `${prefix}verdict-spec` }, 'By the Fetch standard as written: ', h('strong', { class: specV.cls }, specV.word),
      spec.code ? ` (${spec.code})` : '', spec.code && REAL_BROWSERS.every((b) => runsOf(b)[0]?.code === null) ? ' — browsers are more lenient today; the fix below also satisfies the standard.' : ''),
    fixSection(fix, scenario, anyFailure, apply, prefix),
  );
}

/** One sentence for the live region: the verdict per browser. */
export function summarize(d: DiagnosedScenario): string {
  return REAL_BROWSERS.map((b) => {
    const run = d.browsers[b]?.runs[0];
    return run ? `${BROWSER_NAMES[b]}: ${verdictOf(run).word}${run.code ? ` (${run.code})` : ''}` : '';
  }).join('. ') + '.';
}
