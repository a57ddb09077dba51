// The conformance corpus: the generator is seeded and reproducible (the committed files are exactly
// what it produces), every file is a valid scenario v1, and the corpus holds at least 2,000 cases.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateScenarioFile, formatValidationError } from '../src/engine/index.js';
import { generateCorpus } from '../conformance/generate.js';
import { jsonFiles } from './support/json-files.js';

const GENERATED = new URL('../conformance/corpus/generated/', import.meta.url).pathname;
const SEED = 20261124;

test('the committed generated corpus is exactly what the seeded generator produces', () => {
  const files = readdirSync(GENERATED).filter((f) => f.endsWith('.json')).sort();
  const committed = files.flatMap((f) => JSON.parse(readFileSync(join(GENERATED, f), 'utf8')) as unknown[]);
  const regenerated = generateCorpus(SEED, committed.length);
  assert.deepEqual(committed, JSON.parse(JSON.stringify(regenerated)));
  assert.notDeepEqual(generateCorpus(SEED + 1, 5), generateCorpus(SEED, 5), 'another seed gives another corpus');
});

test('every corpus file is a valid scenario v1 and the corpus has at least 2,000 scenarios', () => {
  const dirs = [new URL('./scenarios/', import.meta.url).pathname, new URL('../conformance/corpus/', import.meta.url).pathname];
  let n = 0;
  const names = new Set<string>();
  for (const f of dirs.flatMap((d) => jsonFiles(d))) {
    const v = validateScenarioFile(JSON.parse(readFileSync(f, 'utf8')));
    assert.ok(v.ok, `${f}: ${v.ok ? '' : v.errors.slice(0, 3).map(formatValidationError).join('; ')}`);
    for (const s of v.scenarios) {
      n++;
      if (s.name !== undefined) {
        assert.ok(!names.has(s.name), `duplicate scenario name ${s.name}`);
        names.add(s.name);
      }
    }
  }
  assert.ok(n >= 2000, `corpus has ${n} scenarios`);
});
