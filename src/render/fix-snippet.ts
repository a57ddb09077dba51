/** A rendered stack fix (`RenderedFix`) as terminal text or Markdown; JSON is the data itself. */
import type { RenderedFix, StackGenerator } from '../fixgen/types.js';
import type { Style } from './style.js';

/** Terminal text: title, where it goes, each file, then assumptions, pitfalls avoided, warnings. */
export function renderFixText(st: Style, fix: RenderedFix): string {
  const out: string[] = [];
  out.push(st.bold(`${fix.title}`) + st.dim(`  (--stack ${fix.stack})`));
  out.push(`${st.cyan('where:')} ${fix.placement}`);
  for (const f of fix.files) {
    out.push('');
    out.push(st.dim(`──── ${f.path} (${f.language}) ────`));
    out.push(f.content.replace(/\n$/, ''));
  }
  out.push('');
  if (fix.warnings.length) out.push(...fix.warnings.map((w) => `${st.yellow('warning:')} ${w}`));
  if (fix.assumptions.length) out.push(`${st.cyan('assumes:')}`, ...fix.assumptions.map((a) => `  - ${a}`));
  if (fix.pitfalls.length) out.push(`${st.green('avoids:')}`, ...fix.pitfalls.map((p) => `  - ${p}`));
  return out.join('\n');
}

/** Markdown: a section per fix with fenced files. */
export function renderFixMarkdown(fix: RenderedFix): string {
  const out: string[] = [`### ${fix.title}`, '', `**Where:** ${fix.placement}`, ''];
  for (const f of fix.files) out.push(`\`${f.path}\``, '', '```' + f.language, f.content.replace(/\n$/, ''), '```', '');
  if (fix.warnings.length) out.push(...fix.warnings.map((w) => `> **Warning:** ${w}`), '');
  if (fix.assumptions.length) out.push('**Assumes:**', '', ...fix.assumptions.map((a) => `- ${a}`), '');
  if (fix.pitfalls.length) out.push('**Avoids:**', '', ...fix.pitfalls.map((p) => `- ${p}`), '');
  return out.join('\n');
}

/** `corsight fix --list`: id, group, title. */
export function renderStackList(stacks: readonly StackGenerator[]): string {
  const w = Math.max(...stacks.map((s) => s.id.length));
  return stacks.map((s) => `${s.id.padEnd(w)}  ${s.group.padEnd(8)}  ${s.title}`).join('\n');
}
