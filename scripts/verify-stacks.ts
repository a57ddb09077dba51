/**
 * `npm run verify:stacks [-- --json] [-- --stack a,b]`: renders every stack's fix for the
 * verification policies, starts each stack that can run here on loopback with the generated
 * configuration, and probes it as the three browsers would (scripts/verify-stacks/probe.ts).
 * The last line is JSON: { "stacks": <rendered>, "runVerified": <passed on the real server>, "failed": [...] }.
 */
import { mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { findStack, renderPolicy, STACKS } from '../src/fixgen/index.js';
import type { PolicyConfig } from '../src/policy/config.js';
import { probe, type Check } from './verify-stacks/probe.js';
import { freePort, NOT_RUNNABLE, RUNNERS, WORK } from './verify-stacks/runners.js';

/** The policies every runnable stack must implement exactly. */
export const VERIFY_POLICIES: { name: string; policy: PolicyConfig }[] = [
  {
    name: 'allowlist',
    policy: {
      origins: ['https://app.example.com', 'https://*.example.org', 'http://localhost:*'],
      credentials: true,
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      requestHeaders: ['content-type', 'authorization', 'x-api-key'],
      exposeHeaders: ['X-Request-Id'],
      maxAge: 600,
    },
  },
  { name: 'any-origin', policy: { origins: ['*'], requestHeaders: ['content-type'] } },
  // No methods or headers: packages that reflect the requested headers when their list is empty must not.
  { name: 'minimal', policy: { origins: ['https://app.example.com'] } },
];

/**
 * For stacks that render `dangerouslyAllowNullOrigin` (fixgen `supports: ['null-origin']`): `Origin:
 * null` must be allowed like an exact origin. No page can be loaded with an opaque origin in the
 * scenario probe, so these checks are raw HTTP exchanges (what a sandboxed iframe's request carries).
 */
export const NULL_ORIGIN_POLICY: PolicyConfig = {
  origins: ['https://app.example.com', 'null'], credentials: true, methods: ['PUT'], requestHeaders: ['content-type'],
  dangerouslyAllowNullOrigin: true,
};

function rawRequest(base: string, method: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api`, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.end();
  });
}

async function nullOriginChecks(base: string): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: string): void => void checks.push({ name, ok, detail });
  const get = await rawRequest(base, 'GET', { Origin: 'null' });
  add('GET with Origin: null is allowed, credentialed', get.headers['access-control-allow-origin'] === 'null' && get.headers['access-control-allow-credentials'] === 'true',
    `ACAO ${String(get.headers['access-control-allow-origin'])}, ACAC ${String(get.headers['access-control-allow-credentials'])}`);
  const pre = await rawRequest(base, 'OPTIONS', { Origin: 'null', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' });
  const methods = String(pre.headers['access-control-allow-methods'] ?? '').split(',').map((m) => m.trim());
  add('preflight from Origin: null is allowed', pre.status >= 200 && pre.status < 300 && pre.headers['access-control-allow-origin'] === 'null' && (methods.includes('PUT') || methods.includes('*')),
    `status ${pre.status}, ACAO ${String(pre.headers['access-control-allow-origin'])}, ACAM ${methods.join(', ')}`);
  const app = await rawRequest(base, 'GET', { Origin: 'https://app.example.com' });
  add('the listed origin is still allowed', app.headers['access-control-allow-origin'] === 'https://app.example.com', `ACAO ${String(app.headers['access-control-allow-origin'])}`);
  for (const origin of ['https://evil.example.net', 'null.evil.net', 'https://null']) {
    const r = await rawRequest(base, 'GET', { Origin: origin });
    add(`${origin} is refused`, r.headers['access-control-allow-origin'] === undefined, `ACAO ${String(r.headers['access-control-allow-origin'])}`);
  }
  return checks;
}

/** Policies that every stack must render (not run): the edges. */
const RENDER_ONLY: PolicyConfig[] = [
  { origins: ['https://app.example.com'] },
  { origins: ['https://*.example.com'], credentials: true, methods: [] },
  { origins: ['http://[::1]:8080', 'http://localhost:*'], methods: ['PATCH'], maxAge: 0 },
];

interface StackResult {
  stack: string;
  status: 'verified' | 'failed' | 'not-run';
  reason?: string;
  checks: number;
  failedChecks: Check[];
  ms: number;
}

async function verifyStack(stack: string): Promise<StackResult> {
  const t0 = Date.now();
  const runner = RUNNERS[stack];
  if (runner === undefined) return { stack, status: 'not-run', reason: NOT_RUNNABLE[stack] ?? 'no runner', checks: 0, failedChecks: [], ms: 0 };
  const missing = runner.missing();
  if (missing !== null) return { stack, status: 'not-run', reason: missing, checks: 0, failedChecks: [], ms: 0 };
  let checks = 0;
  const failedChecks: Check[] = [];
  const nullOrigin = findStack(stack)?.supports?.includes('null-origin') === true;
  const runs = [...VERIFY_POLICIES, ...(nullOrigin ? [{ name: 'null-origin', policy: NULL_ORIGIN_POLICY }] : [])];
  for (const { name, policy } of runs) {
    const fix = renderPolicy(policy, stack);
    const dir = path.join(WORK, `${stack}-${name}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    let server;
    try {
      server = await runner.start(fix, dir, port);
    } catch (e) {
      failedChecks.push({ name: `${name}: server starts`, ok: false, detail: (e as Error).message });
      continue;
    }
    try {
      const results = name === 'null-origin' ? await nullOriginChecks(server.url)
        : await probe(server.url, policy, runner.errorPaths ? { errorPaths: runner.errorPaths } : {});
      checks += results.length;
      for (const c of results) if (!c.ok) failedChecks.push({ ...c, name: `${name}: ${c.name}` });
    } catch (e) {
      failedChecks.push({ name: `${name}: probe`, ok: false, detail: `${(e as Error).message}\n${server.log().slice(-600)}` });
    } finally {
      await server.stop();
    }
  }
  return { stack, status: failedChecks.length ? 'failed' : 'verified', checks, failedChecks, ms: Date.now() - t0 };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const only = argv.includes('--stack') ? argv[argv.indexOf('--stack') + 1]!.split(',') : null;
  const t0 = Date.now();
  const log = (s: string): void => { if (!json) process.stdout.write(`${s}\n`); };

  let rendered = 0;
  const renderFailures: string[] = [];
  for (const s of STACKS) {
    try {
      for (const p of [...VERIFY_POLICIES.map((v) => v.policy), ...RENDER_ONLY, NULL_ORIGIN_POLICY]) renderPolicy(p, s.id);
      rendered++;
    } catch (e) {
      renderFailures.push(`${s.id}: ${(e as Error).message}`);
    }
  }
  const results: StackResult[] = [];
  for (const s of STACKS) {
    if (only !== null && !only.includes(s.id)) continue;
    const r = await verifyStack(s.id);
    results.push(r);
    if (r.status === 'verified') log(`✓ ${r.stack.padEnd(20)} run-verified (${r.checks} checks, ${r.ms} ms)`);
    else if (r.status === 'not-run') log(`- ${r.stack.padEnd(20)} not run-verified: ${r.reason}`);
    else {
      log(`✗ ${r.stack.padEnd(20)} FAILED ${r.failedChecks.length} of ${r.checks} checks (${r.ms} ms)`);
      for (const c of r.failedChecks.slice(0, 12)) log(`    ${c.name}: ${c.detail}`);
    }
  }
  for (const f of renderFailures) log(`✗ render ${f}`);
  const failed = [...results.filter((r) => r.status === 'failed').map((r) => r.stack), ...renderFailures.map((f) => f.split(':')[0]!)];
  const summary = {
    stacks: rendered,
    runVerified: results.filter((r) => r.status === 'verified').length,
    failed: [...new Set(failed)],
    verified: results.filter((r) => r.status === 'verified').map((r) => r.stack),
    notRunVerified: results.filter((r) => r.status === 'not-run').map((r) => ({ stack: r.stack, reason: r.reason })),
    ...(json ? { failures: results.filter((r) => r.status === 'failed').map((r) => ({ stack: r.stack, checks: r.failedChecks })) } : {}),
    durationMs: Date.now() - t0,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return failed.length ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e) => { console.error(`verify:stacks: ${(e as Error).stack}`); process.exitCode = 2; });
