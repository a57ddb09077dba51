// Golden files: every stack rendered for every policy in test/fixgen/policies.ts. A change in a
// generator shows up as a diff here; regenerate on purpose with UPDATE_GOLDEN=1 npm test.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderPolicy, STACKS } from '../../src/fixgen/index.js';
import { renderFixMarkdown } from '../../src/render/fix-snippet.js';
import { GOLDEN_POLICIES } from './policies.js';

const DIR = join(import.meta.dirname, 'golden');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

for (const s of STACKS) {
  test(`golden: ${s.id}`, () => {
    const text = Object.entries(GOLDEN_POLICIES)
      .map(([name, policy]) => `<!-- policy: ${name} ${JSON.stringify(policy)} -->\n\n${renderFixMarkdown(renderPolicy(policy, s.id))}`)
      .join('\n');
    const file = join(DIR, `${s.id}.md`);
    if (UPDATE || !existsSync(file)) writeFileSync(file, text);
    assert.equal(text, readFileSync(file, 'utf8'), `${s.id}: rendering changed (UPDATE_GOLDEN=1 to accept)`);
  });
}

test('golden: there is no golden file without a stack', async () => {
  const { readdirSync } = await import('node:fs');
  const ids = new Set(STACKS.map((s) => `${s.id}.md`));
  assert.deepEqual(readdirSync(DIR).filter((f) => !ids.has(f)), []);
});

test('README: the stack table names every stack', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| stack (`--stack`) |'));
  for (const s of STACKS) {
    const short = s.id.startsWith('corsight-') ? `-${s.id.slice('corsight-'.length)}` : s.id;
    assert.ok(table.includes(`\`${s.id}\``) || table.includes(`\`${short}\``), `${s.id} missing from the README stack table`);
  }
});
