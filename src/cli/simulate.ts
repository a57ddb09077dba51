import { diagnoseScenario } from '../diagnose/report.js';
import { loadScenarioFile } from '../io/scenario-files.js';
import { renderHuman, renderSummary, type SimulatedFile } from '../render/human.js';
import { toJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { browsersFrom, CliError, styleFor, type Io } from './io.js';
import type { ParsedArgs } from './main.js';
import { fixesForScenarios, printFixes, stackFrom } from './fix.js';

/** Simulates files and prints them; exit 0 when nothing is blocked, 1 when something is. */
export async function simulateFiles(files: string[], args: ParsedArgs): Promise<{ code: number; results: SimulatedFile[] }> {
  const browsers = browsersFrom(args.values['browser']);
  const loaded = await Promise.all(files.map(loadScenarioFile));
  const errors = loaded.flatMap((l) => (l.ok ? [] : [l.error]));
  if (errors.length > 0) throw new CliError(errors.join('\ncorsight: '));
  const results: SimulatedFile[] = [];
  for (const l of loaded) {
    if (!l.ok) continue;
    for (const scenario of l.scenarios) results.push({ file: l.file, scenario, result: diagnoseScenario(scenario, browsers) });
  }
  const blocked = results.some(isBlocked);
  return { code: blocked ? 1 : 0, results };
}

/** True when some browser blocked or rejected some run of the scenario. */
function isBlocked(r: SimulatedFile): boolean {
  return Object.values(r.result.browsers).some((b) => b.runs.some((x) => x.outcome === 'blocked' || x.outcome === 'rejected'));
}

export function printResults(results: SimulatedFile[], args: ParsedArgs, io: Io): void {
  if (args.values['json']) {
    io.out(JSON.stringify(toJson(results), null, 2));
  } else if (args.values['markdown']) {
    io.out(results.map(renderMarkdown).join('\n\n'));
  } else {
    const st = styleFor(io, args.values);
    io.out(results.map((r) => renderHuman(st, r)).join('\n\n') + '\n');
    if (results.length > 1) io.out(renderSummary(st, results));
  }
}

export async function runSimulate(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length === 0) throw new CliError('simulate needs at least one scenario FILE (see docs/scenario-format.md)');
  const fixFor = args.values['fix-for'] === undefined ? null : stackFrom(args.values['fix-for'], '--fix-for');
  const { code, results } = await simulateFiles(args.positionals, args);
  if (fixFor === null) {
    printResults(results, args, io);
    return code;
  }
  // Only CORS blocks: a request the API rejected never reached a server a configuration could change.
  const corsBlocked = (r: SimulatedFile): boolean => Object.values(r.result.browsers).some((b) => b.runs.some((x) => x.outcome === 'blocked'));
  const fixes = fixesForScenarios(results.map((r) => ({ scenario: r.scenario, blocked: corsBlocked(r) })), fixFor, args.values);
  if (args.values['json']) {
    io.out(JSON.stringify({ results: toJson(results), fixes }, null, 2));
  } else {
    printResults(results, args, io);
    if (fixes.length === 0) io.out(`nothing is blocked: no ${fixFor} fix needed`);
    for (const f of fixes) {
      io.out(args.values['markdown'] ? `\n## Fix for ${f.scenario}\n` : `\n── fix for ${f.scenario} ──`);
      if (f.fix) printFixes([f.fix], args, io);
      else io.out(f.reason ?? '');
    }
  }
  return code;
}
