/**
 * One HTTP request on the wire with node:http/node:https, headers sent exactly as given (order,
 * case, duplicates), response headers kept raw. The body of the response is never read: the
 * socket is closed as soon as the status line and headers have arrived.
 */
import http from 'node:http';
import https from 'node:https';
import type { HeaderPair } from '../engine/index.js';
import type { ObservedResponse } from '../analyze/exchange.js';
import { sendRawRequest } from './raw-http.js';

/** A request that got no HTTP answer: one line for the user, exit status 2. */
export class NetworkError extends Error {
  constructor(message: string, readonly url: string, readonly errorCode: string) {
    super(message);
  }
}

export interface SendOptions {
  /** Milliseconds for the whole exchange (connect + headers). Default 10000. */
  timeoutMs?: number;
  /** Accept any TLS certificate (self-signed, expired, wrong host). Default false. */
  insecure?: boolean;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE', 'TRACE', 'CONNECT']);

const TLS_CODES = /^(EPROTO$|ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_OSSL|HOSTNAME_MISMATCH)/;

/** Turns a socket error into a one-line message naming the host, never a stack trace. */
export function describeNetworkError(e: NodeJS.ErrnoException, url: URL): NetworkError {
  const code = e.code ?? 'ERROR';
  const host = url.host;
  const detail = e.message.replace(/\s+/g, ' ').trim();
  let msg: string;
  if (code === 'ECONNREFUSED') msg = `connection refused by ${host} (nothing listens there)`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') msg = `DNS lookup failed for ${url.hostname} (${code})`;
  else if (code === 'ECONNRESET') msg = `${host} closed the connection without an HTTP answer`;
  else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') msg = `${host} is unreachable (${code})`;
  else if (TLS_CODES.test(code)) msg = `TLS error with ${host}: ${detail} (${code}); --insecure skips certificate checks`;
  else if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) msg = `${host} did not answer with valid HTTP (${code})`;
  else msg = `${host}: ${detail}${e.code ? ` (${e.code})` : ''}`;
  return new NetworkError(msg, url.href, code);
}

/**
 * Sends one request and resolves with the status line and raw headers; the response body is not
 * downloaded. Rejects with a `NetworkError` when no HTTP answer came (refused, DNS, TLS, timeout).
 *
 * @example
 * const res = await sendRequest('OPTIONS', 'http://127.0.0.1:8080/api', [['Origin', 'http://localhost:3000']], null);
 * res.status; // 204
 */
export function sendRequest(
  method: string, url: string, headers: readonly HeaderPair[], body: string | null, opts: SendOptions = {},
): Promise<ObservedResponse> {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return Promise.reject(new NetworkError(`cannot probe ${u.protocol} URLs (only http: and https:)`, url, 'ERR_SCHEME'));
  }
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const payload = body === null ? null : Buffer.from(body, 'utf8');
  const flat: string[] = [];
  const complete = headers.some(([n]) => n.toLowerCase() === 'host');
  if (complete) {
    // A request planned header by header (src/analyze/wire-headers.ts): sent exactly as given.
    for (const [n, v] of headers) flat.push(n, v);
  } else {
    flat.push('Host', u.host);
    for (const [n, v] of headers) flat.push(n, v);
    // Browsers send a length for a body, and `Content-Length: 0` for a bodiless POST/PUT/PATCH
    // (never `Transfer-Encoding: chunked`, which node would add otherwise).
    if (payload !== null) flat.push('Content-Length', String(payload.length));
    else if (!BODYLESS.has(method.toUpperCase())) flat.push('Content-Length', '0');
    flat.push('Connection', 'keep-alive');
  }
  if (method !== method.toUpperCase()) {
    // node:http upper-cases every method; a browser sends `patch` as `patch`.
    return sendRawRequest(u, method, flat, payload, { timeoutMs, insecure: opts.insecure === true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ETIMEDOUT') throw new NetworkError(`no answer from ${u.host} within ${timeoutMs} ms (--timeout)`, url, 'ETIMEDOUT');
      throw describeNetworkError(e, u);
    });
  }
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise<ObservedResponse>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const req = lib.request(u, {
      method,
      headers: flat as unknown as http.OutgoingHttpHeaders,
      agent: false,
      setHost: false,
      ...(u.protocol === 'https:' ? { rejectUnauthorized: opts.insecure !== true, servername: /^[\d.]+$|^\[/.test(u.hostname) ? undefined : u.hostname } : {}),
    }, (res) => {
      const raw = res.rawHeaders;
      const out: HeaderPair[] = [];
      for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
      const len = Number(res.headers['content-length']);
      res.destroy();
      settle(() => resolve({
        status: res.statusCode ?? 0,
        ...(res.statusMessage ? { statusText: res.statusMessage } : {}),
        headers: out,
        ...(Number.isFinite(len) ? { bodySize: len } : {}),
      }));
    });
    const timer = setTimeout(() => {
      settle(() => reject(new NetworkError(`no answer from ${u.host} within ${timeoutMs} ms (--timeout)`, url, 'ETIMEDOUT')));
      req.destroy();
    }, timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => settle(() => reject(describeNetworkError(e, u))));
    if (payload !== null) req.write(payload);
    req.end();
  });
}
