/**
 * Seams for parts of corsight that land from other branches: HAR analysis (`src/analyze/har-*.ts`)
 * and stack snippets (`src/fixgen/`). Vite's `import.meta.glob` bundles whatever modules exist at
 * build time; when none exists the glob is empty and the UI says the feature is coming — it never
 * invents a result.
 *
 * Contracts the playground expects (the integrator adapts this one file if the names differ):
 * - HAR: a module under src/analyze/ named `har*.ts` exporting
 *   `observationsFromHar(har: unknown): Observation[]` (src/analyze/exchange.ts), each observation
 *   then replayed with `scenarioFromObservation` — the same path `corsight har` takes.
 * - Stack snippets: a module under src/fixgen/ exporting
 *   `snippetsForFix(scenario: Scenario, fix: Fix): { stack: string; code: string }[]`.
 */
import type { Scenario } from '../../src/engine/index.js';
import type { Fix } from '../../src/diagnose/fix.js';
import { scenarioFromObservation, type Observation } from '../../src/analyze/exchange.js';

type HarModule = { observationsFromHar?: (har: unknown) => Observation[] };
type FixgenModule = { snippetsForFix?: (s: Scenario, f: Fix) => { stack: string; code: string }[] };

const harModules = import.meta.glob<HarModule>(['../../src/analyze/har*.ts', '!../../src/analyze/*.test.ts'], { eager: true });
const fixgenModules = import.meta.glob<FixgenModule>(['../../src/fixgen/*.ts', '!../../src/fixgen/*.test.ts'], { eager: true });

const observationsFromHar = Object.values(harModules).find((m) => typeof m.observationsFromHar === 'function')?.observationsFromHar;
const snippetsForFix = Object.values(fixgenModules).find((m) => typeof m.snippetsForFix === 'function')?.snippetsForFix;

/** Whether HAR analysis is part of this build. */
export const HAR_AVAILABLE = observationsFromHar !== undefined;

/** The scenarios a HAR file replays (one per cross-origin request); throws if HAR analysis is not built in. */
export function scenariosFromHar(har: unknown): Scenario[] {
  if (observationsFromHar === undefined) throw new Error('HAR analysis is not part of this build');
  return observationsFromHar(har).map((o) => scenarioFromObservation(o));
}

/** Config snippets for the fix, per stack; empty until the fix generators are built in. */
export function stackSnippets(s: Scenario, fix: Fix): { stack: string; code: string }[] {
  return snippetsForFix === undefined ? [] : snippetsForFix(s, fix);
}
