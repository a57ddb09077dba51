/**
 * The sequence diagram as data: lanes (page, browser, one per server origin) and the steps of each
 * run, built from what the engine says was sent (`DiagnosedRun.sent`), what the scenario's server
 * answered to each request (the engine's own `serve`, so `{{origin}}` and route matching are
 * exactly the engine's), and where the browser stopped. Pure; `diagram-svg.ts` draws it.
 */
import { baseKind, type BrowserId, type Failure, type HeaderPair, type Scenario } from '../../src/engine/index.js';
import { serve, isRedirectStatus } from '../../src/engine/server.js';
import type { DiagnosedRun } from '../../src/diagnose/report.js';

export type Mark = 'fault' | 'cors' | 'plain';
export interface MarkedHeader { name: string; value: string; mark: Mark }

export interface Lane { id: string; label: string; sub: string }

export type Step =
  | { kind: 'call'; label: string; details: string[] }
  | { kind: 'request'; lane: string; label: string; tag: 'preflight' | 'request' | 'redirected'; headers: MarkedHeader[] }
  | { kind: 'response'; lane: string; label: string; headers: MarkedHeader[]; fault: boolean }
  | { kind: 'note'; text: string }
  | { kind: 'stop'; code: string; text: string }
  | { kind: 'result'; label: string; ok: boolean }
  | { kind: 'divider'; label: string };

export interface Diagram { lanes: Lane[]; steps: Step[] }

const BROWSER_LABELS: Readonly<Record<BrowserId, string>> = {
  chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit (Safari)', spec: 'Fetch spec',
};

/** Response headers worth drawing: everything CORS reads, plus Location and Vary. */
function isCorsResponseHeader(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('access-control-') || n === 'location' || n === 'vary';
}

function isCorsRequestHeader(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'origin' || n.startsWith('access-control-request-');
}

