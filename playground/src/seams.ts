/**
 * Seams for parts of corsight that land from other branches: HAR analysis (`src/analyze/har-*.ts`)
 * and stack snippets (`src/fixgen/`). Vite's `import.meta.glob` bundles whatever modules exist at
 * build time; when none exists the glob is empty and the UI says the feature is coming — it never
 * invents a result.
 *
 * Contracts the playground expects (the integrator adapts this one file if the names differ):
 * - HAR: a module under src/analyze/ named `har*.ts` exporting `harScenarios(har: unknown): Scenario[]`
 *   (src/analyze/har-scenarios.ts: the pairing and judging of `corsight har`, on a parsed object).
 * - Stack snippets: a module under src/fixgen/ exporting
 *   `snippetsForFix(scenario: Scenario, fix: Fix): { stack: string; code: string }[]`.
 */
import type { Scenario } from '../../src/engine/index.js';
import type { Fix } from '../../src/diagnose/fix.js';

type HarModule = { harScenarios?: (har: unknown) => Scenario[] };
type FixgenModule = { snippetsForFix?: (s: Scenario, f: Fix) => { stack: string; code: string }[] };

const harModules = import.meta.glob<HarModule>(['../../src/analyze/har*.ts', '!../../src/analyze/*.test.ts'], { eager: true });
const fixgenModules = import.meta.glob<FixgenModule>(['../../src/fixgen/*.ts', '!../../src/fixgen/*.test.ts'], { eager: true });

const harScenarios = Object.values(harModules).find((m) => typeof m.harScenarios === 'function')?.harScenarios;
const snippetsForFix = Object.values(fixgenModules).find((m) => typeof m.snippetsForFix === 'function')?.snippetsForFix;

/** Whether HAR analysis is part of this build. */
export const HAR_AVAILABLE = harScenarios !== undefined;

/** The scenarios a HAR file replays (one per cross-origin request); throws if HAR analysis is not built in. */
export function scenariosFromHar(har: unknown): Scenario[] {
  if (harScenarios === undefined) throw new Error('HAR analysis is not part of this build');
  return harScenarios(har);
}

/** Config snippets for the fix, per stack; empty until the fix generators are built in. */
export function stackSnippets(s: Scenario, fix: Fix): { stack: string; code: string }[] {
  return snippetsForFix === undefined ? [] : snippetsForFix(s, fix);
}
