/** Every `.json` file under `dir`, recursively, in sorted order (test tables, corpus files). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) jsonFiles(p, out);
    else if (e.endsWith('.json')) out.push(p);
  }
  return out;
}