function originOf(url: string): string {
  try {
    const u = new URL(url);
    return u.origin === 'null' ? `${u.protocol}//${u.host}` : u.origin;
  } catch {
    return url;
  }
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** A CORS preflight as the engine sends it: OPTIONS with Access-Control-Request-Method (always present). */
export function isPreflight(method: string, headers: readonly HeaderPair[]): boolean {
  return method === 'OPTIONS' && headerValue(headers, 'Access-Control-Request-Method') !== null;
}

function headerValue(headers: readonly HeaderPair[], name: string): string | null {
  const n = name.toLowerCase();
  const found = headers.filter(([k]) => k.toLowerCase() === n).map(([, v]) => v);
  return found.length === 0 ? null : found.join(', ');
}

/** The page's call, short: `fetch() PUT /orders/7` plus the init members that matter to CORS. */
function callStep(s: Scenario): Step {
  const r = s.request;
  const method = r.method ?? 'GET';
  const xhr = (r.api ?? 'fetch') === 'xhr';
  const details: string[] = [];
  if (r.credentials !== undefined && r.credentials !== 'same-origin') details.push(xhr ? `withCredentials = ${r.credentials === 'include'}` : `credentials: "${r.credentials}"`);
  if (r.mode !== undefined && r.mode !== 'cors') details.push(`mode: "${r.mode}"`);
  if (r.redirect !== undefined && r.redirect !== 'follow') details.push(`redirect: "${r.redirect}"`);
  for (const [n, v] of r.headers ?? []) details.push(`${n}: ${v.length > 40 ? `${v.slice(0, 39)}…` : v}`);
  return { kind: 'call', label: `${xhr ? 'XMLHttpRequest' : 'fetch()'} ${method} ${r.url}`, details };
}

/**
 * The request header that carried what the preflight refused (a method or a header name), from
 * the engine's failure: `Access-Control-Request-Method` or `-Headers`, else null.
 */
function refusedRequestHeader(f: Failure | null | undefined): string | null {
  if (!f) return null;
  const kind = baseKind(f.code);
  if (kind === 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE') return 'access-control-request-method';
  if (kind === 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE') return 'access-control-request-headers';
  return null;
}

/**
 * Builds the diagram of every run of one browser. `failures` (the engine's `RunResult.failure`
 * per run, optional) lets the diagram also mark the request header the preflight refused.
 */
export function buildDiagram(s: Scenario, browser: BrowserId, runs: readonly DiagnosedRun[], failures: readonly (Failure | null)[] = []): Diagram {
  const lanes: Lane[] = [
    { id: 'page', label: 'Page', sub: originOf(s.page) },
    { id: 'browser', label: 'Browser', sub: BROWSER_LABELS[browser] },
  ];
  const laneFor = (url: string): string => {
    const o = originOf(url);
    if (!lanes.some((l) => l.id === o)) lanes.push({ id: o, label: lanes.length === 2 ? 'Server' : 'Another server', sub: o });
    return o;
  };
  // Every server named by the request or a route gets its lane up front, in that order.
  laneFor(s.request.url);
  const steps: Step[] = [];
  const routes = s.server ?? [];
  const interval = s.repeat?.intervalMs ?? 0;

  runs.forEach((run, i) => {
    if (runs.length > 1) steps.push({ kind: 'divider', label: `Run ${i + 1}${i > 0 ? ` (+${i * interval} ms)` : ''}` });
    steps.push(callStep(s));
    if (run.preflightCached) steps.push({ kind: 'note', text: 'preflight answered from the preflight cache (no OPTIONS sent)' });
    const faultHeader = run.cause?.header?.toLowerCase() ?? null;
    const refused = refusedRequestHeader(failures[i]);
    const failing = run.code !== null;
    const responseStage = run.cause !== null && run.cause.where !== 'request';
    let previousWasRedirect = false;
    run.sent.forEach((req, j) => {
      const lane = laneFor(req.url);
      const isLast = j === run.sent.length - 1;
      steps.push({
        kind: 'request', lane,
        label: `${req.method} ${pathOf(req.url)}`,
        tag: isPreflight(req.method, req.headers) ? 'preflight' : previousWasRedirect ? 'redirected' : 'request',
        headers: req.headers.map(([name, value]) => ({
          name, value,
          mark: isLast && refused === name.toLowerCase() ? 'fault' : isCorsRequestHeader(name) ? 'cors' : 'plain',
        })),
      });
      let url: URL | null = null;
      try { url = new URL(req.url); } catch { url = null; }
      if (url === null) return;
      const answer = serve(routes, req.method, url, headerValue(req.headers, 'Origin'));
      const fault = failing && responseStage && isLast;
      const headers: MarkedHeader[] = answer.headers
        .filter(([n]) => isCorsResponseHeader(n) || (fault && faultHeader === n.toLowerCase()))
        .map(([name, value]) => ({ name, value, mark: fault && faultHeader === name.toLowerCase() ? 'fault' : isCorsResponseHeader(name) ? 'cors' : 'plain' }));
      if (fault && run.cause?.header !== undefined && run.cause.value === null && !headers.some((h) => h.mark === 'fault')) {
        headers.push({ name: run.cause.header, value: '(missing)', mark: 'fault' });
      }
      const label = `${answer.status}${answer.route === null ? ' (no route: default 404)' : ''}`;
      steps.push({ kind: 'response', lane, label, headers, fault });
      previousWasRedirect = isRedirectStatus(answer.status) && headerValue(answer.headers, 'Location') !== null;
    });
    if (failing) {
      steps.push({ kind: 'stop', code: run.code ?? '', text: run.cause?.text ?? '' });
      steps.push({ kind: 'result', label: run.jsError ?? (run.outcome === 'rejected' ? 'the call throws' : 'network error'), ok: false });
    } else if (run.outcome === 'opaque') {
      steps.push({ kind: 'result', label: `opaque response: status ${run.status ?? 0}, no headers, no body`, ok: true });
    } else {
      const exposed = run.exposedHeaders.length ? `; headers it can read: ${run.exposedHeaders.join(', ')}` : '';
      steps.push({ kind: 'result', label: `${run.status ?? ''} ${run.type ?? ''} response, readable by script${exposed}`.replace(/^\s+/, ''), ok: true });
    }
  });
  return { lanes, steps };
}
