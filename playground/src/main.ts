/**
 * The playground page: edit a scenario, see what Chromium, Firefox and WebKit do with it, live.
 * Everything runs here, in this page, with corsight's own engine: nothing about the scenario is
 * sent anywhere (a shared link keeps it in the URL fragment, which browsers never send).
 */
import { REAL_BROWSERS, simulate, validateScenario, formatValidationError, type BrowserId, type Scenario } from '../../src/engine/index.js';
import { diagnoseScenario, type DiagnosedScenario } from '../../src/diagnose/report.js';
import { applyFix } from '../../src/diagnose/fix.js';
import { buildDiagram } from './diagram.js';
import { renderDiagramSvg } from './diagram-svg.js';
import { announce, h } from './dom.js';
import { mountEditor } from './editor.js';
import { renderExplanation } from './explain-panel.js';
import { mountHarPanel } from './har-panel.js';
import { examplePresets, SEED_PRESETS, type Preset } from './presets.js';
import { BROWSER_NAMES, renderResults, summarize, verdictOf } from './results.js';
import { decodeScenario, encodeScenario } from './share.js';
import { liveCheckConfig, runLiveCheck } from './live.js';
import './style.css';

const examples = import.meta.glob<Scenario>('../../examples/*.json', { eager: true, import: 'default' });
const PRESETS: Preset[] = [...SEED_PRESETS, ...examplePresets(examples)];

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

let scenario: Scenario = clone(PRESETS[0]!.scenario);
let diagramBrowser: BrowserId | null = null;
let last: DiagnosedScenario | null = null;

/** The scenario as simulated: header rows left completely empty in the editor are ignored. */
function cleaned(s: Scenario): Scenario {
  const c = clone(s);
  const keep = (hs: [string, string][] | undefined): [string, string][] | undefined => hs?.filter(([n, v]) => n !== '' || v !== '');
  c.request.headers = keep(c.request.headers);
  if (c.request.headers?.length === 0) delete c.request.headers;
  for (const r of c.server ?? []) {
    r.headers = keep(r.headers);
    if (r.headers?.length === 0) delete r.headers;
  }
  return c;
}

const editor = mountEditor($('editor'), () => {
  // An edited preset is the user's own scenario; choosing the preset again restores it.
  ($('preset') as HTMLSelectElement).value = '';
  schedule();
});

let pending = false;
let summaryTimer: ReturnType<typeof setTimeout> | undefined;
function schedule(): void {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => { pending = false; update(); });
}

function update(): void {
  const s = cleaned(scenario);
  history.replaceState(null, '', `#${encodeScenario(s)}`);
  const v = validateScenario(s);
  const results = $('results');
  const problems = $('problems');
  if (!v.ok) {
    problems.hidden = false;
    problems.replaceChildren(h('h3', {}, 'The scenario cannot be simulated yet'), h('p', {}, last ? 'The results below are for the last complete version.' : ''), h('ul', {}, v.errors.map((e) => h('li', { class: 'mono' }, formatValidationError(e)))));
    return;
  }
  problems.hidden = true;
  let d: DiagnosedScenario;
  try {
    d = diagnoseScenario(s);
  } catch (e) {
    problems.hidden = false;
    problems.replaceChildren(h('h3', {}, 'The engine could not simulate this scenario'), h('p', { class: 'mono' }, String((e as Error).message)));
    return;
  }
  last = d;
  renderResults(results, d, s, (fix) => {
    scenario = applyFix(s, fix);
    ($('preset') as HTMLSelectElement).value = '';
    editor.render(scenario);
    update();
    announce('Fix applied to the scenario.');
    $('results-h').focus();
  });
  renderDiagram(s, d);
  clearTimeout(summaryTimer);
  summaryTimer = setTimeout(() => { $('summary').textContent = summarize(d); }, 400);
  $('description').textContent = s.description ?? '';
  const json = $('scenario-json') as HTMLTextAreaElement;
  if (document.activeElement !== json) json.value = JSON.stringify(s, null, 2);
}

function renderDiagram(s: Scenario, d: DiagnosedScenario): void {
  const firstBlocked = REAL_BROWSERS.find((b) => d.browsers[b]?.runs[0]?.code);
  const b = diagramBrowser ?? firstBlocked ?? 'chromium';
  const picker = $('diagram-browser');
  // A re-render (any edit re-simulates) replaces the switch: keep keyboard focus on it.
  const hadFocus = picker.contains(document.activeElement);
  picker.replaceChildren(h('legend', { class: 'sr-only' }, 'Show the sequence in'), ...(['chromium', 'firefox', 'webkit', 'spec'] as BrowserId[]).map((id) => {
    const run = d.browsers[id]?.runs[0];
    const v = run ? verdictOf(run) : null;
    const input = h('input', { type: 'radio', name: 'diagram-browser', value: id, id: `db-${id}`, checked: id === b });
    input.addEventListener('change', () => {
      diagramBrowser = id;
      if (last) renderDiagram(s, last);
      ($(`db-${id}`) as HTMLInputElement).focus();
    });
    return h('span', { class: 'seg' }, input, h('label', { for: `db-${id}` }, BROWSER_NAMES[id], v ? h('span', { class: `dot ${v.cls}`, 'aria-hidden': 'true' }) : null));
  }));
  if (hadFocus) ($(`db-${b}`) as HTMLInputElement).focus();
  const runs = d.browsers[b]?.runs ?? [];
  // The engine's failures (not part of the diagnosed shape) name the refused method or header.
  const failures = simulate(s, [b]).browsers[b]?.runs.map((r) => r.failure) ?? [];
  $('diagram').innerHTML = renderDiagramSvg(buildDiagram(s, b, runs, failures), `What happens in ${BROWSER_NAMES[b]}`);
}

