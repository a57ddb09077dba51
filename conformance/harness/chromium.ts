/**
 * Chromium driver: /usr/bin/chromium (new headless) driven over raw CDP (WebSocket).
 * Not Playwright's launcher: Playwright adds `--disable-features=…` switches that change
 * CORS-relevant code paths (e.g. AvoidCorsURLLoaderRestartOnRedirect, ThirdPartyStoragePartitioning),
 * and the suite must observe the browser as shipped. Only network-isolation flags are added.
 */
import { ACCEPT_LANGUAGE, type BrowserDriver, type DriverOptions, type Tab } from './driver.js';
import { JsonWs, launch, waitForLine } from './proc.js';
import type { ConsoleLine } from './types.js';

export const CHROMIUM_BIN = process.env.CORSIGHT_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumArgs(opts: Pick<DriverOptions, 'proxyPort' | 'profileDir' | 'direct'>): string[] {
  const network = opts.direct
    ? [
        // Diagnostics: loopback direct (implicit proxy bypass), anything else to a dead proxy.
        `--proxy-server=http://127.0.0.1:${opts.proxyPort}`,
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ]
    : [
        `--proxy-server=http://127.0.0.1:${opts.proxyPort}`,
        // Remove the implicit loopback bypass so 127.0.0.1/localhost also go through the harness.
        '--proxy-bypass-list=<-loopback>',
        // Nothing is resolved by the browser itself (the proxy is an IP literal).
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      ];
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-breakpad',
    '--mute-audio',
    // https scenario URLs are served by the harness with a self-signed certificate.
    '--ignore-certificate-errors',
    `--lang=${ACCEPT_LANGUAGE}`,
    ...network,
    // Experiments only (e.g. comparing with Playwright's --disable-features list); unset in CI.
    ...(process.env.CORSIGHT_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean),
    `--user-data-dir=${opts.profileDir}`,
    '--remote-debugging-port=0',
    'about:blank',
  ];
}

interface LogEntry {
  source: string;
  level: string;
  text: string;
  url?: string;
}

interface RemoteObject {
  type: string;
  value?: unknown;
  description?: string;
}

const levelOf = (level: string): ConsoleLine['level'] =>
  level === 'warning' ? 'warning' : level === 'error' ? 'error' : level === 'info' ? 'info' : level === 'verbose' || level === 'debug' ? 'debug' : 'log';

export async function launchChromium(opts: DriverOptions): Promise<BrowserDriver> {
  const proc = launch(CHROMIUM_BIN, chromiumArgs(opts), { env: { ...process.env, LANGUAGE: ACCEPT_LANGUAGE, ...opts.env } });
  const m = await waitForLine(proc, /DevTools listening on (ws:\/\/\S+)/, 30000, 'chromium');
  const cdp = await JsonWs.connect(m[1] ?? '');
  const version = (await cdp.send<{ product: string }>('Browser.getVersion')).product;
  const sessions = new Map<string, string>(); // sessionId -> tab id

  cdp.onEvent((method, params, sessionId) => {
    const tab = sessionId ? sessions.get(sessionId) : undefined;
    if (!tab) return;
    if (method === 'Log.entryAdded') {
      const e = params.entry as LogEntry;
      const line: ConsoleLine = { tab, level: levelOf(e.level), source: e.source, text: e.text };
      if (e.url) line.url = e.url;
      opts.onConsole(line);
    } else if (method === 'Runtime.consoleAPICalled') {
      const args = (params.args as RemoteObject[]) ?? [];
      const text = args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? a.type))).join(' ');
      const type = String(params.type);
      opts.onConsole({ tab, level: levelOf(type === 'warning' ? 'warning' : type), source: 'console-api', text });
    } else if (method === 'Fetch.requestPaused') {
      void cdp.send('Fetch.continueRequest', { requestId: params.requestId }, sessionId).catch(() => undefined);
    } else if (method === 'Fetch.authRequired') {
      opts.onAuthCancelled(String((params.request as { url?: string } | undefined)?.url));
      void cdp.send('Fetch.continueWithAuth', { requestId: params.requestId, authChallengeResponse: { response: 'CancelAuth' } }, sessionId).catch(() => undefined);
    } else if (method === 'Runtime.exceptionThrown') {
      const d = params.exceptionDetails as { text?: string; exception?: RemoteObject };
      const text = [d.text, d.exception?.description].filter(Boolean).join(' ');
      opts.onConsole({ tab, level: 'error', source: 'exception', text });
    }
  });

  let tabs = 0;
  return {
    browser: 'chromium',
    version,
    pids: proc.child.pid === undefined ? [] : [proc.child.pid],
    async openTab(): Promise<Tab> {
      const id = `c${++tabs}`;
      const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      sessions.set(sessionId, id);
      await cdp.send('Log.enable', {}, sessionId);
      await cdp.send('Runtime.enable', {}, sessionId);
      let intercepting = false;
      return {
        id,
        async navigate(url: string, cancelAuthFor: readonly string[] = []): Promise<void> {
          if (cancelAuthFor.length > 0) {
            // Interception only for the challenged URLs (escape CDP wildcards `*`, `?` and `\`).
            const patterns = cancelAuthFor.map((u) => ({ urlPattern: u.replace(/[\\*?]/g, (c) => `\\${c}`) }));
            await cdp.send('Fetch.enable', { handleAuthRequests: true, patterns }, sessionId);
            intercepting = true;
          } else if (intercepting) {
            await cdp.send('Fetch.disable', {}, sessionId);
            intercepting = false;
          }
          await cdp.send('Page.navigate', { url }, sessionId);
        },
        async close(): Promise<void> {
          await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
          sessions.delete(sessionId);
        },
      };
    },
    async close(): Promise<void> {
      await Promise.race([cdp.send('Browser.close').catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
      cdp.close();
      proc.kill();
      await proc.exited;
    },
  };
}
