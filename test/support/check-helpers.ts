// Helpers for CLI integration tests (`corsight check`, `har`, `fix`, ...): run the CLI in-process,
// write input files, record what reaches a loopback server, normalize ports for golden files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process with `env` (colour off by default) and a terminal or not (`isTTY`). */
export async function cli(argv: string[], env: Record<string, string> = { NO_COLOR: '1' }, isTTY = false): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; }, isTTY, env };
  const code = await main(argv, io);
  return { code, out, err };
}

/** A fresh temporary directory; `file` writes `content` to `name` in it and returns the path. */
export function tempDir(prefix: string): { dir: string; file: (name: string, content: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, content) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
  };
}

/** `corsight check --json` parsed. */
export interface CheckDoc {
  name: string;
  browsers: Record<string, { runs: { outcome: string; code: string | null; console: string[]; status: number | null; sent: { method: string; url: string; headers: [string, string][] }[] }[] }>;
  findings: { code: string; severity: string; title: string }[];
  exchanges: { request: { method: string; url: string; headers: [string, string][] }; response: { status: number; headers: [string, string][] } | null; preflight: boolean; unsent?: boolean }[];
  unsent: number | null;
}

export async function checkJson(argv: string[]): Promise<{ code: number; doc: CheckDoc; err: string }> {
  const r = await cli(['check', '--json', ...argv]);
  if (r.out === '') throw new Error(`no output (exit ${r.code}): ${r.err}`);
  return { code: r.code, doc: JSON.parse(r.out) as CheckDoc, err: r.err };
}

export function codes(doc: CheckDoc): Record<string, string | null> {
  return Object.fromEntries(Object.entries(doc.browsers).map(([b, r]) => [b, r.runs[0]!.code]));
}

export function findingCodes(doc: CheckDoc): string[] {
  return doc.findings.map((f) => f.code).sort();
}

/** A request as it reached a test server. */
export interface Seen {
  method: string;
  url: string;
  rawHeaders: [string, string][];
}

export interface TestServer {
  url: string;
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

/** Starts a node:http server on 127.0.0.1 that records every request before `handler` answers. */
export async function startServer(handler: http.RequestListener): Promise<TestServer> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const raw: [string, string][] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) raw.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
    seen.push({ method: req.method ?? '', url: req.url ?? '', rawHeaders: raw });
    handler(req, res);
  });
  return listenOn(server, seen);
}

/** Listens on a free loopback port and wraps an existing server. */
export function listenOn(server: http.Server, seen: Seen[] = []): Promise<TestServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`, port, seen,
        close: () => new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        }),
      });
    });
  });
}

/** A free loopback port (listen on 0, close). */
export async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Golden-file normalization: loopback ports and timings vary between runs. */
export function normalize(s: string): string {
  return s
    .replace(/127\.0\.0\.([12]):\d+/g, '127.0.0.$1:PORT')
    .replace(/\(t = \d+ ms\)/g, '(t = N ms)')
    .replace(/^< Date: .*$/gm, '< Date: DATE')
    .replace(/^< (Keep-Alive|ETag|X-Powered-By|Server): .*$/gmi, (m) => m.replace(/: .*/, ': X'));
}
