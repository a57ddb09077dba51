// A 50 MB+ HAR is streamed with bounded memory: it is analysed in a child Node whose heap is
// limited to 32 MB, where parsing the file whole runs out of memory. No timing is asserted here;
// throughput is measured by `npm run bench`.
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { analyzeHarFile } from '../src/io/har-file.js';
import { generateHar } from '../scripts/har-generate.js';

/** Runs `code` in a child Node with a 32 MB old-space heap; returns its exit status and output (stdout to `stdoutFile` when given). */
function limited(code: string, stdoutFile?: string): { status: number | null; out: string } {
  const fd = stdoutFile !== undefined ? openSync(stdoutFile, 'w') : 'pipe';
  try {
    const r = spawnSync(process.execPath, ['--max-old-space-size=32', '--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', cwd: process.cwd(), stdio: ['ignore', fd, 'pipe'] });
    return { status: r.status, out: `${r.stdout ?? ''}${r.stderr}` };
  } finally {
    if (typeof fd === 'number') closeSync(fd);
  }
}

test('a 55 MB HAR (10,000 entries, 5 KB bodies) is analysed (and printed with --json) within a 32 MB heap; parsing it whole is not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corsight-har-big-'));
  try {
    const file = join(dir, 'big.har');
    await generateHar(file, { entries: 10000, padBytes: 5000 });
    const size = statSync(file).size;
    assert.ok(size > 50e6, `file is ${size} bytes`);
    const ok = limited(`
      import { analyzeHarFile } from './src/io/har-file.ts';
      let n = 0;
      const s = await analyzeHarFile(${JSON.stringify(file)}, ['chromium', 'firefox', 'webkit', 'spec'], () => { n++; });
      console.log(JSON.stringify({ entries: s.stats.entries, findings: n }));`);
    assert.equal(ok.status, 0, ok.out);
    assert.deepEqual(JSON.parse(ok.out.trim().split('\n').at(-1)!), { entries: 10000, findings: 5500 });
    // The whole command with --json (streamed): same heap, output written as it goes.
    const jsonFile = join(dir, 'out.json');
    const cli = limited(`
      import { main } from './src/cli/main.ts';
      process.exitCode = await main(['har', '--json', ${JSON.stringify(file)}]);`, jsonFile);
    assert.equal(cli.status, 1, cli.out);
    const tail = readFileSync(jsonFile, 'utf8').slice(-300);
    assert.match(tail, /"summary": \{\s+"requests": 5500,\s+"blocked": 4500,/);
    rmSync(jsonFile);
    // The control: the same heap cannot hold the parsed file, so the check above can fail.
    const whole = limited(`import { readFileSync } from 'node:fs'; JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8')); console.log('parsed');`);
    assert.notEqual(whole.status, 0, 'JSON.parse of the whole file fits in 32 MB: the bound proves nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('entries with 30 MB bodies (a 90 MB HAR) are read within the same 32 MB heap: huge strings are dropped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corsight-har-huge-'));
  try {
    const file = join(dir, 'huge.har');
    await generateHar(file, { entries: 8, padBytes: 30_000_000 });
    const r = limited(`
      import { analyzeHarFile } from './src/io/har-file.ts';
      const urls = [];
      const s = await analyzeHarFile(${JSON.stringify(file)}, ['chromium'], (f) => urls.push(new URL(f.url).pathname));
      console.log(JSON.stringify({ entries: s.stats.entries, urls }));`);
    assert.equal(r.status, 0, r.out);
    assert.deepEqual(JSON.parse(r.out.trim().split('\n').at(-1)!), { entries: 8, urls: ['/ok', '/ok', '/no-acao'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('entries before pages: a pages pass first, the same findings, still bounded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corsight-har-order-'));
  try {
    const a = join(dir, 'pages-first.har');
    const b = join(dir, 'pages-last.har');
    await generateHar(a, { entries: 300 });
    await generateHar(b, { entries: 300, pagesLast: true });
    const urls = async (f: string): Promise<{ list: string[]; twoPasses: boolean }> => {
      const list: string[] = [];
      const s = await analyzeHarFile(f, ['chromium'], (x) => list.push(`${x.url} ${x.pageSource} ${x.result.browsers.chromium!.runs[0]!.code}`));
      return { list, twoPasses: s.twoPasses };
    };
    const first = await urls(a);
    const last = await urls(b);
    assert.equal(first.twoPasses, false);
    assert.equal(last.twoPasses, true);
    assert.deepEqual(last.list, first.list);
    assert.ok(first.list.every((l) => l.includes(' page ')), 'page origin from the HAR page in both');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
