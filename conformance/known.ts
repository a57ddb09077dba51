// Documented disagreements: each names the browser, the scenario, the fields and the cause. They
// are listed in the report (never silently counted as agreement) and do not fail the run; anything
// else does. An entry whose scenario now agrees is reported as stale, to be removed.
import { existsSync, readFileSync } from 'node:fs';

export interface Known {
  browser: string;
  /** Scenario name (exact). */
  name: string;
  /** Fields that may disagree (`unobservable` for a scenario the harness cannot observe). */
  fields: string[];
  cause: string;
}

export function loadKnown(path: string): Known[] {
  if (!existsSync(path)) return [];
  const v: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(v)) throw new Error(`${path}: expected an array`);
  return v as Known[];
}

/** The entry that explains these disagreeing fields, if every one of them is listed. */
export function matchKnown(known: readonly Known[], browser: string, name: string, fields: readonly string[]): Known | undefined {
  const k = known.find((e) => e.browser === browser && e.name === name);
  if (k === undefined) return undefined;
  return fields.every((f) => k.fields.includes(f)) ? k : undefined;
}
