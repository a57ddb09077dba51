/**
 * A minimal HTTP/1.1 exchange over a raw socket, for the one thing node:http cannot send: a
 * method in lower or mixed case. Browsers send `fetch(url, { method: 'patch' })` as `patch`
 * (Fetch § normalize a method upper-cases only DELETE, GET, HEAD, OPTIONS, POST, PUT), and a
 * server whose routes are case-sensitive answers it differently; node:http would upper-case it.
 * Reads the status line and headers only (interim 1xx answers skipped), then closes the socket.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { HeaderPair } from '../engine/index.js';
import type { ObservedResponse } from '../analyze/exchange.js';

const MAX_HEAD = 256 * 1024;

/** Parses one response head (`HTTP/1.1 200 OK\r\nName: value\r\n...`), without the blank line. */
export function parseResponseHead(head: string): ObservedResponse | null {
  const lines = head.split('\r\n');
  const m = /^HTTP\/\d(?:\.\d)? (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
  if (m === null) return null;
  const headers: HeaderPair[] = [];
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && headers.length > 0) {
      // obs-fold: a continuation of the previous value (RFC 9112 § 5.2).
      const last = headers[headers.length - 1]!;
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) return null;
    headers.push([line.slice(0, i), line.slice(i + 1).trim()]);
  }
  const len = Number(headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1]);
  return {
    status: Number(m[1]),
    ...(m[2] ? { statusText: m[2] } : {}),
    headers,
    ...(Number.isFinite(len) ? { bodySize: len } : {}),
  };
}

export interface RawOptions {
  timeoutMs: number;
  insecure: boolean;
}

/**
 * Sends `method` byte for byte and resolves with the first final (non-1xx) response head.
 * Rejects with the socket error (the caller turns it into a one-line message) or a parse error
 * carrying code `HPE_INVALID_CONSTANT`.
 */
export function sendRawRequest(url: URL, method: string, flatHeaders: string[], payload: Buffer | null, opts: RawOptions): Promise<ObservedResponse> {
  return new Promise((resolve, reject) => {
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = url.protocol === 'https:'
      ? tls.connect({ host, port, rejectUnauthorized: !opts.insecure, ...(net.isIP(host) ? {} : { servername: host }), ALPNProtocols: ['http/1.1'] })
      : net.connect({ host, port });
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (f: () => void): void => {
      if (done) return;
      done = true;
      socket.destroy();
      f();
    };
    socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      let head = `${method} ${url.pathname}${url.search} HTTP/1.1\r\n`;
      for (let i = 0; i + 1 < flatHeaders.length; i += 2) head += `${flatHeaders[i]}: ${flatHeaders[i + 1]}\r\n`;
      socket.write(`${head}\r\n`, 'latin1');
      if (payload !== null) socket.write(payload);
    });
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buf.length > MAX_HEAD) finish(() => reject(Object.assign(new Error('response head too large'), { code: 'HPE_HEADER_OVERFLOW' })));
          return;
        }
        const parsed = parseResponseHead(buf.subarray(0, end).toString('latin1'));
        if (parsed === null) return finish(() => reject(Object.assign(new Error('invalid HTTP response'), { code: 'HPE_INVALID_CONSTANT' })));
        buf = buf.subarray(end + 4);
        if (parsed.status >= 100 && parsed.status < 200 && parsed.status !== 101) continue;
        return finish(() => resolve(parsed));
      }
    });
    socket.on('error', (e) => finish(() => reject(e)));
    socket.on('end', () => finish(() => reject(Object.assign(new Error('connection closed before the response headers'), { code: 'ECONNRESET' }))));
    socket.setTimeout(opts.timeoutMs, () => finish(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }))));
  });
}
