// Oracle property test: random valid policies × random browser requests (fetch and XMLHttpRequest), judged by the engine in
// chromium, firefox and webkit against the middleware's real responses. ORACLE_CASES sets the
// number of (policy, request) pairs (default 20,000; `npm run test:deep` runs 100,000); each pair is
// judged in the three browsers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { caseArb, checkCase, intent as checkCaseIntent, type Violation } from './oracle.js';

const CASES = Number(process.env.ORACLE_CASES ?? 20000);
const SEED = process.env.ORACLE_SEED === undefined ? 20261124 : Number(process.env.ORACLE_SEED);

test(`oracle: the engine allows exactly what the policy intends (${CASES} policy × request pairs, 3 browsers each)`, () => {
  const violations: Violation[] = [];
  let pairs = 0;
  let allowed = 0;
  let preflighted = 0;
  let xhr = 0;
  const started = Date.now();
  fc.assert(
    fc.property(caseArb, fc.integer({ min: 0, max: 9 }), ([cfg, req], pick) => {
      pairs++;
      // One pair in ten goes through the fetch adapter (Request → Response), the rest node:http.
      const v = checkCase(cfg, req, pick === 0);
      violations.push(...v);
      return true;
    }),
    { numRuns: CASES, seed: SEED },
  );
  // Coverage of the generated space (so the property cannot pass vacuously).
  for (const [cfg, req] of fc.sample(caseArb, { numRuns: 2000, seed: SEED })) {
    const i = checkCaseIntent(cfg, req);
    if (i.allowed) allowed++;
    if (i.preflight) preflighted++;
    if (req.api === 'xhr') xhr++;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`oracle: ${pairs} pairs × 3 browsers = ${pairs * 3} judgments, ${violations.length} violations, ${seconds} s (sample: ${allowed}/2000 intended allowed, ${preflighted}/2000 preflighted, ${xhr}/2000 XMLHttpRequest)`);
  assert.equal(pairs, CASES);
  assert.ok(allowed > 300 && allowed < 1700, `both verdicts are well represented (${allowed}/2000 allowed)`);
  assert.ok(preflighted > 500, 'preflights are well represented');
  assert.ok(xhr > 400 && xhr < 1000, `XMLHttpRequest and fetch are both represented (${xhr}/2000 xhr)`);
  assert.deepEqual(violations.slice(0, 5), [], `${violations.length} violations`);
});
