// Formats scenario table files: one scenario per block, request/route/expectation objects on one
// line each, so diffs stay readable. Usage: node scripts/format-tables.mjs FILE...
import { readFileSync, writeFileSync } from 'node:fs';

const c = (v) => JSON.stringify(v);
function scenario(s) {
  const lines = [];
  for (const [k, v] of Object.entries(s)) {
    if (k === 'server' && Array.isArray(v)) {
      lines.push(`    "server": [\n${v.map((r) => `      ${c(r)}`).join(',\n')}\n    ]`);
    } else if (k === 'expect' && v && typeof v === 'object') {
      lines.push(`    "expect": {\n${Object.entries(v).map(([b, e]) => `      ${c(b)}: ${c(e)}`).join(',\n')}\n    }`);
    } else {
      lines.push(`    ${c(k)}: ${c(v)}`);
    }
  }
  return `  {\n${lines.join(',\n')}\n  }`;
}
for (const f of process.argv.slice(2)) {
  const v = JSON.parse(readFileSync(f, 'utf8'));
  const arr = Array.isArray(v) ? v : [v];
  writeFileSync(f, `[\n${arr.map(scenario).join(',\n')}\n]\n`);
}
