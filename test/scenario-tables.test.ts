// Runs every scenario table under test/scenarios/ through the engine and checks its expectations
// (docs/test-expectations.md). Expectations come from the spec and real-browser observations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, test } from 'node:test';
import { BROWSERS, type Scenario } from '../src/engine/index.js';
import { diagnoseScenario } from '../src/diagnose/report.js';
import { expectationFor, mismatches, type Expect } from './support/expectations.js';
import { jsonFiles } from './support/json-files.js';

const ROOT = new URL('./scenarios/', import.meta.url).pathname;

const names = new Set<string>();
for (const file of jsonFiles(ROOT)) {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const scenarios = (Array.isArray(parsed) ? parsed : [parsed]) as Scenario[];
  describe(relative(ROOT, file), () => {
    for (const s of scenarios) {
      test(s.name ?? '(unnamed)', () => {
        assert.ok(s.name, 'every table case has a name');
        assert.ok(!names.has(s.name), `duplicate case name ${s.name}`);
        names.add(s.name);
        assert.ok(s.source, 'every table case cites its source');
        assert.ok(s.expect, 'every table case has expectations');
        const result = diagnoseScenario(s);
        const problems: string[] = [];
        for (const b of BROWSERS) {
          const e = expectationFor(s.expect as Expect, b);
          if (e === null) continue;
          const runs = result.browsers[b]!.runs;
          // Top-level fields apply to run 0; `runs[i]` adds per-run fields.
          const { runs: perRunList, ...top } = e;
          const perRun = perRunList === undefined ? [top] : perRunList.map((r, i) => (i === 0 ? { ...top, ...r } : r));
          perRun.forEach((re, i) => {
            const run = runs[i];
            if (run === undefined) problems.push(`${b} run ${i}: no such run`);
            else for (const m of mismatches(run, re)) problems.push(`${b} run ${i}: ${m}`);
          });
        }
        assert.deepEqual(problems, [], `${s.name} (${s.source})`);
      });
    }
  });
}
