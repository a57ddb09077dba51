// Judges the engine against a real browser, field by field. A real browser is always right: a
// disagreement is the engine's (or its profile's) to fix, never the expectation's.
import type { DiagnosedRun } from '../src/diagnose/report.js';
import { isForbiddenRequestHeader } from '../src/engine/request-headers.js';
import type { HeaderPair, Scenario } from '../src/engine/index.js';

/** What a browser run looked like, as the harness recorded it. */
export interface ObservedRun {
  outcome: string;
  status: number | null;
  type: string | null;
  exposedHeaders: string[];
  jsError: string | null;
  console: string[];
  sent: { method: string; url: string; headers: HeaderPair[] }[];
}

export const FIELDS = ['outcome', 'status', 'type', 'exposedHeaders', 'jsError', 'console', 'sent'] as const;
export type Field = (typeof FIELDS)[number];

export interface FieldDisagreement {
  field: Field;
  browser: unknown;
  engine: unknown;
}

/** Headers a browser adds by itself when the page sent none: compared only where the engine sends one. */
const UA_DEFAULTED = new Set(['accept-language']);

/** Request headers the engine models on the wire (the validators the HTTP cache adds included); browsers add others (User-Agent, Sec-Fetch-*, Cache-Control, Pragma, ...). */
const MODELED_REQUEST_HEADERS = ['origin', 'access-control-request-method', 'access-control-request-headers', 'accept', 'content-type', 'if-none-match', 'if-modified-since'];

/** Lower-case names of every header the scenario's routes declare: the only ones the engine knows exist. */
function declaredResponseHeaders(s: Scenario): Set<string> {
  const out = new Set<string>();
  for (const r of s.server ?? []) for (const [n] of r.headers ?? []) out.add(n.toLowerCase());
  return out;
}

/**
 * The page's own header names (lower-case), compared on the requests the page made (not on
 * preflights, which carry the browser's own `Accept-Language` etc.). Names the spec forbids and
 * `user-agent` are left out: the browser sends its own value there, which the engine does not model.
 */
function pageHeaderNames(s: Scenario): string[] {
  return [...new Set([s.request, ...(s.repeat?.requests ?? [])].flatMap((r) => r.headers ?? [])
    .filter(([n, v]) => !isForbiddenRequestHeader(n, v) && n.toLowerCase() !== 'user-agent')
    .map(([n]) => n.toLowerCase()))];
}

/** Console lines that are not about CORS (Firefox parses an XHR body as XML and complains). */
const CONSOLE_NOISE = [/^XML Parsing Error:/];

export function corsConsoleLines(lines: readonly string[]): string[] {
  return lines.filter((l) => !CONSOLE_NOISE.some((re) => re.test(l)));
}

function headerValue(headers: readonly HeaderPair[], name: string): string | null {
  const vs = headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
  return vs.length === 0 ? null : vs.join(', ');
}

/** The `name=value` cookies the scenario's page sets (`pageHeaders` Set-Cookie): the only ones the engine models. */
function scenarioCookies(s: Scenario): string[] {
  return (s.pageHeaders ?? [])
    .filter(([n]) => n.trim().toLowerCase() === 'set-cookie')
    .map(([, v]) => (v.split(';')[0] ?? '').trim());
}

/** A request reduced to what both sides model: method, URL and the modeled headers. */
export function comparableRequest(s: Scenario, r: { method: string; url: string; headers: readonly HeaderPair[] }): Record<string, string | null> {
  const preflight = r.headers.some(([n]) => n.toLowerCase() === 'access-control-request-method');
  const names = [...new Set([...MODELED_REQUEST_HEADERS, ...(preflight ? [] : pageHeaderNames(s))])].sort();
  // A proxy sees absolute-form URLs, userinfo included (WebKit sends it); an origin server never does.
  const out: Record<string, string | null> = { method: r.method, url: r.url.replace(/^(https?:\/\/)[^/@]*@/, '$1') };
  for (const n of names) out[n] = headerValue(r.headers, n);
  // Cookies: only whether the page's own cookies went out (the browser's jar also holds cookies
  // other scenarios' pages set, in an order that depends on timing).
  const cookies = scenarioCookies(s);
  if (cookies.length > 0) {
    const sent = (headerValue(r.headers, 'cookie') ?? '').split(';').map((c) => c.trim());
    const ours = cookies.filter((c) => sent.includes(c));
    out.cookie = ours.length === 0 ? null : ours.join('; ');
  }
  return out;
}

/** Every field in which the engine's run differs from the browser's. */
export function compareRun(s: Scenario, browser: ObservedRun, engine: DiagnosedRun): FieldDisagreement[] {
  const out: FieldDisagreement[] = [];
  const check = (field: Field, b: unknown, e: unknown): void => {
    if (JSON.stringify(b) !== JSON.stringify(e)) out.push({ field, browser: b, engine: e });
  };
  check('outcome', browser.outcome, engine.outcome);
  check('status', browser.status, engine.status);
  check('type', browser.type, engine.type);
  const declared = declaredResponseHeaders(s);
  check('exposedHeaders', browser.exposedHeaders.filter((h) => declared.has(h)).sort(), engine.exposedHeaders.filter((h) => declared.has(h)).sort());
  check('jsError', browser.jsError, engine.jsError);
  check('console', corsConsoleLines(browser.console), engine.console);
  const engineSent = engine.sent.map((r) => comparableRequest(s, r));
  const browserSent = browser.sent.map((r, i) => {
    const c = comparableRequest(s, r);
    for (const n of UA_DEFAULTED) if (n in c && (engineSent[i]?.[n] ?? null) === null) c[n] = null;
    return c;
  });
  check('sent', browserSent, engineSent);
  return out;
}
