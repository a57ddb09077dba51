import type { SimulatedFile } from './human.js';
import { fixLines } from './fix-text.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown report (for issues and pull requests): a verdict table, the browsers' words, the fix. */
export function renderMarkdown(f: SimulatedFile): string {
  const out: string[] = [];
  out.push(`### ${f.scenario.name ?? f.file}`, '');
  out.push(`\`${f.scenario.request.method ?? 'GET'} ${f.scenario.request.url}\` from \`${f.scenario.page}\``, '');
  out.push('| browser | run | outcome | code | requests reaching the server |', '|---|---|---|---|---|');
  for (const [b, res] of Object.entries(f.result.browsers)) {
    res.runs.forEach((r, i) => {
      out.push(`| ${b} | ${i + 1} | ${r.outcome} | ${r.code ?? ''} | ${cell(r.sent.map((s) => `${s.method} ${s.url}`).join(' → '))} |`);
    });
  }
  const seen = new Set<string>();
  for (const [b, res] of Object.entries(f.result.browsers)) {
    for (const r of res.runs) {
      if (r.console.length > 0) {
        const key = `${b}:${r.console.join('\n')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push('', `**${b}** console:`, '', '```', ...r.console, '```');
      }
    }
  }
  const failing = Object.values(f.result.browsers).flatMap((x) => x.runs).find((r) => r.cause !== null);
  if (failing?.cause) out.push('', `**Cause:** ${failing.cause.text}`);
  if (failing?.fix) {
    out.push('', '**Fix:**', '');
    for (const c of failing.fix.changes) {
      const { say, lines } = fixLines(c);
      out.push(`- ${say}`, '  ```http', ...lines.map((l) => `  ${l}`), '  ```');
    }
  }
  return out.join('\n');
}
