/**
 * A small, permissive HTTP/1.1 server (no Node `http`): browsers may send any token as a method
 * (`patch`, `FOO`, …), which Node's parser rejects with 400, and scenario response headers must go
 * out byte for byte (name case, order, duplicates, latin-1 values). Supports keep-alive,
 * Content-Length and chunked request bodies, absolute-form targets (proxy requests) and CONNECT
 * (answered 200, then TLS is terminated here and the tunnel is served like any connection).
 */
import net from 'node:net';
import tls from 'node:tls';
import { STATUS_CODES } from 'node:http';
import type { HeaderPair } from './types.js';

export interface RawRequest {
  method: string;
  /** Request target as sent: absolute-form (`http://h/p`), origin-form (`/p`) or authority (CONNECT). */
  target: string;
  /** Header lines in order, names and values exactly as received (values without OWS). */
  headers: HeaderPair[];
  body: Buffer;
  /** Scheme of the connection: `https` inside a CONNECT tunnel, else `http`. */
  scheme: 'http' | 'https';
}

export interface RawResponse {
  status: number;
  headers: HeaderPair[];
  body: string;
  /** Send no body (HEAD, 204, 304). */
  noBody?: boolean;
  /**
   * Streaming response (server-sent events): the head goes out with `Transfer-Encoding: chunked`,
   * then `start` receives a writer; the connection serves nothing else afterwards.
   */
  stream?: (write: (chunk: string) => void) => void;
}

export type RequestHandler = (req: RawRequest) => Promise<RawResponse>;

const HEAD_LIMIT = 256 * 1024;

class ParseError extends Error {}

/**
 * Serializes a response head; throws when a header would break the framing (CR or LF anywhere,
 * NUL in a name). A NUL inside a value goes out as the byte itself: that is what the WPT origin
 * cases send, and what browsers must judge.
 */
