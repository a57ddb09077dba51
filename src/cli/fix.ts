/**
 * `corsight fix --stack STACK` (policy from `--policy FILE` or flags) and the `--fix-for STACK`
 * option of `simulate` and `explain`: the configuration that implements a policy on a stack.
 */
import { readFile } from 'node:fs/promises';
import type { RecognizedMessage } from '../diagnose/explain.js';
import type { Scenario } from '../engine/index.js';
import { FixgenError, findStack, needsInsecureOriginSwitch, policyForScenario, renderPolicy, STACKS, type RenderedFix } from '../fixgen/index.js';
import type { PolicyConfig } from '../policy/config.js';
import { formatProblem } from '../policy/errors.js';
import { renderFixMarkdown, renderFixText, renderStackList } from '../render/fix-snippet.js';
import { CliError, styleFor, type Io } from './io.js';
import type { ParsedArgs } from './main.js';

type Values = ParsedArgs['values'];

const list = (v: string | boolean | undefined | string[]): string[] =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');

/** The stack named by `--stack`/`--fix-for`, or a CliError listing the known ones. */
export function stackFrom(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new CliError(`${flag} needs a stack (see corsight fix --list)`);
  const gen = findStack(value);
  if (gen === null) throw new CliError(`unknown stack '${value}' (see corsight fix --list)`);
  return gen.id;
}

/** Policy flags layered over a base policy (flags win; lists are added). */
export function policyFromFlags(values: Values, base: Partial<PolicyConfig> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  // `--origin` is repeatable: parseArgs gives an array (ParsedArgs types values as scalars).
  const origins = list(values['origin'] as unknown as string[] | undefined);
  if (origins.length) out['origins'] = [...new Set([...(base.origins ?? []), ...origins])];
  const mode = values['credentials-mode'];
  if (mode !== undefined && !['include', 'omit', 'same-origin'].includes(String(mode))) {
    throw new CliError(`--credentials takes no value here (or include, same-origin, omit; got '${String(mode)}')`);
  }
  if (values['credentials'] === true || mode === 'include') out['credentials'] = true;
  const add = (key: 'methods' | 'requestHeaders' | 'exposeHeaders', flag: string): void => {
    const xs = list(values[flag]);
    if (xs.length) out[key] = [...new Set([...(base[key] ?? []), ...xs])];
  };
  add('methods', 'methods');
  add('requestHeaders', 'headers');
  add('exposeHeaders', 'expose');
  const age = values['max-age'];
  if (age !== undefined) {
    if (typeof age !== 'string' || !/^[0-9]+$/.test(age)) throw new CliError(`--max-age needs a number of seconds, got '${String(age)}'`);
    out['maxAge'] = Number(age);
  }
  return out;
}

async function loadPolicyFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read policy file '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new CliError(`policy file '${file}' is not a JSON policy object: ${(e as Error).message.split('\n')[0]}`);
  }
}

/**
 * renderPolicy with its errors as CliErrors: an invalid policy prints the policy compiler's
 * problems, every one, one `corsight: option: value reason [CODE]` line each.
 */
export function renderOrFail(policy: unknown, stack: string): RenderedFix {
  try {
    return renderPolicy(policy, stack);
  } catch (e) {
    if (!(e instanceof FixgenError)) throw e;
    if (e.problems.length === 0) throw new CliError(e.message);
    // main() prefixes the first line with `corsight: `; formatProblem starts every line with it.
    throw new CliError(e.problems.map(formatProblem).join('\n').slice('corsight: '.length));
  }
}

export function printFixes(fixes: RenderedFix[], args: ParsedArgs, io: Io): void {
  if (args.values['markdown']) io.out(fixes.map(renderFixMarkdown).join('\n'));
  else {
    const st = styleFor(io, args.values);
    io.out(fixes.map((f) => renderFixText(st, f)).join('\n\n'));
  }
}

