/**
 * The harness HTTP server. Browsers use it as their HTTP proxy for every URL (absolute-form request
 * targets), and it answers as the origin server itself, so scenario URLs stay exactly as written
 * and nothing leaves the machine. It can also be reached directly (origin-form + Host header).
 *
 * It serves: the runner document at every scenario page URL; the control endpoint
 * `/__corsight/…` on any origin; scenario routes for paths under `/s/<sid>/`; 404 otherwise.
 * Every response carries `Cache-Control: no-store`, except a route's that states its own `Cache-Control`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Http1Server, serializeHead, type RawRequest, type RawResponse } from './http1.js';
import { uniqueIdOfPath } from './isolate.js';
import { requestHeadersMatch } from '../../src/engine/server.js';
import { harnessSecureContext } from './tls.js';
import type { HeaderPair, PageRunResult, Repeat, Scenario, ScenarioRequest, SentRequest } from './types.js';

const RUNNER_JS = readFileSync(fileURLToPath(new URL('./page/runner.js', import.meta.url)), 'utf8');
const RUNNER_HTML =
  '<!doctype html>\n<html><head><meta charset="utf-8"><title>corsight runner</title><link rel="icon" href="data:,"></head>\n' +
  `<body><script>\n${RUNNER_JS}</script></body></html>\n`;

export const CONTROL_PREFIX = '/__corsight/';

/** Headers the harness appends to every scenario response (documented in NOTES.md). */
export const HARNESS_RESPONSE_HEADERS = [
  'Cache-Control: no-store (unless the route states its own Cache-Control)',
  'Content-Length: <body bytes> (unless the route sets Content-Length/Transfer-Encoding, or status is 1xx/204/304)',
  'Connection: keep-alive (unless the route sets Connection)',
];

export interface Job {
  sid: string;
  request: ScenarioRequest;
  repeat?: Repeat;
}

export interface Batch {
  id: string;
  page: string;
  jobs: Job[];
  concurrency: number;
  /** Headers the page document is served with (scenario `pageHeaders`, the same for every job). */
  pageHeaders: HeaderPair[];
  results: Map<string, PageRunResult[]>;
  /** Resolves when every job reported (or the page reported a fatal error). */
  finished: Promise<void>;
  /** Set when the page fetched its job list (the runner document loaded). */
  jobsServed: boolean;
  fatal?: string;
}

interface BatchState {
  batch: Batch;
  resolve: () => void;
  /** Server-sent events for the page (`go` signals of repeat runs), queued until it listens. */
  events: string[];
  write: ((chunk: string) => void) | null;
}

/** URL string → WHATWG serialization without fragment (or the input when it does not parse). */
export function normalizeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}