export function serializeHead(status: number, headers: HeaderPair[]): Buffer {
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`];
  for (const [name, value] of headers) {
    if (/[\r\n\0]/.test(name) || /[\r\n]/.test(value) || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
      throw new Error(`header ${JSON.stringify(name)}: ${JSON.stringify(value)} cannot be sent on HTTP/1.1`);
    }
    if ([...value].some((c) => c.charCodeAt(0) > 0xff)) throw new Error(`header ${name}: value is not latin-1`);
    lines.push(`${name}: ${value}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** Requests being handled, for diagnostics (`Http1Server.inFlight`). */
const inFlight = new Map<object, { method: string; target: string; since: number }>();

/** Serves one connection (plain or TLS) until it closes. */
function serveConnection(socket: net.Socket, scheme: 'http' | 'https', handler: RequestHandler, onConnect: (socket: net.Socket, authority: string) => void): void {
  let buf: Buffer = Buffer.alloc(0);
  let busy = false;
  let closed = false;
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    closed = true;
  });

  const take = (): { req: RawRequest; close: boolean } | null => {
    const end = buf.indexOf('\r\n\r\n');
    if (end === -1) {
      if (buf.length > HEAD_LIMIT) throw new ParseError('request head too large');
      return null;
    }
    const head = buf.subarray(0, end).toString('latin1').split('\r\n');
    const [method, target, version] = (head[0] ?? '').split(' ');
    if (!method || !target || !version?.startsWith('HTTP/1.')) throw new ParseError(`bad request line ${JSON.stringify(head[0])}`);
    const headers: HeaderPair[] = [];
    for (const line of head.slice(1)) {
      const i = line.indexOf(':');
      if (i <= 0) throw new ParseError(`bad header line ${JSON.stringify(line)}`);
      headers.push([line.slice(0, i), line.slice(i + 1).trim()]);
    }
    const get = (n: string): string | undefined => headers.find(([k]) => k.toLowerCase() === n)?.[1];
    let offset = end + 4;
    let body: Buffer = Buffer.alloc(0);
    if (/chunked/i.test(get('transfer-encoding') ?? '')) {
      const chunks: Buffer[] = [];
      for (;;) {
        const lineEnd = buf.indexOf('\r\n', offset);
        if (lineEnd === -1) return null;
        const size = parseInt(buf.subarray(offset, lineEnd).toString('latin1'), 16);
        if (Number.isNaN(size)) throw new ParseError('bad chunk size');
        if (buf.length < lineEnd + 2 + size + 2) return null;
        if (size === 0) {
          const trailerEnd = buf.indexOf('\r\n', lineEnd + 2);
          if (trailerEnd === -1) return null;
          offset = trailerEnd + 2;
          break;
        }
        chunks.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
        offset = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(chunks);
    } else {
      const length = Number(get('content-length') ?? 0);
      if (!Number.isFinite(length) || length < 0) throw new ParseError('bad content-length');
      if (buf.length < offset + length) return null;
      body = Buffer.from(buf.subarray(offset, offset + length));
      offset += length;
    }
    buf = buf.subarray(offset);
    const close = /close/i.test(get('connection') ?? '') || version === 'HTTP/1.0';
    return { req: { method, target, headers, body, scheme }, close };
  };

  const pump = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      while (!closed) {
        let next: ReturnType<typeof take>;
        try {
          next = take();
        } catch {
          socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
          return;
        }
        if (!next) return;
        const { req, close } = next;
        if (req.method === 'CONNECT') {
          socket.removeAllListeners('data');
          socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (buf.length > 0) socket.unshift(buf);
          onConnect(socket, req.target);
          return;
        }
        const token = {};
        inFlight.set(token, { method: req.method, target: req.target, since: Date.now() });
        const res = await handler(req).finally(() => inFlight.delete(token));
        let head: Buffer;
        try {
          head = serializeHead(res.status, res.headers);
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          head = serializeHead(500, [['Cache-Control', 'no-store'], ['Content-Length', '0'], ['X-Corsight-Harness-Error', msg.replace(/[^\x20-\x7e]/g, '?')]]);
          res.body = '';
        }
        if (res.stream) {
          socket.write(head);
          res.stream((chunk) => {
            const data = Buffer.from(chunk, 'utf8');
            if (!closed && data.length > 0) socket.write(Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]));
          });
          return;
        }
        const noBody = res.noBody || req.method === 'HEAD';
        if (!closed) socket.write(noBody ? head : Buffer.concat([head, Buffer.from(res.body, 'utf8')]));
        if (close) {
          socket.end();
          return;
        }
      }
    } finally {
      busy = false;
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    void pump();
  });
}

/** Requests received but not answered yet, oldest first (diagnostics). */
export function requestsInFlight(): Array<{ method: string; target: string; ageMs: number }> {
  const now = Date.now();
  return [...inFlight.values()].map((r) => ({ method: r.method, target: r.target, ageMs: now - r.since })).sort((a, b) => b.ageMs - a.ageMs);
}

export class Http1Server {
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();
  /** Most connections open at once (diagnostics). */
  maxSockets = 0;

  get openSockets(): number {
    return this.sockets.size;
  }

  constructor(
    private readonly handler: RequestHandler,
    private readonly secureContext: () => tls.SecureContext,
  ) {}

  /** Listens on host:port (0 = any free port); resolves with the port. */
  async listen(port: number, host: string): Promise<number> {
    const server = net.createServer((socket) => this.accept(socket, 'http'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.servers.push(server);
    return (server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }

  private accept(socket: net.Socket, scheme: 'http' | 'https'): void {
    this.sockets.add(socket);
    this.maxSockets = Math.max(this.maxSockets, this.sockets.size);
    socket.on('close', () => this.sockets.delete(socket));
    socket.setNoDelay(true);
    serveConnection(socket, scheme, this.handler, (raw) => {
      const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: this.secureContext(), ALPNProtocols: ['http/1.1'] });
      this.accept(secure, 'https');
    });
  }
}
