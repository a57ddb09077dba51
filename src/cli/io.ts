import { ANSI, PLAIN, type Style } from '../render/style.js';
import { BROWSERS, type BrowserId } from '../engine/index.js';

/** Where the CLI writes; tests pass their own. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

/** A user mistake: printed as one line, exit status 2. */
export class CliError extends Error {}

/** ANSI only on a terminal, never with NO_COLOR (any value) or --no-color; --color forces it. */
export function styleFor(io: Io, values: Record<string, string | boolean | undefined>): Style {
  if (values['no-color']) return PLAIN;
  if (values['color']) return ANSI;
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return PLAIN;
  return io.isTTY ? ANSI : PLAIN;
}

/** `--browser chromium,firefox|all` → profiles, or a CliError naming the bad one. */
export function browsersFrom(value: string | boolean | undefined): BrowserId[] {
  if (value === undefined || value === 'all') return [...BROWSERS];
  if (typeof value !== 'string' || value === '') throw new CliError('--browser needs a value: chromium, firefox, webkit, spec or all');
  const out: BrowserId[] = [];
  for (const part of value.split(',').map((p) => p.trim().toLowerCase())) {
    if (part === 'all') return [...BROWSERS];
    const alias: Record<string, BrowserId> = { chrome: 'chromium', safari: 'webkit', gecko: 'firefox' };
    const b = (BROWSERS as readonly string[]).includes(part) ? (part as BrowserId) : alias[part];
    if (b === undefined) throw new CliError(`unknown browser '${part}' (use chromium, firefox, webkit, spec or all)`);
    if (!out.includes(b)) out.push(b);
  }
  return out;
}
