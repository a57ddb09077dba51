import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { styleFor, type Io } from './io.js';
import type { ParsedArgs } from './main.js';
import { printResults, simulateFiles } from './simulate.js';

/** `corsight demo`: the bundled example scenarios, simulated in every browser. Exits 0. */
export async function runDemo(args: ParsedArgs, io: Io): Promise<number> {
  const dir = fileURLToPath(new URL('../../examples/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => relative(process.cwd(), join(dir, f)));
  const st = styleFor(io, args.values);
  if (!args.values['json']) {
    io.out(st.bold('corsight demo') + st.dim(' — bundled scenarios from examples/, simulated in Chromium 156, Firefox ESR 153, WebKitGTK 2.50 and the Fetch spec'));
    io.out(st.dim('Run your own: corsight simulate my-scenario.json   (format: docs/scenario-format.md)') + '\n');
  }
  const { results } = await simulateFiles(files, args);
  printResults(results, args, io);
  return 0;
}
