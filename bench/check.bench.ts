// `npm run bench`: start-up overhead of `corsight check` versus `node -e 0` (median wall time of
// fresh processes), against a loopback server answering at once. Figures are printed, never asserted.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const RUNS = 21;

// Reports the child's own CPU time (user + system) at exit: much less sensitive to other load
// on the machine than wall time.
const CPU_HOOK = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('CPU '+(u.user+u.system)+'\\n')})`;

interface Sample { wall: number; cpu: number }

function run(args: string[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, ['--import', CPU_HOOK, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    child.once('error', reject);
    child.once('close', () => {
      const cpu = Number(/CPU (\d+)/.exec(err)?.[1] ?? NaN) / 1000;
      resolve({ wall: performance.now() - t, cpu });
    });
  });
}

function med(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Runs the commands interleaved (base, a, b, ... then again), so background load hits all of them
 * alike; returns each command's median and the median of its paired difference to the first.
 */
interface Figures { wall: number; wallOverhead: number; cpu: number; cpuOverhead: number }

async function interleaved(commands: string[][]): Promise<Figures[]> {
  for (const c of commands) await run(c); // warm the file cache
  const samples = commands.map((): Sample[] => []);
  for (let i = 0; i < RUNS; i++) for (const [k, c] of commands.entries()) samples[k]!.push(await run(c));
  const base = samples[0]!;
  return samples.map((t) => ({
    wall: med(t.map((x) => x.wall)), wallOverhead: med(t.map((x, i) => x.wall - base[i]!.wall)),
    cpu: med(t.map((x) => x.cpu)), cpuOverhead: med(t.map((x, i) => x.cpu - base[i]!.cpu)),
  }));
}

const server = http.createServer((req, res) => {
  const o = req.headers.origin ?? '*';
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'Access-Control-Allow-Origin': o, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'content-type', Vary: 'Origin' });
    res.end();
    return;
  }
  res.writeHead(200, { 'Access-Control-Allow-Origin': o, Vary: 'Origin', 'Content-Type': 'application/json' });
  res.end('{}');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/items`;

const [base, help, get, put] = await interleaved([
  ['-e', '0'],
  ['bin/corsight.js', '--help'],
  ['bin/corsight.js', 'check', url, '--origin', 'http://localhost:3000'],
  ['bin/corsight.js', 'check', url, '--origin', 'http://localhost:3000', '-X', 'PUT', '-H', 'Content-Type: application/json', '--data', '{}'],
]);
server.close();

const ms = (n: number): string => `${n.toFixed(0).padStart(5)} ms`;
const row = (label: string, f: Figures, first = false): string =>
  `${label.padEnd(46)}${ms(f.wall)}${first ? ' '.repeat(12) : `  (+${ms(f.wallOverhead).trim()})`.padEnd(12)}   ${ms(f.cpu)}${first ? '' : `  (+${ms(f.cpuOverhead).trim()})`}`;
console.log(`\ncorsight check — start-up overhead versus node -e 0 (${RUNS} interleaved fresh processes each, Node ${process.version};`);
console.log('medians; overhead = median paired difference; CPU = the process\'s own user+system time)\n');
console.log(`${''.padEnd(46)}${'wall'.padStart(8)}${''.padEnd(12)}   ${'CPU'.padStart(8)}`);
console.log(row('node -e 0', base!, true));
console.log(row('corsight --help', help!));
console.log(row('corsight check GET (3 browsers, loopback)', get!));
console.log(row('corsight check preflighted PUT (3 browsers)', put!));
