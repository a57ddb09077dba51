/**
 * Firefox driver: /usr/bin/firefox-esr --headless driven over raw WebDriver BiDi (WebSocket).
 * Only `log.entryAdded` is subscribed (no network events: they cost ~40 ms per fetch).
 * CORS lines arrive as `type: "javascript"`, level `error`; runner markers as `type: "console"`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCEPT_LANGUAGE, type BrowserDriver, type DriverOptions, type Tab } from './driver.js';
import { eachLine, JsonWs, launch, waitForLine } from './proc.js';
import type { ConsoleLine } from './types.js';

export const FIREFOX_BIN = process.env.CORSIGHT_FIREFOX ?? '/usr/bin/firefox-esr';

/** Profile prefs: every URL through the harness proxy, no DNS/DoH, no background traffic. */
export function firefoxPrefs(proxyPort: number, direct = false): Record<string, string | number | boolean> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    // Direct mode (diagnostics): loopback bypasses the (then dead) proxy.
    'network.proxy.allow_hijacking_localhost': !direct,
    'network.proxy.no_proxies_on': '',
    'network.proxy.failover_direct': false,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.page': 0,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.newtabpage.enabled': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.server': 'http://127.0.0.1:9/',
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'services.settings.server': 'http://127.0.0.1:9/v1',
    'intl.accept_languages': ACCEPT_LANGUAGE,
    'dom.max_script_run_time': 0,
  };
}

/**
 * Faked-clock lane only: content processes run without their sandbox. libfaketime re-reads its
 * offset file (fopen) on whichever thread first asks for the time once its one-second cache has
 * expired. In a sandboxed content process that open() is trapped by seccomp (SIGSYS) and brokered
 * to the parent by a signal handler that needs ~24 KB of stack; when the thread is the JS Watchdog
 * (a ~32 KB stack, woken by the burst of activity after a jump) the handler overflows it and the
 * process dies with SIGSEGV: 31 content processes crashed in 10 faked scenarios, and when one of
 * them held the page, the page never started run 2 (gdb: "JS Watchdog" → PR_Now → gettimeofday
 * → libfaketime read_config_file → fopen → SIGSYS handler in libmozsandbox.so → SIGSEGV on a
 * stack probe). Unsandboxed, the open is a plain syscall. The CORS checks and the preflight cache
 * (nsCORSListenerProxy, nsPreflightCache) run with the HTTP channel in the parent process, which
 * this does not change; see conformance/NOTES.md.
 */
export const FAKED_CLOCK_ENV: Readonly<Record<string, string>> = { MOZ_DISABLE_CONTENT_SANDBOX: '1' };

function userJs(prefs: Record<string, string | number | boolean>): string {
  return Object.entries(prefs)
    .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
    .join('\n');
}

const levelOf = (l: string): ConsoleLine['level'] =>
  l === 'warn' ? 'warning' : l === 'error' ? 'error' : l === 'info' ? 'info' : l === 'debug' ? 'debug' : 'log';

export async function launchFirefox(opts: DriverOptions): Promise<BrowserDriver> {
  const prefs = firefoxPrefs(opts.proxyPort, opts.direct);
  writeFileSync(join(opts.profileDir, 'user.js'), userJs(prefs));
  const proc = launch(FIREFOX_BIN, ['--headless', '--no-remote', '--profile', opts.profileDir, '--remote-debugging-port=0', 'about:blank'], {
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_AUTO_SAFE_MODE: '1', ...opts.env, ...(opts.env?.FAKETIME_TIMESTAMP_FILE ? FAKED_CLOCK_ENV : {}) },
  });
  // A content process that dies takes its page with it (the batch then just times out): say so.
  eachLine(proc.child.stderr, (line) => {
    const crash = /process (\d+) exited on signal (\d+)/.exec(line);
    if (crash) opts.log(`firefox: child process ${crash[1]} exited on signal ${crash[2]}`);
  });
  const m = await waitForLine(proc, /WebDriver BiDi listening on (ws:\/\/\S+)/, 60000, 'firefox');
  const bidi = await JsonWs.connect(`${m[1] ?? ''}/session`);
  const session = await bidi.send<{ capabilities: { browserName: string; browserVersion: string } }>('session.new', {
    // https scenario URLs are served by the harness with a self-signed certificate.
    capabilities: { alwaysMatch: { acceptInsecureCerts: true } },
  });
  const tabsByContext = new Map<string, string>();
  bidi.onEvent((method, params) => {
    if (method === 'network.authRequired') {
      const req = params.request as { request?: string; url?: string } | undefined;
      if (params.isBlocked === true && req?.request) {
        opts.onAuthCancelled(String(req.url));
        void bidi.send('network.continueWithAuth', { request: req.request, action: 'cancel' }).catch(() => undefined);
      }
      return;
    }
    if (method !== 'log.entryAdded') return;
    const context = (params.source as { context?: string } | undefined)?.context ?? '';
    const tab = tabsByContext.get(context);
    if (!tab) return;
    opts.onConsole({
      tab,
      level: levelOf(String(params.level)),
      source: params.type === 'console' ? 'console-api' : String(params.type),
      text: String(params.text ?? ''),
    });
  });
  await bidi.send('session.subscribe', { events: ['log.entryAdded'] });
  let tabs = 0;
  return {
    browser: 'firefox',
    pids: proc.child.pid === undefined ? [] : [proc.child.pid],
    version: `${session.capabilities.browserName} ${session.capabilities.browserVersion}`,
    async openTab(): Promise<Tab> {
      const id = `f${++tabs}`;
      const { context } = await bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' });
      tabsByContext.set(context, id);
      let subscribed = false;
      let intercept: string | null = null;
      return {
        id,
        async navigate(url: string, cancelAuthFor: readonly string[] = []): Promise<void> {
          if (intercept) {
            await bidi.send('network.removeIntercept', { intercept }).catch(() => undefined);
            intercept = null;
          }
          if (cancelAuthFor.length > 0) {
            // Network events only for this tab and intercepts only for the challenged URLs.
            if (!subscribed) await bidi.send('session.subscribe', { events: ['network.authRequired'], contexts: [context] });
            subscribed = true;
            const urlPatterns = cancelAuthFor.map((u) => ({ type: 'string', pattern: u.replace(/[\\*(){}]/g, (c) => `\\${c}`) }));
            ({ intercept } = await bidi.send<{ intercept: string }>('network.addIntercept', { phases: ['authRequired'], contexts: [context], urlPatterns }));
          }
          await bidi.send('browsingContext.navigate', { context, url, wait: 'none' });
        },
        async close(): Promise<void> {
          await bidi.send('browsingContext.close', { context }).catch(() => undefined);
          tabsByContext.delete(context);
        },
      };
    },
    async close(): Promise<void> {
      await Promise.race([bidi.send('browser.close').catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
      bidi.close();
      proc.kill();
      await proc.exited;
    },
  };
}
