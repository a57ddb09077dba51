/**
 * WebKit driver: the python WebKitGTK embedder (webkit-embedder.py) under a private Xvfb.
 * Console lines come from the web process on the embedder's stderr:
 *   `[<url>:<line>:<col>: ]CONSOLE [<SOURCE> ]<LEVEL> <text>`
 * e.g. `CONSOLE SECURITY ERROR Origin … is not allowed …`, `CONSOLE JS ERROR Fetch API cannot load …`.
 * Those lines carry no tab id, so every tab gets its own embedder process (its own stderr, its own
 * WebContext and network process); `maxTabs` embedders are started.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCEPT_LANGUAGE, type BrowserDriver, type DriverOptions, type Tab } from './driver.js';
import { eachLine, launch, type Launched } from './proc.js';
import type { ConsoleLine } from './types.js';

export const PYTHON_BIN = process.env.CORSIGHT_PYTHON ?? '/usr/bin/python3';
const EMBEDDER = fileURLToPath(new URL('./webkit-embedder.py', import.meta.url));

const CONSOLE_RE = /^(?:(.+):(\d+):(\d+): )?CONSOLE ((?:[A-Z][A-Z-]* )*?)(LOG|WARN|WARNING|ERROR|DEBUG|INFO) ([\s\S]*)$/;

/** Parses one stderr line of the web process; null for anything that is not a console line. */
export function parseWebKitConsole(raw: string, tab: string): ConsoleLine | null {
  const m = CONSOLE_RE.exec(raw);
  if (!m) return null;
  const source = (m[4] ?? '').trim().toLowerCase();
  const level = m[5] ?? 'LOG';
  return {
    tab,
    level: level === 'ERROR' ? 'error' : level.startsWith('WARN') ? 'warning' : level === 'DEBUG' ? 'debug' : level === 'INFO' ? 'info' : 'log',
    source: source === '' ? 'console-api' : source === 'js' ? 'javascript' : source,
    text: m[6] ?? '',
  };
}

