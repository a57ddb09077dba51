// Records HAR fixtures from real browsers against the local failure site (scripts/har-site.ts) or
// an API base URL (`--api http://api.test:PORT`; the paths of har-site.ts), or (`--demo`) against
// the real demo API of `corsight demo` (scripts/har-demo-site.ts: each DEMO_ENDPOINTS check made by
// a page on its own page origin) → demo-<browser>.har + demo-page-results.json (what the page saw).
//
//   node --import tsx scripts/record-har.ts [--browser chromium|firefox|all] [--out test/har] [--api URL | --demo]
//
// Chromium (/usr/bin/chromium, raw CDP like conformance/harness/chromium.ts): the HAR is built
// from CDP Network events with the mapping Chrome DevTools' own exporter applies (HARLog in
// devtools-frontend: one entry per request and per redirect hop, preflights as entries with
// `_resourceType: "preflight"`, `_initiator`, `_priority`, `_error` = the load failure text,
// status and headers from `responseReceivedExtraInfo` when no `responseReceived` came (CORS
// failures), `creator: WebInspector`). It is not a file saved from the DevTools UI.
//
// Firefox (/usr/bin/firefox-esr, WebDriver BiDi): built from BiDi network events in the shape of
// Firefox's netmonitor HAR exporter (har-builder.js: no `_resourceType`, `creator: Firefox`).
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { JsonWs, launch, removeOnExit, waitForLine } from '../conformance/harness/proc.js';
import { startSite, type Site } from './har-site.js';
import { startDemoSite, type DemoSite } from './har-demo-site.js';

type Header = { name: string; value: string };
type Json = Record<string, unknown>;

const HOSTS = ['app.test', 'api.test', 'other.test', 'www.app.test'];

function headerList(h: unknown): Header[] {
  if (Array.isArray(h)) return h as Header[];
  if (h === null || typeof h !== 'object') return [];
  const out: Header[] = [];
  for (const [name, value] of Object.entries(h as Record<string, string>)) {
    for (const v of String(value).split('\n')) out.push({ name, value: v });
  }
  return out;
}

