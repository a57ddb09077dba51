/** Reading and validating scenario files (format v1). Errors are InputError: one line, no stack. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Scenario } from './types.js';

export class InputError extends Error {}

export interface LoadedScenario {
  /** Path relative to the working directory (`#<index>` appended for files holding an array). */
  file: string;
  scenario: Scenario;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkHeaders(v: unknown, where: string): void {
  if (v === undefined) return;
  if (!Array.isArray(v) || !v.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string')) {
    throw new InputError(`${where}: headers must be an array of [name, value] string pairs`);
  }
}

function checkUrl(v: unknown, where: string, relativeOk = false): void {
  if (typeof v !== 'string' || v === '') throw new InputError(`${where} must be a non-empty string`);
  if (relativeOk) return;
  try {
    new URL(v);
  } catch {
    throw new InputError(`${where} is not an absolute URL: ${JSON.stringify(v)}`);
  }
}

const oneOf = (v: unknown, allowed: readonly string[], where: string): void => {
  if (v !== undefined && (typeof v !== 'string' || !allowed.includes(v))) {
    throw new InputError(`${where} must be one of ${allowed.join(', ')}`);
  }
};

/** Throws InputError unless `v` is a scenario v1. */
export function validateScenario(v: unknown, where: string): Scenario {
  if (!isObject(v)) throw new InputError(`${where}: a scenario must be a JSON object`);
  checkUrl(v.page, `${where}: page`);
  const page = new URL(v.page as string);
  if (page.protocol !== 'http:' && page.protocol !== 'https:') throw new InputError(`${where}: page must be an http(s) URL`);
  if (v.name !== undefined && typeof v.name !== 'string') throw new InputError(`${where}: name must be a string`);
  const r = v.request;
  if (!isObject(r)) throw new InputError(`${where}: request must be an object`);
  checkUrl(r.url, `${where}: request.url`, true);
  oneOf(r.api, ['fetch', 'xhr'], `${where}: request.api`);
  oneOf(r.credentials, ['omit', 'same-origin', 'include'], `${where}: request.credentials`);
  oneOf(r.mode, ['cors', 'no-cors', 'same-origin', 'navigate'], `${where}: request.mode`);
  oneOf(r.redirect, ['follow', 'error', 'manual'], `${where}: request.redirect`);
  if (r.method !== undefined && typeof r.method !== 'string') throw new InputError(`${where}: request.method must be a string`);
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') throw new InputError(`${where}: request.body must be a string`);
  checkHeaders(r.headers, `${where}: request`);
  if (v.server !== undefined) {
    if (!Array.isArray(v.server)) throw new InputError(`${where}: server must be an array of routes`);
    v.server.forEach((route: unknown, i: number) => {
      const w = `${where}: server[${i}]`;
      if (!isObject(route)) throw new InputError(`${w} must be an object`);
      checkUrl(route.url, `${w}.url`);
      if (route.method !== undefined && typeof route.method !== 'string') throw new InputError(`${w}.method must be a string`);
      if (route.status !== undefined && (!Number.isInteger(route.status) || (route.status as number) < 100 || (route.status as number) > 999)) {
        throw new InputError(`${w}.status must be an integer 100-999`);
      }
      if (route.body !== undefined && typeof route.body !== 'string') throw new InputError(`${w}.body must be a string`);
      checkHeaders(route.headers, w);
    });
  }
  if (v.repeat !== undefined) {
    const rep = v.repeat;
    if (!isObject(rep) || !Number.isInteger(rep.count) || (rep.count as number) < 1 || typeof rep.intervalMs !== 'number' || rep.intervalMs < 0) {
      throw new InputError(`${where}: repeat must be { count: integer >= 1, intervalMs: number >= 0 }`);
    }
  }
  return v as Scenario;
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
