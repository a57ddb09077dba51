import type { RecognizedMessage } from '../diagnose/explain.js';
import type { Explanation } from '../diagnose/explanations.js';
import type { MessageHelp } from '../diagnose/message-fix.js';
import type { Style } from './style.js';

const BROWSER_NAMES: Readonly<Record<string, string>> = {
  chromium: 'Chromium (Chrome, Edge, Opera…)', firefox: 'Firefox', webkit: 'WebKit (Safari, WebKitGTK)', safari: 'Safari (Web Inspector)',
};

export interface ExplainedLine {
  message: RecognizedMessage;
  help: MessageHelp | null;
}

/** What a recognized console line says, as plain strings: the terminal and the playground render these. */
export interface MessageSummary {
  /** The browser(s) that write these words, by product name. */
  who: string;
  /** The values the line carries (`url …`, `origin …`, `on the preflight`), in a fixed order. */
  facts: string[];
  /** The failure codes the words fit when the browser does not say which (two or more), else null. */
  ambiguous: string[] | null;
}

/** Summarizes a recognized console line (no I/O, no styling: the playground bundles it too). */
export function summarizeMessage(m: RecognizedMessage): MessageSummary {
  const who = (m.browsers?.length ?? 0) > 1 ? m.browsers!.map((b) => BROWSER_NAMES[b] ?? b).join(' or ') : (BROWSER_NAMES[m.browser] ?? m.browser);
  const facts: string[] = [];
  if (m.url) facts.push(`url ${m.url}`);
  if (m.redirectedFrom) facts.push(`redirected from ${m.redirectedFrom}`);
  if (m.origin) facts.push(`origin ${m.origin}`);
  if (m.value !== undefined) facts.push(`value '${m.value}'`);
  if (m.method) facts.push(`method ${m.method}`);
  if (m.header) facts.push(`header ${m.header}`);
  if (m.status) facts.push(`status ${m.status}`);
  if (m.preflight === true) facts.push('on the preflight');
  return { who, facts, ambiguous: m.ambiguous && m.ambiguous.length > 1 ? [...m.ambiguous] : null };
}

/** Stands in for the code of a line that reports no failure of its own. */
export const COMPANION_LINE = '(companion line, no failure of its own)';

/** A pasted message, line by line: who said it, what it means, the literal fix. */
export function renderExplainedMessages(st: Style, lines: ExplainedLine[]): string {
  const out: string[] = [];
  for (const { message: m, help } of lines) {
    const { who, facts, ambiguous } = summarizeMessage(m);
    out.push(`${st.bold(who)}${m.code ? st.dim(`  ${m.code}`) : st.dim(`  ${COMPANION_LINE}`)}`);
    out.push(`  ${st.cyan('|')} ${m.line}`);
    if (facts.length) out.push(st.dim(`  ${facts.join(' · ')}`));
    if (ambiguous) out.push(st.yellow(`  note: these words fit ${ambiguous.join(' or ')}`));
    if (help) {
      out.push(`  ${st.cyan('=')} ${help.meaning}`);
      if (help.lines.length) {
        out.push(`${st.green(st.bold('help'))}: ${help.where ? `send in ${help.where}:` : 'send:'}`);
        for (const l of help.lines) out.push(`      ${st.green(l)}`);
      }
      if (m.code) out.push(st.dim(`  more: corsight explain ${m.code}`));
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** The long explanation of a failure code. */
export function renderExplanation(st: Style, e: Explanation): string {
  const out: string[] = [];
  out.push(`${st.bold(e.code)}: ${e.title}`, '');
  out.push(e.meaning, '');
  out.push(st.bold('Usual causes'));
  for (const c of e.causes) out.push(`  - ${c}`);
  out.push('', st.bold('Fix'));
  for (const f of e.fix) out.push(`  - ${f}`);
  out.push('', st.bold('In each browser'), e.browsers);
  const msgs = Object.entries(e.messages).filter(([, v]) => v !== undefined);
  if (msgs.length) {
    out.push('', st.bold('What the console says'));
    for (const [b, text] of msgs) {
      out.push(`  ${b}:`);
      for (const line of String(text).split('\n')) out.push(`    ${st.dim(line)}`);
    }
  }
  out.push('', st.dim(`Spec: ${e.spec}`));
  return out.join('\n');
}
