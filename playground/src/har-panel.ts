/**
 * Drop (or choose) a HAR file: read locally with `File.text()`, never uploaded. The analysis itself
 * belongs to `corsight har` (src/analyze/har-*.ts); until that is built in, the panel reads only
 * what it can state for certain (a valid HAR, how many entries) and says the analysis is coming.
 */
import type { Scenario } from '../../src/engine/index.js';
import { h } from './dom.js';
import { HAR_AVAILABLE, scenariosFromHar } from './seams.js';

/** Wires the drop zone and file input; `open` loads a scenario into the editor. */
export function mountHarPanel(zone: HTMLElement, fileInput: HTMLInputElement, out: HTMLElement, open: (s: Scenario) => void): void {
  const handle = async (file: File): Promise<void> => {
    out.replaceChildren(h('p', { class: 'quiet' }, `Reading ${file.name}…`));
    let har: unknown;
    try {
      har = JSON.parse(await file.text());
    } catch (e) {
      out.replaceChildren(h('p', { class: 'bad-text' }, `${file.name} is not JSON: ${(e as Error).message}`));
      return;
    }
    const entries = (har as { log?: { entries?: unknown } } | null)?.log?.entries;
    if (!Array.isArray(entries)) {
      out.replaceChildren(h('p', { class: 'bad-text' }, `${file.name} is not a HAR file: it has no log.entries array.`));
      return;
    }
    if (!HAR_AVAILABLE) {
      out.replaceChildren(h('p', { 'data-testid': 'har-coming' },
        `${file.name}: a HAR with ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, read in this page. `,
        'Analysing it here is coming with ', h('code', {}, 'corsight har'), ', which is not part of this build yet; no verdict is shown rather than a guessed one.'));
      return;
    }
    let scenarios: Scenario[];
    try {
      scenarios = scenariosFromHar(har);
    } catch (e) {
      out.replaceChildren(h('p', { class: 'bad-text' }, `${file.name}: ${(e as Error).message}`));
      return;
    }
    out.replaceChildren(
      h('p', {}, `${file.name}: ${scenarios.length} cross-origin request${scenarios.length === 1 ? '' : 's'}.`),
      h('ul', { class: 'har-list' }, scenarios.map((s) => h('li', {},
        h('button', { type: 'button', class: 'link', onclick: () => open(s) }, s.name ?? `${s.request.method ?? 'GET'} ${s.request.url}`)))),
    );
  };
  fileInput.addEventListener('change', () => { const f = fileInput.files?.[0]; if (f) void handle(f); });
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const f = e.dataTransfer?.files[0];
    if (f) void handle(f);
  });
}
