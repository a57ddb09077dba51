import { allowedEverywhere, checkReport, type CheckReport } from '../analyze/check-report.js';
import { REAL_BROWSERS, isToken, type Api, type BrowserId, type CredentialsMode, type HeaderPair, type ScenarioRequest } from '../engine/index.js';
import { NetworkError, probe } from '../io/probe.js';
import { renderCheck } from '../render/check.js';
import { findingJson } from '../render/findings.js';
import { browsersFrom, CliError, styleFor, type Io } from './io.js';
import { fixesForScenarios, printFixes, stackFrom } from './fix.js';
import type { ParsedArgs } from './main.js';

/** What `corsight check` was asked to do, validated. */
export interface CheckInput {
  page: string;
  request: ScenarioRequest;
  browsers: BrowserId[];
  timeoutMs: number;
  insecure: boolean;
}

/** `--timeout 10`, `10s`, `500ms` → milliseconds (a bare number is seconds, as in curl). */
export function parseTimeout(v: string | boolean | undefined): number {
  if (v === undefined) return 10_000;
  const m = typeof v === 'string' ? /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(v.trim()) : null;
  if (m === null || Number(m[1]) <= 0) throw new CliError(`--timeout needs a positive duration such as 10, 2.5s or 500ms (got '${String(v)}')`);
  return Math.round(m[2] === 'ms' ? Number(m[1]) : Number(m[1]) * 1000);
}

/** `-H 'Name: value'` → a header pair, or a CliError naming the bad one. */
export function parseHeader(h: string): HeaderPair {
  const i = h.indexOf(':');
  const name = i < 0 ? h.trim() : h.slice(0, i).trim();
  if (i < 0 || !isToken(name)) throw new CliError(`-H needs 'Name: value' (got '${h}')`);
  return [name, h.slice(i + 1).trim()];
}

function str(v: string | boolean | undefined, flag: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new CliError(`${flag} needs a value`);
  return v;
}

/** Validates the command line of `corsight check` into a request. */
export function checkInput(args: ParsedArgs): CheckInput {
  const v = args.values;
  if (args.positionals.length !== 1) throw new CliError('check needs exactly one URL: corsight check URL --origin ORIGIN');
  const rawUrl = args.positionals[0]!;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new CliError(`'${rawUrl}' is not an absolute URL (e.g. http://127.0.0.1:8080/api/users)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`check probes http: and https: URLs only (got ${url.protocol})`);
  const origins = v['origin'] as unknown as string[] | undefined; // `multiple: true` (shared with fix)
  if (origins !== undefined && origins.length > 1) throw new CliError('check takes one --origin (the page making the request)');
  const origin = origins?.[0];
  if (origin === undefined) throw new CliError('check needs --origin ORIGIN: the origin of the page making the request (e.g. http://localhost:3000)');
  let page: URL;
  try {
    page = new URL(origin);
  } catch {
    throw new CliError(`--origin '${origin}' is not an origin (scheme://host[:port], e.g. http://localhost:3000)`);
  }
  if (page.origin === 'null') throw new CliError(`--origin '${origin}' has no tuple origin; use an http(s) origin`);
  const data = str(v['data'], '--data');
  const method = str(v['request'], '-X') ?? (data !== undefined ? 'POST' : 'GET');
  if (!isToken(method)) throw new CliError(`-X '${method}' is not a valid HTTP method`);
  const headerValues = v['header'] as unknown as string[] | undefined; // `multiple: true` option
  const headers = (headerValues ?? []).map(parseHeader);
  const credentials = str(v['credentials-mode'], '--credentials') ?? (v['credentials'] === true ? 'include' : 'same-origin');
  if (!['include', 'omit', 'same-origin'].includes(credentials)) throw new CliError(`--credentials must be include, same-origin or omit (got '${credentials}')`);
  const api = str(v['api'], '--api') ?? 'fetch';
  if (api !== 'fetch' && api !== 'xhr') throw new CliError(`--api must be fetch or xhr (got '${api}')`);
  const browserValue = v['browser'];
  const browsers = browserValue === undefined || browserValue === 'all' ? [...REAL_BROWSERS] : browsersFrom(browserValue);
  const request: ScenarioRequest = { api: api as Api, url: url.href, method };
  if (headers.length > 0) request.headers = headers;
  if (credentials !== 'same-origin') request.credentials = credentials as CredentialsMode;
  if (data !== undefined) request.body = data;
  const pagePath = page.pathname === '/' && page.search === '' ? `${page.origin}/` : page.href;
  return { page: pagePath, request, browsers, timeoutMs: parseTimeout(v['timeout']), insecure: v['insecure'] === true };
}

/** Probes and diagnoses; throws CliError for a network failure (exit 2). */
export async function runCheckInput(input: CheckInput): Promise<CheckReport> {
  try {
    const evidence = await probe({ page: input.page, request: input.request, browsers: input.browsers, timeoutMs: input.timeoutMs, insecure: input.insecure });
    return checkReport(evidence, input.browsers);
  } catch (e) {
    if (e instanceof NetworkError) throw new CliError(`network error, not a CORS error: ${e.message}`);
    throw e;
  }
}

/** The `--json` document: one object (the `simulate --json` per-browser shape, plus findings). */
export function checkJson(r: CheckReport): unknown {
  return {
    name: r.name, page: r.page, request: r.request, browsers: r.browsers, findings: r.findings.map(findingJson),
    exchanges: r.exchanges, unsent: r.unsent, reflection: r.reflection,
  };
}

/** `corsight check URL --origin ORIGIN`: exit 0 allowed in every selected browser, 1 blocked, 2 usage or network error. */
export async function runCheck(args: ParsedArgs, io: Io): Promise<number> {
  const input = checkInput(args);
  const fixFor = args.values['fix-for'] === undefined ? null : stackFrom(args.values['fix-for'], '--fix-for');
  const report = await runCheckInput(input);
  const allowed = allowedEverywhere(report);
  // --fix-for: the configuration that allows this request (page origin, method, headers, credentials).
  const fixes = fixFor === null ? [] : fixesForScenarios([{ scenario: { name: report.name, page: input.page, request: input.request }, blocked: !allowed }], fixFor, args.values);
  if (args.values['json']) {
    io.out(JSON.stringify(fixFor === null ? checkJson(report) : { ...(checkJson(report) as object), fixes }, null, 2));
  } else {
    io.out(renderCheck(styleFor(io, args.values), report, { verbose: args.values['verbose'] === true }));
    if (fixFor !== null && fixes.length === 0) io.out(`nothing is blocked: no ${fixFor} fix needed`);
    for (const f of fixes) {
      io.out(`\n── ${fixFor} fix ──`);
      if (f.fix) printFixes([f.fix], args, io);
      else io.out(f.reason ?? '');
    }
  }
  return allowed ? 0 : 1;
}
