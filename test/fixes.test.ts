// Every fix corsight proposes is checked by re-simulation: with the fix applied, the scenario must
// be allowed in Chromium, Firefox and WebKit. Scenarios come from the test tables; each failure
// code must be met by at least one of them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FAILURE_CODES, REAL_BROWSERS, simulate, simulateIn, type FailureCode, type Scenario } from '../src/engine/index.js';
import { applyFix, findFix, succeeded } from '../src/diagnose/fix.js';

/** Codes for which no header or request setting can help; the cause explains instead. */
const UNFIXABLE: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'FORBIDDEN_METHOD', 'INVALID_METHOD', 'INVALID_URL', 'UNSUPPORTED_SCHEME', 'CORS_DISABLED_SCHEME', 'TOO_MANY_REDIRECTS', 'INVALID_REDIRECT',
]);
/** Codes the engine does not produce (yet), with the reason. */
const NOT_PRODUCED: Readonly<Partial<Record<FailureCode, string>>> = {
  INVALID_RESPONSE: 'a DevTools-only warning in Chromium, never a console error',
  STREAM_REDIRECT: 'spec profile only: no real browser follows a redirect with a stream body (observed: Chromium fails the upload first, Firefox sends a string, WebKit rejects)',
};

function tables(dir: string, out: Scenario[] = []): Scenario[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) tables(p, out);
    else if (e.endsWith('.json')) {
      const v: unknown = JSON.parse(readFileSync(p, 'utf8'));
      out.push(...((Array.isArray(v) ? v : [v]) as Scenario[]));
    }
  }
  return out;
}

const byCode = new Map<FailureCode, Scenario[]>();
for (const s of [...tables(new URL('./scenarios/', import.meta.url).pathname), ...tables(new URL('./fix-scenarios/', import.meta.url).pathname)]) {
  const sim = simulate(s, REAL_BROWSERS);
  for (const b of Object.values(sim.browsers)) {
    for (const r of b.runs) {
      if (r.failure === null) continue;
      const list = byCode.get(r.failure.code) ?? [];
      if (!list.includes(s)) list.push(s);
      byCode.set(r.failure.code, list);
    }
  }
}

for (const code of FAILURE_CODES) {
  test(`fix for ${code}`, (t) => {
    if (NOT_PRODUCED[code] !== undefined) {
      assert.equal(byCode.has(code), false, `${code} is listed as not produced but a scenario produced it`);
      t.skip(NOT_PRODUCED[code]);
      return;
    }
    const scenarios = byCode.get(code) ?? [];
    assert.ok(scenarios.length > 0, `no test scenario produces ${code}`);
    for (const s of scenarios.slice(0, 25)) {
      const fix = findFix(s);
      if (UNFIXABLE.has(code)) continue;
      if (fix === null || !fix.verified) {
        // The one case with no safe header fix: a credentialed request whose origin a cross-origin
        // redirect turned into `null` (only `Access-Control-Allow-Origin: null` would pass, which
        // any sandboxed page could use). The fix then stops short, and says nothing unsafe.
        const rest = fix === null ? s : applyFix(s, fix);
        const left = REAL_BROWSERS.map((b) => simulateIn(rest, b).runs.find((r) => r.failure !== null)?.failure).find((f) => f !== undefined && f !== null);
        assert.ok(left !== undefined && left !== null && left.origin === 'null' && s.request.credentials === 'include', `${s.name}: the fix is complete`);
        assert.ok(!(fix?.changes ?? []).some((c) => c.kind === 'set-header' && c.name === 'Access-Control-Allow-Origin' && c.value === 'null'), `${s.name}: never ACAO null`);
        continue;
      }
      assert.ok(fix !== null, `${s.name}: a fix is proposed`);
      assert.ok(fix.verified, `${s.name}: the fix is complete`);
      const fixed = applyFix(s, fix);
      for (const b of REAL_BROWSERS) {
        for (const r of simulateIn(fixed, b).runs) {
          assert.ok(succeeded(r), `${s.name}: after the fix, ${b} still ${r.outcome} (${r.failure?.code})`);
        }
      }
    }
  });
}
