import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { harFindings, harScenarios, HarShapeError } from './har-scenarios.js';

const dir = new URL('../../test/har/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.har'));

test('the recorded fixtures give one scenario per cross-origin fetch/XHR, each replaying recorded answers', () => {
  assert.ok(fixtures.length >= 2, 'fixtures present');
  for (const f of fixtures) {
    const har = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
    const scenarios = harScenarios(har);
    assert.ok(scenarios.length >= 5, `${f}: ${scenarios.length} scenarios`);
    for (const s of scenarios) assert.ok((s.server ?? []).length >= 1, `${f}: ${s.name} replays a response`);
    const blocked = harFindings(har).filter((x) => x.result.browsers.chromium?.runs[0]?.outcome === 'blocked');
    assert.ok(blocked.length >= 3, `${f}: the classic failures are blocked (${blocked.length})`);
  }
});

test('not a HAR: one-line errors naming the path', () => {
  assert.throws(() => harScenarios({}), HarShapeError);
  assert.throws(() => harScenarios({ log: { version: '1.2' } }), /log\.entries/);
  assert.throws(() => harScenarios(null), /\$\.log is missing/);
});
