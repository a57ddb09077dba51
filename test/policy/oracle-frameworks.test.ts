// The oracle against every real framework app of test/middleware/apps.ts (loopback for node:http,
// Express 4/5, Fastify 5, Koa 2/3; in-process for Hono and the fetch wrapper): each app is
// reconfigured live with the random policy of each case, and the engine judges its real responses
// in chromium, firefox and webkit. ORACLE_FRAMEWORK_CASES pairs per framework (default 40).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { caseArb, checkCaseAsync, type Violation } from './oracle.js';
import { FRAMEWORKS, startApp } from '../middleware/apps.js';

const PER_FRAMEWORK = Number(process.env.ORACLE_FRAMEWORK_CASES ?? 40);

for (const fw of FRAMEWORKS) {
  test(`oracle on ${fw}: ${PER_FRAMEWORK} random policies × requests, judged in 3 browsers`, async () => {
    const cases = fc.sample(caseArb, { numRuns: PER_FRAMEWORK, seed: 4242 + FRAMEWORKS.indexOf(fw) });
    const app = await startApp(fw, cases[0]![0]);
    const violations: Violation[] = [];
    try {
      for (const [cfg, req] of cases) {
        app.cors.reconfigure(cfg);
        violations.push(...await checkCaseAsync(cfg, req, async (method, headers) => {
          const r = await app.send(method, '/ok', headers);
          return { status: r.status, headers: r.raw };
        }));
      }
    } finally {
      await app.close();
    }
    assert.deepEqual(violations.slice(0, 3), [], `${violations.length} violations`);
  });
}
