// Firefox HAR recording for scripts/record-har.ts: Firefox's own DevTools HAR exporter, not a
// rebuild. Firefox ESR runs headless with `--devtools` (the toolbox opens on the network monitor)
// and the netmonitor's auto-export prefs (`devtools.netmonitor.har.enableAutoExportToFile`); the
// netmonitor writes the HAR of the page when it is navigated away from. Driven over WebDriver BiDi.
import { existsSync, mkdirSync, readdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonWs, launch, removeOnExit, waitForLine } from '../conformance/harness/proc.js';
import type { Site } from './har-site.js';
import type { DemoSite } from './har-demo-site.js';

const HOSTS = ['app.test', 'api.test', 'other.test', 'www.app.test'];

export async function recordFirefox(site: Site | DemoSite, sink?: (version: string, results: unknown[]) => void): Promise<Record<string, unknown>> {
  const demo = 'proxyPort' in site;
  const profile = mkdtempSync(join(tmpdir(), 'corsight-har-firefox-'));
  const cleanup = removeOnExit(profile);
  const out = join(profile, 'har');
  mkdirSync(out);
  const prefs: Record<string, string | number | boolean> = {
    'devtools.netmonitor.har.enableAutoExportToFile': true,
    'devtools.netmonitor.har.defaultLogDir': out,
    'devtools.netmonitor.har.defaultFileName': 'corsight',
    'devtools.netmonitor.har.includeResponseBodies': true,
    'devtools.netmonitor.har.pageLoadedTimeout': 5000,
    'devtools.toolbox.selectedTool': 'netmonitor',
    // The .test names resolve to loopback; anything else goes to a dead proxy.
    'network.dns.localDomains': HOSTS.join(','),
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': demo ? site.proxyPort : 9,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': demo ? site.proxyPort : 9,
    // Demo: the page origins (localhost:3000, https://example.com) are answered by the page server
    // as the proxy (like the conformance harness); the API and login host (127.0.0.1, 127.0.0.2) direct.
    ...(demo ? { 'network.proxy.allow_hijacking_localhost': true } : {}),
    'network.proxy.no_proxies_on': (demo ? ['127.0.0.1', '127.0.0.2'] : [...HOSTS, 'localhost', '127.0.0.1']).join(','),
    'network.proxy.failover_direct': false,
    'network.trr.mode': 5,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.server': 'http://127.0.0.1:9/',
    'services.settings.server': 'http://127.0.0.1:9/v1',
    'app.normandy.enabled': false,
    'app.update.disabledForTesting': true,
    'intl.accept_languages': 'en-US,en',
  };
  writeFileSync(join(profile, 'user.js'), Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
  const proc = launch('/usr/bin/firefox-esr', ['--headless', '--devtools', '--no-remote', '--profile', profile, '--remote-debugging-port=0', 'about:blank'], {
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_AUTO_SAFE_MODE: '1' },
  });
  try {
    const m = await waitForLine(proc, /WebDriver BiDi listening on (ws:\/\/\S+)/, 60000, 'firefox');
    const bidi = await JsonWs.connect(`${m[1] ?? ''}/session`);
    const session = await bidi.send<{ capabilities: { browserVersion: string } }>('session.new', { capabilities: demo ? { alwaysMatch: { acceptInsecureCerts: true } } : {} });
    const tree = await bidi.send<{ contexts: { context: string }[] }>('browsingContext.getTree', {});
    const context = tree.contexts[0]!.context;
    const results: unknown[] = [];
    // The netmonitor writes the HAR pageLoadedTimeout ms after the page's load (then again, from
    // a fresh log, after each later load); the timeout is long enough for the page's calls to
    // settle. With several pages (demo), each page's export is taken before the next navigation.
    const file = join(out, 'corsight.har');
    const exports: { log: Record<string, unknown> }[] = [];
    for (const page of demo ? site.pages : [site.page]) {
      await bidi.send('browsingContext.navigate', { context, url: page, wait: 'complete' });
      let done: unknown = null;
      for (let i = 0; i < 150 && done === null; i++) {
        const v = await bidi.send<{ result?: { value?: string } }>('script.evaluate', { expression: 'window.__done === true ? JSON.stringify(window.__results) : ""', target: { context }, awaitPromise: false });
        if (v.result?.value) done = JSON.parse(v.result.value);
        else await new Promise((r) => setTimeout(r, 200));
      }
      results.push(done);
      await new Promise((r) => setTimeout(r, 500));
      for (let i = 0; i < 150 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
      if (!existsSync(file)) console.error(`files: ${readdirSync(out).join(', ')}`);
      await new Promise((r) => setTimeout(r, 300));
      if (!existsSync(file)) throw new Error('Firefox wrote no HAR (devtools.netmonitor.har auto-export)');
      exports.push(JSON.parse(readFileSync(file, 'utf8')) as { log: Record<string, unknown> });
      rmSync(file);
    }
    console.error(`firefox ${session.capabilities.browserVersion}: ${JSON.stringify(demo ? results : results[0])}`);
    sink?.(session.capabilities.browserVersion, results);
    const har = exports.length === 1 ? exports[0]! : mergeExports(exports);
    await Promise.race([bidi.send('browser.close').catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    bidi.close();
    return har;
  } finally {
    proc.kill();
    await proc.exited;
    cleanup.release();
  }
}

type Log = { pages?: { id: string }[]; entries?: { pageref?: string }[] } & Record<string, unknown>;

/**
 * One HAR from the netmonitor's per-page exports (one per navigation): the first export's log
 * with the later exports' pages and entries appended, page ids renumbered (each export calls its
 * page `page_1`). Entries are Firefox's, unchanged otherwise.
 */
function mergeExports(exports: { log: Record<string, unknown> }[]): { log: Record<string, unknown> } {
  const first = exports[0]!.log as Log;
  const pages: { id: string }[] = [];
  const entries: { pageref?: string }[] = [];
  for (const h of exports) {
    const log = h.log as Log;
    const rename = new Map((log.pages ?? []).map((p, j) => [p.id, `page_${pages.length + j + 1}`]));
    pages.push(...(log.pages ?? []).map((p) => ({ ...p, id: rename.get(p.id)! })));
    entries.push(...(log.entries ?? []).map((e) => (e.pageref !== undefined && rename.has(e.pageref) ? { ...e, pageref: rename.get(e.pageref)! } : e)));
  }
  return {
    log: {
      ...first, pages, entries,
      comment: `${exports.length} HAR files written by Firefox's netmonitor auto-export (one per page load), joined by scripts/record-har-firefox.ts: pages and entries appended in order, page ids renumbered.`,
    },
  };
}
