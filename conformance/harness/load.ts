/** Reading and validating scenario files (format v1). Errors are InputError: one line, no stack. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatValidationError, validateScenario as validateEngineScenario } from '../../src/engine/scenario/validate.js';
import type { Scenario } from './types.js';

export class InputError extends Error {}

export interface LoadedScenario {
  /** Path relative to the working directory (`#<index>` appended for files holding an array). */
  file: string;
  scenario: Scenario;
}

/** Throws InputError (every problem, with its JSON path) unless `v` is a scenario v1. */
export function validateScenario(v: unknown, where: string): Scenario {
  const r = validateEngineScenario(v);
  if (r.ok) return r.scenario;
  const first = r.errors.slice(0, 3).map(formatValidationError).join('; ');
  const more = r.errors.length > 3 ? ` (and ${r.errors.length - 3} more)` : '';
  throw new InputError(`${where}: ${first}${more}`);
}

function jsonFiles(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  if (!st.isDirectory()) return [];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? jsonFiles(join(path, e.name)) : e.name.endsWith('.json') ? [join(path, e.name)] : []));
}

/** Loads scenario files and directories (recursively, *.json, sorted). */
export function loadScenarios(paths: readonly string[]): LoadedScenario[] {
  const out: LoadedScenario[] = [];
  for (const p of paths) {
    let files: string[];
    try {
      files = jsonFiles(p);
    } catch {
      throw new InputError(`cannot read ${p}: no such file or directory`);
    }
    for (const f of files) {
      const r = relative(process.cwd(), f);
      const rel = r && !r.startsWith('..') ? r : f;
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(f, 'utf8'));
      } catch (e) {
        throw new InputError(`${rel}: invalid JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
      }
      if (Array.isArray(data)) data.forEach((s, i) => out.push({ file: `${rel}#${i}`, scenario: validateScenario(s, `${rel}#${i}`) }));
      else out.push({ file: rel, scenario: validateScenario(data, rel) });
    }
  }
  return out;
}

/** The name used for output and ids: `name` or the file's base name. */
export function scenarioName(s: LoadedScenario): string {
  if (s.scenario.name) return s.scenario.name;
  const base = s.file.split('/').pop() ?? s.file;
  return base.replace(/\.json(#\d+)?$/, '$1');
}
