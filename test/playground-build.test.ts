// The playground's build plugin: size budget (fails the build over it) and the offline service worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { BUDGET_GZIP_BYTES, offlineAndBudget, serviceWorker } from '../playground/build-plugin.js';

type Emitted = { fileName: string; source: string };
function run(budget: number, bundle: Record<string, unknown>): { emitted: Emitted[]; error: string | null } {
  const emitted: Emitted[] = [];
  let error: string | null = null;
  const ctx = {
    info: () => undefined,
    emitFile: (f: Emitted) => { emitted.push(f); return f.fileName; },
    error: (m: string) => { error = m; throw new Error(m); },
  };
  const hook = offlineAndBudget(budget).generateBundle as unknown as (this: typeof ctx, o: unknown, b: unknown) => void;
  try { hook.call(ctx, {}, bundle); } catch { /* recorded in error */ }
  return { emitted, error };
}

test('the budget is 150 kB gzipped; size.json records the measured JS+CSS', () => {
  assert.equal(BUDGET_GZIP_BYTES, 153600);
  const bundle = {
    'assets/index.js': { type: 'chunk', code: 'console.log(1);'.repeat(100) },
    'assets/style.css': { type: 'asset', source: 'body{color:red}' },
    'index.html': { type: 'asset', source: '<!doctype html>' },
  };
  const { emitted, error } = run(BUDGET_GZIP_BYTES, bundle);
  assert.equal(error, null);
  const size = JSON.parse(emitted.find((e) => e.fileName === 'size.json')!.source) as { rawBytes: number; gzipBytes: number; budgetGzipBytes: number };
  assert.equal(size.rawBytes, 1500 + 15);
  assert.ok(size.gzipBytes > 0 && size.gzipBytes < size.rawBytes);
  const sw = emitted.find((e) => e.fileName === 'sw.js')!.source;
  assert.match(sw, /const FILES = \["\.\/","\.\/assets\/index\.js","\.\/assets\/style\.css","\.\/index\.html"\];/);
});

test('over the budget the build fails with the measured size', () => {
  const { error } = run(100, { 'assets/index.js': { type: 'chunk', code: Array.from({ length: 400 }, (_, i) => `v${i * 7919 % 1000}`).join(';') } });
  assert.match(error ?? '', /^size budget exceeded: playground JS\+CSS: .* kB gzipped \(budget 0\.09765625 kB gzipped\)$/);
});

test('the service worker version changes with the content and only serves its own files', () => {
  const a = serviceWorker('aaaa', ['./', './assets/x.js']);
  assert.match(a, /const CACHE = 'corsight-playground-aaaa';/);
  assert.match(a, /req\.method !== 'GET' \|\| new URL\(req\.url\)\.origin !== self\.location\.origin/);
});

test('a real vite build with a 1 kB budget fails', async () => {
  const out = mkdtempSync(join(tmpdir(), 'corsight-pg-'));
  await assert.rejects(build({
    configFile: false, logLevel: 'silent', root: 'playground', base: './',
    build: { outDir: out, emptyOutDir: true, write: false },
    plugins: [offlineAndBudget(1024)],
  }), /size budget exceeded/);
});
