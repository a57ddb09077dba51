/**
 * Stack snippets for a diagnosed failure: the minimal policy that allows the scenario's request,
 * rendered for every stack. The playground shows them next to the header fix.
 */
import type { Fix } from '../diagnose/fix.js';
import type { Scenario } from '../engine/index.js';
import { policyForScenario } from './from-scenario.js';
import { renderPolicy, STACKS } from './index.js';
import { FixgenError } from './types.js';

export interface StackSnippet {
  /** Human name of the stack, e.g. `nginx`. */
  stack: string;
  /** Ready to paste: the file's content (several files are separated by a line naming each). */
  code: string;
}

/**
 * The configuration, per stack, that makes the scenario's request pass — only when the fix is a
 * change to the server's responses (a change to the page's request has no server config).
 *
 * @example
 * snippetsForFix(scenario, findFix(scenario)!).find((x) => x.stack === 'nginx')?.code
 */
export function snippetsForFix(s: Scenario, fix: Fix): StackSnippet[] {
  if (!fix.changes.some((c) => c.kind !== 'request')) return [];
  let policy;
  try {
    policy = policyForScenario(s);
  } catch (e) {
    if (e instanceof FixgenError) return [];
    throw e;
  }
  try {
    return STACKS.map((gen) => {
      const r = renderPolicy(policy, gen.id);
      const code = r.files.length === 1 ? r.files[0]!.content : r.files.map((f) => `── ${f.path} ──\n${f.content}`).join('\n\n');
      return { stack: r.title, code };
    });
  } catch (e) {
    // A request no server policy may allow (a forbidden method...): the policy compiler refuses it.
    if (e instanceof FixgenError) return [];
    throw e;
  }
}