/** `corsight fix`. Exit 0 with the snippet, 2 for bad input. */
export async function runFix(args: ParsedArgs, io: Io): Promise<number> {
  if (args.values['list']) {
    io.out(args.values['json'] ? JSON.stringify(STACKS.map((s) => ({ id: s.id, group: s.group, title: s.title })), null, 2) : renderStackList(STACKS));
    return 0;
  }
  if (args.positionals.length > 0) throw new CliError(`fix takes no positional arguments (got '${args.positionals[0]}'); use --policy FILE or --origin`);
  const stack = stackFrom(args.values['stack'], '--stack');
  const file = args.values['policy'];
  if (file !== undefined && (typeof file !== 'string' || file === '')) throw new CliError('--policy needs a JSON file');
  const base = typeof file === 'string' ? await loadPolicyFile(file) : {};
  const policy = policyFromFlags(args.values, base as Partial<PolicyConfig>);
  // A policy file without origins is refused by the policy compiler, with its other problems.
  if (typeof file !== 'string' && policy['origins'] === undefined) throw new CliError('fix needs a policy: --policy FILE.json or at least one --origin');
  const fix = renderOrFail(policy, stack);
  if (args.values['json']) io.out(JSON.stringify(fix, null, 2));
  else printFixes([fix], args, io);
  return 0;
}

/** One `simulate --fix-for` answer: the fix, or why no server configuration can fix the scenario. */
export interface ScenarioFix {
  scenario: string;
  fix: RenderedFix | null;
  reason?: string;
}

/** The fix for each scenario some browser blocked (`simulate --fix-for`). */
export function fixesForScenarios(scenarios: { scenario: Scenario; blocked: boolean }[], stack: string, values: Values): ScenarioFix[] {
  const out: ScenarioFix[] = [];
  for (const { scenario, blocked } of scenarios) {
    if (!blocked) continue;
    const name = scenario.name ?? scenario.request.url;
    try {
      out.push({ scenario: name, fix: renderPolicy(policyFromFlags(values, policyForScenario(scenario)), stack) });
    } catch (e) {
      // A page-side problem (an opaque origin, a forbidden method...): no server config fixes it.
      if (!(e instanceof FixgenError)) throw e;
      const why = e.problems.length ? e.problems.map((p) => `${p.option}: ${JSON.stringify(p.value)} ${p.reason}`).join('; ') : e.message;
      out.push({ scenario: name, fix: null, reason: `no ${stack} configuration fixes this: ${why}` });
    }
  }
  return out;
}

const SAFE = ['GET', 'HEAD', 'POST'];

/** The policy a recognized console message asks for (`explain --fix-for`), with flags layered on. */
export function policyForMessages(messages: RecognizedMessage[], values: Values): Record<string, unknown> {
  const base: { origins: string[]; credentials?: boolean; methods: string[]; requestHeaders: string[] } = { origins: [], methods: [], requestHeaders: [] };
  for (const m of messages) {
    if (m.origin !== undefined && m.origin !== 'null' && !base.origins.includes(m.origin)) base.origins.push(m.origin);
    if (m.method !== undefined && !SAFE.includes(m.method.toUpperCase())) base.methods.push(m.method.toUpperCase());
    if (m.header !== undefined && (m.code === 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE' || m.code === 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE')) base.requestHeaders.push(m.header.toLowerCase());
    if (m.code !== null && /CREDENTIALS|WILDCARD_ORIGIN/.test(m.code)) base.credentials = true;
  }
  const policy = policyFromFlags(values, base);
  // An http: page other than loopback, credentialed: the policy compiler needs the explicit switch.
  if (needsInsecureOriginSwitch(policy['origins'] as string[], policy['credentials'] === true)) policy['dangerouslyAllowInsecureOrigins'] = true;
  if ((policy['origins'] as string[]).length === 0) {
    throw new CliError("the message does not name the page's origin: add --origin https://your-page.example");
  }
  return policy;
}
