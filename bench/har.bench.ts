// `npm run bench` (HAR part): `corsight har` throughput — 10,000 entries read, paired and judged in
// four profiles — on generated files (scripts/har-generate.ts: the recorded Chromium fixture
// repeated, every URL unique). Figures are printed, never asserted. CPU time is printed next to
// wall time because the machine may be shared.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeHarFile } from '../dist/io/har-file.js';
import { readHarStream } from '../dist/io/har-stream.js';
import { generateHar, type GenerateOptions } from '../scripts/har-generate.js';

const dir = mkdtempSync(join(tmpdir(), 'corsight-har-bench-'));
const ROUNDS = 5;

interface Figure {
  wall: number;
  cpu: number;
}

async function best(fn: () => Promise<void>): Promise<Figure> {
  await fn(); // warm-up
  let b: Figure = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < ROUNDS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    const wall = performance.now() - t;
    const u = process.cpuUsage(c);
    if (wall < b.wall) b = { wall, cpu: (u.user + u.system) / 1000 };
  }
  return b;
}

const CASES: [string, GenerateOptions][] = [
  ['10,000 entries, URLs unique in their query', { entries: 10000 }],
  ['10,000 entries, 5 KB bodies (50 MB+)', { entries: 10000, padBytes: 5000 }],
  ['10,000 entries, URLs unique in their path', { entries: 10000, vary: 'path' }],
];

try {
  console.log(`\ncorsight har — best of ${ROUNDS} (Node ${process.version}; chromium, firefox, webkit and spec judged)\n`);
  console.log(`${'file'.padEnd(46)}${'size'.padStart(9)}${'read only'.padStart(12)}${'analysed'.padStart(11)}${'cpu'.padStart(9)}${'entries/s'.padStart(12)}`);
  for (const [name, o] of CASES) {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.har`);
    await generateHar(file, o);
    const size = statSync(file).size;
    const read = await best(async () => {
      await readHarStream(file, { entry: () => undefined });
    });
    let findings = 0;
    const all = await best(async () => {
      findings = 0;
      await analyzeHarFile(file, ['chromium', 'firefox', 'webkit', 'spec'], () => {
        findings++;
      });
    });
    const n = o.entries ?? 10000;
    console.log(`${name.padEnd(46)}${`${(size / 1e6).toFixed(1)} MB`.padStart(9)}${`${Math.round(read.wall)} ms`.padStart(12)}${`${Math.round(all.wall)} ms`.padStart(11)}${`${Math.round(all.cpu)} ms`.padStart(9)}${Math.round(n / (all.wall / 1000)).toLocaleString('en-US').padStart(12)}`);
    void findings;
  }
  console.log('\nTarget: 10,000 entries analysed in under a second.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