function load(s: Scenario, presetId: string | null): void {
  scenario = clone(s);
  diagramBrowser = null;
  ($('preset') as HTMLSelectElement).value = presetId ?? '';
  editor.render(scenario);
  update();
}

function fromHash(): boolean {
  const decoded = decodeScenario(location.hash);
  if (decoded === null) return false;
  if (!decoded.ok) {
    $('share-status').textContent = decoded.error;
    return false;
  }
  const match = PRESETS.find((p) => JSON.stringify(cleaned(p.scenario)) === JSON.stringify(cleaned(decoded.scenario)));
  load(decoded.scenario, match?.id ?? null);
  return true;
}

function init(): void {
  $('editor').addEventListener('submit', (e) => e.preventDefault());
  // In-page jumps as buttons: a #fragment link would replace the shared scenario in the address bar.
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-jump]')) {
    b.addEventListener('click', () => {
      const target = $(b.dataset['jump']!);
      target.scrollIntoView({ block: 'center' });
      target.focus();
    });
  }
  const select = $('preset') as HTMLSelectElement;
  const groups = new Map<string, Preset[]>();
  for (const p of PRESETS) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  select.replaceChildren(h('option', { value: '' }, '(your own scenario)'),
    ...[...groups].map(([g, ps]) => h('optgroup', { label: g }, ps.map((p) => h('option', { value: p.id }, p.title)))));
  select.addEventListener('change', () => {
    const p = PRESETS.find((x) => x.id === select.value);
    if (p) load(p.scenario, p.id);
  });

  $('share').addEventListener('click', () => {
    const url = `${location.origin}${location.pathname}#${encodeScenario(cleaned(scenario))}`;
    const done = (ok: boolean): void => {
      $('share-status').textContent = ok ? 'Link copied: the scenario is in the link itself (after #), nothing is stored anywhere.' : `Copy this link: ${url}`;
    };
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(url).then(() => done(true), () => done(false));
    else done(false);
  });

  $('json-load').addEventListener('click', () => {
    const status = $('json-status');
    let value: unknown;
    try {
      value = JSON.parse(($('scenario-json') as HTMLTextAreaElement).value);
    } catch (e) {
      status.textContent = `Not JSON: ${(e as Error).message}`;
      return;
    }
    const v = validateScenario(value);
    if (!v.ok) {
      status.textContent = `Not a valid scenario: ${v.errors.map(formatValidationError).join('; ')}`;
      return;
    }
    load(v.scenario, null);
    status.textContent = 'Loaded.';
  });
  $('json-copy').addEventListener('click', () => {
    const text = ($('scenario-json') as HTMLTextAreaElement).value;
    const done = (ok: boolean): void => { $('json-status').textContent = ok ? 'Copied: save it as a .json file for corsight simulate.' : 'Copy failed: select the text and copy it.'; };
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(text).then(() => done(true), () => done(false));
    else done(false);
  });

  const explainInput = $('explain-input') as HTMLTextAreaElement;
  const explainOut = $('explain-out');
  explainInput.addEventListener('input', () => renderExplanation(explainOut, explainInput.value));
  renderExplanation(explainOut, '');

  mountHarPanel($('har-zone'), $('har-file') as HTMLInputElement, $('har-out'), (s) => {
    load(s, null);
    $('editor-h').scrollIntoView();
  });

  const live = liveCheckConfig(document);
  if (live !== null) {
    $('live').hidden = false;
    const status = $('live-status');
    const out = $('live-results');
    const close = $('live-close');
    close.addEventListener('click', () => { out.replaceChildren(); status.textContent = ''; close.hidden = true; $('live-run').focus(); });
    $('live-run').addEventListener('click', () => {
      const s = cleaned(scenario);
      status.textContent = `Checking ${s.request.method ?? 'GET'} ${s.request.url} against the real server…`;
      runLiveCheck(live, s).then((d) => {
        status.textContent = `Live result for ${s.request.method ?? 'GET'} ${s.request.url} (real answers, ${new Date().toLocaleTimeString()}):`;
        renderResults(out, d, s, null, 'live-');
        close.hidden = false;
      }, (e: Error) => {
        status.textContent = `Live check failed: ${e.message}`;
        out.replaceChildren();
      });
    });
  }

  window.addEventListener('hashchange', () => { fromHash(); });
  if (!fromHash()) load(PRESETS[0]!.scenario, PRESETS[0]!.id);

  if (import.meta.env.PROD && 'serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('./sw.js').then(() => navigator.serviceWorker.ready).then(() => {
      $('offline').textContent = 'Cached for offline use: this page keeps working without a network.';
    }).catch(() => {
      $('offline').textContent = 'Offline caching is unavailable here (the page needs http://127.0.0.1, localhost or https for it).';
    });
  }
}

init();
