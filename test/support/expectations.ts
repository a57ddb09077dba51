import type { BrowserId } from '../../src/engine/index.js';
import type { DiagnosedRun } from '../../src/diagnose/report.js';

/** A run expectation of a test table (docs/test-expectations.md). */
export interface RunExpectation {
  outcome?: string;
  status?: number | null;
  type?: string | null;
  exposedHeaders?: string[];
  jsError?: string | null;
  code?: string | null;
  console?: string[];
  preflight?: boolean;
  sentCount?: number;
  sent?: { method?: string; url?: string; headers?: [string, string | null][] }[];
  preflightCached?: boolean;
  runs?: RunExpectation[];
}

export type Expect = Partial<Record<BrowserId | 'all', RunExpectation>>;

/** The expectation for one profile: `all` overridden field by field by the profile's own key. */
export function expectationFor(expect: Expect | undefined, browser: BrowserId): RunExpectation | null {
  if (expect === undefined) return null;
  const all = expect.all;
  const own = expect[browser];
  if (all === undefined && own === undefined) return null;
  const merged: RunExpectation = { ...(all ?? {}), ...(own ?? {}) };
  if (all?.runs !== undefined || own?.runs !== undefined) {
    const n = Math.max(all?.runs?.length ?? 0, own?.runs?.length ?? 0);
    merged.runs = Array.from({ length: n }, (_, i) => ({ ...(all?.runs?.[i] ?? {}), ...(own?.runs?.[i] ?? {}) }));
  }
  return merged;
}

/** Every mismatch between a run and its expectation, as readable lines (empty = pass). */
export function mismatches(run: DiagnosedRun, e: RunExpectation): string[] {
  const out: string[] = [];
  const eq = (field: string, actual: unknown, expected: unknown): void => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      out.push(`${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
  };
  if (e.outcome !== undefined) eq('outcome', run.outcome, e.outcome);
  if (e.status !== undefined) eq('status', run.status, e.status);
  if (e.type !== undefined) eq('type', run.type, e.type);
  if (e.exposedHeaders !== undefined) eq('exposedHeaders', run.exposedHeaders, [...e.exposedHeaders].sort());
  if (e.jsError !== undefined) eq('jsError', run.jsError, e.jsError);
  if (e.code !== undefined) eq('code', run.code, e.code);
  if (e.console !== undefined) eq('console', run.console, e.console);
  if (e.preflight !== undefined) eq('preflight', run.sent.some((s) => s.method === 'OPTIONS' && isPreflight(s)), e.preflight);
  if (e.sentCount !== undefined) eq('sentCount', run.sent.length, e.sentCount);
  if (e.preflightCached !== undefined) eq('preflightCached', run.preflightCached, e.preflightCached);
  e.sent?.forEach((want, i) => {
    const got = run.sent[i];
    if (got === undefined) {
      out.push(`sent[${i}]: expected a request, none was sent`);
      return;
    }
    if (want.method !== undefined) eq(`sent[${i}].method`, got.method, want.method);
    if (want.url !== undefined) eq(`sent[${i}].url`, got.url, want.url);
    for (const [name, value] of want.headers ?? []) {
      const values = got.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
      const actual = values.length === 0 ? null : values.join(', ');
      eq(`sent[${i}].headers[${name}]`, actual, value);
    }
  });
  return out;
}

function isPreflight(s: { headers: [string, string][] }): boolean {
  return s.headers.some(([n]) => n.toLowerCase() === 'access-control-request-method');
}
