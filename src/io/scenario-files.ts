import { readFile } from 'node:fs/promises';
import { formatValidationError, validateScenarioFile, type Scenario } from '../engine/index.js';

export type LoadResult = { ok: true; file: string; scenarios: Scenario[] } | { ok: false; file: string; error: string };

/** Reads and validates one scenario file (one scenario or an array). Errors are one line each. */
export async function loadScenarioFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    return { ok: false, file, error: `${file}: ${why}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, file, error: `${file}: invalid JSON: ${(e as Error).message}` };
  }
  const v = validateScenarioFile(value);
  if (!v.ok) return { ok: false, file, error: v.errors.map((err) => `${file}: ${formatValidationError(err)}`).join('\n') };
  return { ok: true, file, scenarios: v.scenarios };
}
