import type { SimulatedFile } from './human.js';

/**
 * The `corsight simulate --json` document: one element per file (a file holding an array of
 * scenarios yields one element per scenario):
 * `{ file, name, browsers: { <browser>: { runs: [ { outcome, status, type, exposedHeaders,
 * jsError, code, console, sent, cause, fix, preflightCached } ] } } }`.
 */
export function toJson(files: SimulatedFile[]): unknown[] {
  return files.map((f) => ({ file: f.file, name: f.result.name || (f.scenario.name ?? ''), browsers: f.result.browsers }));
}
