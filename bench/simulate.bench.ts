// `npm run bench`: engine simulations per second (one core), per browser profile, for three
// scenario shapes. Figures are printed, never asserted.
import { simulateIn, type BrowserId, type Scenario } from '../dist/engine/index.js';

const page = 'http://127.0.0.1:8001/run.html';
const api = 'http://127.0.0.1:8002';

const SCENARIOS: Record<string, Scenario> = {
  'simple GET': {
    page, request: { url: `${api}/items` },
    server: [{ url: `${api}/items`, headers: [['Access-Control-Allow-Origin', '*']] }],
  },
  preflight: {
    page,
    request: { url: `${api}/orders`, method: 'PUT', headers: [['Content-Type', 'application/json'], ['X-Request-Id', '42']], body: '{}' },
    server: [
      { method: 'OPTIONS', url: `${api}/orders`, status: 204, headers: [['Access-Control-Allow-Origin', '{{origin}}'], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type, x-request-id']] },
      { url: `${api}/orders`, headers: [['Access-Control-Allow-Origin', '{{origin}}']] },
    ],
  },
  'redirect chain (3 hops)': {
    page, request: { url: `${api}/a` },
    server: [
      { url: `${api}/a`, status: 302, headers: [['Location', 'http://127.0.0.1:8003/b'], ['Access-Control-Allow-Origin', '*']] },
      { url: 'http://127.0.0.1:8003/b', status: 307, headers: [['Location', 'http://127.0.0.1:8004/c'], ['Access-Control-Allow-Origin', '*']] },
      { url: 'http://127.0.0.1:8004/c', status: 301, headers: [['Location', `${api}/d`], ['Access-Control-Allow-Origin', '*']] },
      { url: `${api}/d`, headers: [['Access-Control-Allow-Origin', '*']] },
    ],
  },
};

function measure(s: Scenario, b: BrowserId): number {
  for (let i = 0; i < 2000; i++) simulateIn(s, b); // warm-up
  let n = 0;
  const start = performance.now();
  const deadline = start + 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 500; i++) simulateIn(s, b);
    n += 500;
  }
  return n / ((performance.now() - start) / 1000);
}

const browsers: BrowserId[] = ['chromium', 'firefox', 'webkit', 'spec'];
console.log(`corsight engine — simulations per second (one core, Node ${process.version})\n`);
console.log(`${'scenario'.padEnd(26)}${browsers.map((b) => b.padStart(12)).join('')}`);
for (const [name, s] of Object.entries(SCENARIOS)) {
  const row = browsers.map((b) => Math.round(measure(s, b)).toLocaleString('en-US').padStart(12));
  console.log(`${name.padEnd(26)}${row.join('')}`);
}
console.log('\nTarget: >= 100,000 simulations/s per core for a simple GET.');
