/** Child-process and JSON-over-WebSocket helpers shared by the browser drivers. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

export interface Launched {
  child: ChildProcess;
  /** Kill the whole process group we started (the child was spawned detached, as group leader). */
  kill(): void;
  exited: Promise<number | null>;
  /** The spawn error (e.g. ENOENT), if the program could not be started. */
  spawnError(): Error | null;
}

/** Every process group we started and that may still run: killed on exit and on SIGINT/SIGTERM. */
const running = new Set<Launched>();
/** Scratch directories (browser profiles) removed on exit as well. */
const scratch = new Set<string>();
let hooksInstalled = false;

/** Removes `dir` when the process exits, even when killed by SIGINT/SIGTERM; `release` it when done. */
export function removeOnExit(dir: string): { release(): void } {
  installExitHooks();
  scratch.add(dir);
  return {
    release: (): void => {
      scratch.delete(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killAll = (): void => {
    for (const l of running) l.kill();
    for (const d of scratch) rmSync(d, { recursive: true, force: true });
  };
  process.on('exit', killAll);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(code);
    });
  }
}

export function launch(command: string, args: string[], options: SpawnOptions = {}): Launched {
  installExitHooks();
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, ...options });
  let spawnError: Error | null = null;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (err) => {
      spawnError = err;
      resolve(null);
    });
  });
  const kill = (): void => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  const launched: Launched = { child, kill, exited, spawnError: () => spawnError };
  running.add(launched);
  void exited.then(() => running.delete(launched));
  return launched;
}

/** Calls `onLine` for every line of a stream. */
export function eachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

/** Resolves with the first match of `pattern` in the child's stdout/stderr lines. */
export function waitForLine(l: Launched, pattern: RegExp, timeoutMs: number, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const timer = setTimeout(() => reject(new Error(`${what}: no ${pattern} after ${timeoutMs} ms; output:\n${seen.slice(-20).join('\n')}`)), timeoutMs);
    const check = (line: string): void => {
      seen.push(line);
      const m = pattern.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    eachLine(l.child.stdout, check);
    eachLine(l.child.stderr, check);
    void l.exited.then((code) => {
      clearTimeout(timer);
      const err = l.spawnError();
      reject(new Error(err ? `${what}: cannot start: ${err.message}` : `${what} exited (code ${code}) before ready; output:\n${seen.slice(-20).join('\n')}`));
    });
  });
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  method: string;
}

export type EventHandler = (method: string, params: Record<string, unknown>, sessionId?: string) => void;

/**
 * Minimal JSON command/event client for CDP and WebDriver BiDi: both use `{id, method, params}`
 * commands; responses carry `result` or `error` (+`message`); events have `method` and no `id`.
 */
export class JsonWs {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers: EventHandler[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: WebSocket.RawData) => this.onMessage(data.toString()));
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`connection closed during ${p.method}`));
      this.pending.clear();
    });
  }

  static connect(url: string): Promise<JsonWs> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
      ws.once('open', () => resolve(new JsonWs(ws)));
      ws.once('error', reject);
    });
  }

  onEvent(handler: EventHandler): void {
    this.handlers.push(handler);
  }

  /** Sends a command; rejects if the browser does not answer within `timeoutMs`. */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string, timeoutMs = 30000): Promise<T> {
    const id = this.nextId++;
    const message: Record<string, unknown> = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (): void => clearTimeout(timer);
      this.pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v as T);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        method,
      });
      this.ws.send(JSON.stringify(message), (err) => {
        if (err) {
          this.pending.delete(id);
          done();
          reject(err);
        }
      });
    });
  }

  close(): void {
    this.ws.terminate();
  }

  private onMessage(text: string): void {
    const msg = JSON.parse(text) as {
      id?: number;
      method?: string;
      params?: Record<string, unknown>;
      result?: unknown;
      error?: unknown;
      message?: string;
      sessionId?: string;
      type?: string;
    };
    if (typeof msg.id === 'number' && this.pending.has(msg.id)) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error !== undefined) {
        const detail = typeof msg.error === 'object' ? JSON.stringify(msg.error) : String(msg.error);
        p?.reject(new Error(`${p.method}: ${detail}${msg.message ? ` ${msg.message}` : ''}`));
      } else {
        p?.resolve(msg.result ?? {});
      }
      return;
    }
    if (msg.method) for (const h of this.handlers) h(msg.method, msg.params ?? {}, msg.sessionId);
  }
}
