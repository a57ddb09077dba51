/**
 * Paste a console error → what it means: `recognize` (src/diagnose/explain.ts) finds which browser
 * wrote each line and the values it carries, `summarizeMessage` (src/render/explain.ts, shared with
 * `corsight explain`) names the browser and lists those values; `helpForMessage` gives the meaning
 * and the literal header line; `explanationFor` the long explanation of the code.
 */
import { recognize } from '../../src/diagnose/explain.js';
import { helpForMessage } from '../../src/diagnose/message-fix.js';
import { explanationFor } from '../../src/diagnose/explanations.js';
import { COMPANION_LINE, summarizeMessage } from '../../src/render/explain.js';
import { copyButton, h } from './dom.js';

/** Renders the explanation of `text` into `out`. */
export function renderExplanation(out: HTMLElement, text: string): void {
  if (text.trim() === '') {
    out.replaceChildren(h('p', { class: 'quiet' }, 'Paste one or more lines from the browser console above.'));
    return;
  }
  const messages = recognize(text);
  if (messages.length === 0) {
    out.replaceChildren(h('p', { class: 'bad-text', 'data-testid': 'explain-none' },
      'Not a CORS console message corsight knows. Paste the whole line, e.g. "Access to fetch at … has been blocked by CORS policy: …".'));
    return;
  }
  out.replaceChildren(...messages.map((m, i) => {
    const help = helpForMessage(m);
    const { who, facts, ambiguous } = summarizeMessage(m);
    const long = m.code ? explanationFor(m.code) : null;
    const helpText = help ? help.lines.join('\n') : '';
    const sayId = `explain-help-${i}`;
    return h('article', { class: 'explained', 'data-testid': 'explained' },
      h('h3', {}, who, ' ', m.code ? h('span', { class: 'code' }, m.code) : h('span', { class: 'quiet' }, COMPANION_LINE)),
      h('blockquote', { class: 'mono' }, m.line),
      facts.length ? h('p', { class: 'quiet' }, facts.join(' · ')) : null,
      ambiguous ? h('p', { class: 'warn-text' }, `These words fit ${ambiguous.join(' or ')}: the browser does not say which.`) : null,
      help ? h('p', {}, help.meaning) : null,
      help && help.lines.length ? [
        h('p', { id: sayId }, help.where ? `Send in ${help.where}:` : 'Send:'),
        h('div', { class: 'code-block' }, h('pre', { class: 'fix-lines' }, helpText), copyButton(() => helpText, 'Copy the header lines', sayId)),
      ] : null,
      long ? h('details', {}, h('summary', {}, `${long.title} — more`),
        h('p', {}, long.meaning),
        h('h4', {}, 'Usual causes'), h('ul', {}, long.causes.map((c) => h('li', {}, c))),
        h('h4', {}, 'Fix'), h('ul', {}, long.fix.map((c) => h('li', {}, c))),
        h('p', { class: 'quiet' }, `Spec: ${long.spec}`)) : null,
    );
  }));
}
