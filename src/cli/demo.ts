import { allowedEverywhere, type CheckReport } from '../analyze/check-report.js';
import { REAL_BROWSERS } from '../engine/index.js';
import { startDemoServer, type DemoEndpoint, type DemoServer } from '../io/demo-server.js';
import { renderCheck } from '../render/check.js';
import { checkJson, runCheckInput } from './check.js';
import { CliError, styleFor, type Io } from './io.js';
import { announceLiveCheck, liveCheckHandler } from './live-check.js';
import { serveStatic, type RunningServer } from '../io/static-server.js';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** The built playground (npm run build:playground; `npm start` builds it when missing or stale). */
const PLAYGROUND = fileURLToPath(new URL('../../playground/dist/', import.meta.url));

/** Serves the playground with the live check (per-run token) next to the demo API, or null when not built. */
async function startPlayground(port: number): Promise<RunningServer | null> {
  if (!existsSync(`${PLAYGROUND}index.html`)) return null;
  const token = randomBytes(18).toString('base64url');
  let own = '';
  const handler = (req: Parameters<ReturnType<typeof liveCheckHandler>>[0], res: Parameters<ReturnType<typeof liveCheckHandler>>[1]): Promise<boolean> =>
    liveCheckHandler(own, token)(req, res);
  const s = await serveStatic({ root: PLAYGROUND, port, index: (html) => announceLiveCheck(html, token), api: handler });
  own = new URL(s.url).origin;
  return s;
}
import type { ParsedArgs } from './main.js';

/** Shell-quotes a word when it needs it (single quotes, POSIX). */
function q(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The ready-to-run `corsight check` command for a demo endpoint. */
export function demoCommand(demo: DemoServer, e: DemoEndpoint): string {
  const c = e.check;
  const parts = ['npx', 'corsight', 'check', demo.urlOf(e), '--origin', c.origin];
  const defaultMethod = c.data !== undefined ? 'POST' : 'GET';
  if (c.method !== defaultMethod) parts.push('-X', c.method);
  for (const [n, v] of c.headers ?? []) parts.push('-H', `${n}: ${v}`);
  if (c.data !== undefined) parts.push('--data', c.data);
  if (c.credentials !== undefined) parts.push('--credentials', c.credentials);
  return parts.map(q).join(' ');
}

interface DemoResult {
  endpoint: DemoEndpoint;
  url: string;
  command: string;
  report: CheckReport;
  /** The endpoint behaved as the demo says (blocked ones blocked, the correct one allowed). */
  asExpected: boolean;
}

async function checkAll(demo: DemoServer): Promise<DemoResult[]> {
  const out: DemoResult[] = [];
  for (const e of demo.endpoints) {
    const c = e.check;
    const request = {
      api: 'fetch' as const, url: demo.urlOf(e), method: c.method,
      ...(c.headers ? { headers: c.headers } : {}), ...(c.data !== undefined ? { body: c.data } : {}),
      ...(c.credentials ? { credentials: c.credentials } : {}),
    };
    const report = await runCheckInput({ page: `${c.origin}/`, request, browsers: [...REAL_BROWSERS], timeoutMs: 5000, insecure: false });
    const allowed = allowedEverywhere(report);
    out.push({ endpoint: e, url: demo.urlOf(e), command: demoCommand(demo, e), report, asExpected: allowed === (e.expect === 'allowed') });
  }
  return out;
}

/** Resolves on Ctrl-C (SIGINT) or SIGTERM. */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `corsight demo`: starts the demo API on loopback, checks every endpoint as Chromium, Firefox and
 * WebKit would, prints the diagnoses, then keeps serving (Ctrl-C stops it) with the URLs and the
 * `corsight check` commands to try. `--once` or `--json`: print and exit. Exit 0 when every
 * endpoint behaved as the demo says, 1 otherwise.
 */
export async function runDemo(args: ParsedArgs, io: Io): Promise<number> {
  const st = styleFor(io, args.values);
  const portValue = args.values['port'];
  let port = 4580;
  if (portValue !== undefined) {
    if (typeof portValue !== 'string' || !/^\d+$/.test(portValue) || Number(portValue) > 65535) throw new CliError(`--port needs a port number (got '${String(portValue)}')`);
    port = Number(portValue);
  }
  let demo: DemoServer;
  try {
    demo = await startDemoServer({ port });
  } catch (e) {
    throw new CliError(`cannot start the demo server on 127.0.0.1:${port}: ${(e as Error).message}`);
  }
  try {
    const results = await checkAll(demo);
    const ok = results.every((r) => r.asExpected);
    if (args.values['json']) {
      io.out(JSON.stringify({
        url: demo.url,
        endpoints: results.map((r) => ({ id: r.endpoint.id, title: r.endpoint.title, url: r.url, command: r.command, expect: r.endpoint.expect, asExpected: r.asExpected, result: checkJson(r.report) })),
      }, null, 2));
      return ok ? 0 : 1;
    }
    io.out(st.bold('corsight demo') + st.dim(` — a demo API on ${demo.url} reproducing the usual CORS failures, checked as Chromium 156, Firefox ESR 153 and WebKitGTK 2.50 would send and judge it`));
    results.forEach((r, i) => {
      io.out('');
      io.out(st.bold(`━━ ${i + 1}/${results.length} ${r.endpoint.title}`) + (r.asExpected ? '' : st.red('  (unexpected result)')));
      io.out(st.dim(`$ ${r.command}`));
      io.out(renderCheck(st, r.report));
    });
    io.out('');
    io.out(st.bold(`${results.length} endpoints: ${results.filter((r) => allowedEverywhere(r.report)).length} allowed everywhere, ${results.filter((r) => !allowedEverywhere(r.report)).length} blocked${ok ? '' : '; some did not behave as the demo expects'}`));
    const keepServing = args.values['once'] !== true;
    if (!keepServing) return ok ? 0 : 1;
    io.out('');
    let playground: RunningServer | null = null;
    try {
      playground = await startPlayground(port === 0 ? 0 : port + 1);
    } catch {
      playground = await startPlayground(0).catch(() => null);
    }
    if (playground !== null) {
      io.out(st.bold(`Playground: ${playground.url}`) + st.dim('  (the same engine in your browser; "Check the real server" probes through this local server, 127.0.0.1 only, per-run token)'));
    } else {
      io.out(st.dim('Playground not built (npm run build:playground); npm start builds it.'));
    }
    io.out(st.bold(`The demo API keeps serving on ${demo.url} (login host ${demo.loginUrl}). Try:`));
    for (const r of results) io.out(`  ${st.cyan(r.command)}`);
    io.out(st.dim('Add --verbose to see the raw exchanges, --json for machine-readable output. Ctrl-C stops the demo.'));
    await untilInterrupted();
    await playground?.close();
    io.out(st.dim('demo stopped.'));
    return ok ? 0 : 1;
  } finally {
    await demo.close();
  }
}