export class HarnessServer {
  private readonly http = new Http1Server((req) => this.handle(req), harnessSecureContext);
  private readonly scenarios = new Map<string, Scenario>();
  private readonly routeUrls = new Map<string, string[]>();
  private readonly pages = new Set<string>();
  private readonly batches = new Map<string, BatchState>();
  /** Batches not yet handed to a page, per normalized page URL (FIFO). */
  private readonly queued = new Map<string, BatchState[]>();
  private readonly currentRun = new Map<string, number>();
  private readonly sent = new Map<string, SentRequest[][]>();
  /** Requests that belong to no scenario (favicon, browser background traffic, …). */
  readonly stray: SentRequest[] = [];
  port = 0;
  /** Direct mode: browsers connect to scenario ports themselves (no proxy, real DNS only for loopback). */
  direct = false;
  /**
   * Makes a repeat interval pass before the next run starts: real waiting by default; the
   * faked-clock lane advances the browser's clock instead (faketime.ts).
   */
  betweenRuns: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms));

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    this.port = await this.http.listen(port, host);
    return this.port;
  }

  /** Also accept connections on `port` of 127.0.0.1 and ::1 (direct mode, diagnostics). */
  async listenAlso(port: number): Promise<void> {
    for (const host of ['127.0.0.1', '::1']) await this.http.listen(port, host);
  }

  /** Client connections open now. */
  get connections(): number {
    return this.http.openSockets;
  }

  /** Most client connections open at once. */
  get maxConnections(): number {
    return this.http.maxSockets;
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  /** Register an isolated scenario under its unique id. */
  addScenario(sid: string, scenario: Scenario): void {
    this.scenarios.set(sid, scenario);
    this.routeUrls.set(sid, (scenario.server ?? []).map((r) => normalizeUrl(r.url)));
    this.pages.add(normalizeUrl(scenario.page));
    this.sent.set(sid, [[]]);
  }

  /** Requests recorded for a scenario, per run. */
  sentFor(sid: string): SentRequest[][] {
    return this.sent.get(sid) ?? [[]];
  }

  addBatch(id: string, page: string, jobs: Job[], concurrency: number, pageHeaders: HeaderPair[] = []): Batch {
    let resolve!: () => void;
    const finished = new Promise<void>((r) => (resolve = r));
    const batch: Batch = { id, page, jobs, concurrency, pageHeaders, results: new Map(), finished, jobsServed: false };
    const state: BatchState = { batch, resolve, events: [], write: null };
    this.batches.set(id, state);
    const key = normalizeUrl(page);
    this.queued.set(key, [...(this.queued.get(key) ?? []), state]);
    return batch;
  }

  /**
   * Where a page listens for its `go` events. Through the proxy: a host of its own per batch
   * (`ev-<batch>.corsight.invalid`), because the stream holds a connection for the whole batch and
   * browsers allow only ~6 per host, so streams on the page's host would starve the pages.
   * Direct mode: the page's own origin.
   */
  private eventsUrl(batch: string, pageUrl: URL): string {
    const path = `${CONTROL_PREFIX}events?batch=${encodeURIComponent(batch)}`;
    return this.direct ? path : `${pageUrl.protocol}//ev-${batch.toLowerCase()}.corsight.invalid${path}`;
  }

  /** Forget a batch no page picked up (so a later batch for the same page is not shadowed). */
  dropBatch(id: string): void {
    const state = this.batches.get(id);
    if (!state) return;
    const key = normalizeUrl(state.batch.page);
    this.queued.set(key, (this.queued.get(key) ?? []).filter((s) => s !== state));
  }

  private async handle(req: RawRequest): Promise<RawResponse> {
    const { method, target } = req;
    const proxied = /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
    const host = req.headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? 'unknown';
    const url = normalizeUrl(proxied ? target : `${req.scheme}://${host}${target}`);
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (parsed && parsed.pathname.startsWith(CONTROL_PREFIX)) {
      return this.control(parsed, req.body, req.headers.find(([n]) => n.toLowerCase() === 'origin')?.[1]);
    }

    const headers: HeaderPair[] = req.headers.map(([n, v]): HeaderPair => [n.toLowerCase(), v]);
    // Chromium sends `Proxy-Connection: keep-alive` to a proxy exactly where it sends
    // `Connection: keep-alive` to an origin (checked with --direct); record what an origin would
    // see. Pages cannot set Proxy-* headers (forbidden request headers), so nothing else is lost.
    if (proxied) for (const h of headers) if (h[0] === 'proxy-connection') h[0] = 'connection';
    const record: SentRequest = { method, url, headers, response: { status: 404, headers: [], route: null } };
    if (req.body.length > 0) record.body = req.body.toString('utf8');

    const sid = parsed ? uniqueIdOfPath(parsed.pathname) : null;
    if (sid !== null && this.scenarios.has(sid)) {
      const runs = this.sentFor(sid);
      const run = this.currentRun.get(sid) ?? 0;
      while (runs.length <= run) runs.push([]);
      runs[run]?.push(record);
      return this.answerRoute(sid, method, url, target, headers, record);
    }
    if (method === 'GET' && this.pages.has(url)) {
      // The document gets the page headers of the batch it is about to ask for: a page URL is
      // open in at most one tab at a time, so that is the batch at the head of the URL's queue.
      const pageHeaders = this.queued.get(url)?.[0]?.batch.pageHeaders ?? [];
      return this.compose(200, [['Content-Type', 'text/html; charset=utf-8'], ...pageHeaders], RUNNER_HTML).raw;
    }
    const { raw, written } = this.compose(404, [], '');
    record.response = written;
    this.stray.push(record);
    return raw;
  }

  private answerRoute(sid: string, method: string, url: string, rawTarget: string, headers: HeaderPair[], record: SentRequest): RawResponse {
    const routes = this.scenarios.get(sid)?.server ?? [];
    const urls = this.routeUrls.get(sid) ?? [];
    const index = routes.findIndex((r, i) =>
      (r.method === undefined || r.method === method) && (urls[i] === url || r.url === rawTarget) && requestHeadersMatch(r, headers));
    const route = index === -1 ? undefined : routes[index];
    if (!route) {
      const { raw, written } = this.compose(404, [], '');
      record.response = written;
      return raw;
    }
    const origin = headers.find(([n]) => n === 'origin')?.[1] ?? '';
    const out: HeaderPair[] = (route.headers ?? []).map(([n, v]): HeaderPair => [n, v.split('{{origin}}').join(origin)]);
    const { raw, written } = this.compose(route.status ?? 200, out, route.body ?? '', index);
    record.response = written;
    return raw;
  }

  /** A response with the harness headers appended, and the record of what goes on the wire. */
  private compose(status: number, headers: HeaderPair[], body: string, route: number | null = null): { raw: RawResponse; written: SentRequest['response'] } {
    const has = (re: RegExp): boolean => headers.some(([n]) => re.test(n.trim()));
    // A route that states its own Cache-Control keeps it (revalidation scenarios); all others are never stored.
    const all: HeaderPair[] = route !== null && has(/^cache-control$/i) ? [...headers] : [...headers, ['Cache-Control', 'no-store']];
    const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
    if (!noBody && !has(/^(content-length|transfer-encoding)$/i)) all.push(['Content-Length', String(Buffer.byteLength(body))]);
    if (!has(/^connection$/i)) all.push(['Connection', 'keep-alive']);
    try {
      serializeHead(status, all);
    } catch (error) {
      const msg = (error instanceof Error ? error.message : String(error)).replace(/[^\x20-\x7e]/g, '?');
      const fallback: HeaderPair[] = [['Cache-Control', 'no-store'], ['Content-Length', '0'], ['X-Corsight-Harness-Error', msg]];
      return { raw: { status: 500, headers: fallback, body: '' }, written: { status: 500, headers: fallback, route } };
    }
    return { raw: { status, headers: all, body, noBody }, written: { status, headers: all, route } };
  }

  private control(url: URL, body: Buffer, origin: string | undefined): RawResponse {
    const what = url.pathname.slice(CONTROL_PREFIX.length);
    const state = this.batches.get(url.searchParams.get('batch') ?? '');
    const json = (value: unknown): RawResponse => this.compose(200, [['Content-Type', 'application/json']], JSON.stringify(value)).raw;
    let data: Record<string, unknown> = {};
    try {
      data = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return this.compose(400, [], '').raw;
    }
    switch (what) {
      case 'jobs': {
        const next = this.queued.get(normalizeUrl(String(data.page)))?.shift();
        if (next) next.batch.jobsServed = true;
        if (!next) return json({ batch: '', jobs: [], concurrency: 1 });
        const { id, jobs, concurrency } = next.batch;
        return json({ batch: id, jobs, concurrency, events: this.eventsUrl(id, url) });
      }
      case 'events':
        // One server-sent-event stream per page: `{"sid","run"}` tells the page to start that run.
        // Served on a host of its own (see eventsUrl), hence the CORS header.
        if (!state) return this.compose(404, [], '').raw;
        return {
          status: 200,
          headers: [
            ['Content-Type', 'text/event-stream'],
            ['Cache-Control', 'no-store'],
            ['Access-Control-Allow-Origin', origin ?? '*'],
            ['Transfer-Encoding', 'chunked'],
          ],
          body: '',
          stream: (write) => {
            state.write = write;
            write(': corsight\n\n');
            for (const e of state.events.splice(0)) write(e);
          },
        };
      case 'ran': {
        // Run `run` of `sid` is over: `ms` later (the repeat interval, timed here because page
        // timers are throttled in background tabs) the next run starts; requests of `sid` from
        // then on belong to it.
        const sid = String(data.sid);
        const run = Number(data.run) + 1;
        const ms = Math.max(0, Number(data.ms) || 0);
        void this.betweenRuns(ms).then(() => {
          this.currentRun.set(sid, run);
          const runs = this.sentFor(sid);
          while (runs.length <= run) runs.push([]);
          const event = `data: ${JSON.stringify({ sid, run })}\n\n`;
          if (state?.write) state.write(event);
          else state?.events.push(event);
        });
        return json({});
      }
      case 'result':
        if (state) {
          state.batch.results.set(String(data.sid), data.runs as PageRunResult[]);
          if (state.batch.results.size >= state.batch.jobs.length) state.resolve();
        }
        return json({});
      case 'fatal':
        if (state) {
          state.batch.fatal = String(data.error);
          state.resolve();
        }
        return json({});
      default:
        return this.compose(404, [], '').raw;
    }
  }
}
