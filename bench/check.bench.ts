// `npm run bench`: start-up overhead of `corsight check` versus `node -e 0` (median wall time of
// fresh processes), against a loopback server answering at once. Figures are printed, never asserted.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const RUNS = 21;

function run(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    child.once('error', reject);
    child.once('exit', () => resolve(performance.now() - t));
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
async function interleaved(commands: string[][]): Promise<{ median: number; overhead: number }[]> {
  for (const c of commands) await run(c); // warm the file cache
  const times = commands.map((): number[] => []);
  for (let i = 0; i < RUNS; i++) for (const [k, c] of commands.entries()) times[k]!.push(await run(c));
  return times.map((t) => ({ median: med(t), overhead: med(t.map((x, i) => x - times[0]![i]!)) }));
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
console.log(`\ncorsight check — start-up overhead (${RUNS} interleaved fresh processes each, Node ${process.version}; median wall time, median paired difference to node -e 0)\n`);
console.log(`node -e 0                                        ${ms(base!.median)}`);
console.log(`corsight --help                                  ${ms(help!.median)}   overhead ${ms(help!.overhead)}`);
console.log(`corsight check GET (3 browsers, loopback)        ${ms(get!.median)}   overhead ${ms(get!.overhead)}`);
console.log(`corsight check preflighted PUT (3 browsers)      ${ms(put!.median)}   overhead ${ms(put!.overhead)}`);
