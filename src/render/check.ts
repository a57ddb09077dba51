/**
 * `corsight check` output: the per-browser verdicts in the `simulate` house style (the browsers'
 * own words, cause, `help:`), then the root causes named from the server's answers, the request no
 * browser would send, and with `--verbose` the raw exchanges.
 */
import type { CheckReport } from '../analyze/check-report.js';
import type { Exchange } from '../analyze/exchange.js';
import type { Finding } from '../analyze/findings.js';
import { findingText } from './findings.js';
import { renderHuman } from './human.js';
import type { Style } from './style.js';

function statusOf(x: Exchange): string {
  if (x.response === null) return x.error ?? 'no answer';
  return `${x.response.status}${x.response.statusText ? ` ${x.response.statusText}` : ''}`;
}

function corsHeaders(x: Exchange): string {
  if (x.response === null) return '';
  const cors = x.response.headers.filter(([n]) => /^(access-control-|vary$|location$)/i.test(n));
  return cors.length === 0 ? 'no CORS headers' : cors.map(([n, v]) => `${n}: ${v}`).join(', ');
}

function forBrowsers(x: Exchange): string {
  const b = x.browsers ?? [];
  if (b.length === 0) return '';
  if (b.length === 1) return ` for ${b[0]}`;
  return ` for ${b.join(', ')} (identical CORS headers; User-Agent etc. of ${b[0]})`;
}

/** One finding: `cause[CODE]: title`, `= detail`, `help:` lines. */
export function renderFinding(st: Style, f: Finding): string {
  const label = f.severity === 'error' ? st.red(st.bold(`cause[${f.code}]`)) : st.yellow(st.bold(`warning[${f.code}]`));
  const { title, detail, help } = findingText(f);
  const out = [`${label}${st.bold(`: ${title}`)}`, `  ${st.cyan('=')} ${detail}`];
  help.forEach((h, i) => out.push(i === 0 ? `${st.green(st.bold('help'))}: ${h}` : `      ${h.startsWith('(') ? st.dim(h) : st.green(h)}`));
  return out.join('\n');
}

/** The raw exchange, curl `-v` style (`>` sent, `<` received). */
export function renderExchange(st: Style, x: Exchange, label: string): string {
  const u = new URL(x.request.url);
  const out = [st.dim(`* ${label}${x.startedMs !== undefined ? ` (t = ${x.startedMs} ms)` : ''}`)];
  out.push(`> ${x.request.method} ${u.pathname}${u.search} HTTP/1.1`);
  if (!x.request.headers.some(([n]) => n.toLowerCase() === 'host')) out.push(`> Host: ${u.host}`);
  for (const [n, v] of x.request.headers) out.push(`> ${n}: ${v}`);
  if (x.response === null) out.push(`< (${x.error ?? 'no answer'})`);
  else {
    out.push(`< HTTP/1.1 ${statusOf(x)}`);
    for (const [n, v] of x.response.headers) out.push(`< ${n}: ${v}`);
  }
  return out.join('\n');
}

/** The last line: where it is allowed or blocked, and how many root causes were named. */
export function verdictLine(st: Style, r: CheckReport): string {
  const entries = Object.entries(r.browsers);
  const bad = entries.filter(([, b]) => b.runs.some((x) => x.outcome === 'blocked' || x.outcome === 'rejected')).map(([n]) => n);
  const good = entries.filter(([n]) => !bad.includes(n)).map(([n]) => n);
  const parts: string[] = [];
  if (bad.length > 0) parts.push(st.red(st.bold(`blocked in ${bad.join(', ')}`)));
  if (good.length > 0) parts.push(st.green(st.bold(`allowed in ${good.join(', ')}`)));
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.length - errors;
  const named: string[] = [];
  if (errors > 0) named.push(`${errors} root cause${errors === 1 ? '' : 's'}`);
  if (warnings > 0) named.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return `${st.bold('verdict')}: ${parts.join('; ')}${named.length > 0 ? st.dim(` (${named.join(', ')} above)`) : ''}`;
}

/**
 * The human report of one check.
 *
 * @example
 * renderCheck(PLAIN, report, { verbose: false })
 */
export function renderCheck(st: Style, r: CheckReport, opts: { verbose?: boolean } = {}): string {
  const out: string[] = [];
  const origin = new URL(r.page).origin;
  out.push(renderHuman(st, { file: `probed live, Origin: ${origin}`, scenario: r.scenario, result: { name: r.name, browsers: r.browsers } }));
  if (r.unsent !== null) {
    const x = r.exchanges[r.unsent]!;
    out.push('');
    out.push(`${st.bold('note')}: no browser sends the ${x.request.method} after this preflight; corsight sent it anyway to show the whole picture:`);
    out.push(`      ${x.request.method} ${x.request.url} → ${statusOf(x)}  ${st.dim(`(${corsHeaders(x)})`)}`);
  }
  if (r.findings.length > 0) {
    out.push('');
    out.push(st.bold('root causes, from what the server answered:'));
    for (const f of r.findings) out.push(renderFinding(st, f));
  }
  out.push('');
  out.push(verdictLine(st, r));
  if (opts.verbose) {
    out.push('');
    out.push(st.bold('exchanges:'));
    r.exchanges.forEach((x, i) => {
      const kind = x.unsent ? 'not sent by the browser, probed anyway' : `${x.preflight ? 'preflight' : 'request'}${forBrowsers(x)}`;
      out.push(renderExchange(st, x, `#${i + 1} ${kind}`));
    });
    if (r.reflection !== null) {
      out.push(renderExchange(st, r.reflection.exchange, `reflection test: #${r.reflection.of + 1} again with another Origin`));
    }
  }
  return out.join('\n');
}