/** Starts Xvfb on a free display (`-displayfd`) and resolves with `:N`. */
async function startXvfb(): Promise<{ display: string; proc: Launched }> {
  const proc = launch('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const fd3 = proc.child.stdio[3] as NodeJS.ReadableStream | null;
  eachLine(proc.child.stderr, () => undefined);
  const display = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Xvfb did not report a display within 10 s')), 10000);
    let buf = '';
    fd3?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /(\d+)\n/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(`:${m[1]}`);
      }
    });
    void proc.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb ${proc.spawnError() ? `cannot start (${proc.spawnError()?.message})` : `exited (code ${code})`}; is xvfb installed?`));
    });
  });
  return { display, proc };
}

interface EmbedderEvent {
  event: string;
  tab?: string;
  host?: string;
  version?: string;
  url?: string;
  error?: string;
  reason?: number;
}

/** One embedder process: its own WebContext, network process and stderr, one tab at a time. */
interface Embedder {
  proc: Launched;
  version: string;
  /** Tab shown now ('' = free). Console lines of this process belong to it. */
  currentTab: string;
  next(match: (e: EmbedderEvent) => boolean, timeoutMs: number, what: string): Promise<EmbedderEvent>;
  send(cmd: Record<string, string>): void;
}

async function startEmbedder(opts: DriverOptions, display: string, index: number): Promise<Embedder> {
  const dataDir = join(opts.profileDir, `embedder-${index}`);
  const proc = launch(PYTHON_BIN, [EMBEDDER, `http://127.0.0.1:${opts.proxyPort}`, dataDir, ACCEPT_LANGUAGE, ...(opts.direct ? ['direct'] : [])], {
    env: { ...process.env, DISPLAY: display, LANGUAGE: ACCEPT_LANGUAGE, GDK_BACKEND: 'x11', LIBGL_ALWAYS_SOFTWARE: '1', WEBKIT_DISABLE_COMPOSITING_MODE: '1', ...opts.env },
  });
  const waiters: Array<{ match: (e: EmbedderEvent) => boolean; resolve: (e: EmbedderEvent) => void }> = [];
  const embedder: Embedder = {
    proc,
    version: '?',
    currentTab: '',
    next: (match, timeoutMs, what) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`webkit embedder: no ${what} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      }),
    send: (cmd) => {
      proc.child.stdin?.write(`${JSON.stringify(cmd)}\n`);
    },
  };
  eachLine(proc.child.stdout, (line) => {
    let e: EmbedderEvent;
    try {
      e = JSON.parse(line) as EmbedderEvent;
    } catch {
      return;
    }
    if (e.event === 'load-failed' || e.event === 'crashed') opts.log(`webkit: ${line}`);
    // WebKitGTK's authenticate signal gives the host only, not the URL.
    if (e.event === 'auth-cancelled') opts.onAuthCancelled(`host:${e.host ?? ''}`);
    for (const w of waiters.splice(0)) {
      if (w.match(e)) w.resolve(e);
      else waiters.push(w);
    }
  });
  eachLine(proc.child.stderr, (line) => {
    const c = parseWebKitConsole(line, embedder.currentTab);
    if (c) opts.onConsole(c);
  });
  try {
    const ready = await Promise.race([
      embedder.next((e) => e.event === 'ready', 30000, 'ready event'),
      proc.exited.then((code): never => {
        const why = proc.spawnError()?.message ?? `exited (code ${code})`;
        throw new Error(`webkit embedder ${why}; are python3-gi and gir1.2-webkit2-4.1 installed?`);
      }),
    ]);
    embedder.version = ready.version ?? '?';
  } catch (e) {
    proc.kill();
    throw e;
  }
  return embedder;
}

export async function launchWebKit(opts: DriverOptions): Promise<BrowserDriver> {
  const given = process.env.CORSIGHT_WEBKIT_DISPLAY;
  const xvfb = given ? null : await startXvfb();
  const display = given ?? xvfb?.display ?? ':0';
  const count = Math.max(1, opts.maxTabs);
  const started = await Promise.allSettled(Array.from({ length: count }, (_, i) => startEmbedder(opts, display, i)));
  const embedders = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    for (const e of embedders) e.proc.kill();
    xvfb?.proc.kill();
    throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  }
  let tabs = 0;
  return {
    browser: 'webkit',
    pids: embedders.flatMap((e) => (e.proc.child.pid === undefined ? [] : [e.proc.child.pid])),
    version: `WebKitGTK ${embedders[0]?.version ?? '?'}`,
    async openTab(): Promise<Tab> {
      const embedder = embedders.find((e) => e.currentTab === '');
      if (!embedder) throw new Error(`webkit: more than ${count} tabs requested at once`);
      const id = `w${++tabs}`;
      embedder.currentTab = id;
      const opened = embedder.next((e) => e.event === 'opened' && e.tab === id, 10000, 'opened event');
      embedder.send({ cmd: 'open', tab: id, url: 'about:blank' });
      await opened;
      return {
        id,
        // The embedder cancels every authentication prompt (WebKitGTK did not prompt for fetch/XHR
        // in our runs), so nothing needs to be intercepted.
        async navigate(url: string): Promise<void> {
          const loading = embedder.next((e) => e.event === 'loading' && e.tab === id, 10000, 'loading event');
          embedder.send({ cmd: 'load', tab: id, url });
          await loading;
        },
        async close(): Promise<void> {
          const closed = embedder.next((e) => e.event === 'closed' && e.tab === id, 10000, 'closed event');
          embedder.send({ cmd: 'close', tab: id });
          await closed.catch(() => undefined);
          if (embedder.currentTab === id) embedder.currentTab = '';
        },
      };
    },
    async close(): Promise<void> {
      for (const e of embedders) e.send({ cmd: 'quit' });
      await Promise.race([Promise.all(embedders.map((e) => e.proc.exited)), new Promise((r) => setTimeout(r, 3000))]);
      for (const e of embedders) e.proc.kill();
      xvfb?.proc.kill();
      await Promise.all([...embedders.map((e) => e.proc.exited), xvfb?.proc.exited]);
    },
  };
}