function queryString(url: string): Header[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function cookiesOf(headers: Header[], name: string): Json[] {
  const h = headers.find((x) => x.name.toLowerCase() === name);
  if (h === undefined) return [];
  return h.value.split(';').map((c) => c.trim()).filter(Boolean).map((c) => {
    const i = c.indexOf('=');
    return { name: c.slice(0, i), value: c.slice(i + 1) };
  });
}

/** Per request (and per hop): what CDP told us. */
interface CdpRequest {
  id: string;
  request: Json;
  type: string;
  initiator: Json;
  wallTime: number;
  timestamp: number;
  sentHeaders?: Header[];
  response?: Json;
  extraStatus?: number;
  extraHeaders?: Header[];
  extraHeadersText?: string;
  endTimestamp?: number;
  encoded?: number;
  error?: string;
  body?: string;
  pageref: string;
}

function resourceType(t: string): string {
  // DevTools' resource types, lower-case as HARLog writes `_resourceType` (Fetch → fetch, XHR → xhr).
  return t === 'XHR' ? 'xhr' : t.toLowerCase();
}

function chromeEntry(r: CdpRequest): Json {
  const req = r.request;
  const resp = r.response ?? {};
  const status = (resp['status'] as number | undefined) ?? r.extraStatus ?? 0;
  const reqHeaders = r.sentHeaders ?? headerList(req['headers']);
  const respHeaders = r.extraHeaders ?? headerList(resp['headers']);
  const protocol = String(resp['protocol'] ?? 'http/1.1').toUpperCase();
  const location = respHeaders.find((h) => h.name.toLowerCase() === 'location')?.value ?? '';
  const timing = resp['timing'] as Json | undefined;
  const time = r.endTimestamp !== undefined ? (r.endTimestamp - r.timestamp) * 1000 : 0;
  const entry: Json = {
    _connectionId: String(resp['connectionId'] ?? ''),
    _initiator: r.initiator,
    _priority: String(req['initialPriority'] ?? 'High'),
    _resourceType: resourceType(r.type),
    cache: {},
    connection: String(resp['connectionId'] ?? ''),
    pageref: r.pageref,
    request: {
      method: req['method'],
      url: req['url'],
      httpVersion: status === 0 && r.response === undefined ? '' : protocol === 'HTTP/1.1' ? 'HTTP/1.1' : protocol,
      headers: reqHeaders,
      queryString: queryString(String(req['url'])),
      cookies: cookiesOf(reqHeaders, 'cookie'),
      headersSize: -1,
      bodySize: typeof req['postData'] === 'string' ? Buffer.byteLength(req['postData'] as string) : 0,
      ...(typeof req['postData'] === 'string'
        ? { postData: { mimeType: reqHeaders.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '', text: req['postData'] } }
        : {}),
    },
    response: {
      status,
      statusText: String(resp['statusText'] ?? ''),
      httpVersion: status === 0 ? '' : protocol === 'HTTP/1.1' ? 'HTTP/1.1' : protocol,
      headers: respHeaders,
      cookies: cookiesOf(respHeaders, 'set-cookie'),
      content: { size: r.body !== undefined ? Buffer.byteLength(r.body) : 0, mimeType: String(resp['mimeType'] ?? 'x-unknown'), ...(r.body !== undefined ? { text: r.body } : {}) },
      redirectURL: location === '' ? '' : new URL(location, String(req['url'])).href,
      headersSize: r.extraHeadersText !== undefined ? r.extraHeadersText.length : -1,
      bodySize: r.body !== undefined ? Buffer.byteLength(r.body) : 0,
      _transferSize: r.encoded ?? 0,
      _error: r.error ?? null,
      _fetchedViaServiceWorker: false,
    },
    serverIPAddress: String(resp['remoteIPAddress'] ?? '').replace(/^\[|\]$/g, ''),
    startedDateTime: new Date(r.wallTime * 1000).toISOString(),
    time,
    timings: {
      blocked: timing ? Math.max(0, Number(timing['dnsStart']) > 0 ? Number(timing['dnsStart']) : Number(timing['sendStart'] ?? 0)) : -1,
      dns: -1,
      ssl: -1,
      connect: -1,
      send: timing ? Number(timing['sendEnd']) - Number(timing['sendStart']) : 0,
      wait: timing ? Number(timing['receiveHeadersEnd']) - Number(timing['sendEnd']) : 0,
      receive: 0,
      _blocked_queueing: -1,
    },
  };
  if (resp['fromDiskCache'] === true) entry['_fromCache'] = 'disk';
  return entry;
}

/** What the page itself saw per call (status, or the error the fetch rejected with), per page. */
export type PageResults = (version: string, results: unknown[]) => void;

async function recordChromium(site: Site | DemoSite, sink?: PageResults): Promise<Json> {
  const profile = mkdtempSync(join(tmpdir(), 'corsight-har-chromium-'));
  const cleanup = removeOnExit(profile);
  const demo = 'chromiumMaps' in site;
  // Demo: the page origins (localhost:3000, example.com:443) onto the page server's loopback
  // ports; the API and login host are IP literals (127.0.0.1, 127.0.0.2), reached directly.
  const rules = demo
    ? `${site.chromiumMaps.join(', ')}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2`
    : `${HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1`;
  const bypass = demo ? site.pages.map((p) => new URL(p).hostname).join(';') : '*.test';
  const proc = launch('/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--disable-breakpad',
    `--host-resolver-rules=${rules}`, '--proxy-server=http://127.0.0.1:9', `--proxy-bypass-list=${bypass}`, '--lang=en-US',
    ...(demo ? ['--ignore-certificate-errors'] : []),
    `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank',
  ]);
  try {
    const m = await waitForLine(proc, /DevTools listening on (ws:\/\/\S+)/, 30000, 'chromium');
    const cdp = await JsonWs.connect(m[1] ?? '');
    const product = (await cdp.send<{ product: string }>('Browser.getVersion')).product;
    const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    const all: CdpRequest[] = [];
    const live = new Map<string, CdpRequest>();
    const extraFirst = new Map<string, Json[]>();
    let started = 0;
    let pageref = 'page_1';
    const pageList: Json[] = [];
    cdp.onEvent((method, p) => {
      const id = p['requestId'] as string | undefined;
      if (method === 'Network.requestWillBeSent') {
        const prev = live.get(id!);
        if (prev !== undefined && p['redirectResponse'] !== undefined) {
          prev.response = p['redirectResponse'] as Json;
          prev.endTimestamp = p['timestamp'] as number;
        }
        const r: CdpRequest = {
          id: id!, request: p['request'] as Json, type: String(p['type'] ?? 'Other'), initiator: p['initiator'] as Json,
          wallTime: p['wallTime'] as number, timestamp: p['timestamp'] as number, pageref,
        };
        if (started === 0) started = r.wallTime;
        all.push(r);
        live.set(id!, r);
        // ExtraInfo events may arrive before requestWillBeSent; apply any that did.
        for (const x of extraFirst.get(id!) ?? []) applyExtra(r, x);
        extraFirst.delete(id!);
      } else if (method === 'Network.requestWillBeSentExtraInfo' || method === 'Network.responseReceivedExtraInfo') {
        const r = live.get(id!);
        const x = { ...p, _kind: method };
        if (r === undefined) extraFirst.set(id!, [...(extraFirst.get(id!) ?? []), x]);
        else applyExtra(r, x);
      } else if (method === 'Network.responseReceived') {
        const r = live.get(id!);
        if (r !== undefined) {
          r.response = p['response'] as Json;
          r.type = String(p['type'] ?? r.type);
        }
      } else if (method === 'Network.loadingFinished') {
        const r = live.get(id!);
        if (r !== undefined) {
          r.endTimestamp = p['timestamp'] as number;
          r.encoded = p['encodedDataLength'] as number;
          void cdp.send<{ body: string; base64Encoded: boolean }>('Network.getResponseBody', { requestId: id }, sessionId)
            .then((b) => { if (!b.base64Encoded) r.body = b.body; }).catch(() => undefined);
        }
      } else if (method === 'Network.loadingFailed') {
        const r = live.get(id!);
        if (r !== undefined) {
          r.endTimestamp = p['timestamp'] as number;
          r.error = String(p['errorText']);
        }
      }
    });
    function applyExtra(r: CdpRequest, x: Json): void {
      // A redirect's extra info belongs to the hop before: CDP reuses the request id across hops;
      // request extra info comes per hop in order, so it applies to the latest hop without headers.
      if (x['_kind'] === 'Network.requestWillBeSentExtraInfo') {
        const hop = all.filter((a) => a.id === r.id).find((a) => a.sentHeaders === undefined) ?? r;
        hop.sentHeaders = headerList(x['headers']);
      } else {
        const hop = all.filter((a) => a.id === r.id).find((a) => a.extraHeaders === undefined) ?? r;
        hop.extraHeaders = headerList(x['headers']);
        hop.extraStatus = x['statusCode'] as number | undefined;
        hop.extraHeadersText = x['headersText'] as string | undefined;
      }
    }
    await cdp.send('Network.enable', {}, sessionId);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false }, sessionId);
    await cdp.send('Page.enable', {}, sessionId);
    const pages = demo ? site.pages : [site.page];
    const results: unknown[] = [];
    for (const [i, page] of pages.entries()) {
      pageref = `page_${i + 1}`;
      pageList.push({ startedDateTime: new Date().toISOString(), id: pageref, title: page, pageTimings: { onContentLoad: -1, onLoad: -1 } });
      await cdp.send('Page.navigate', { url: page }, sessionId);
      const deadline = Date.now() + 30000;
      let done: unknown = null;
      while (Date.now() < deadline) {
        const v = await cdp.send<{ result: { value?: unknown } }>('Runtime.evaluate', { expression: 'window.__done === true ? window.__results : null', returnByValue: true }, sessionId);
        if (v.result.value) {
          done = v.result.value;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      results.push(done);
    }
    await new Promise((r) => setTimeout(r, 500));
    console.error(`chromium ${product}: ${JSON.stringify(demo ? results : results[0])}`);
    sink?.(product, results);
    const entries = all.filter((r) => !String(r.request['url']).startsWith('data:')).map(chromeEntry);
    await Promise.race([cdp.send('Browser.close').catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    cdp.close();
    return {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: demo ? pageList : [{ startedDateTime: new Date(started * 1000).toISOString(), id: 'page_1', title: site.page, pageTimings: { onContentLoad: -1, onLoad: -1 } }],
        entries,
        comment: `Recorded by scripts/record-har.ts from ${product} CDP Network events (DevTools HARLog mapping); not saved from the DevTools UI.`,
      },
    };
  } finally {
    proc.kill();
    await proc.exited;
    cleanup.release();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { browser: { type: 'string', default: 'chromium' }, out: { type: 'string', default: 'test/har' }, api: { type: 'string' }, demo: { type: 'boolean', default: false } } });
  const site = values.demo ? await startDemoSite() : await startSite(values.api);
  const name = (b: string): string => (values.demo ? `demo-${b}.har` : `${b}-failures.har`);
  try {
    mkdirSync(values.out!, { recursive: true });
    const which = values.browser === 'all' ? ['chromium', 'firefox'] : [values.browser!];
    // Demo: what each browser's page saw, next to the HARs (test/har/demo-page-results.json):
    // the ground truth the replay of each recording is compared with.
    const seen: Record<string, { browser: string; pages: { page: string; results: unknown }[] }> = {};
    const pages = values.demo ? (site as DemoSite).pages : null;
    const sinkFor = (b: string): PageResults | undefined => (pages === null
      ? undefined
      : (version, results) => {
          seen[b] = { browser: version, pages: results.map((r, i) => ({ page: pages[i]!, results: r })) };
        });
    for (const b of which) {
      if (b === 'chromium') {
        const har = await recordChromium(site, sinkFor(b));
        writeFileSync(join(values.out!, name('chromium')), `${JSON.stringify(har, null, 2)}\n`);
      } else if (b === 'firefox') {
        const { recordFirefox } = await import('./record-har-firefox.js');
        const har = await recordFirefox(site, sinkFor(b));
        writeFileSync(join(values.out!, name('firefox')), `${JSON.stringify(har, null, 2)}\n`);
      } else throw new Error(`unknown browser ${b}`);
    }
    if (values.demo) {
      const file = join(values.out!, 'demo-page-results.json');
      let old: Record<string, unknown> = {};
      try {
        old = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch {
        // first recording
      }
      writeFileSync(file, `${JSON.stringify({ ...old, ...seen }, null, 2)}\n`);
    }
  } finally {
    await site.close();
  }
}

await main();
