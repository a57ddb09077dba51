// The checklist coverage map (test/checklist-coverage.json): every numbered item of the Fetch CORS
// checklist maps to the scenario-table cases (and unit tests) that exercise it, or says why the
// engine does not model it. A new item in the checklist, a renamed case or a moved unit test
// fails here until the map is updated.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { jsonFiles } from './support/json-files.js';

const ROOT = new URL('../', import.meta.url).pathname;
// The developers' guide keeps the references in `shared/` beside the repository (CI too).
const CHECKLIST = process.env.CORSIGHT_CHECKLIST ?? new URL('../../shared/reference/fetch-cors-checklist.md', import.meta.url).pathname;
const MAP = join(ROOT, 'test', 'checklist-coverage.json');
const SCENARIOS = join(ROOT, 'test', 'scenarios');

interface Entry {
  item: number;
  title?: string;
  cases?: string[];
  tests?: string[];
  note?: string;
  notModeled?: string;
}

/** Item numbers of the checklist: lines starting with `N. ` (the top-level numbered items). */
export function checklistItems(markdown: string): number[] {
  const items: number[] = [];
  for (const line of markdown.split('\n')) {
    const m = /^(\d+)\. \S/.exec(line);
    if (m !== null) items.push(Number(m[1]));
  }
  return items;
}

function caseNames(): Set<string> {
  const names = new Set<string>();
  for (const file of jsonFiles(SCENARIOS)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    for (const s of (Array.isArray(parsed) ? parsed : [parsed]) as { name?: string }[]) if (s.name) names.add(s.name);
  }
  return names;
}

/** Problems with the map against the checklist's items and the tables' case names (empty = fine). */
export function mapProblems(items: readonly number[], entries: readonly Entry[], names: ReadonlySet<string>, root: string): string[] {
  const problems: string[] = [];
  const seen = new Map<number, number>();
  for (const e of entries) seen.set(e.item, (seen.get(e.item) ?? 0) + 1);
  for (const n of items) if (!seen.has(n)) problems.push(`checklist item ${n} has no entry`);
  for (const [n, count] of seen) {
    if (!items.includes(n)) problems.push(`entry for item ${n}, which the checklist does not have`);
    if (count > 1) problems.push(`item ${n} has ${count} entries`);
  }
  for (const e of entries) {
    const at = `item ${e.item}`;
    if (!Number.isInteger(e.item)) problems.push(`entry without an integer item: ${JSON.stringify(e)}`);
    if ('notModeled' in e) {
      if (typeof e.notModeled !== 'string' || e.notModeled.trim() === '') problems.push(`${at}: notModeled needs a reason`);
      for (const k of Object.keys(e)) if (k !== 'item' && k !== 'notModeled') problems.push(`${at}: notModeled entry has ${k}`);
      continue;
    }
    if (typeof e.title !== 'string' || e.title.trim() === '') problems.push(`${at}: no title`);
    if (!Array.isArray(e.cases)) {
      problems.push(`${at}: no cases list`);
      continue;
    }
    const pending = typeof e.note === 'string' && e.note.startsWith('pending:');
    if (e.cases.length === 0 && (e.tests ?? []).length === 0 && !pending) {
      problems.push(`${at}: no cases or tests (use notModeled with a reason, or a "pending: …" note)`);
    }
    if (pending && e.cases.length > 0) problems.push(`${at}: pending but lists cases (drop the pending note)`);
    for (const c of e.cases) if (!names.has(c)) problems.push(`${at}: no table case named ${c}`);
    if (new Set(e.cases).size !== e.cases.length) problems.push(`${at}: a case is listed twice`);
    for (const t of e.tests ?? []) {
      const sep = t.indexOf(': ');
      if (sep < 0) {
        problems.push(`${at}: test "${t}" is not "<file>: <test name>"`);
        continue;
      }
      const file = t.slice(0, sep);
      const name = t.slice(sep + 2);
      const path = join(root, file);
      if (!file.endsWith('.test.ts') || !existsSync(path)) problems.push(`${at}: no unit test file ${file}`);
      else if (!readFileSync(path, 'utf8').includes(name)) problems.push(`${at}: ${file} has no test or suite named "${name}"`);
    }
  }
  return problems;
}

describe('checklist coverage map', () => {
  // The checklist is a shared reference outside the repository (override with CORSIGHT_CHECKLIST);
  // without it the item-by-item tests are skipped, loudly, and the map is still checked.
  const present = existsSync(CHECKLIST);
  const skip = present ? false : `reference checklist not found at ${CHECKLIST} (set CORSIGHT_CHECKLIST)`;
  const entries = JSON.parse(readFileSync(MAP, 'utf8')) as Entry[];
  const items = present ? checklistItems(readFileSync(CHECKLIST, 'utf8')) : entries.map((e) => e.item);
  const names = caseNames();

  test('the checklist parses to items 1..N in order', { skip }, () => {
    assert.ok(items.length >= 77, `found ${items.length} items`);
    assert.deepEqual(items, items.map((_, i) => i + 1));
  });

  test('every checklist item is mapped to existing cases/tests or marked notModeled with a reason', { skip }, () => {
    assert.deepEqual(mapProblems(items, entries, names, ROOT), []);
  });

  test('without the checklist: every entry still names existing cases and tests', () => {
    assert.deepEqual(mapProblems(entries.map((e) => e.item), entries, names, ROOT), []);
  });

  test('the checks fail on a missing entry, an unknown case, a missing test file and a bare notModeled', () => {
    const ok = mapProblems([1, 2], [
      { item: 1, title: 'a', cases: [...names].slice(0, 1) },
      { item: 2, notModeled: 'not in fetch.bs' },
    ], names, ROOT);
    assert.deepEqual(ok, []);
    const bad = mapProblems([1, 2, 3], [
      { item: 1, title: 'a', cases: ['no-such-case'] },
      { item: 2, notModeled: ' ' },
      { item: 4, title: 'b', cases: [], tests: ['src/engine/nope.test.ts: x', 'src/engine/method.test.ts: no such suite'] },
    ], names, ROOT);
    assert.deepEqual(bad, [
      'checklist item 3 has no entry',
      'entry for item 4, which the checklist does not have',
      'item 1: no table case named no-such-case',
      'item 2: notModeled needs a reason',
      'item 4: no unit test file src/engine/nope.test.ts',
      'item 4: src/engine/method.test.ts has no test or suite named "no such suite"',
    ]);
  });
});
