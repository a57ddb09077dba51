// Records the raw request headers (names, values, order) that Debian's Chromium, Firefox ESR and
// WebKitGTK send for a preflighted PUT and a simple GET, with the conformance harness's drivers
// in direct mode. Its output is the data of src/analyze/wire-headers.test.ts. Not a test (it
// launches browsers): run it by hand when a browser is upgraded —
//   node --import tsx test/check/record-wire-headers.ts chromium|firefox|webkit
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../conformance/harness/chromium.js';
import { launchFirefox } from '../../conformance/harness/firefox.js';
import { launchWebKit } from '../../conformance/harness/webkit.js';

const which = process.argv[2] ?? 'chromium';
const seen: string[] = [];
let done = (): void => undefined;
const finished = new Promise<void>((r) => { done = r; });
const api = http.createServer((req, res) => {
  const raw: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) raw.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  seen.push(`${req.method} ${req.url}\n  ${raw.join('\n  ')}`);
  const o = req.headers.origin ?? '*';
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'Access-Control-Allow-Origin': o, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'content-type, x-a' });
    res.end();
    return;
  }
  res.writeHead(200, { 'Access-Control-Allow-Origin': o });
  res.end('{}');
  if (req.url === '/g') done();
});
await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
const page = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end(`<!doctype html><script>fetch('${apiUrl}/x', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-A': '1' }, body: '{}' }).then(() => fetch('${apiUrl}/g'));</script>`);
});
await new Promise<void>((r) => page.listen(0, '127.0.0.1', () => r()));
const pageUrl = `http://localhost:${(page.address() as AddressInfo).port}/`;
const profileDir = mkdtempSync(join(tmpdir(), 'corsight-wire-'));
const opts = {
  proxyPort: 9, direct: true, profileDir, maxTabs: 1,
  onConsole: (): void => undefined, onAuthCancelled: (): void => undefined, log: (m: string): void => { process.stderr.write(`${m}\n`); },
};
const launch = which === 'firefox' ? launchFirefox : which === 'webkit' ? launchWebKit : launchChromium;
const driver = await launch(opts);
try {
  const tab = await driver.openTab();
  await tab.navigate(pageUrl);
  await Promise.race([finished, new Promise((r) => setTimeout(r, 30_000))]);
} finally {
  await driver.close();
  rmSync(profileDir, { recursive: true, force: true });
  api.close();
  page.close();
}
console.log(`${driver.version}  page ${pageUrl}  api ${apiUrl}`);
console.log(seen.join('\n'));
